/**
 * Schedules: when a listing runs or is open, in UK wall-clock time.
 *
 * A listing has recurring or one-off sessions (`schedule`) and, for places,
 * weekly opening hours (`openingHours`). Everything here treats them alike as
 * "periods": a start instant and, when known, an end. Bad rules and bad times
 * never throw: the session is left out and `checkSchedule` (problems.ts) says why.
 * Public through index.ts.
 */
import type { AtlasListing } from '../feed/normalised.js';
import type { OpeningHours, Weekday } from '../feed/types.js';
import { WEEKDAYS } from '../feed/types.js';
import type { NextSession } from '../engine/types.js';
import { recurrenceDays, recurrenceWeekdays } from './recurrence.js';
import { compileSession, type CompiledSession } from './session.js';
import { isoDay, londonInstant, londonParts, parseClock, weekdayOf } from './zone.js';
/** Part of the day a `time` filter uses: morning before 12:00, afternoon 12:00–17:00, evening from 17:00. */
export type DayPart = 'morning' | 'afternoon' | 'evening';
export const DAY_PARTS: readonly DayPart[] = ['morning', 'afternoon', 'evening'];
const PART_BOUNDS: readonly [DayPart, number, number][] = [
  ['morning', 0, 720],
  ['afternoon', 720, 1020],
  ['evening', 1020, 1440],
];

/**
 * How far ahead a recurring rule is searched. A rule that has produced nothing
 * in five years (BYMONTHDAY=30;BYMONTH=2) produces nothing a resident needs.
 */
const HORIZON_DAYS = 5 * 366;

/** One opening period of a day, in minutes past that day's midnight (`end` is past 1440 when it closes after midnight). */
export interface OpeningPeriod {
  start: number;
  end: number;
}

const compiledHours = new WeakMap<OpeningHours, (OpeningPeriod[] | undefined)[]>();

/**
 * Parses one day's opening hours as the public library data schema writes them:
 * `"09:00-13:00,14:00-17:00"`. An empty string is closed (`[]`). An end of
 * `00:00` is midnight, and an end before the start runs past midnight (the real
 * data has "10:00-00:00" and "07:00-02:00"; read literally rather than dropped,
 * because dropping a day would say the place is closed). Something that cannot
 * be read (`"25:00-26:00"`, `"9am to 5pm"`, a lone `"00:00"`) is undefined.
 */
export function parseOpeningHours(value: string): OpeningPeriod[] | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!text) return [];
  const periods: OpeningPeriod[] = [];
  for (const piece of text.split(',')) {
    const m = /^\s*(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})\s*$/.exec(piece);
    if (!m) return undefined;
    const start = parseClock(m[1]);
    let end = parseClock(m[2], true);
    if (start === undefined || end === undefined || end === start) return undefined;
    if (end < start) end += 1440;
    periods.push({ start, end });
  }
  return periods.sort((a, b) => a.start - b.start);
}

/** Problems with a listing's opening hours, one sentence each; empty when all is well. */
export function checkOpeningHours(hours: OpeningHours | undefined): string[] {
  if (!hours || typeof hours !== 'object') return [];
  const problems: string[] = [];
  for (const day of WEEKDAYS) {
    const value = hours[day];
    if (value === undefined) continue;
    if (parseOpeningHours(value) === undefined) {
      problems.push(`Opening hours for ${day} ("${String(value)}") are not times like 09:00-13:00,14:00-17:00.`);
    }
  }
  return problems;
}

function hoursByWeekday(hours: OpeningHours): (OpeningPeriod[] | undefined)[] {
  let cached = compiledHours.get(hours);
  if (!cached) {
    cached = WEEKDAYS.map((day) => {
      const value = hours[day];
      return value === undefined ? undefined : parseOpeningHours(value);
    });
    compiledHours.set(hours, cached);
  }
  return cached;
}

/** Periods of one session whose end is after `from` (or, with no end, that start at or after it), in order. */
function* sessionPeriods(session: CompiledSession, from: number): Generator<NextSession> {
  // Start the day before, so that a session running over midnight is found while it is on.
  const fromDay = londonParts(from).day - 1;
  const days = session.rule
    ? recurrenceDays(session.rule, session.anchor, fromDay, Math.min(session.lastDay ?? Infinity, fromDay + HORIZON_DAYS))
    : session.anchor !== undefined && session.anchor >= fromDay
      ? [session.anchor]
      : [];
  for (const day of days) {
    if (session.except.has(day)) continue;
    const period = periodOn(day, session.start, session.end);
    if (session.untilInstant !== undefined && period.start.getTime() > session.untilInstant) return;
    if (isCurrentOrLater(period, from)) yield period;
  }
}

function* openingPeriods(hours: OpeningHours, from: number): Generator<NextSession> {
  const week = hoursByWeekday(hours);
  if (!week.some((periods) => periods?.length)) return;
  // From the day before, so that a night still open after midnight is found.
  const fromDay = londonParts(from).day - 1;
  for (let day = fromDay; day <= fromDay + HORIZON_DAYS; day++) {
    for (const p of week[weekdayOf(day)] ?? []) {
      const period = periodOn(day, p.start, p.end);
      if (isCurrentOrLater(period, from)) yield period;
    }
  }
}

function periodOn(day: number, start: number, end: number | undefined): NextSession {
  const period: NextSession = { start: new Date(londonInstant(day, start)) };
  if (end !== undefined) period.end = new Date(londonInstant(day + Math.floor(end / 1440), end % 1440));
  return period;
}

function isCurrentOrLater(period: NextSession, from: number): boolean {
  return period.end ? period.end.getTime() > from : period.start.getTime() >= from;
}

function periodSources(listing: AtlasListing, from: number): Generator<NextSession>[] {
  const sources: Generator<NextSession>[] = [];
  const sessions = Array.isArray(listing.schedule) ? listing.schedule : [];
  for (const session of sessions) {
    const compiled = compileSession(session);
    if (!Array.isArray(compiled)) sources.push(sessionPeriods(compiled, from));
  }
  if (listing.openingHours && typeof listing.openingHours === 'object') sources.push(openingPeriods(listing.openingHours, from));
  return sources;
}

/**
 * The session or opening period that is on at `from` or comes next: its `start`
 * may be before `from` when it is already under way (so a finder can say "on
 * now, until 11:00"). For a place with opening hours, the current or next
 * opening. Undefined when nothing is scheduled (or every rule is unreadable).
 * The result is frozen and shared: copy it to change it.
 */
export function nextSession(listing: AtlasListing, from: Date): NextSession | undefined {
  const t = from.getTime();
  if (!Number.isFinite(t) || !listing || typeof listing !== 'object') return undefined;
  const memo = nextMemo.get(listing);
  if (memo && memo.schedule === listing.schedule && memo.hours === listing.openingHours && t >= memo.from && t < memo.until) {
    return memo.result;
  }
  let best: NextSession | undefined;
  for (const source of periodSources(listing, t)) {
    const first = source.next();
    if (!first.done && (!best || first.value.start < best.start)) best = first.value;
  }
  // The answer stays the same for any later moment until the period found is
  // over: nothing can end in between without having been found first. So a
  // finder asking again a few seconds later, for 10,000 listings, does no work.
  const until = best ? (best.end ?? best.start).getTime() : t + MEMO_EMPTY_MS;
  // Frozen because the same object is handed to every caller until it is over.
  if (best) Object.freeze(best);
  nextMemo.set(listing, { from: t, until, result: best, schedule: listing.schedule, hours: listing.openingHours });
  return best;
}

/** How long "nothing scheduled" is trusted: the search looks five years ahead, so an hour is safe. */
const MEMO_EMPTY_MS = 3_600_000;
const nextMemo = new WeakMap<
  AtlasListing,
  { from: number; until: number; result: NextSession | undefined; schedule: unknown; hours: unknown }
>();

/** The next `count` periods from `from` (including one under way), in order, for a timetable. */
export function upcomingSessions(listing: AtlasListing, from: Date, count: number): NextSession[] {
  const t = from.getTime();
  if (!Number.isFinite(t) || !(count > 0)) return [];
  const heads = periodSources(listing, t).map((source) => ({ source, head: source.next() }));
  const out: NextSession[] = [];
  while (out.length < count) {
    let pick: (typeof heads)[number] | undefined;
    for (const h of heads) {
      if (!h.head.done && (!pick || h.head.value.start < (pick.head.value as NextSession).start)) pick = h;
    }
    if (!pick || pick.head.done) break;
    const value = pick.head.value;
    const previous = out[out.length - 1];
    // Two sessions that describe the same time (a rule and a one-off copy of it) are shown once.
    if (!previous || previous.start.getTime() !== value.start.getTime() || previous.end?.getTime() !== value.end?.getTime()) {
      out.push(value);
    }
    pick.head = pick.source.next();
  }
  return out;
}

/** Whether the listing is open, or a session is under way, at `at`. A session with no end time is never "on now". */
export function isOnNow(listing: AtlasListing, at: Date): boolean {
  const t = at.getTime();
  const next = nextSession(listing, at);
  if (!next) return false;
  // The current-or-next period has the earliest start of all, so if anything is
  // on, it is; the exception is a tie with an end-less session starting exactly now.
  if (next.end) return next.start.getTime() <= t;
  if (next.start.getTime() !== t) return false;
  for (const source of periodSources(listing, t)) {
    const first = source.next();
    if (!first.done && first.value.end && first.value.start.getTime() <= t) return true;
  }
  return false;
}

/**
 * Whether a session or opening period overlaps [`from`, `to`): "today", "this
 * week". Each source's first period that has not ended by `from` is its earliest,
 * so checking that one is enough.
 */
export function hasSessionBetween(listing: AtlasListing, from: Date, to: Date): boolean {
  const next = nextSession(listing, from);
  return next !== undefined && next.start.getTime() < to.getTime();
}

/**
 * Every `${weekday}-${part}` (such as `tu-morning`) the listing runs or is open
 * in, for the day and time filters. A session that spans parts counts in each;
 * a rule on dates of the month (the 15th) can fall on any weekday, so counts on
 * all of them. This is the listing's pattern, not its calendar (the `when` filter
 * uses `hasSessionBetween`), but given `from`, a session that is over by then
 * (last summer's scheme, last year's one-off social) is not part of it: a listing
 * whose every session is over is in no day or time filter.
 */
export function weeklySlots(listing: AtlasListing, from?: Date): Set<string> {
  const slots = new Set<string>();
  const add = (weekdays: number[], start: number, end: number | undefined): void => {
    const until = Math.min(end ?? start + 1, 1440);
    for (const weekday of weekdays) {
      for (const [part, lo, hi] of PART_BOUNDS) {
        if (start < hi && until > lo) slots.add(`${WEEKDAYS[weekday] as Weekday}-${part}`);
      }
    }
  };
  for (const session of Array.isArray(listing.schedule) ? listing.schedule : []) {
    const compiled = compileSession(session);
    if (Array.isArray(compiled) || (from && sessionPeriods(compiled, from.getTime()).next().done)) continue;
    const weekdays = compiled.rule
      ? recurrenceWeekdays(compiled.rule, compiled.anchor)
      : compiled.anchor !== undefined
        ? [weekdayOf(compiled.anchor)]
        : [];
    add(weekdays, compiled.start, compiled.end);
  }
  if (listing.openingHours && typeof listing.openingHours === 'object') {
    hoursByWeekday(listing.openingHours).forEach((periods, weekday) => {
      for (const p of periods ?? []) add([weekday], p.start, p.end);
    });
  }
  return slots;
}

/** How far ahead `weeklySlotsHold` looks: weekly slots written longer ago than this are worked out again. */
const HOLD_MS = 400 * 86_400_000;

/**
 * An instant until which `weeklySlots(listing, t)` is `weeklySlots(listing, from)`
 * for every `t` from `from` on (a ready feed's slots, written by `atlas build`,
 * hold that long): `from` itself when that cannot be told cheaply. The slots
 * depend on `t` only through which sessions are over by then; a session not
 * over at `from` is not over before the end of the last of its periods found
 * from `from` (later moments look further ahead, never less far), and one over
 * at `from` stays over when it is a one-off, or a rule whose last day (or
 * instant, or count) is already within the look ahead. Any other (a rule with
 * nothing for five years that may yet have something) says `from`.
 */
export function weeklySlotsHold(listing: AtlasListing, from: Date): number {
  const t = from.getTime();
  if (!Number.isFinite(t)) return Number.NaN;
  let until = t + HOLD_MS;
  for (const session of Array.isArray(listing.schedule) ? listing.schedule : []) {
    const compiled = compileSession(session);
    if (Array.isArray(compiled)) continue;
    let last: number | undefined;
    for (const period of sessionPeriods(compiled, t)) {
      last = (period.end ?? period.start).getTime();
      if (last >= until) break;
    }
    if (last !== undefined) until = Math.min(until, last);
    else if (!overForGood(compiled, t)) return t;
  }
  return until;
}

/** Whether a session with no period left from `from` on (`sessionPeriods`) has none at any later moment either. */
function overForGood(session: CompiledSession, from: number): boolean {
  const rule = session.rule;
  if (!rule) return true;
  if (session.untilInstant !== undefined && session.untilInstant < from) return true;
  const lastLooked = londonParts(from).day - 1 + HORIZON_DAYS;
  if (session.lastDay !== undefined && session.lastDay <= lastLooked) return true;
  if (rule.count === undefined || session.anchor === undefined) return false;
  let n = 0;
  for (const _ of recurrenceDays(rule, session.anchor, session.anchor, lastLooked)) n++;
  return n >= rule.count;
}

/** The London civil date (`YYYY-MM-DD`) of an instant, for "today" and for grouping a timetable by day. */
export function londonDate(at: Date): string {
  return isoDay(londonParts(at.getTime()).day);
}

/** The weekday code (`mo`…`su`) of an instant in the UK, for "today" in a day filter. */
export function londonWeekday(at: Date): Weekday {
  return WEEKDAYS[weekdayOf(londonParts(at.getTime()).day)] as Weekday;
}

/** The first instant of the UK day after the one `at` falls in, `days` days on (1: tomorrow's midnight). */
export function londonMidnightAfter(at: Date, days = 1): Date {
  return new Date(londonInstant(londonParts(at.getTime()).day + days, 0));
}

/**
 * The `when` facet: `now` (open or on at this moment), `today` (anything still
 * to come, or under way, before midnight UK time), `this-week` (today and the
 * next six days). Unknown values match nothing.
 */
export function matchesWhen(listing: AtlasListing, when: string, now: Date): boolean {
  switch (when) {
    case 'now':
      return isOnNow(listing, now);
    case 'today':
      return hasSessionBetween(listing, now, londonMidnightAfter(now, 1));
    case 'this-week':
      return hasSessionBetween(listing, now, londonMidnightAfter(now, 7));
    default:
      return false;
  }
}

