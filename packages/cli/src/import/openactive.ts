/**
 * OpenActive RPDE pages → Community Atlas feed. Pure: takes parsed pages,
 * returns a feed and counts of everything dropped or skipped, with reasons.
 *
 * RPDE ("Realtime Paged Data Exchange") pages carry `items`, each
 * `{ state: "updated" | "deleted", kind, id, modified, data }`. A feed is read by
 * replaying every page: the item with the highest `modified` for an id wins,
 * whatever order the items came in, and a winning `deleted` removes the id.
 *
 * Both shapes in use are read:
 * - the OpenActive 1.0-era `Event` with `subEvent` occurrences, activities as
 *   plain strings and an address as one string;
 * - the current modelling spec: `SessionSeries` (or an `Event`) with `activity`
 *   Concepts (`prefLabel`), a `Place` with a `PostalAddress` and `geo`, `offers`
 *   with `price` and `priceCurrency`, `ageRange`, and an `eventSchedule` whose
 *   `byDay`, `startTime`, `endTime` and `repeatFrequency` (`P1W`) become an RRULE;
 *   `ScheduledSession` items are attached to their `superEvent` series.
 */
import type { Cost, Feed, Listing, Location, Session } from '@community-atlas/core';
import { allSessionsBefore } from './past.js';
import {
  asArray,
  clock,
  coordinates,
  isObject,
  isoDate,
  num,
  objects,
  postcode,
  POSTCODE_IN_TEXT,
  safeId,
  Tally,
  jsonText as text,
  unique,
  weekdayCode,
  type Json,
  type TallyLine,
} from '@community-atlas/core/oruk';

interface OpenActiveImportOptions {
  /**
   * Publisher name; default the most common organiser, else the host the pages
   * came from (their `next` address), else the first page's file name. Never
   * "OpenActive": that is the standard the pages follow, not who published them.
   */
  publisher?: string;
  /** Today's date (ISO) for the feed's `updated` and for telling past sessions; tests pin it. */
  today?: string;
  /** A name for each page (its file), for messages. */
  pageNames?: string[];
}

interface OpenActiveImportResult {
  feed: Feed;
  /** Items in all the pages, every state. */
  itemsRead: number;
  /** Ids whose latest item is `deleted`. */
  deleted: number;
  /** Items replaced by a later `modified` of the same id. */
  superseded: number;
  /** Distinct places among the listings written. */
  venues: number;
  /** Occurrences (`subEvent`, `ScheduledSession`) attached as one-off sessions. */
  occurrences: number;
  /** Live items that did not become a listing, with reasons. */
  skipped: TallyLine[];
  /** What was read but changed or left out on the way. */
  notes: TallyLine[];
  /** Pages that could not be read as RPDE pages, with why; the other pages are still imported. */
  badPages: string[];
  /** Listings written whose every session is over before `today`. */
  past: { count: number; examples: string[] };
}

const FACILITY_TYPES = /^(FacilityUse|IndividualFacilityUse|Slot)$/;
const SERIES_TYPES = /^(Event|SessionSeries|CourseInstance|Course|EventSeries|HeadlineEvent|OnDemandEvent)$/;

export function importOpenActive(pages: readonly unknown[], options: OpenActiveImportOptions = {}): OpenActiveImportResult {
  const skipped = new Tally();
  const notes = new Tally();
  let itemsRead = 0;
  let superseded = 0;
  let licence: string | undefined;
  let host: string | undefined;

  // Replay: latest `modified` per id wins; on a tie the later item in the pages wins.
  const latest = new Map<string, { item: Json; modified: number | string | undefined }>();
  const badPages: string[] = [];
  for (const [index, page] of pages.entries()) {
    if (!isObject(page) || !Array.isArray(page.items)) {
      const name = options.pageNames?.[index] ?? `Page ${index + 1}`;
      const why = !isObject(page)
        ? `is ${Array.isArray(page) ? 'a list' : typeof page}, not an RPDE page (an object with "items": [...])`
        : 'items' in page
          ? `has "items" that is not a list (${typeof page.items}), so it is not an RPDE page; skipped`
          : `has no "items" list, so it is not an RPDE page (its fields: ${Object.keys(page).slice(0, 6).join(', ') || 'none'}); skipped`;
      badPages.push(`${name} ${why}`);
      continue;
    }
    licence ??= text(page.license);
    host ??= hostOf(text(page.next));
    for (const item of page.items) {
      itemsRead++;
      if (!isObject(item) || item.id === undefined || item.id === null) {
        skipped.add('RPDE item without an id');
        continue;
      }
      const key = `${text(item.kind) ?? ''}\u0000${String(item.id)}`;
      const modified = typeof item.modified === 'number' ? item.modified : text(item.modified);
      const earlier = latest.get(key);
      if (earlier) {
        superseded++;
        if (compareModified(modified, earlier.modified) < 0) continue;
      }
      latest.set(key, { item, modified });
    }
  }

  let deleted = 0;
  const live: Json[] = [];
  for (const { item } of latest.values()) {
    if (text(item.state) === 'deleted') deleted++;
    else if (!isObject(item.data)) skipped.add('Updated item with no data', String(item.id));
    else live.push(item);
  }

  // Series first, so that ScheduledSession items can find theirs.
  const series = new Map<string, { listing: Listing; hasRule: boolean }>();
  const sessions: Json[] = [];
  const listings: Listing[] = [];
  const organisers: string[] = [];
  const ids = new Set<string>();
  for (const item of live) {
    const data = item.data as Json;
    const type = typeOf(data);
    if (type === 'ScheduledSession') {
      sessions.push(data);
      continue;
    }
    if (FACILITY_TYPES.test(type)) {
      skipped.add('Facility booking (FacilityUse or Slot), not an activity', String(item.id));
      continue;
    }
    if (!SERIES_TYPES.test(type)) {
      skipped.add(`Item of type "${type || 'none'}", which is not an activity`, String(item.id));
      continue;
    }
    const built = seriesListing(data, String(item.id), notes);
    if (typeof built === 'string') {
      skipped.add(built, String(item.id));
      continue;
    }
    let id = built.listing.id;
    for (let n = 2; ids.has(id); n++) id = `${built.listing.id}-${n}`;
    built.listing.id = id;
    ids.add(id);
    listings.push(built.listing);
    const orgName = built.listing.organisation?.name;
    if (typeof orgName === 'string') organisers.push(orgName);
    for (const key of seriesKeys(data)) series.set(key, built);
  }

  for (const data of sessions) {
    const parent = superEvent(data);
    const target = parent.key ? series.get(parent.key) : undefined;
    if (target) {
      if (target.hasRule) continue; // the series' own rule already covers this occurrence
      const session = occurrence(data, notes, target.listing.id);
      if (session) {
        (target.listing.schedule ??= []).push(session);
      }
      continue;
    }
    if (parent.embedded) {
      // A session that carries its whole series inside it.
      const built = seriesListing({ ...parent.embedded, subEvent: [data] }, text(data.identifier) ?? text(data['@id']) ?? text(data.id) ?? 'session', notes);
      if (typeof built === 'string') {
        skipped.add(built, text(data.identifier));
        continue;
      }
      if (!ids.has(built.listing.id)) {
        ids.add(built.listing.id);
        listings.push(built.listing);
        for (const key of seriesKeys(parent.embedded)) series.set(key, built);
      }
      continue;
    }
    skipped.add('ScheduledSession whose SessionSeries is not in these pages (or was deleted)', parent.key);
  }
  const occurrences = listings.reduce((n, l) => n + (l.schedule?.filter((s) => !s.rrule).length ?? 0), 0);

  const venues = new Set(
    listings.flatMap((l) => (l.location ? [`${String(l.location.name ?? '')}|${l.location.postcode ?? ''}|${l.location.lat ?? ''}`] : [])),
  ).size;

  const unnamedPublisher = (): string => {
    const name = host ?? options.pageNames?.[0]?.replace(/^.*[/\\]/, '').replace(/\.json$/i, '') ?? 'Unnamed OpenActive publisher';
    notes.add('No organiser named in these pages: the feed is published under the host or file they came from (give --publisher NAME)', name);
    return name;
  };
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const feed: Feed = {
    version: '1',
    publisher: { name: options.publisher ?? mostCommon(organisers) ?? unnamedPublisher() },
    updated: today,
    listings,
  };
  if (licence) feed.licence = licence;
  const over = listings.filter((l) => allSessionsBefore(l, today));
  return {
    feed, itemsRead, deleted, superseded, venues, occurrences, skipped: skipped.lines, notes: notes.lines, badPages,
    past: { count: over.length, examples: over.slice(0, 3).map((l) => l.id) },
  };
}

function compareModified(a: number | string | undefined, b: number | string | undefined): number {
  if (a === undefined) return b === undefined ? 0 : -1;
  if (b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** The host of an http(s) address, or undefined. */
function hostOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  try {
    const url = new URL(address);
    return /^https?:$/.test(url.protocol) && url.hostname ? url.hostname : undefined;
  } catch {
    return undefined;
  }
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (!best || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

function typeOf(data: Json): string {
  return (text(data['@type']) ?? text(data.type) ?? '').replace(/^.*[/#:]/, '');
}

function seriesKeys(data: Json): string[] {
  return [text(data['@id']), text(data.id), text(data.identifier)].filter((k): k is string => Boolean(k));
}

function superEvent(data: Json): { key?: string; embedded?: Json } {
  const parent = data.superEvent;
  if (typeof parent === 'string') return { key: parent };
  if (isObject(parent)) {
    const key = seriesKeys(parent)[0];
    const result: { key?: string; embedded?: Json } = { embedded: parent };
    if (key) result.key = key;
    return result;
  }
  return {};
}

/** An Event or SessionSeries → a listing, or the reason it cannot be one. */
function seriesListing(data: Json, rpdeId: string, notes: Tally): { listing: Listing; hasRule: boolean } | string {
  const name = text(data.name);
  if (!name) return 'Activity without a name';
  const id = safeId(text(data.identifier) ?? rpdeId);
  const listing: Listing = { id, kind: 'activity', name, categories: ['physical-activity'] };
  const description = text(data.description);
  if (description) listing.description = description;
  const howToJoin = text(data.attendeeInstructions);
  if (howToJoin) listing.howToJoin = howToJoin;
  const url = text(data.url);
  if (url && /^https?:\/\//i.test(url)) listing.url = url;

  const activities = unique(asArray(data.activity).flatMap((a) => {
    const label = isObject(a) ? text(a.prefLabel) ?? text(a.name) : text(a);
    return label ? [label] : [];
  }));
  if (activities.length) listing.keywords = activities;

  const organizer = isObject(data.organizer) ? data.organizer : undefined;
  if (organizer) {
    if (typeOf(organizer) === 'Person') {
      notes.add('Organiser is a person: left out, since a feed never names individuals', id);
    } else {
      const orgName = text(organizer.name);
      if (orgName) {
        listing.organisation = { name: orgName };
        const orgUrl = text(organizer.url);
        if (orgUrl && /^https?:\/\//i.test(orgUrl)) listing.organisation.url = orgUrl;
      }
    }
  }

  const audience: NonNullable<Listing['audience']> = {};
  const range = isObject(data.ageRange) ? data.ageRange : undefined;
  const minAge = num(range?.minValue);
  const maxAge = num(range?.maxValue);
  if (minAge !== undefined && minAge > 0) audience.ageMin = minAge;
  if (maxAge !== undefined) audience.ageMax = maxAge;
  const gender = text(data.genderRestriction) ?? '';
  if (/FemaleOnly$/.test(gender)) audience.gender = 'women';
  else if (/MaleOnly$/.test(gender)) audience.gender = 'men';
  if (Object.keys(audience).length) listing.audience = audience;

  const cost = readOffers(data, notes, id);
  if (cost) listing.cost = cost;

  const place = isObject(data.location) ? data.location : undefined;
  const attendance = text(data.attendanceMode) ?? '';
  if (place && typeOf(place) === 'VirtualLocation') {
    listing.delivery = ['online'];
    const joinUrl = text(place.url);
    if (joinUrl && /^https?:\/\//i.test(joinUrl)) listing.contact = { url: joinUrl };
  } else if (place) {
    const location = readPlace(place);
    if (location) {
      listing.location = location;
      listing.delivery = ['in-person'];
    }
    const phone = text(place.telephone);
    if (phone) listing.contact = { phone };
    if (/Mixed$/i.test(attendance)) listing.delivery = ['in-person', 'online'];
  } else {
    notes.add('Activity without a location', id);
  }
  const email = text(organizer?.email);
  if (email && typeOf(organizer ?? {}) !== 'Person') listing.contact = { ...listing.contact, email };

  const { sessions, hasRule } = readSchedule(data, notes, id);
  if (sessions.length) listing.schedule = sessions;
  else notes.add('Activity with no schedule and no occurrences', id);
  return { listing, hasRule };
}

function readOffers(data: Json, notes: Tally, id: string): Cost | undefined {
  // `offers` in the spec; `offer` in some 1.0-era feeds; or only on the occurrences.
  let offers = [...objects(data.offers), ...objects(data.offer)];
  if (!offers.length) offers = objects(data.subEvent).flatMap((sub) => [...objects(sub.offers), ...objects(sub.offer)]);
  if (!offers.length) return undefined;
  const priced: { amount: number; name?: string }[] = [];
  for (const offer of offers) {
    const raw = offer.price;
    // "£4.50" and "4.50 GBP" are prices too, whatever the spec says.
    const price = num(raw) ?? (typeof raw === 'string' ? num(raw.replace(/[£,\s]|GBP/gi, '')) : undefined);
    const currency = text(offer.priceCurrency)?.toUpperCase() ?? (typeof raw === 'string' && /£|GBP/i.test(raw) ? 'GBP' : 'GBP');
    if (price === undefined) {
      notes.add(raw === undefined || raw === null || raw === '' ? 'Offer without a price, left out' : `Offer price "${String(raw)}" is not a number, left out`, id);
      continue;
    }
    if (price < 0) {
      notes.add('Offer with a negative price, left out', id);
      continue;
    }
    if (currency !== 'GBP') {
      notes.add('Price in a currency other than pounds, left out', id);
      continue;
    }
    const entry: { amount: number; name?: string } = { amount: price };
    const name = text(offer.name);
    if (name) entry.name = name;
    priced.push(entry);
  }
  if (!priced.length) return undefined;
  const cost: Cost = {};
  if (priced.every((p) => p.amount === 0)) {
    cost.free = true;
    return cost;
  }
  const paid = priced.filter((p) => p.amount > 0).sort((a, b) => a.amount - b.amount);
  cost.amount = paid[0]?.amount;
  cost.per = 'session';
  if (priced.length > 1) {
    cost.description = unique(priced.map((p) => `${p.name ? `${p.name}: ` : ''}${p.amount === 0 ? 'free' : `£${p.amount.toFixed(2)}`}`)).join('; ');
  }
  return cost;
}

function readPlace(place: Json): Location | undefined {
  const location: Location = {};
  const name = text(place.name);
  if (name) location.name = name;
  const address = place.address;
  if (isObject(address)) {
    const lines = [address.streetAddress, address.addressLocality, address.addressRegion]
      .map((v) => text(v))
      .filter((v): v is string => Boolean(v));
    if (lines.length) location.address = unique(lines);
    const pc = postcode(address.postalCode);
    if (pc) location.postcode = pc;
  } else if (typeof address === 'string') {
    // 1.0-era feeds: "Balaam Street, Plaistow, London, E13 8AQ"
    const found = POSTCODE_IN_TEXT.exec(address);
    if (found) location.postcode = postcode(`${found[1]} ${found[2]}`);
    const lines = address
      .replace(POSTCODE_IN_TEXT, '')
      .split(/,|\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    if (lines.length) location.address = lines;
  }
  const geo = isObject(place.geo) ? place.geo : place;
  const point = coordinates(geo.latitude, geo.longitude);
  if (point) {
    location.lat = point.lat;
    location.lng = point.lng;
  }
  return Object.keys(location).length ? location : undefined;
}

const FREQUENCIES: Record<string, string> = { D: 'DAILY', W: 'WEEKLY', M: 'MONTHLY', Y: 'YEARLY' };

/**
 * `eventSchedule` → RRULE sessions; without one, each `subEvent` → a one-off
 * session. Old feeds give the weekday in `eventSchedule` but the time only on
 * the occurrences, so the time is taken from the first occurrence then.
 */
function readSchedule(data: Json, notes: Tally, id: string): { sessions: Session[]; hasRule: boolean } {
  const subEvents = objects(data.subEvent)
    .map((sub) => ({ sub, start: wallClock(sub.startDate) }))
    .sort((a, b) => (a.start?.date ?? '').localeCompare(b.start?.date ?? '') || (a.start?.time ?? '').localeCompare(b.start?.time ?? ''));
  const sessions: Session[] = [];
  for (const schedule of objects(data.eventSchedule)) {
    const days = unique(asArray(schedule.byDay).map((d) => weekdayCode(d)).filter((d): d is string => Boolean(d)));
    const frequency = /^P(\d+)([DWMY])$/i.exec(text(schedule.repeatFrequency) ?? 'P1W');
    if (!frequency) {
      notes.add(`Schedule repeat "${text(schedule.repeatFrequency)}" not understood, left out`, id);
      continue;
    }
    const freq = FREQUENCIES[(frequency[2] ?? 'W').toUpperCase()] ?? 'WEEKLY';
    const interval = Number(frequency[1]);
    const first = subEvents[0];
    const start = clock(schedule.startTime) ?? first?.start?.time;
    if (!start) {
      notes.add('Schedule without a start time (and no occurrence to take it from), left out', id);
      continue;
    }
    const end = clock(schedule.endTime) ?? (schedule.startTime === undefined ? endOf(first?.sub, first?.start) : addDuration(start, text(schedule.duration) ?? text(data.duration)));
    const parts = [`FREQ=${freq}`];
    if (interval > 1) parts.push(`INTERVAL=${interval}`);
    if (days.length) parts.push(`BYDAY=${days.join(',')}`);
    const byMonthDay = asArray(schedule.byMonthDay).map((d) => num(d)).filter((d): d is number => d !== undefined);
    if (byMonthDay.length) parts.push(`BYMONTHDAY=${byMonthDay.join(',')}`);
    if (freq === 'WEEKLY' && !days.length && !first?.start) {
      notes.add('Weekly schedule with no day, left out', id);
      continue;
    }
    if (freq === 'WEEKLY' && !days.length && first?.start) parts.push(`BYDAY=${first.start.weekday}`);
    const session: Session = { rrule: parts.join(';'), start };
    if (end) session.end = end;
    const date = isoDate(schedule.startDate) ?? first?.start?.date;
    if (date) session.date = date;
    const until = isoDate(schedule.endDate);
    if (until) session.until = until;
    const except = asArray(schedule.exceptDate).map((d) => wallClock(d)?.date ?? isoDate(d)).filter((d): d is string => Boolean(d));
    if (except.length) session.except = unique(except);
    sessions.push(session);
  }
  if (sessions.length) return { sessions, hasRule: true };
  for (const { sub } of subEvents) {
    const session = occurrence(sub, notes, id, data.duration);
    if (session) sessions.push(session);
  }
  return { sessions, hasRule: false };
}

/** One dated occurrence (a `subEvent` or a `ScheduledSession`) → a one-off session. */
function occurrence(data: Json, notes: Tally, id: string, fallbackDuration?: unknown): Session | undefined {
  const start = wallClock(data.startDate);
  if (!start) {
    notes.add('Occurrence without a start date and time, left out', id);
    return undefined;
  }
  const session: Session = { date: start.date, start: start.time };
  const end = endOf(data, start) ?? addDuration(start.time, text(data.duration) ?? text(fallbackDuration));
  if (end) session.end = end;
  return session;
}

function endOf(data: Json | undefined, start: { date: string; time: string } | undefined): string | undefined {
  if (!data) return undefined;
  const end = wallClock(data.endDate);
  // Booking systems often end a session at 10:59:59, meaning 11:00.
  if (end && start && end.date === start.date) return /T\d{2}:\d{2}:59(\.\d+)?(Z|[+-]\d|$)/i.test(text(data.endDate) ?? '') ? addDuration(end.time, 'PT1M') ?? end.time : end.time;
  return start ? addDuration(start.time, text(data.duration)) : undefined;
}

/** `HH:MM` plus an ISO 8601 duration (`PT45M`, `PT1H30M`), within the same day. */
function addDuration(start: string, duration: string | undefined): string | undefined {
  const match = duration ? /^PT(?:(\d+)H)?(?:(\d+)M)?$/i.exec(duration) : null;
  if (!match || (!match[1] && !match[2])) return undefined;
  const [h = 0, m = 0] = start.split(':').map(Number);
  const total = h * 60 + m + Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0);
  if (total > 24 * 60) return undefined;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

let london: Intl.DateTimeFormat | undefined;
const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/**
 * The London date and wall-clock time of an ISO date-time. Times with a zone
 * (`Z`, `+01:00`) are converted, since sessions are shown as UK local times; a
 * time with no zone is already local.
 */
function wallClock(value: unknown): { date: string; time: string; weekday: string } | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(raw);
  if (!match) return undefined;
  let [, y, mo, d, h, mi] = match as unknown as string[];
  if (match[6]) {
    const instant = new Date(raw);
    if (Number.isNaN(instant.getTime())) return undefined;
    london ??= new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    });
    const parts: Record<string, string> = {};
    for (const part of london.formatToParts(instant)) parts[part.type] = part.value;
    [y, mo, d, h, mi] = [parts.year, parts.month, parts.day, parts.hour, parts.minute];
  }
  const date = `${y}-${mo}-${d}`;
  const weekday = WEEKDAY_CODES[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7] ?? 'MO';
  return { date, time: `${h}:${mi}`, weekday };
}
