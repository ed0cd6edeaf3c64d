/**
 * The quick check: a small, exact test that a feed is already in the shape
 * `normaliseFeed` would give it, so the browser can use it as it is and never
 * load the normaliser (its exact messages are most of its size).
 *
 * Its promise: when `quickFeed` gives data, `normaliseFeed` on the same input
 * gives the same data (deep-equal) and no problems at all. So it accepts only
 * what the normaliser keeps untouched: text already trimmed, not empty and within
 * TEXT_LIMITS; links already http, https, mailto, tel or relative; dates, times,
 * postcodes, opening hours and sessions the normaliser reads as written; UK
 * coordinates; exact enumerated values; unique ids and list items; no nulls or
 * empty lists where the normaliser would drop them (an empty contact, cost or
 * location it leaves out without a word, and so does this). Anything else
 * (one listing is enough) returns undefined, and the caller runs the normaliser,
 * which repairs, skips and reports with exact messages. Rejecting a good feed
 * only costs time; accepting one the normaliser would change would be a bug,
 * so `packages/core/test/quick.test.ts` checks the promise on the fixtures and
 * thousands of mutations of them.
 *
 * Each field's shape is a rule: it gives the value the normaliser would keep or
 * throws. Objects are rebuilt in the normaliser's key order with only the keys it
 * reads, so unknown fields are left out just as it leaves them out.
 */
import type { AtlasData, AtlasListing } from './normalised.js';
import type { NormaliseOptions } from './normalise.js';
import {
  DEFAULT_TRANSFER_STAGE_IDS, LISTING_KINDS, TRANSFER_ASSET_TYPES, TRANSFER_STATUSES, WEEKDAYS,
  type Publisher, type Session, type StageDefinition,
} from './types.js';
import { ACV_STATUSES, COST_PER, DELIVERY_MODES, EMAIL_PATTERN, GENDERS, ID_PATTERN, LONG_LENGTH, MAX_AGE, MAX_COST, MAX_LEASE_YEARS, MAX_PRICE, MAX_RADIUS_METRES, NAME_LENGTH, REFERRAL_ROUTES, SUMMARY_LENGTH, TENURES, TERMS, UK_EAST, UK_NORTH, UK_SOUTH, UK_WEST, WORD_LENGTH } from './rules.js';
import { isClockTime, isIsoDate, isIsoDateOrDateTime, isSafeUrl, slugify } from './values.js';
import { parseOpeningHours } from '../schedule/index.js';
import { isUsableSession } from '../schedule/session.js';
import { runSliced, runWhole } from './slices.js';

type Obj = Record<string, unknown>;
/** Gives the value the normaliser keeps for `value`, or throws. `keep`: a listing's list, `[]` when absent. */
type Rule = ((value: unknown) => unknown) & { keep?: boolean };

const no = (): never => {
  throw 0;
};
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const is = (test: (v: unknown) => unknown): Rule => (v) => (test(v) ? v : no());

// What one call reads against: set by quickFeed before the listings are walked.
let base: string | undefined;
let stageLists: Record<string, StageDefinition[]> = {};
let seen = new Set<unknown>();
let publisherId = '';
/**
 * What was found of sessions and opening hours written the same earlier in the
 * feed: a town's weekly sessions and hours repeat a lot, and reading a rule is
 * most of what checking a listing costs. Only what the text decides is kept
 * (whether the finder can use it), so the answer is the same as reading each.
 */
let usable = new Map<string, boolean>();
/** The same, for sessions without exceptions: by rule, by start, then [end, date, until, usable] four at a time. */
let usableByRule = new Map<string | undefined, Map<string, unknown[]>>();
/** Dates and opening hours already read in this feed, by their text: most listings share a verified date and their hours. */
let dates = new Map<unknown, boolean>();
let dateTimes = new Map<unknown, boolean>();
let hoursRead = new Map<unknown, boolean>();
/**
 * Values already given in this check, by what they are made of: for each kind,
 * a tree of maps, one level per part, and the value at the end. At most
 * MAX_TWIN_NODES maps, so a feed whose sessions and hours all differ costs no
 * more than a bounded table.
 */
interface Twins {
  sessions: Map<unknown, unknown>;
  lists: Map<unknown, unknown>;
  hours: Map<unknown, unknown>;
  nodes: number;
}
const MAX_TWIN_NODES = 4096;
const noTwins = (): Twins => ({ sessions: new Map(), lists: new Map(), hours: new Map(), nodes: 0 });
/** This check's `Twins` (see `twin`). */
let twins: Twins = noTwins();

/** Text kept as written: trimmed, not empty, within the limit (numbers are turned into text by the normaliser, so not here). */
const str = (limit: number): Rule => is((v) => typeof v === 'string' && v && v.trim() === v && v.length <= limit);
/** A string, or a map of language to string, every one kept as written. */
const text = (limit: number): Rule => {
  const one = str(limit);
  return (v) => {
    if (!isObject(v)) return one(v);
    if (Object.getPrototypeOf(v) !== Object.prototype) return rebuilt(v);
    // Every language's text kept as written: the map itself is what the normaliser gives.
    let any = false;
    for (const lang in v) {
      if (lang === '__proto__' || !Object.hasOwn(v, lang)) return rebuilt(v);
      one(v[lang]);
      any = true;
    }
    return any ? v : no();
  };
  function rebuilt(v: Obj): Obj {
    const out: Obj = {};
    for (const [lang, s] of Object.entries(v)) out[lang] = one(s);
    return Object.keys(out).length ? out : no();
  }
};
const num = (min: number, max = Infinity): Rule => is((v) => Number.isFinite(v) && (v as number) >= min && (v as number) <= max);
const oneOf = (values: readonly unknown[]): Rule => is((v) => values.includes(v));
const url: Rule = (v) => {
  if (typeof v !== 'string' || v.trim() !== v || !isSafeUrl(v)) no();
  // Resolved exactly as the normaliser resolves a relative link.
  if (base && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v as string)) {
    try {
      return new URL(v as string, base).href;
    } catch {
      return v;
    }
  }
  return v;
};
/** A list (a lone string is a list of one, as the normaliser reads it) with no repeats; empty only where `keep`. */
const list = (rule: Rule, keep = false): Rule => {
  const walk: Rule = (v) => {
    const items = typeof v === 'string' ? [v] : Array.isArray(v) ? v : no();
    // The list as given when every item is kept as it is (the usual case): no copy to make and collect.
    let i = 0;
    if (items === v) {
      for (; i < items.length; i++) {
        const item = items[i];
        if (rule(item) !== item || item === undefined || !Object.hasOwn(items, i)) break;
        for (let j = 0; j < i; j++) if (items[j] === item) no();
      }
      if (i === items.length) return items.length || keep ? items : no();
    }
    const out: unknown[] = [];
    for (i = 0; i < items.length; i++) {
      const item = rule(items[i]);
      out.push(item === undefined || out.includes(item) ? no() : item);
    }
    return out.length || keep ? out : no();
  };
  walk.keep = keep;
  return walk;
};
/**
 * What an object's own keys, in their order, mean to one rule of `obj`: found
 * once per order of keys rather than key by key for every object (a feed's
 * listings and their parts are written with a handful of key orders).
 */
interface Shape {
  /** The rule's fields to read, in the rule's order: the object's own keys it knows, and the `keep` lists. */
  read: number[];
  /** Only known keys, in the rule's order, no `keep` list missing: the object may be what the normaliser gives. */
  inOrder: boolean;
}
/** Orders of keys seen by one rule, one key per step (a tree: no text to build per object). */
interface Seen {
  next: Map<string, Seen>;
  shape?: Shape;
}
/** Orders of keys one rule remembers at most (steps of its tree): a feed with keys of its own everywhere is read key by key. */
const MAX_SEEN = 4096;
/** Sets of keys one rule keeps a ready-made object for (see `templates` in `obj`). */
const MAX_TEMPLATES = 64;
/** Every field name an `obj` rule reads (see `plainObjects`). */
const fieldNames = new Set<string>();
/**
 * Whether a plain object's own keys are all that reading it can see: nothing
 * enumerable added to Object.prototype, and no field name found there. Then the
 * fields an object does not have are undefined, and its order of keys says
 * which fields to read. Set when a check starts.
 */
let plainObjects = false;
const objectPrototypeIsPlain = (): boolean => {
  for (const _ in Object.prototype) return false;
  for (const name of fieldNames) if (name in Object.prototype) return false;
  return true;
};

/**
 * An object of known fields, rebuilt in order, passing `check` when given. One
 * left with no fields is undefined: the normaliser leaves out an empty contact,
 * cost or location without a word.
 */
const obj = (fields: Record<string, Rule>, check?: (o: Obj) => unknown, seed?: () => Obj): Rule => {
  const keys = Object.keys(fields);
  const rules = Object.values(fields);
  for (const key of keys) fieldNames.add(key);
  const every = keys.map((_, i) => i);
  const orders: Seen = { next: new Map() };
  let steps = 0;
  const shapeFor = (own: string[]): Shape => {
    const at = own.map((key) => keys.indexOf(key));
    const known = at.filter((i) => i >= 0);
    const inOrder = known.length > 0 && known.length === own.length && known.every((i, k) => k === 0 || i > known[k - 1]!)
      && rules.every((rule, i) => !rule.keep || known.includes(i));
    return { read: every.filter((i) => known.includes(i) || rules[i]!.keep), inOrder };
  };
  /** `v`'s shape, when `v` is a plain object (and plainObjects holds), else undefined. */
  const shapeOf = (v: Obj): Shape | undefined => {
    if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
    let at = orders;
    for (const key in v) {
      let next = at.next.get(key);
      if (!next) {
        if (steps >= MAX_SEEN) return undefined;
        steps++;
        at.next.set(key, (next = { next: new Map() }));
      }
      at = next;
    }
    return (at.shape ??= shapeFor(Object.keys(v)));
  };
  /**
   * Objects with the seed's keys and then those of the rules kept (bit i for
   * rule i), each made by JSON.parse, which gives an object its fields in
   * itself: one is copied for each object rebuilt with the same keys. Added one
   * by one under names read from a list, a listing's twenty-odd fields made it
   * a dictionary (the engine then slow to read it, and three times the memory
   * to collect). At most MAX_TEMPLATES per rule; past that, or for a rule of
   * more fields than a mask holds, objects are built field by field.
   */
  const templates = keys.length <= 30 ? new Map<number, Obj>() : undefined;
  /** The seed's own keys (never one found on Object.prototype). */
  const seedKeys = seed ? Object.keys(seed()) : [];
  /** What a rebuild found, by position in `read`; a rule never holds itself, so one at a time (`busy` guards it). */
  const found: unknown[] = [];
  let busy = false;
  const fieldByField = (v: Obj, read: readonly number[]): Obj | undefined => {
    const out = seed ? seed() : {};
    let kept = 0;
    for (let k = 0; k < read.length; k++) {
      const i = read[k]!;
      const value = v[keys[i]!];
      const rule = rules[i]!;
      const x = value !== undefined ? rule(value) : rule.keep ? [] : undefined;
      if (x !== undefined) {
        out[keys[i]!] = x;
        kept++;
      }
    }
    return !check || check(out) ? (kept ? out : undefined) : no();
  };
  /** The object rebuilt from the fields `read` (rule indexes, in order), or undefined when none is kept. */
  const rebuild = (v: Obj, read: readonly number[]): Obj | undefined => {
    if (!templates || busy) return fieldByField(v, read);
    busy = true;
    let mask = 0;
    try {
      for (let k = 0; k < read.length; k++) {
        const i = read[k]!;
        const value = v[keys[i]!];
        const rule = rules[i]!;
        const x = value !== undefined ? rule(value) : rule.keep ? [] : undefined;
        found[k] = x;
        if (x !== undefined) mask |= 1 << i;
      }
    } finally {
      busy = false;
    }
    const start = seed ? seed() : undefined;
    let template = templates.get(mask);
    if (!template && mask && templates.size < MAX_TEMPLATES) {
      const fields: Obj = {};
      for (const key of seedKeys) fields[key] = null;
      for (let i = 0; i < keys.length; i++) if (mask & (1 << i)) fields[keys[i]!] = null;
      templates.set(mask, (template = JSON.parse(JSON.stringify(fields)) as Obj));
    }
    let out: Obj;
    if (template) {
      out = { ...template };
      if (start) for (let s = 0; s < seedKeys.length; s++) out[seedKeys[s]!] = start[seedKeys[s]!];
    } else {
      out = start ?? {};
    }
    for (let k = 0; k < read.length; k++) {
      const x = found[k];
      if (x !== undefined) out[keys[read[k]!]!] = x;
    }
    return !check || check(out) ? (mask ? out : undefined) : no();
  };
  /**
   * `v` itself when the rebuilt object would have the same keys in the same
   * order with the same values (the usual case for a feed already normalised):
   * no copy to make and collect. Undefined when it would not (rebuild it).
   */
  const asGiven = (v: Obj): Obj | undefined => {
    if (Object.getPrototypeOf(v) !== Object.prototype) return undefined;
    let next = 0;
    let count = 0;
    for (const key in v) {
      let i = next;
      while (i < keys.length && keys[i] !== key) i++;
      // A field not read, out of order, or inherited: the rebuilt object leaves it out or orders it.
      if (i === keys.length || !Object.hasOwn(v, key)) return undefined;
      for (let j = next; j < i; j++) if (rules[j]!.keep) return undefined;
      const value = v[key];
      if (value === undefined || rules[i]!(value) !== value) return undefined;
      next = i + 1;
      count++;
    }
    for (let j = next; j < keys.length; j++) if (rules[j]!.keep) return undefined;
    if (!count) return undefined;
    return !check || check(v) ? v : no();
  };
  return (v) => {
    if (!isObject(v)) return no();
    const shape = plainObjects ? shapeOf(v) : undefined;
    if (!shape) return (seed ? undefined : asGiven(v)) ?? rebuild(v, every);
    if (!seed && shape.inOrder) {
      const read = shape.read;
      let k = 0;
      for (; k < read.length; k++) {
        const i = read[k]!;
        const value = v[keys[i]!];
        if (value === undefined || rules[i]!(value) !== value) break;
      }
      if (k === read.length) return !check || check(v) ? v : no();
    }
    return rebuild(v, shape.read);
  };
};
/** An object of entries keyed by the feed (stage lists, gazetteer tables), possibly empty. */
const table = (rule: Rule): Rule => (v) => {
  if (!isObject(v)) no();
  const out: Obj = {};
  for (const [key, value] of Object.entries(v as Obj)) out[key === '__proto__' ? no() : key] = rule(value);
  return out;
};

const word = str(WORD_LENGTH);
const name = text(NAME_LENGTH);
const summary = text(SUMMARY_LENGTH);
const long = text(LONG_LENGTH);
const words = list(word, true);
/** `test`, read once per value in a check (`seenIn` is cleared when the check ends). */
const memo = (test: (v: unknown) => boolean, seenIn: () => Map<unknown, boolean>): Rule => (v) => {
  const seen = seenIn();
  let ok = seen.get(v);
  if (ok === undefined) seen.set(v, (ok = test(v)));
  return ok ? v : no();
};
const date = memo(isIsoDate, () => dates);
const dateTime = memo(isIsoDateOrDateTime, () => dateTimes);
const money = num(0);
const id = is((v) => typeof v === 'string' && ID_PATTERN.test(v));
const labelled = obj({ id: word, label: name }, (o) => o.id && o.label);
/**
 * Exactly the postcodes `normalisePostcode` gives back unchanged: the postcode
 * package's pattern in its normal spelling (capitals, one space). Written out
 * here so the first chunk does without the package.
 */
const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/;
// Inside the UK box the normaliser neither swaps, drops nor questions a position.
const lat = num(UK_SOUTH, UK_NORTH);
const lng = num(UK_WEST, UK_EAST);
const bothOrNeither = (o: Obj): boolean => ('lat' in o) === ('lng' in o);
/** `depth` levels of lists ending in [longitude, latitude] pairs on the globe: the normaliser's outline rule (normaliser/location.ts). */
const corners = (c: unknown, depth: number): boolean =>
  Array.isArray(c) && (depth ? c.every((x) => corners(x, depth - 1)) : c.length === 2 && c.every((v, i) => typeof v === 'number' && Math.abs(v) <= (i ? 90 : 180)));

/** The next level of a tree of `Twins` for `part` (undefined once the maps are all used). */
function twinNode(at: Map<unknown, unknown> | undefined, part: unknown): Map<unknown, unknown> | undefined {
  if (!at) return undefined;
  let next = at.get(part) as Map<unknown, unknown> | undefined;
  if (!next) {
    if (twins.nodes >= MAX_TWIN_NODES) return undefined;
    twins.nodes++;
    at.set(part, (next = new Map()));
  }
  return next;
}
/**
 * The value given earlier in this check at the end of the same parts (`at`,
 * then `last`), or `value`, kept for the next. Sessions, schedules and opening
 * hours written the same are then one object: they are the same data (the parts
 * decide the object: the same keys in the same order with the same values), the
 * listings hold fewer objects, and the engine puts such listings in one schedule
 * group by the objects alone, without writing them out as JSON (engine/core.ts).
 */
function twin<T>(at: Map<unknown, unknown> | undefined, last: unknown, value: T): T {
  if (!at) return value;
  const found = at.get(last) as T | undefined;
  if (found !== undefined) return found;
  at.set(last, value);
  return value;
}

const sessionFields = obj(
  {
    start: is(isClockTime), end: is((v) => isClockTime(v, true)), rrule: word, date, until: date, except: list(date),
    place: name, lat, lng, notes: summary,
  },
  (o) => o.start && bothOrNeither(o) && usableSession(o as unknown as Session),
);
/** A session as `twin` gives it when it has no exceptions, place, position or notes: then its times, date and rule (all text) are all it is. */
const sessionTwin = (s: Session): Session =>
  timesOnly(s) ? twin(twinNode(twinNode(twinNode(twinNode(twins.sessions, s.rrule), s.start), s.end), s.date), s.until, s) : s;
const timesOnly = (s: Session): boolean => s.except === undefined && s.place === undefined && s.lat === undefined && s.lng === undefined && s.notes === undefined;
/** Ways of writing a session with the same rule and start kept at most, each compared (see `usableSession`). */
const USABLE_PER_START = 16;
/** `isUsableSession`, read once per way of writing a session (it reads only these fields). */
function usableSession(s: Session): boolean {
  if (s.except === undefined) {
    // By rule, then start; then the end, date and until compared: no text made per session (most of the check's garbage was these texts).
    let byStart = usableByRule.get(s.rrule);
    if (!byStart) usableByRule.set(s.rrule, (byStart = new Map()));
    let ways = byStart.get(s.start);
    if (!ways) byStart.set(s.start, (ways = []));
    for (let k = 0; k < ways.length; k += 4) if (ways[k] === s.end && ways[k + 1] === s.date && ways[k + 2] === s.until) return ways[k + 3] as boolean;
    const ok = isUsableSession(s);
    if (ways.length < 4 * USABLE_PER_START) ways.push(s.end, s.date, s.until, ok);
    return ok;
  }
  // Every field but the rule is a clock time or a date by now, with no '|' or ',' in it: the rule, last, may hold anything.
  const text = `${s.start}|${s.end ?? ''}|${s.date ?? ''}|${s.until ?? ''}|${s.except ? s.except.join(',') : ''}|${s.rrule ?? ''}`;
  let ok = usable.get(text);
  if (ok === undefined) usable.set(text, (ok = isUsableSession(s)));
  return ok;
}
const sessions = list(sessionFields, true);
/**
 * A listing's sessions, each as `sessionTwin` gives it, and the list one for
 * every listing whose sessions are the same objects in the same order (`twin`):
 * the listing's own when empty or when a session is more than its times. (Read
 * as sessions first, so two sessions written the same in one list are two, as
 * the normaliser keeps them.)
 */
const schedule: Rule = (v) => {
  const given = sessions(v) as Session[];
  let list = given;
  for (let i = 0; i < given.length; i++) {
    const same = sessionTwin(given[i]!);
    if (same === given[i]) continue;
    // A copy of the feed's own list; one made by reading it is this listing's.
    if (list === v) list = given.slice();
    list[i] = same;
  }
  if (!list.length || !list.every(timesOnly)) return list;
  let at = twinNode(twins.lists, list.length);
  for (let i = 0; i < list.length - 1; i++) at = twinNode(at, list[i]);
  return twin(at, list[list.length - 1], list);
};
schedule.keep = true;
const hours = memo((v) => typeof v === 'string' && v.trim() === v && parseOpeningHours(v) !== undefined, () => hoursRead);
const openingHoursFields = obj({ ...Object.fromEntries(WEEKDAYS.map((day) => [day, hours])), notes: summary });
/** Opening hours, as `twin` gives them when they have no notes (then their hours, all text, are all they are). */
const openingHours: Rule = (v) => {
  const o = openingHoursFields(v) as Record<string, unknown> | undefined;
  if (!o || o.notes !== undefined) return o;
  let at: Map<unknown, unknown> | undefined = twins.hours;
  for (let d = 0; d < WEEKDAYS.length - 1; d++) at = twinNode(at, o[WEEKDAYS[d]!]);
  return twin(at, o[WEEKDAYS[WEEKDAYS.length - 1]!], o);
};
const transfer = obj(
  {
    assetType: oneOf(TRANSFER_ASSET_TYPES), status: oneOf(TRANSFER_STATUSES), stageList: word,
    stages: list(obj({ id: word, date: dateTime }, (o) => o.id)), currentStage: word,
    tenure: obj({ type: oneOf(TENURES), years: num(0, MAX_LEASE_YEARS) }, (o) => o.type && (o.type !== 'leasehold' || 'years' in o)),
    terms: oneOf(TERMS), guidePrice: num(0, MAX_PRICE), guideRent: num(0, MAX_PRICE), priceNotes: summary,
    floorAreaSqm: money, siteAreaHa: money, condition: long, currentUse: long, currentUsers: long, reason: long, restrictions: long, planning: long,
    dates: obj(
      { noticePublished: dateTime, informationSession: dateTime, eoiDeadline: dateTime, decision: dateTime },
      (o) => !(o.noticePublished && o.eoiDeadline && (o.eoiDeadline as string).slice(0, 10) < (o.noticePublished as string).slice(0, 10)),
    ),
    documents: list(obj({ title: name, url, type: word, sizeBytes: money }, (o) => o.title && o.url)),
    expressionOfInterestUrl: url,
  },
  (o) => {
    const listId = o.stageList as string | undefined;
    const stages = listId ? (Object.hasOwn(stageLists, listId) ? stageLists[listId]! : no()) : stageLists.default;
    const known = (stage: unknown): boolean => stages ? stages.some((s) => s.id === stage) : DEFAULT_TRANSFER_STAGE_IDS.includes(stage as string);
    return o.assetType && o.status && (o.currentStage === undefined || known(o.currentStage))
      && ((o.stages ?? []) as Obj[]).every((s) => known(s.id));
  },
);

const locationFields: Record<string, Rule> = {
  precision: oneOf(['exact', 'approximate']), name, address: list(word), postcode: is((v) => typeof v === 'string' && POSTCODE.test(v)),
  lat, lng, radius: num(1, MAX_RADIUS_METRES), uprn: word,
  outline: is((o) => isObject(o) && (o.type === 'Polygon' || o.type === 'MultiPolygon') && corners(o.coordinates, o.type === 'Polygon' ? 2 : 3)),
  directions: summary,
};
const location = obj(locationFields, bothOrNeither);
const kind = oneOf(LISTING_KINDS);
const { precision, radius, outline } = locationFields as Record<'precision' | 'radius' | 'outline', Rule>;
/**
 * A location as given, when what a map's point reads of it (location/map-points.ts) passes the location's
 * own rules: the normaliser reads each of those fields alone (normaliser/location.ts), so they are what it
 * keeps, whatever the rest of the location is. Written out field by field: this runs for every listing.
 */
const pointOf = (v: unknown): AtlasListing['location'] => {
  if (v === undefined) return undefined;
  if (!isObject(v)) no();
  const o = v as Obj;
  if (o.lat !== undefined || o.lng !== undefined) {
    lat(o.lat);
    lng(o.lng);
  }
  if (o.precision !== undefined) precision(o.precision);
  if (o.radius !== undefined) radius(o.radius);
  if (o.outline !== undefined) outline(o.outline);
  return o as AtlasListing['location'];
};
/** How a listing is reached (kept as `[]` when absent, then `['in-person']` for a listing with a location). */
const delivery = list(oneOf(DELIVERY_MODES), true);

const listing = obj(
  {
    id, kind, name,
    referral: list(oneOf(REFERRAL_ROUTES), true),
    categories: words, needs: words, keywords: words, accessibility: words, languages: words,
    delivery,
    areas: words, schedule,
    summary, description: long, howToJoin: long, accessibilityNotes: long,
    organisation: obj({ name, url, charityNumber: word }, (o) => o.name),
    audience: obj(
      { ageMin: num(0, MAX_AGE), ageMax: num(0, MAX_AGE), description: summary, gender: oneOf(GENDERS) },
      (o) => !((o.ageMin as number) > (o.ageMax as number)),
    ),
    cost: obj({ free: is((v) => typeof v === 'boolean'), description: summary, amount: num(0, MAX_COST), per: oneOf(COST_PER), help: summary, personalBudget: is((v) => typeof v === 'boolean') }),
    companionWelcome: is((v) => typeof v === 'boolean'),
    location,
    openingHours,
    contact: obj({ name: word, phone: word, textphone: word, email: is((v) => EMAIL_PATTERN.test(word(v) as string)), url }),
    url, lastVerified: date, transfer,
    acv: obj(
      { status: oneOf(ACV_STATUSES), nominatedOn: date, listedOn: date, expiresOn: date, disposalNotifiedOn: date, nominatedBy: str(NAME_LENGTH) },
      (o) => o.status,
    ),
  },
  (o) => {
    if (!o.id || !o.kind || !o.name || seen.has(o.id) || (o.kind !== 'transfer' && (o.transfer || o.acv))) return false;
    seen.add(o.id);
    o.key = o.id;
    // A new list, not a push: the list may be the feed's own (see `list`), which other listings made in code may share.
    if (!(o.delivery as string[]).length && o.location) o.delivery = ['in-person'];
    return true;
  },
  // The normaliser's first two keys.
  () => ({ key: '', publisherId }),
);

const feedHead = obj({
  publisher: obj({ name: str(NAME_LENGTH), id: (v) => id(word(v)), url, email: word, feedbackUrl: url }, (o) => o.name),
  updated: dateTime, licence: word, languages: list(word),
  vocabulary: obj({ needs: list(obj({ id: word, label: name, synonyms: list(word), categories: list(word) }, (o) => o.id && o.label)), categories: list(labelled) }),
  areas: list(obj({ id: word, name, type: word }, (o) => o.id && o.name), true),
}, (o) => o.publisher);
const point = (p: unknown): [number, number] => {
  const [y, x] = Array.isArray(p) && p.length === 2 ? (p as unknown[]) : no();
  return Number.isFinite(y) && Number.isFinite(x) && Math.abs(y as number) <= 90 && Math.abs(x as number) <= 180 ? [y as number, x as number] : no();
};
const gazetteer = obj({ districts: table(point), sectors: table(point), postcodes: table(point), attribution: str(SUMMARY_LENGTH) });

/** What one check reads against, restored into the module's variables each time a slice of it resumes. */
interface Reading {
  base: string | undefined;
  stageLists: Record<string, StageDefinition[]>;
  seen: Set<unknown>;
  publisherId: string;
  plainObjects: boolean;
  twins: Twins;
}
const enter = (r: Reading): void => {
  ({ base, stageLists, seen, publisherId, plainObjects, twins } = r);
};

/** How many listings the sliced check reads between looks at the clock. */
const LISTINGS_PER_LOOK = 25;

const newReading = (options: NormaliseOptions): Reading => ({
  base: options.baseUrl, stageLists: {}, seen: new Set(), publisherId: '', plainObjects: objectPrototypeIsPlain(), twins: noTwins(),
});

/** The memos every check shares (each a cache of what a value's text decides), emptied when a whole check ends. */
const forget = (): void => {
  stageLists = {};
  seen = new Set();
  usable = new Map();
  usableByRule = new Map();
  dates = new Map();
  dateTimes = new Map();
  hoursRead = new Map();
  twins = noTwins();
};

/** What the check gives of a feed besides its listings, read into `reading` (throws where the check fails). */
type Head = (listings: AtlasListing[]) => AtlasData;
function readHead(json: Obj, reading: Reading, options: NormaliseOptions): Head {
  reading.stageLists = stageLists = json.transferStages === undefined ? {} : (table(list(labelled))(json.transferStages) as Record<string, StageDefinition[]>);
  const head = feedHead(json) as {
    publisher: Publisher; updated?: string; licence?: string; languages?: string[];
    vocabulary?: Pick<AtlasData, 'needs' | 'categories'>; areas: AtlasData['areas'];
  };
  const { publisher: { name: publisherName, id: givenId, ...more }, vocabulary } = head;
  const publisher: Publisher = { name: publisherName, id: givenId ?? (slugify(publisherName) || no()), ...more };
  const g = json.gazetteer;
  const gazetteerUrl = isObject(g) && typeof g.url === 'string' ? (url(g.url) as string) : undefined;
  // The normaliser keeps a gazetteer even when it is empty.
  const gazetteerData = g !== undefined && !gazetteerUrl ? ((gazetteer(g) ?? no()) as AtlasData['gazetteer']) : undefined;
  reading.publisherId = publisherId = publisher.id!;
  const transferStages = stageLists;
  return (listings) => ({
    publishers: [publisher],
    ...(head.updated ? { updated: head.updated } : {}),
    licences: head.licence ? [head.licence] : [],
    languages: head.languages ?? ['en'],
    needs: vocabulary?.needs ?? [],
    ...(vocabulary?.categories ? { categories: vocabulary.categories } : {}),
    areas: head.areas,
    transferStages,
    ...(gazetteerData ? { gazetteer: gazetteerData } : {}),
    ...(gazetteerUrl ? { gazetteerUrl } : {}),
    listings,
    problems: [],
    skipped: 0,
    ...(options.source ? { sources: [options.source] } : {}),
  });
}

/** Whether the feed has the shape the check reads at all: a version 1 feed with listings. */
const feedShaped = (json: unknown): json is Obj & { listings: unknown[] } =>
  isObject(json) && (json.version === '1' || json.version === 1) && Array.isArray(json.listings) && json.listings.length > 0;

/**
 * The quick check a few listings at a time: each `yield` is a point where the
 * caller may hand the thread back (`quickFeedSliced`), so a 1,000-listing feed is
 * never one long task. Slices of two checks may interleave: each resumes with its
 * own reading.
 */
function* quickSteps(json: unknown, options: NormaliseOptions, so?: SoFar): Generator<void, AtlasData | undefined, void> {
  const reading = newReading(options);
  enter(reading);
  try {
    if (!feedShaped(json)) return undefined;
    const head = readHead(json, reading, options);
    const listings: AtlasListing[] = [];
    if (so) {
      so.listings = listings;
      so.seen = reading.seen;
    }
    const given = json.listings;
    for (let i = 0; i < given.length; i++) {
      listings.push(listing(given[i]) as AtlasListing);
      if (i % LISTINGS_PER_LOOK === LISTINGS_PER_LOOK - 1) {
        yield;
        enter(reading);
      }
    }
    return head(listings);
  } catch {
    return undefined;
  } finally {
    forget();
  }
}

/** How far a whole check in slices has come: the listings it has passed, and their ids. */
interface SoFar {
  listings: readonly AtlasListing[];
  seen: ReadonlySet<unknown>;
}

/**
 * A feed the search worker answers its first page of before the whole quick
 * check has run (engine/worker.ts): the check in parts. Undefined when the
 * check would fail at once (its head, or a listing without an id).
 */
export interface QuickParts {
  /** The data the check gives, but with the listings as parsed, unchecked: what the engine reads through `asChecked`. */
  data: AtlasData;
  /** Each listing's key, as the check gives it (its id). */
  keys: string[];
  /** The listings' kinds, each once, in the order first found (as `summarise` lists them). */
  kinds: AtlasListing['kind'][];
  /** Listing `i` as the whole check gives it, checked alone now; undefined where the whole check fails on it. */
  one(i: number): AtlasListing | undefined;
  /**
   * The key, kind and location of the listings at `indexes` as the normaliser gives them (what the map's
   * points read), while the whole check runs: those it has passed as it gave them; of the others, only
   * these checked: each one's id is the first of its kind (and no id before it one the normaliser trims),
   * its kind, name and location pass the check's own rules, so the normaliser keeps it with these as they
   * are, whether or not the whole check passes. Undefined when one does not (the whole check then decides).
   */
  places(indexes: readonly number[]): Pick<AtlasListing, 'key' | 'kind' | 'location'>[] | undefined;
  /** A parsed listing's sessions and opening hours as the check gives them; undefined where it fails on them. */
  times(listing: unknown): Pick<AtlasListing, 'schedule' | 'openingHours'> | undefined;
  /** Whether the check gives a parsed listing `delivery: ['in-person']` though it names no way (it has a location). */
  inPerson(listing: unknown): boolean;
  /** The whole check, a few listings at a step: the data `quickFeed` gives, or undefined. */
  steps: Generator<void, AtlasData | undefined, void>;
}

export function quickParts(json: unknown, options: NormaliseOptions = {}): QuickParts | undefined {
  if (!feedShaped(json)) return undefined;
  const given = json.listings;
  const keys: string[] = new Array<string>(given.length);
  const kinds: AtlasListing['kind'][] = [];
  let lastKind: unknown;
  for (let i = 0; i < given.length; i++) {
    const l = given[i];
    if (!isObject(l) || typeof l.id !== 'string') return undefined;
    keys[i] = l.id;
    if (l.kind !== lastKind && !kinds.includes((lastKind = l.kind) as AtlasListing['kind'])) kinds.push(l.kind as AtlasListing['kind']);
  }
  const alone = newReading(options);
  enter(alone);
  let head: Head;
  try {
    head = readHead(json, alone, options);
  } catch {
    return undefined;
  } finally {
    forget();
  }
  /**
   * Reads one listing or part of one with `alone`'s context (a `seen` of its own each time). The
   * memos of values read are shared with a whole check under way: each is what the value decides.
   */
  const readAlone = <T>(read: () => T): T | undefined => {
    alone.seen = new Set();
    enter(alone);
    try {
      return read();
    } catch {
      return undefined;
    }
  };
  const locationKeys = Object.keys(locationFields);
  /**
   * Whether every id is one the normaliser does not trim: else two may be the same once trimmed, the later
   * skipped, though their ids as written differ (and the whole check fails). Found when first asked for.
   */
  let trimmed: boolean | undefined;
  const idsTrimmed = (): boolean => (trimmed ??= keys.every((k) => k.trim() === k));
  const so: SoFar = { listings: [], seen: new Set() };
  return {
    data: head(given as AtlasListing[]),
    keys,
    kinds,
    // A listing whose id an earlier one has fails the whole check.
    one: (i) => (idsTrimmed() && keys.indexOf(keys[i]!) === i ? readAlone(() => listing(given[i]) as AtlasListing) : undefined),
    places: (indexes) => {
      const { listings: passed, seen: ids } = so;
      const from = passed.length;
      // Each id's first listing among those the check has not reached (the ids of those it has are `ids`, each once).
      const first = new Map<string, number>();
      for (let i = keys.length - 1; i >= from; i--) {
        if (keys[i]!.trim() !== keys[i]) return undefined;
        first.set(keys[i]!, i);
      }
      return readAlone(() => indexes.map((i) => {
        if (i < from) return passed[i]!;
        const l = given[i] as Obj;
        // Each rule throws where the check fails.
        if (first.get(keys[i]!) !== i || ids.has(keys[i])) no();
        id(l.id);
        kind(l.kind);
        name(l.name);
        return { key: keys[i]!, kind: l.kind as AtlasListing['kind'], location: pointOf(l.location) };
      }));
    },
    times: (l) => readAlone(() => {
      const o = l as Obj;
      return { schedule: (o.schedule === undefined ? [] : schedule(o.schedule)) as Session[], openingHours: o.openingHours === undefined ? undefined : openingHours(o.openingHours) as AtlasListing['openingHours'] };
    }),
    inPerson: (l) => {
      const { delivery: ways, location } = l as Obj;
      return (ways === undefined || (Array.isArray(ways) && !ways.length)) && isObject(location) && Object.keys(location).some((k) => locationKeys.includes(k));
    },
    steps: quickSteps(json, options, so),
  };
}

/**
 * The data `normaliseFeed(json, options)` would give, when it would give it with
 * no problems and nothing changed; otherwise undefined (run the normaliser).
 */
export function quickFeed(json: unknown, options: NormaliseOptions = {}): AtlasData | undefined {
  return runWhole(quickSteps(json, options));
}

/**
 * `quickFeed`, handing the thread back (`pause`) whenever a slice has run for
 * `sliceMs`: what the page does, so checking a feed never holds it for long.
 */
export function quickFeedSliced(json: unknown, options: NormaliseOptions, pause: () => Promise<void>, sliceMs = 8): Promise<AtlasData | undefined> {
  return runSliced(quickSteps(json, options), pause, sliceMs);
}
