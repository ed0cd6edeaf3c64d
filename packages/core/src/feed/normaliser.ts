/**
 * The exact, tolerant normaliser: reads one feed as parsed JSON into clean data,
 * repairing, skipping and reporting with exact messages. Public as
 * `normaliseFeed` (normalise.ts). The browser loads this module with `import()`
 * only for a feed the quick check leaves to it (read.ts), and hands it the parts
 * it shares with the first chunk (normalise-parts.ts) rather than letting it
 * import them.
 */
import type { AtlasData, AtlasListing, Problem } from './normalised.js';
import type { NormaliseParts } from './normalise-parts.js';
import type {
  AcvDetails,
  AreaDefinition,
  Audience,
  Contact,
  Cost,
  DeliveryMode,
  Gazetteer,
  Listing,
  ListingKind,
  Location,
  NeedDefinition,
  CategoryDefinition,
  OpeningHours,
  Publisher,
  ReferralRoute,
  Session,
  StageDefinition,
  Text,
  TransferDetails,
  TransferDocument,
} from './types.js';
import { isClockTime, isIsoDate, isIsoDateOrDateTime, isSafeUrl, slugify } from './values.js';
import { normalisePostcode } from './postcode.js';
// Imported, not handed in: the sentences are this chunk's alone (the first chunk only knows a session is unusable).
import { checkSchedule } from '../schedule/problems.js';
import { DEFAULT_TRANSFER_STAGES } from './stages.js';

/**
 * Longest text the finder shows, in characters. Longer text is kept up to the
 * limit and reported: a 1 MB description would make the search index and every
 * card slow for a resident on a phone, and nobody reads past a few pages.
 */
export const TEXT_LIMITS = { name: 300, summary: 1_000, long: 10_000, word: 200 } as const;

/** A UK feed's coordinates fall in this box (Channel Islands and Shetland included). */
const UK_BOUNDS = { south: 49, north: 61, west: -9, east: 2.2 } as const;

export interface NormaliseOptions {
  /** The file or URL the feed came from; copied onto every problem. */
  source?: string;
  /**
   * Relative links in the feed (documents, listing pages) are resolved against
   * this, normally the feed's own URL, so they work wherever the finder is embedded.
   */
  baseUrl?: string;
}

const REFERRAL_ROUTES: readonly ReferralRoute[] = ['self', 'drop-in', 'professional'];
const DELIVERY_MODES: readonly DeliveryMode[] = ['in-person', 'online', 'phone'];
const COST_PER: readonly NonNullable<Cost['per']>[] = ['session', 'week', 'month', 'year', 'course', 'visit'];
const GENDERS: readonly NonNullable<Audience['gender']>[] = ['any', 'women', 'men'];
const TENURES: readonly string[] = ['freehold', 'leasehold', 'licence'];
const TERMS: readonly string[] = ['peppercorn', 'nominal', 'discounted', 'market'];
const ACV_STATUSES: readonly AcvDetails['status'][] = ['nominated', 'listed', 'unsuccessful', 'removed'];
const ID_PATTERN = /^[A-Za-z0-9._-]+$/;

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value looks in a message: short, quoted when text, never the whole of a huge value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value === '') return 'empty text';
    const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return 'an object';
}

function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** Cuts at a character boundary so a Welsh ŵ or an emoji is never split in half. */
function truncate(value: string, limit: number): string {
  let end = limit;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${value.slice(0, end).trimEnd()}…`;
}

/**
 * Collects problems for one feed. Everything that checks a value goes through
 * here, so messages share one shape: who, where, what was expected, what was found.
 */
class Checker {
  readonly problems: Problem[] = [];
  listingIndex: number | undefined;
  listingId: string | undefined;

  constructor(
    readonly source: string | undefined,
    readonly baseUrl: string | undefined,
    readonly parts: NormaliseParts,
  ) {}

  private who(): string {
    if (this.listingIndex === undefined) return 'The feed';
    return this.listingId !== undefined ? `Listing "${this.listingId}"` : `Listing ${this.listingIndex + 1}`;
  }

  report(severity: Problem['severity'], code: string, path: string, expected: string, found: string, what: string, fix?: string): void {
    const problem: Problem = {
      severity,
      code,
      path,
      expected,
      found,
      message: `${this.who()}: ${what}${fix ? `; ${fix}` : ''}.`,
    };
    if (fix) problem.fix = fix;
    if (this.listingId !== undefined) problem.listingId = this.listingId;
    if (this.listingIndex !== undefined) problem.listingIndex = this.listingIndex;
    if (this.source !== undefined) problem.source = this.source;
    this.problems.push(problem);
  }

  warn(code: string, path: string, expected: string, value: unknown, what: string, fix: string): void {
    this.report('warning', code, path, expected, describeValue(value), what, fix);
  }

  /**
   * Whether a name the feed chose (a stage list, a gazetteer code, a language)
   * can be a key of a plain object. Assigning "__proto__" would set the object's
   * prototype instead of adding a key, so that entry is dropped, with a warning.
   */
  ownKey(key: string, path: string, thing: string, value: unknown): boolean {
    if (key !== '__proto__') return true;
    this.warn('reserved-name', path, 'any name but "__proto__"', value, `a ${thing} is named "__proto__", a name that cannot be kept`, `that ${thing} dropped`);
    return false;
  }

  /** A wrongly typed value, dropped. */
  wrongType(path: string, field: string, expected: string, value: unknown): void {
    this.warn('wrong-type', path, expected, value, `${field} should be ${expected}, not ${describeValue(value)}`, `${field} dropped`);
  }

  string(value: unknown, path: string, field: string, limit: number = TEXT_LIMITS.word): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      this.wrongType(path, field, 'text', value);
      return undefined;
    }
    const trimmed = value.trim();
    if (!trimmed) return undefined;
    return this.limit(trimmed, path, field, limit);
  }

  private limit(value: string, path: string, field: string, limit: number): string {
    if (value.length <= limit) return value;
    this.warn(
      'text-too-long',
      path,
      `at most ${thousands(limit)} characters`,
      `${thousands(value.length)} characters`,
      `${field} is ${thousands(value.length)} characters long, more than the ${thousands(limit)} the finder shows`,
      `cut to the first ${thousands(limit)} characters`,
    );
    return truncate(value, limit);
  }

  /** Text: a string, or a map of language to string. Non-string entries are dropped. */
  text(value: unknown, path: string, field: string, limit: number = TEXT_LIMITS.long): Text | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      return trimmed ? this.limit(trimmed, path, field, limit) : undefined;
    }
    if (!isObject(value)) {
      this.wrongType(path, field, 'text or a map of language to text ({"en": …, "cy": …})', value);
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [lang, entry] of Object.entries(value)) {
      const entryPath = pathOf(path, lang);
      if (!this.ownKey(lang, entryPath, `language of ${field}`, entry)) continue;
      if (typeof entry !== 'string') {
        this.wrongType(entryPath, `${field} (${lang})`, 'text', entry);
        continue;
      }
      const trimmed = entry.trim();
      if (trimmed) out[lang] = this.limit(trimmed, entryPath, `${field} (${lang})`, limit);
    }
    return Object.keys(out).length ? out : undefined;
  }

  /** A list of short strings. A single string where a list belongs is read as a list of one. */
  strings(value: unknown, path: string, field: string): string[] {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return value.trim() ? [this.limit(value.trim(), path, field, TEXT_LIMITS.word)] : [];
    if (!Array.isArray(value)) {
      this.wrongType(path, field, 'a list of text', value);
      return [];
    }
    const out: string[] = [];
    value.forEach((entry, i) => {
      const s = this.string(entry, pathOf(path, i), `${field} item ${i + 1}`);
      if (s !== undefined && !out.includes(s)) out.push(s);
    });
    return out;
  }

  boolean(value: unknown, path: string, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') {
      this.warn('wrong-type', path, 'true or false', value, `${field} is written as text`, `read as ${value}`);
      return value === 'true';
    }
    this.wrongType(path, field, 'true or false', value);
    return undefined;
  }

  /**
   * A number in range. A number written as text ("12") is read with a warning;
   * money written as words ("£1", "peppercorn") is handed to `moneyText` so the
   * caller can keep it as price notes rather than lose it.
   */
  number(
    value: unknown,
    path: string,
    field: string,
    range: { min?: number; max?: number; expected: string },
    moneyText?: (words: string) => string,
  ): number | undefined {
    if (value === undefined || value === null) return undefined;
    let n: number | undefined;
    if (typeof value === 'number') {
      n = Number.isFinite(value) ? value : undefined;
    } else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
      n = Number(value);
      this.warn('wrong-type', path, range.expected, value, `${field} is a number written as text`, `read as ${n}`);
    } else if (typeof value === 'string' && moneyText && value.trim()) {
      const fix = moneyText(value.trim());
      this.warn('money-as-text', path, range.expected, value, `${field} should be a number of pounds, not words`, fix);
      return undefined;
    }
    if (n === undefined) {
      this.wrongType(path, field, range.expected, value);
      return undefined;
    }
    if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) {
      const code = range.min === 0 && n < 0 ? 'negative-number' : 'out-of-range';
      this.warn(code, path, range.expected, value, `${field} should be ${range.expected}, not ${describeValue(value)}`, `${field} dropped`);
      return undefined;
    }
    return n;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string, field: string, fix = `${field} dropped`): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value.trim().toLowerCase())) {
      return value.trim().toLowerCase() as T;
    }
    const expected = `one of ${allowed.join(', ')}`;
    this.warn('unknown-value', path, expected, value, `${field} should be ${expected}, not ${describeValue(value)}`, fix);
    return undefined;
  }

  /** An ISO date (or date-time when `withTime`). A UK-style `14/09/2026` is read with a warning. */
  date(value: unknown, path: string, field: string, withTime = false): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    const ok = withTime ? isIsoDateOrDateTime(value) : isIsoDate(value);
    if (ok) return value as string;
    const expected = withTime ? 'an ISO date (2026-09-14) or date-time (2026-09-14T18:00)' : 'an ISO date (2026-09-14)';
    if (typeof value === 'string') {
      const uk = /^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$/.exec(value);
      if (uk) {
        const iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
        if (isIsoDate(iso)) {
          this.warn('bad-date', path, expected, value, `${field} is not an ISO date`, `read as ${iso} (day first)`);
          return iso;
        }
      }
      if (!withTime && isIsoDateOrDateTime(value)) {
        const day = value.slice(0, 10);
        this.warn('bad-date', path, expected, value, `${field} should be a date without a time`, `read as ${day}`);
        return day;
      }
    }
    this.warn('bad-date', path, expected, value, `${field} is not a date that can be read`, `${field} dropped`);
    return undefined;
  }

  /** A link: http, https, mailto or tel, or relative (resolved against the feed's URL when known). */
  url(value: unknown, path: string, field: string): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      this.wrongType(path, field, 'a link (http, https, mailto or tel)', value);
      return undefined;
    }
    const trimmed = value.trim();
    if (!isSafeUrl(trimmed)) {
      this.report(
        'warning',
        'unsafe-url',
        path,
        'a link starting http:, https:, mailto: or tel:',
        describeValue(value),
        `${field} ${describeValue(value)} is not an http, https, mailto or tel link, so it is not shown`,
        `${field} dropped`,
      );
      return undefined;
    }
    if (this.baseUrl && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed)) {
      try {
        return new URL(trimmed, this.baseUrl).href;
      } catch {
        return trimmed;
      }
    }
    return trimmed;
  }

  /** Latitude and longitude as a pair: both or neither, in range, swapped back when clearly swapped. */
  latLng(lat: unknown, lng: unknown, path: string): { lat: number; lng: number } | undefined {
    if ((lat === undefined || lat === null) && (lng === undefined || lng === null)) return undefined;
    const latPath = pathOf(path, 'lat');
    const lngPath = pathOf(path, 'lng');
    const a = this.number(lat, latPath, 'latitude', { expected: 'a latitude between -90 and 90' });
    const b = this.number(lng, lngPath, 'longitude', { expected: 'a longitude between -180 and 180' });
    if (a === undefined || b === undefined) {
      if (a !== undefined || b !== undefined) {
        const missing = a === undefined ? latPath : lngPath;
        this.warn(
          'latlng-incomplete',
          missing,
          a === undefined ? 'a latitude between -90 and 90' : 'a longitude between -180 and 180',
          a === undefined ? lat : lng,
          'a map position needs both a latitude and a longitude',
          'coordinates dropped',
        );
      }
      return undefined;
    }
    const inUk = (y: number, x: number): boolean =>
      y >= UK_BOUNDS.south && y <= UK_BOUNDS.north && x >= UK_BOUNDS.west && x <= UK_BOUNDS.east;
    if (!inUk(a, b) && inUk(b, a)) {
      this.warn(
        'latlng-swapped',
        latPath,
        'a latitude between 49 and 61 for a place in the UK',
        a,
        `latitude ${a} and longitude ${b} look swapped (the place would be outside the UK, swapped it is inside)`,
        `read as latitude ${b}, longitude ${a}`,
      );
      return { lat: b, lng: a };
    }
    if (a < -90 || a > 90) {
      this.warn('latlng-out-of-range', latPath, 'a latitude between -90 and 90', a, `latitude ${a} is not between -90 and 90`, 'coordinates dropped');
      return undefined;
    }
    if (b < -180 || b > 180) {
      this.warn('latlng-out-of-range', lngPath, 'a longitude between -180 and 180', b, `longitude ${b} is not between -180 and 180`, 'coordinates dropped');
      return undefined;
    }
    if (a === 0 && b === 0) {
      this.warn('latlng-zero', latPath, 'the position of a place in the UK', '0, 0', 'latitude 0, longitude 0 is in the Atlantic, a common sign of a missing position', 'coordinates dropped');
      return undefined;
    }
    return { lat: a, lng: b };
  }

  time(value: unknown, path: string, field: string, end = false, dropped = `${field} dropped`): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (isClockTime(value, end)) return value;
    const expected = 'a time such as 09:30 (24-hour, HH:MM)';
    if (typeof value === 'string') {
      const loose = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(value);
      if (loose) {
        const fixed = `${loose[1]!.padStart(2, '0')}:${loose[2]}`;
        if (isClockTime(fixed, end)) {
          this.warn('bad-time', path, expected, value, `${field} should be written HH:MM`, `read as ${fixed}`);
          return fixed;
        }
      }
    }
    this.warn('bad-time', path, expected, value, `${field} is not a time HH:MM`, dropped);
    return undefined;
  }
}

/** `normaliseFeed` with the parts it shares with the first chunk handed in. */
export function normaliseWith(parts: NormaliseParts, json: unknown, options: NormaliseOptions = {}): AtlasData {
  const c = new Checker(options.source, options.baseUrl, parts);
  const empty = (): AtlasData => ({
    publishers: [],
    licences: [],
    languages: [],
    needs: [],
    areas: [],
    transferStages: {},
    listings: [],
    problems: c.problems,
    skipped: 0,
  });

  if (!isObject(json)) {
    c.report(
      'error',
      'not-a-feed',
      '$',
      'an object with "version", "publisher" and "listings"',
      describeValue(json),
      `it should be an object with a "listings" list, but it is ${describeValue(json)}`,
    );
    return empty();
  }
  if (!Array.isArray(json.listings)) {
    c.report(
      'error',
      'no-listings',
      '$.listings',
      'a list of listings',
      describeValue(json.listings),
      json.listings === undefined ? 'it has no "listings" list' : `"listings" should be a list, but it is ${describeValue(json.listings)}`,
    );
    return empty();
  }

  if (json.version !== '1' && json.version !== 1) {
    c.warn('unknown-version', '$.version', '"1"', json.version, `the format version should be "1", not ${describeValue(json.version)}`, 'read as version 1');
  }

  const publisher = readPublisher(c, json.publisher, options.source);
  const updated = c.date(json.updated, '$.updated', 'updated', true);
  const licence = c.string(json.licence, '$.licence', 'licence');
  const languages = c.strings(json.languages, '$.languages', 'languages');
  const needs = readNeeds(c, json.vocabulary);
  const categories = readCategories(c, json.vocabulary);
  const areas = readAreas(c, json.areas);
  const transferStages = readStageLists(c, json.transferStages);
  let gazetteer: Gazetteer | undefined;
  let gazetteerUrl: string | undefined;
  if (isObject(json.gazetteer) && typeof json.gazetteer.url === 'string') {
    gazetteerUrl = c.url(json.gazetteer.url, '$.gazetteer.url', 'gazetteer url');
  } else if (json.gazetteer !== undefined) {
    gazetteer = readGazetteer(c, json.gazetteer);
  }

  if (json.listings.length === 0) {
    c.warn('no-listings', '$.listings', 'at least one listing', json.listings, 'the listings list is empty', 'nothing to show');
  }

  const listings: AtlasListing[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  json.listings.forEach((raw, index) => {
    c.listingIndex = index;
    c.listingId = undefined;
    const listing = readListing(c, raw, `$.listings[${index}]`, publisher.id!, transferStages, seen);
    if (listing) {
      seen.set(listing.id, index);
      listings.push(listing);
    } else {
      skipped++;
    }
  });
  c.listingIndex = undefined;
  c.listingId = undefined;

  return {
    publishers: [publisher],
    ...(updated ? { updated } : {}),
    licences: licence ? [licence] : [],
    languages: languages.length ? languages : ['en'],
    needs,
    ...(categories.length ? { categories } : {}),
    areas,
    transferStages,
    ...(gazetteer ? { gazetteer } : {}),
    ...(gazetteerUrl ? { gazetteerUrl } : {}),
    listings,
    problems: c.problems,
    skipped,
    ...(options.source ? { sources: [options.source] } : {}),
  };
}

function readPublisher(c: Checker, raw: unknown, source: string | undefined): Publisher {
  const fallbackId = (): string => {
    const file = source?.split(/[?#]/)[0]?.split('/').pop()?.replace(/\.json$/i, '');
    return (file && slugify(file)) || 'feed';
  };
  if (!isObject(raw)) {
    c.warn('missing-publisher', '$.publisher', 'an object with the publisher\'s "name"', raw, 'it does not say who publishes it', 'publisher left blank');
    return { name: '', id: fallbackId() };
  }
  const name = c.string(raw.name, '$.publisher.name', 'the publisher name', TEXT_LIMITS.name);
  if (!name) c.warn('missing-publisher', '$.publisher.name', "the publisher's name", raw.name, 'it does not give the publisher\'s name', 'publisher left blank');
  let id = c.string(raw.id, '$.publisher.id', 'the publisher id');
  if (id !== undefined && !ID_PATTERN.test(id)) {
    const fixed = slugify(id);
    c.warn('bad-id', '$.publisher.id', 'letters, digits, "-", "_" or "."', id, 'the publisher id has characters an id cannot have', `read as "${fixed}"`);
    id = fixed || undefined;
  }
  const publisher: Publisher = { name: name ?? '', id: id ?? (name ? slugify(name) : '') };
  if (!publisher.id) publisher.id = fallbackId();
  const url = c.url(raw.url, '$.publisher.url', 'the publisher url');
  if (url) publisher.url = url;
  const email = c.string(raw.email, '$.publisher.email', 'the publisher email');
  if (email) publisher.email = email;
  // A template ({id}, {name}) is checked for its scheme only; the finder fills it in later.
  const feedbackUrl = c.url(raw.feedbackUrl, '$.publisher.feedbackUrl', 'feedbackUrl');
  if (feedbackUrl) publisher.feedbackUrl = feedbackUrl;
  return publisher;
}

/**
 * One list in `vocabulary` (`needs`, `categories`): entries with an id and a
 * label, each read further by `more`. An entry without an id or a label is
 * dropped with a warning; the list is checked only when `vocabulary` is an
 * object (readNeeds reports a vocabulary that is not).
 */
function readVocabularyList<T extends { id: string; label: Text }>(
  c: Checker,
  raw: unknown,
  list: 'needs' | 'categories',
  one: 'need' | 'category',
  more: (entry: Record<string, unknown>, path: string, base: { id: string; label: Text }) => T,
): T[] {
  if (!isObject(raw) || raw[list] === undefined) return [];
  const items = raw[list];
  if (!Array.isArray(items)) {
    c.wrongType(`$.vocabulary.${list}`, `vocabulary ${list}`, `a list of ${list}`, items);
    return [];
  }
  const out: T[] = [];
  items.forEach((entry: unknown, i) => {
    const path = `$.vocabulary.${list}[${i}]`;
    if (!isObject(entry)) return c.wrongType(path, `a ${one}`, 'an object with "id" and "label"', entry);
    const id = c.string(entry.id, `${path}.id`, `${one} id`);
    const label = c.text(entry.label, `${path}.label`, `${one} label`, TEXT_LIMITS.name);
    if (!id || !label) {
      c.warn(`bad-${one}`, path, `a ${one} with "id" and "label"`, entry, `a ${one} in the vocabulary has no id or no label`, `${one} dropped`);
      return;
    }
    out.push(more(entry, path, { id, label }));
  });
  return out;
}

/** `vocabulary.categories`: a name for each category id. */
function readCategories(c: Checker, raw: unknown): CategoryDefinition[] {
  return readVocabularyList(c, raw, 'categories', 'category', (_entry, _path, base) => base);
}

function readNeeds(c: Checker, raw: unknown): NeedDefinition[] {
  if (raw !== undefined && !isObject(raw)) {
    c.wrongType('$.vocabulary', 'vocabulary', 'an object with "needs"', raw);
    return [];
  }
  return readVocabularyList(c, raw, 'needs', 'need', (need, path, base) => {
    const def: NeedDefinition = { ...base };
    const synonyms = c.strings(need.synonyms, `${path}.synonyms`, 'synonyms');
    if (synonyms.length) def.synonyms = synonyms;
    const categories = c.strings(need.categories, `${path}.categories`, 'categories');
    if (categories.length) def.categories = categories;
    return def;
  });
}

function readAreas(c: Checker, raw: unknown): AreaDefinition[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    c.wrongType('$.areas', 'areas', 'a list of areas', raw);
    return [];
  }
  const out: AreaDefinition[] = [];
  raw.forEach((area, i) => {
    const path = `$.areas[${i}]`;
    if (!isObject(area)) return c.wrongType(path, 'an area', 'an object with "id" and "name"', area);
    const id = c.string(area.id, `${path}.id`, 'area id');
    const name = c.text(area.name, `${path}.name`, 'area name', TEXT_LIMITS.name);
    if (!id || !name) {
      c.warn('bad-area', path, 'an area with "id" and "name"', area, 'an area has no id or no name', 'area dropped');
      return;
    }
    const def: AreaDefinition = { id, name };
    const type = c.string(area.type, `${path}.type`, 'area type');
    if (type) def.type = type;
    out.push(def);
  });
  return out;
}

function readStageLists(c: Checker, raw: unknown): Record<string, StageDefinition[]> {
  const out: Record<string, StageDefinition[]> = {};
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    c.wrongType('$.transferStages', 'transferStages', 'an object of stage lists', raw);
    return out;
  }
  for (const [listId, stages] of Object.entries(raw)) {
    const path = pathOf('$.transferStages', listId);
    if (!c.ownKey(listId, path, 'stage list', stages)) continue;
    if (!Array.isArray(stages)) {
      c.wrongType(path, `stage list "${listId}"`, 'a list of stages', stages);
      continue;
    }
    const list: StageDefinition[] = [];
    stages.forEach((stage, i) => {
      const stagePath = pathOf(path, i);
      const id = isObject(stage) ? c.string(stage.id, `${stagePath}.id`, 'stage id') : undefined;
      const label = isObject(stage) ? c.text(stage.label, `${stagePath}.label`, 'stage label', TEXT_LIMITS.name) : undefined;
      if (!id || !label) {
        c.warn('bad-stage', stagePath, 'a stage with "id" and "label"', stage, `a stage in "${listId}" has no id or no label`, 'stage dropped');
        return;
      }
      list.push({ id, label });
    });
    if (list.length) out[listId] = list;
  }
  return out;
}

function readGazetteer(c: Checker, raw: unknown): Gazetteer | undefined {
  if (!isObject(raw)) {
    c.wrongType('$.gazetteer', 'gazetteer', 'an object of postcode centroids, or {"url": …}', raw);
    return undefined;
  }
  const out: Gazetteer = {};
  for (const part of ['districts', 'sectors', 'postcodes'] as const) {
    const table = raw[part];
    if (table === undefined) continue;
    if (!isObject(table)) {
      c.wrongType(`$.gazetteer.${part}`, `gazetteer ${part}`, 'an object of postcode to [lat, lng]', table);
      continue;
    }
    const clean: Record<string, [number, number]> = {};
    let bad = 0;
    let firstBad = '';
    for (const [code, point] of Object.entries(table)) {
      if (!c.ownKey(code, pathOf(`$.gazetteer.${part}`, code), `gazetteer ${part} entry`, point)) continue;
      if (Array.isArray(point) && point.length === 2 && point.every((v) => typeof v === 'number' && Number.isFinite(v)) && Math.abs(point[0] as number) <= 90 && Math.abs(point[1] as number) <= 180) {
        clean[code] = [point[0] as number, point[1] as number];
      } else {
        if (!bad) firstBad = code;
        bad++;
      }
    }
    if (bad) {
      c.warn('bad-gazetteer', pathOf(`$.gazetteer.${part}`, firstBad), '[latitude, longitude]', table[firstBad], `${bad} gazetteer ${part} entries are not [latitude, longitude]`, 'those entries dropped');
    }
    out[part] = clean;
  }
  const attribution = c.string(raw.attribution, '$.gazetteer.attribution', 'gazetteer attribution', TEXT_LIMITS.summary);
  if (attribution) out.attribution = attribution;
  return out;
}

function readListing(
  c: Checker,
  raw: unknown,
  path: string,
  publisherId: string,
  stageLists: Record<string, StageDefinition[]>,
  seen: Map<string, number>,
): AtlasListing | undefined {
  if (!isObject(raw)) {
    c.report('error', 'not-a-listing', path, 'a listing object', describeValue(raw), `it should be an object, but it is ${describeValue(raw)}`);
    return undefined;
  }

  // Errors first: without an id, a name and a known kind, a listing cannot be shown.
  let id: string | undefined;
  if (typeof raw.id === 'string' && raw.id.trim()) {
    id = raw.id.trim();
  } else if (typeof raw.id === 'number' && Number.isFinite(raw.id)) {
    id = String(raw.id);
  }
  if (id === undefined) {
    c.report('error', 'missing-id', `${path}.id`, 'an id (letters, digits, "-", "_", ".")', describeValue(raw.id), raw.id === undefined ? 'it has no id' : `its id should be text, not ${describeValue(raw.id)}`);
    return undefined;
  }
  c.listingId = id;
  if (seen.has(id)) {
    c.report('error', 'duplicate-id', `${path}.id`, 'an id no other listing in the feed uses', JSON.stringify(id), `the id is already used by the listing at $.listings[${seen.get(id)}], so this later one is skipped`);
    return undefined;
  }
  if (typeof raw.id === 'number') {
    c.warn('wrong-type', `${path}.id`, 'text', raw.id, 'the id is a number', `read as "${id}"`);
  } else if (!ID_PATTERN.test(id)) {
    c.warn('bad-id', `${path}.id`, 'letters, digits, "-", "_" or "."', id, 'the id has characters other than letters, digits, "-", "_" and "."', 'kept as written');
  }
  const kind = raw.kind;
  if (kind === undefined || kind === null || kind === '') {
    c.report('error', 'missing-kind', `${path}.kind`, `one of ${c.parts.LISTING_KINDS.join(', ')}`, describeValue(kind), 'it has no kind (asset, activity or transfer)');
    return undefined;
  }
  if (typeof kind !== 'string' || !(c.parts.LISTING_KINDS as readonly string[]).includes(kind)) {
    c.report('error', 'unknown-kind', `${path}.kind`, `one of ${c.parts.LISTING_KINDS.join(', ')}`, describeValue(kind), `its kind ${describeValue(kind)} is not asset, activity or transfer`);
    return undefined;
  }
  const name = c.text(raw.name, `${path}.name`, 'the name', TEXT_LIMITS.name);
  if (name === undefined) {
    c.report('error', 'missing-name', `${path}.name`, 'a name (text, or {"en": …, "cy": …})', describeValue(raw.name), 'it has no name');
    return undefined;
  }

  const listing: AtlasListing = {
    key: id,
    publisherId,
    id,
    kind: kind as ListingKind,
    name,
    referral: [],
    categories: c.strings(raw.categories, `${path}.categories`, 'categories'),
    needs: c.strings(raw.needs, `${path}.needs`, 'needs'),
    keywords: c.strings(raw.keywords, `${path}.keywords`, 'keywords'),
    accessibility: c.strings(raw.accessibility, `${path}.accessibility`, 'accessibility'),
    languages: c.strings(raw.languages, `${path}.languages`, 'languages'),
    delivery: [],
    areas: c.strings(raw.areas, `${path}.areas`, 'areas'),
    schedule: [],
  };
  const setText = (key: 'summary' | 'description' | 'howToJoin' | 'accessibilityNotes', field: string, limit: number): void => {
    const value = c.text(raw[key], `${path}.${key}`, field, limit);
    if (value !== undefined) listing[key] = value;
  };
  setText('summary', 'the summary', TEXT_LIMITS.summary);
  setText('description', 'the description', TEXT_LIMITS.long);
  setText('howToJoin', 'howToJoin', TEXT_LIMITS.long);
  setText('accessibilityNotes', 'accessibilityNotes', TEXT_LIMITS.long);

  if (raw.organisation !== undefined) {
    const org = raw.organisation;
    const orgPath = `${path}.organisation`;
    if (isObject(org)) {
      const orgName = c.text(org.name, `${orgPath}.name`, 'the organisation name', TEXT_LIMITS.name);
      if (orgName) {
        const organisation: NonNullable<Listing['organisation']> = { name: orgName };
        const url = c.url(org.url, `${orgPath}.url`, 'the organisation url');
        if (url) organisation.url = url;
        const charity = c.string(org.charityNumber, `${orgPath}.charityNumber`, 'the charity number');
        if (charity) organisation.charityNumber = charity;
        listing.organisation = organisation;
      } else {
        c.warn('missing-name', `${orgPath}.name`, "the organisation's name", org.name, 'the organisation has no name', 'organisation dropped');
      }
    } else {
      c.wrongType(orgPath, 'organisation', 'an object with "name"', org);
    }
  }

  const audience = readAudience(c, raw.audience, `${path}.audience`);
  if (audience) listing.audience = audience;
  const cost = readCost(c, raw.cost, `${path}.cost`);
  if (cost) listing.cost = cost;

  const referral = Array.isArray(raw.referral) ? raw.referral : raw.referral === undefined || raw.referral === null ? [] : [raw.referral];
  referral.forEach((route, i) => {
    const routePath = Array.isArray(raw.referral) ? `${path}.referral[${i}]` : `${path}.referral`;
    const value = c.oneOf(route, REFERRAL_ROUTES, routePath, 'referral');
    if (value && !listing.referral.includes(value)) listing.referral.push(value);
  });

  const companion = c.boolean(raw.companionWelcome, `${path}.companionWelcome`, 'companionWelcome');
  if (companion !== undefined) listing.companionWelcome = companion;

  const location = readLocation(c, raw.location, `${path}.location`);
  if (location) listing.location = location;
  const delivery = Array.isArray(raw.delivery) ? raw.delivery : raw.delivery === undefined || raw.delivery === null ? [] : [raw.delivery];
  delivery.forEach((mode, i) => {
    const value = c.oneOf(mode, DELIVERY_MODES, Array.isArray(raw.delivery) ? `${path}.delivery[${i}]` : `${path}.delivery`, 'delivery');
    if (value && !listing.delivery.includes(value)) listing.delivery.push(value);
  });
  if (!listing.delivery.length && location) listing.delivery.push('in-person');

  if (raw.schedule !== undefined && raw.schedule !== null) {
    const sessions = Array.isArray(raw.schedule) ? raw.schedule : [raw.schedule];
    sessions.forEach((session, i) => {
      const s = readSession(c, session, Array.isArray(raw.schedule) ? `${path}.schedule[${i}]` : `${path}.schedule`);
      if (s) listing.schedule.push(s);
    });
  }
  const hours = readOpeningHours(c, raw.openingHours, `${path}.openingHours`);
  if (hours) listing.openingHours = hours;
  const contact = readContact(c, raw.contact, `${path}.contact`);
  if (contact) listing.contact = contact;
  const url = c.url(raw.url, `${path}.url`, 'url');
  if (url) listing.url = url;
  const verified = c.date(raw.lastVerified, `${path}.lastVerified`, 'lastVerified');
  if (verified) listing.lastVerified = verified;

  if (raw.transfer !== undefined && raw.transfer !== null) {
    if (kind !== 'transfer') {
      c.warn('wrong-kind-details', `${path}.transfer`, 'transfer details only on a listing of kind transfer', raw.transfer, `it has transfer details but its kind is ${kind}`, 'transfer details dropped');
    } else {
      const transfer = readTransfer(c, raw.transfer, `${path}.transfer`, stageLists);
      if (transfer) listing.transfer = transfer;
    }
  }
  if (raw.acv !== undefined && raw.acv !== null) {
    if (kind !== 'transfer') {
      c.warn('wrong-kind-details', `${path}.acv`, 'asset of community value details only on a listing of kind transfer', raw.acv, `it has asset of community value details but its kind is ${kind}`, 'acv details dropped');
    } else {
      const acv = readAcv(c, raw.acv, `${path}.acv`);
      if (acv) listing.acv = acv;
    }
  }
  return listing;
}

function readAudience(c: Checker, raw: unknown, path: string): Audience | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'audience', 'an object ({"ageMin": 50})', raw);
    return undefined;
  }
  const out: Audience = {};
  const age = { min: 0, max: 120, expected: 'an age from 0 to 120' };
  let ageMin = c.number(raw.ageMin, `${path}.ageMin`, 'ageMin', age);
  let ageMax = c.number(raw.ageMax, `${path}.ageMax`, 'ageMax', age);
  if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) {
    // Neither end can be trusted; without them the listing shows for every age
    // rather than vanishing from a prescriber's age filter.
    c.warn('age-range', `${path}.ageMin`, `ageMin no more than ageMax (${ageMax})`, ageMin, `ageMin ${ageMin} is more than ageMax ${ageMax}`, 'both ages dropped');
    ageMin = undefined;
    ageMax = undefined;
  }
  if (ageMin !== undefined) out.ageMin = ageMin;
  if (ageMax !== undefined) out.ageMax = ageMax;
  const description = c.text(raw.description, `${path}.description`, 'the audience description', TEXT_LIMITS.summary);
  if (description) out.description = description;
  const gender = c.oneOf(raw.gender, GENDERS, `${path}.gender`, 'gender');
  if (gender) out.gender = gender;
  return Object.keys(out).length ? out : undefined;
}

function readCost(c: Checker, raw: unknown, path: string): Cost | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'cost', 'an object ({"free": true} or {"amount": 3, "per": "session"})', raw);
    return undefined;
  }
  const out: Cost = {};
  const free = c.boolean(raw.free, `${path}.free`, 'free');
  if (free !== undefined) out.free = free;
  const description = c.text(raw.description, `${path}.description`, 'the cost description', TEXT_LIMITS.summary);
  if (description) out.description = description;
  const amount = c.number(raw.amount, `${path}.amount`, 'the cost amount', { min: 0, expected: 'a number of pounds, 0 or more' }, (words) => {
    if (out.description === undefined) {
      out.description = words;
      return 'moved to the cost description';
    }
    return 'dropped (the cost description is kept)';
  });
  if (amount !== undefined) out.amount = amount;
  const per = c.oneOf(raw.per, COST_PER, `${path}.per`, 'cost per');
  if (per) out.per = per;
  const help = c.text(raw.help, `${path}.help`, 'help with the cost', TEXT_LIMITS.summary);
  if (help) out.help = help;
  const budget = c.boolean(raw.personalBudget, `${path}.personalBudget`, 'personalBudget');
  if (budget !== undefined) out.personalBudget = budget;
  return Object.keys(out).length ? out : undefined;
}

function readLocation(c: Checker, raw: unknown, path: string): Location | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'location', 'an object with a postcode or lat and lng', raw);
    return undefined;
  }
  const out: Location = {};
  const precision = c.oneOf(raw.precision, ['exact', 'approximate'] as const, `${path}.precision`, 'location precision');
  if (precision) out.precision = precision;
  const name = c.text(raw.name, `${path}.name`, 'the location name', TEXT_LIMITS.name);
  if (name) out.name = name;
  const address = c.strings(raw.address, `${path}.address`, 'the address');
  if (address.length) out.address = address;
  if (raw.postcode !== undefined && raw.postcode !== null && raw.postcode !== '') {
    const postcode = normalisePostcode(raw.postcode);
    if (postcode) {
      out.postcode = postcode;
    } else {
      c.warn('bad-postcode', `${path}.postcode`, 'a UK postcode (NB1 2AA)', raw.postcode, `postcode ${describeValue(raw.postcode)} is not a UK postcode`, 'postcode dropped');
    }
  }
  const point = c.latLng(raw.lat, raw.lng, path);
  if (point) {
    out.lat = point.lat;
    out.lng = point.lng;
  }
  const radius = c.number(raw.radius, `${path}.radius`, 'the radius', { min: 1, max: 100_000, expected: 'a radius in metres, from 1 to 100,000' });
  if (radius !== undefined) out.radius = radius;
  const uprn = c.string(raw.uprn, `${path}.uprn`, 'the UPRN');
  if (uprn) out.uprn = uprn;
  if (raw.outline !== undefined && raw.outline !== null) {
    const o = raw.outline;
    if (isObject(o) && (o.type === 'Polygon' || o.type === 'MultiPolygon') && Array.isArray(o.coordinates)) {
      out.outline = o as unknown as NonNullable<Location['outline']>;
    } else {
      c.wrongType(`${path}.outline`, 'the outline', 'a GeoJSON Polygon or MultiPolygon', o);
    }
  }
  const directions = c.text(raw.directions, `${path}.directions`, 'directions', TEXT_LIMITS.summary);
  if (directions) out.directions = directions;
  return Object.keys(out).length ? out : undefined;
}

function readSession(c: Checker, raw: unknown, path: string): Session | undefined {
  if (!isObject(raw)) {
    c.wrongType(path, 'a session', 'an object with "start" and "rrule" or "date"', raw);
    return undefined;
  }
  const start = c.time(raw.start, `${path}.start`, 'the start time', false, 'session dropped');
  if (!start) {
    if (raw.start === undefined || raw.start === null || raw.start === '') {
      c.warn('bad-session', `${path}.start`, 'a start time HH:MM', raw.start, 'a session has no start time', 'session dropped');
    }
    return undefined;
  }
  const out: Session = { start };
  const end = c.time(raw.end, `${path}.end`, 'the end time', true);
  if (end) out.end = end;
  const rrule = c.string(raw.rrule, `${path}.rrule`, 'the recurrence rule', TEXT_LIMITS.word);
  if (rrule) out.rrule = rrule;
  const date = c.date(raw.date, `${path}.date`, 'the session date');
  if (date) out.date = date;
  const until = c.date(raw.until, `${path}.until`, 'until');
  if (until) out.until = until;
  if (raw.except !== undefined) {
    const except: string[] = [];
    const list = Array.isArray(raw.except) ? raw.except : [raw.except];
    list.forEach((d, i) => {
      const day = c.date(d, Array.isArray(raw.except) ? `${path}.except[${i}]` : `${path}.except`, 'an except date');
      if (day) except.push(day);
    });
    if (except.length) out.except = except;
  }
  const place = c.text(raw.place, `${path}.place`, 'the session place', TEXT_LIMITS.name);
  if (place) out.place = place;
  const point = c.latLng(raw.lat, raw.lng, path);
  if (point) {
    out.lat = point.lat;
    out.lng = point.lng;
  }
  const notes = c.text(raw.notes, `${path}.notes`, 'the session notes', TEXT_LIMITS.summary);
  if (notes) out.notes = notes;
  if (!out.rrule && !out.date) {
    c.warn('bad-session', path, 'a recurrence rule ("rrule") or a date', raw.rrule ?? raw.date, 'a session has neither a recurrence rule nor a date, so it is not known when it runs', 'session dropped');
    return undefined;
  }
  const why = checkSchedule(out);
  if (why) {
    c.warn('bad-session', out.rrule ? `${path}.rrule` : path, 'a session the finder can place on a calendar', out.rrule ?? out.date, `a session cannot be read: ${why.replace(/\.$/, '')}`, 'session dropped');
    return undefined;
  }
  return out;
}

function readOpeningHours(c: Checker, raw: unknown, path: string): OpeningHours | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'openingHours', 'an object of weekday to hours ({"mo": "09:00-17:00"})', raw);
    return undefined;
  }
  const out: OpeningHours = {};
  for (const day of c.parts.WEEKDAYS) {
    const value = raw[day];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && c.parts.parseOpeningHours(value) !== undefined) {
      out[day] = value.trim();
    } else {
      c.warn('bad-hours', `${path}.${day}`, 'hours like "09:00-13:00,14:00-17:00", or "" for closed', value, `the opening hours for "${day}" cannot be read`, `${day} dropped`);
    }
  }
  const notes = c.text(raw.notes, `${path}.notes`, 'the opening hours notes', TEXT_LIMITS.summary);
  if (notes) out.notes = notes;
  return Object.keys(out).length ? out : undefined;
}

function readContact(c: Checker, raw: unknown, path: string): Contact | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'contact', 'an object with phone, email or url', raw);
    return undefined;
  }
  const out: Contact = {};
  for (const key of ['name', 'phone', 'textphone'] as const) {
    const value = c.string(raw[key], `${path}.${key}`, `contact ${key}`);
    if (value) out[key] = value;
  }
  const email = c.string(raw.email, `${path}.email`, 'contact email');
  if (email) {
    if (/^[^\s@]+@[^\s@]+$/.test(email)) out.email = email;
    else c.warn('bad-email', `${path}.email`, 'an email address (name@example.org)', email, `contact email ${describeValue(email)} is not an email address`, 'email dropped');
  }
  const url = c.url(raw.url, `${path}.url`, 'contact url');
  if (url) out.url = url;
  return Object.keys(out).length ? out : undefined;
}

function readTransfer(c: Checker, raw: unknown, path: string, stageLists: Record<string, StageDefinition[]>): TransferDetails | undefined {
  if (!isObject(raw)) {
    c.wrongType(path, 'transfer', 'an object with "assetType" and "status"', raw);
    return undefined;
  }
  // "other" is an honest answer for a type that is missing or not in the list.
  let assetType = c.oneOf(raw.assetType, c.parts.TRANSFER_ASSET_TYPES, `${path}.assetType`, 'assetType', 'shown as "other"');
  if (!assetType) {
    if (raw.assetType === undefined) {
      c.warn('missing-value', `${path}.assetType`, `one of ${c.parts.TRANSFER_ASSET_TYPES.join(', ')}`, undefined, 'the transfer has no assetType', 'shown as "other"');
    }
    assetType = 'other';
  }
  const stagesRaw = raw.stages;
  // Checked once the stages are read: they decide what an unknown status is shown as.
  let status = (c.parts.TRANSFER_STATUSES as readonly unknown[]).includes(raw.status) ? (raw.status as TransferDetails['status']) : undefined;
  const out: TransferDetails = { assetType, status: status ?? 'proposed' };

  let stageList: readonly { id: string }[] = stageLists.default ?? DEFAULT_TRANSFER_STAGES;
  if (raw.stageList !== undefined) {
    const listId = c.string(raw.stageList, `${path}.stageList`, 'stageList');
    // Own lists only: "constructor" or "toString" must not find what every object inherits.
    if (listId && Object.hasOwn(stageLists, listId)) {
      out.stageList = listId;
      stageList = stageLists[listId]!;
    } else if (listId) {
      c.warn('unknown-stage-list', `${path}.stageList`, `a stage list in the feed's transferStages (${Object.keys(stageLists).join(', ') || 'none defined'})`, listId, `stage list "${listId}" is not defined in transferStages`, 'the default stages used');
    }
  }
  const stageIds = stageList.map((s) => s.id);
  if (stagesRaw !== undefined && stagesRaw !== null) {
    if (!Array.isArray(stagesRaw)) {
      c.wrongType(`${path}.stages`, 'stages', 'a list of {"id", "date"}', stagesRaw);
    } else {
      const stages: NonNullable<TransferDetails['stages']> = [];
      stagesRaw.forEach((stage, i) => {
        const stagePath = `${path}.stages[${i}]`;
        const id = isObject(stage) ? c.string(stage.id, `${stagePath}.id`, 'stage id') : typeof stage === 'string' ? stage : undefined;
        if (!id || !stageIds.includes(id)) {
          c.warn('unknown-stage', `${stagePath}.id`, `one of ${stageIds.join(', ')}`, isObject(stage) ? stage.id : stage, `stage ${describeValue(id ?? stage)} is not in the stage list`, 'stage dropped');
          return;
        }
        const entry: { id: string; date?: string } = { id };
        const date = isObject(stage) ? c.date(stage.date, `${stagePath}.date`, 'the stage date', true) : undefined;
        if (date) entry.date = date;
        stages.push(entry);
      });
      if (stages.length) out.stages = stages;
    }
  }
  if (raw.currentStage !== undefined && raw.currentStage !== null) {
    const current = c.string(raw.currentStage, `${path}.currentStage`, 'currentStage');
    if (current && stageIds.includes(current)) out.currentStage = current;
    else if (current) c.warn('unknown-stage', `${path}.currentStage`, `one of ${stageIds.join(', ')}`, current, `current stage "${current}" is not in the stage list`, 'current stage dropped');
  }
  if (status === undefined) {
    // A missing status is common in spreadsheets; "completed" in the stages says
    // enough to show it as transferred, otherwise it is shown as only proposed.
    status = out.stages?.some((s) => s.id === 'completed') || out.currentStage === 'completed' ? 'transferred' : 'proposed';
    const expected = `one of ${c.parts.TRANSFER_STATUSES.join(', ')}`;
    if (raw.status === undefined || raw.status === null) c.warn('missing-value', `${path}.status`, expected, undefined, 'the transfer has no status', `shown as "${status}"`);
    else c.warn('unknown-value', `${path}.status`, expected, raw.status, `status should be ${expected}, not ${describeValue(raw.status)}`, `shown as "${status}"`);
    out.status = status;
  }

  if (raw.tenure !== undefined && raw.tenure !== null) {
    const t = raw.tenure;
    if (!isObject(t)) {
      c.wrongType(`${path}.tenure`, 'tenure', 'an object ({"type": "leasehold", "years": 25})', t);
    } else {
      const type = c.oneOf(t.type, TENURES, `${path}.tenure.type`, 'tenure type') as 'freehold' | 'leasehold' | 'licence' | undefined;
      const years = c.number(t.years, `${path}.tenure.years`, 'the lease length', { min: 0, max: 999, expected: 'a number of years from 0 to 999' });
      if (type) {
        out.tenure = { type };
        if (years !== undefined) out.tenure.years = years;
        if (type === 'leasehold' && years === undefined) {
          c.warn('lease-length-missing', `${path}.tenure.years`, 'the length of the lease in years', t.years, 'a leasehold transfer does not say how long the lease is', 'shown without a length');
        }
      }
    }
  }
  const terms = c.oneOf(raw.terms, TERMS, `${path}.terms`, 'terms') as TransferDetails['terms'];
  if (terms) out.terms = terms;

  let priceNotes = c.text(raw.priceNotes, `${path}.priceNotes`, 'priceNotes', TEXT_LIMITS.summary);
  const toNotes = (words: string): string => {
    if (priceNotes === undefined) {
      priceNotes = words;
      return 'moved to priceNotes';
    }
    if (typeof priceNotes === 'string' && !priceNotes.includes(words)) {
      priceNotes = `${priceNotes}; ${words}`;
      return 'added to priceNotes';
    }
    return 'dropped (priceNotes already says it)';
  };
  const money = { min: 0, expected: 'a number of pounds, 0 or more' };
  const guidePrice = c.number(raw.guidePrice, `${path}.guidePrice`, 'guidePrice', money, toNotes);
  if (guidePrice !== undefined) out.guidePrice = guidePrice;
  const guideRent = c.number(raw.guideRent, `${path}.guideRent`, 'guideRent', money, toNotes);
  if (guideRent !== undefined) out.guideRent = guideRent;
  if (priceNotes !== undefined) out.priceNotes = priceNotes;
  const area = { min: 0, expected: 'a number, 0 or more' };
  const floor = c.number(raw.floorAreaSqm, `${path}.floorAreaSqm`, 'floorAreaSqm', area);
  if (floor !== undefined) out.floorAreaSqm = floor;
  const site = c.number(raw.siteAreaHa, `${path}.siteAreaHa`, 'siteAreaHa', area);
  if (site !== undefined) out.siteAreaHa = site;
  for (const key of ['condition', 'currentUse', 'currentUsers', 'reason', 'restrictions', 'planning'] as const) {
    const value = c.text(raw[key], `${path}.${key}`, key, TEXT_LIMITS.long);
    if (value) out[key] = value;
  }

  if (raw.dates !== undefined && raw.dates !== null) {
    if (!isObject(raw.dates)) {
      c.wrongType(`${path}.dates`, 'dates', 'an object of dates', raw.dates);
    } else {
      const dates: NonNullable<TransferDetails['dates']> = {};
      for (const key of ['noticePublished', 'informationSession', 'eoiDeadline', 'decision'] as const) {
        const value = c.date(raw.dates[key], `${path}.dates.${key}`, key, true);
        if (value) dates[key] = value;
      }
      if (dates.noticePublished && dates.eoiDeadline && dates.eoiDeadline.slice(0, 10) < dates.noticePublished.slice(0, 10)) {
        c.warn(
          'deadline-before-notice',
          `${path}.dates.eoiDeadline`,
          `a deadline after the notice was published (${dates.noticePublished})`,
          dates.eoiDeadline,
          `the expression-of-interest deadline ${dates.eoiDeadline} is before the notice date ${dates.noticePublished}`,
          'both dates kept as written',
        );
      }
      if (Object.keys(dates).length) out.dates = dates;
    }
  }
  if (raw.documents !== undefined && raw.documents !== null) {
    if (!Array.isArray(raw.documents)) {
      c.wrongType(`${path}.documents`, 'documents', 'a list of {"title", "url"}', raw.documents);
    } else {
      const documents: TransferDocument[] = [];
      raw.documents.forEach((doc, i) => {
        const docPath = `${path}.documents[${i}]`;
        if (!isObject(doc)) return c.wrongType(docPath, 'a document', 'an object with "title" and "url"', doc);
        const url = c.url(doc.url, `${docPath}.url`, 'the document url');
        if (!url) {
          if (doc.url === undefined) c.warn('missing-value', `${docPath}.url`, 'a link to the document', undefined, 'a document has no url', 'document dropped');
          return;
        }
        const title = c.text(doc.title, `${docPath}.title`, 'the document title', TEXT_LIMITS.name) ?? url;
        const d: TransferDocument = { title, url };
        const type = c.string(doc.type, `${docPath}.type`, 'the document type');
        if (type) d.type = type;
        const size = c.number(doc.sizeBytes, `${docPath}.sizeBytes`, 'sizeBytes', { min: 0, expected: 'a size in bytes, 0 or more' });
        if (size !== undefined) d.sizeBytes = size;
        documents.push(d);
      });
      if (documents.length) out.documents = documents;
    }
  }
  const eoi = c.url(raw.expressionOfInterestUrl, `${path}.expressionOfInterestUrl`, 'expressionOfInterestUrl');
  if (eoi) out.expressionOfInterestUrl = eoi;
  return out;
}

function readAcv(c: Checker, raw: unknown, path: string): AcvDetails | undefined {
  if (!isObject(raw)) {
    c.wrongType(path, 'acv', 'an object with "status"', raw);
    return undefined;
  }
  const dates: Partial<AcvDetails> = {};
  for (const key of ['nominatedOn', 'listedOn', 'expiresOn', 'disposalNotifiedOn'] as const) {
    const value = c.date(raw[key], `${path}.${key}`, key);
    if (value) dates[key] = value;
  }
  let status = (ACV_STATUSES as readonly unknown[]).includes(raw.status) ? (raw.status as AcvDetails['status']) : undefined;
  if (!status) {
    const expected = `one of ${ACV_STATUSES.join(', ')}`;
    const code = raw.status === undefined || raw.status === null ? 'missing-value' : 'unknown-value';
    const what = code === 'missing-value' ? 'the asset of community value details have no status' : `the acv status should be ${expected}, not ${describeValue(raw.status)}`;
    const guess = dates.listedOn ? 'listed' : dates.nominatedOn ? 'nominated' : undefined;
    if (!guess) {
      c.warn(code, `${path}.status`, expected, raw.status, `${what}, and no dates`, 'acv details dropped');
      return undefined;
    }
    c.warn(code, `${path}.status`, expected, raw.status, what, `shown as "${guess}" from its dates`);
    status = guess;
  }
  const out: AcvDetails = { status, ...dates };
  const by = c.string(raw.nominatedBy, `${path}.nominatedBy`, 'nominatedBy', TEXT_LIMITS.name);
  if (by) out.nominatedBy = by;
  return out;
}
