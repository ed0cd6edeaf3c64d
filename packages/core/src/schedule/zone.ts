/**
 * UK wall-clock time. Feeds give session times as Europe/London local times, so a
 * 10:00 walk is 10:00 in both GMT and BST. Dates are handled as "day numbers"
 * (days since 1970-01-01 on the civil calendar) so that date arithmetic never
 * touches a time zone; only the final step to an instant asks the browser's time
 * zone data for the London offset: through Temporal where the browser has it, else
 * through Intl.
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
export const DAY = 86_400_000;

let formatter: Intl.DateTimeFormat | undefined;
const offsetCache = new Map<number, number>();
/** Per UTC day: the offset when it is the same at the day's first and last hour, else NaN (a day the clocks change). */
const dayCache = new Map<number, number>();
/** Per UTC year: when BST starts and ends that year, if the time zone data agrees with the UK rule for it; null when it does not. */
const yearRules = new Map<number, readonly [start: number, end: number] | null>();
/** The UTC year the last call fell in, so most calls need no date arithmetic at all. */
let lastYear = { from: 0, to: 0, rule: null as readonly [number, number] | null };

/**
 * Minutes London is ahead of UTC at instant `t` (0 in GMT, 60 in BST).
 *
 * A year in which the browser's time zone data (hourOffset) agrees with the UK
 * rule (ukRuleOffsetMinutes) at both changes and in every month is answered from
 * the rule: two comparisons, where asking the data costs microseconds a call and a
 * finder asks for thousands of offsets while it opens. The data still has the last
 * word: a year it answers differently (before 1996, or after a change in the law
 * that the browser knows of) is asked of it hour by hour, as below.
 */
export function londonOffsetMinutes(t: number): number {
  if (!(t >= lastYear.from && t < lastYear.to)) {
    const year = new Date(t).getUTCFullYear();
    if (Number.isNaN(year)) return offsetFromZoneData(t);
    lastYear = { from: Date.UTC(year, 0, 1), to: Date.UTC(year + 1, 0, 1), rule: ruleOfYear(year) };
  }
  const rule = lastYear.rule;
  if (!rule) return offsetFromZoneData(t);
  return t >= rule[0] && t < rule[1] ? 60 : 0;
}

/** The year's BST start and end, when the time zone data gives the rule's offset either side of each change and in the middle of every month. */
function ruleOfYear(year: number): readonly [number, number] | null {
  let rule = yearRules.get(year);
  if (rule === undefined) {
    const [start, end] = ukRuleChanges(year);
    const at = (t: number): number => hourOffset(Math.floor(t / HOUR));
    let agrees = at(start - HOUR) === 0 && at(start) === 60 && at(end - HOUR) === 60 && at(end) === 0;
    for (let month = 0; agrees && month < 12; month++) {
      const t = Date.UTC(year, month, 15, 12);
      agrees = at(t) === (t >= start && t < end ? 60 : 0);
    }
    rule = agrees ? [start, end] : null;
    yearRules.set(year, rule);
  }
  return rule;
}

/**
 * The offset from the time zone data. UK clocks change at 01:00 UTC, always on a whole UTC
 * hour, so the offset is constant within a UTC hour and can be cached per hour.
 * The clocks never change twice in one day, so a day whose first and last hours
 * have the same offset has it all day: two questions per day, not 24.
 */
function offsetFromZoneData(t: number): number {
  const day = Math.floor(t / DAY);
  let whole = dayCache.get(day);
  if (whole === undefined) {
    const first = hourOffset(day * 24);
    whole = first === hourOffset(day * 24 + 23) ? first : Number.NaN;
    if (dayCache.size > 20_000) dayCache.clear();
    dayCache.set(day, whole);
  }
  return Number.isNaN(whole) ? hourOffset(Math.floor(t / HOUR)) : whole;
}

/** The part of Temporal (Chromium 144 on, Firefox 139 on) that gives a zone's offset at an instant. */
interface TemporalZones {
  Instant: { fromEpochMilliseconds(ms: number): { toZonedDateTimeISO(zone: string): { offsetNanoseconds: number } } };
}

/**
 * The offset during UTC hour number `hour`, asked of the browser's time zone data
 * once per hour. Temporal reads the time zone data alone, in about a millisecond
 * the first time. Intl.DateTimeFormat, for browsers without Temporal, answers the
 * same but loads the locale's date patterns with it: the first formatter a page
 * makes is a task of 30 to 140 milliseconds.
 */
function hourOffset(hour: number): number {
  const cached = offsetCache.get(hour);
  if (cached !== undefined) return cached;
  let offset: number;
  try {
    const temporal = (globalThis as { Temporal?: TemporalZones }).Temporal;
    offset = temporal
      ? Math.round(temporal.Instant.fromEpochMilliseconds(hour * HOUR).toZonedDateTimeISO('Europe/London').offsetNanoseconds / 60e9)
      : intlOffset(hour * HOUR);
    if (!Number.isFinite(offset)) offset = ukRuleOffsetMinutes(hour * HOUR);
  } catch {
    // A runtime without time zone data (a stripped-down embedded browser) still
    // gets the right answer for the years that matter from the rule itself.
    offset = ukRuleOffsetMinutes(hour * HOUR);
  }
  if (offsetCache.size > 20_000) offsetCache.clear();
  offsetCache.set(hour, offset);
  return offset;
}

/** London's offset at instant `t` in minutes, from the wall-clock time Intl writes for it there. */
function intlOffset(t: number): number {
  formatter ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(t))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const local = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0);
  return Math.round((local - t) / MINUTE);
}

/**
 * The UK rule since 1996 (Summer Time Order 2002, the EU summer-time directive):
 * BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
 * of October. londonOffsetMinutes uses it for each year in which the browser's time
 * zone data agrees, and alone when the browser has no time zone data.
 */
export function ukRuleOffsetMinutes(t: number): number {
  const [start, end] = ukRuleChanges(new Date(t).getUTCFullYear());
  return t >= start && t < end ? 60 : 0;
}

/** The instants, by the UK rule, at which BST starts and ends in UTC year `year`. */
function ukRuleChanges(year: number): [start: number, end: number] {
  const lastSunday = (month: number): number => {
    const last = Date.UTC(year, month + 1, 0);
    return last - new Date(last).getUTCDay() * DAY + HOUR;
  };
  return [lastSunday(2), lastSunday(9)];
}

/** London civil day number and minute of the day at instant `t`. */
export function londonParts(t: number): { day: number; minutes: number } {
  const local = t + londonOffsetMinutes(t) * MINUTE;
  const day = Math.floor(local / DAY);
  return { day, minutes: Math.floor((local - day * DAY) / MINUTE) };
}

/**
 * The instant at which London clocks show `minutes` past midnight on `day`.
 * A time that does not exist (01:30 on the last Sunday of March) moves forward
 * by the hour the clocks skip, as a person would; a time that happens twice
 * (01:30 on the last Sunday of October) is the second one, in GMT.
 */
export function londonInstant(day: number, minutes: number): number {
  const wall = day * DAY + minutes * MINUTE;
  const first = londonOffsetMinutes(wall);
  const t = wall - first * MINUTE;
  const second = londonOffsetMinutes(t);
  if (first === second) return t;
  const t2 = wall - second * MINUTE;
  if (londonOffsetMinutes(t2) === second) return t2;
  return wall - Math.min(first, second) * MINUTE;
}

/** Monday 0 … Sunday 6. 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Day number of an ISO date `YYYY-MM-DD` (a longer date-time is cut to its date), or undefined when it is not a real date. */
export function parseIsoDay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(value.trim());
  if (!m) return undefined;
  return dayFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Day number of a civil date, or undefined when the month or day is out of range (31 April). */
export function dayFromParts(year: number, month: number, dayOfMonth: number): number | undefined {
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31) return undefined;
  const t = Date.UTC(year, month - 1, dayOfMonth);
  const d = new Date(t);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== dayOfMonth) return undefined;
  return t / DAY;
}

/** The civil date of a day number. */
export function partsOfDay(day: number): { year: number; month: number; dayOfMonth: number } {
  const d = new Date(day * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate() };
}

/** `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Days in a month (1-based month). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Minutes past midnight of a wall-clock time `HH:MM` (or `H:MM`, which real
 * timetables use). `24:00` is accepted only where `allowMidnightEnd` says so,
 * for a closing time. Anything else (`25:00`, `10:60`, `10am`) is undefined.
 */
export function parseClock(value: unknown, allowMidnightEnd = false): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return undefined;
  if (h === 24 && min === 0 && allowMidnightEnd) return 1440;
  if (h > 23) return undefined;
  return h * 60 + min;
}
