/**
 * Recurrence rules: a small reader and evaluator for the part of RFC 5545 that
 * timetables use: FREQ=DAILY|WEEKLY|MONTHLY|YEARLY with INTERVAL, BYDAY (with an
 * ordinal, such as 2TU or -1FR, under MONTHLY), BYMONTHDAY, BYMONTH, COUNT,
 * UNTIL and WKST. (rrule.ts is its public face, with the sentences.)
 *
 * Why not the `rrule` package: bundled and minified it costs 13.6 KB gzip
 * (rrule 2.8.1, measured with esbuild --bundle --minify | gzip -9), over a third
 * of the finder's 35 KB first-chunk budget, and it works in UTC or needs Luxon
 * for time zones. This file works on London civil days (see zone.ts) and is a
 * small fraction of that.
 *
 * Everything here is on day numbers: the time of day is the session's, applied
 * afterwards, so a rule never drifts across a clock change.
 *
 * What is wrong with a rule comes back as a `Problem`, a code and the value it
 * quotes, not as a sentence: the finder only needs to know that a rule cannot be
 * used, while the sentences (problems.ts) are for the validator, the normaliser
 * and the CLI, and would otherwise be a kilobyte of every page's first chunk.
 */
import { DAY, dayFromParts, daysInMonth, londonInstant, londonParts, partsOfDay, weekdayOf } from './zone.js';

const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

export interface Recurrence {
  freq: Frequency;
  interval: number;
  /** Weekdays, Monday 0; `nth` (1…5 or -1…-5) only under MONTHLY. */
  byDay: { weekday: number; nth?: number }[];
  byMonthDay: number[];
  /** Months 1…12. */
  byMonth: number[];
  count?: number;
  /** Last civil day the rule may produce, from UNTIL. */
  untilDay?: number;
  /** With a UNTIL date-time: the instant after which a session may not start. */
  untilInstant?: number;
  /** Week start, Monday 0. */
  wkst: number;
}

/** What is wrong with a recurrence rule: problems.ts says each in a sentence. */
export type RuleProblemCode =
  | 'empty' | 'pair' | 'twice' | 'interval' | 'count' | 'until' | 'until-time' | 'byday' | 'byday-nth'
  | 'bymonthday' | 'bymonth' | 'wkst' | 'unsupported' | 'no-freq' | 'freq' | 'count-until' | 'nth-freq' | 'yearly';

/** What is wrong with a session beyond its rule, including a rule that needs a first date it lacks (`anchor`). */
type SessionProblemCode =
  | 'object' | 'start' | 'end' | 'same' | 'date' | 'until-date' | 'until-order' | 'except-list' | 'except'
  | 'no-when' | 'anchor' | 'rule-until-order';

/** A problem's code and the one value its sentence quotes (the piece of the rule, the bad date, the rule). */
export type Problem = [code: RuleProblemCode | SessionProblemCode, value?: unknown];

/** Parses a rule; a `Problem` (an array) when it cannot be used. */
export function readRecurrence(text: string): Recurrence | Problem {
  if (typeof text !== 'string' || !text.trim()) return ['empty'];
  const body = text.trim().replace(/^RRULE:/i, '');
  const rule: Recurrence = { freq: 'WEEKLY', interval: 1, byDay: [], byMonthDay: [], byMonth: [], wkst: 0 };
  let freq: string | undefined;
  const seen = new Set<string>();
  for (const piece of body.split(';')) {
    if (!piece.trim()) continue;
    const eq = piece.indexOf('=');
    if (eq < 1) return ['pair', piece];
    const name = piece.slice(0, eq).trim().toUpperCase();
    const value = piece.slice(eq + 1).trim().toUpperCase();
    if (seen.has(name)) return ['twice', name];
    seen.add(name);
    switch (name) {
      case 'FREQ':
        freq = value;
        break;
      case 'INTERVAL': {
        const n = positiveInt(value);
        if (n === undefined) return ['interval', value];
        rule.interval = n;
        break;
      }
      case 'COUNT': {
        const n = positiveInt(value);
        if (n === undefined) return ['count', value];
        rule.count = n;
        break;
      }
      case 'UNTIL': {
        const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value);
        const day = m ? dayFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
        if (!m || day === undefined) return ['until', value];
        rule.untilDay = day;
        if (m[4] !== undefined) {
          const [h, min, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
          if (h > 23 || min > 59 || sec > 59) return ['until-time', value];
          // With Z the time is UTC (RFC 5545); without, it is local (London) time.
          rule.untilInstant = m[7] ? day * DAY + ((h * 60 + min) * 60 + sec) * 1000 : londonInstant(day, h * 60 + min) + sec * 1000;
          rule.untilDay = londonParts(rule.untilInstant).day;
        }
        break;
      }
      case 'BYDAY':
        for (const code of value.split(',')) {
          const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(code.trim());
          if (!m) return ['byday', code];
          const weekday = WEEKDAY_CODES.indexOf(m[2] ?? '');
          if (m[1] === undefined) {
            rule.byDay.push({ weekday });
          } else {
            const nth = Number(m[1]);
            if (nth === 0 || nth > 5 || nth < -5) return ['byday-nth', code];
            rule.byDay.push({ weekday, nth });
          }
        }
        break;
      case 'BYMONTHDAY':
        for (const v of value.split(',')) {
          const n = Number(v);
          if (!/^[+-]?\d{1,2}$/.test(v.trim()) || n === 0 || n > 31 || n < -31) return ['bymonthday', v];
          rule.byMonthDay.push(n);
        }
        break;
      case 'BYMONTH':
        for (const v of value.split(',')) {
          const n = Number(v);
          if (!/^\d{1,2}$/.test(v.trim()) || n < 1 || n > 12) return ['bymonth', v];
          rule.byMonth.push(n);
        }
        break;
      case 'WKST': {
        const i = WEEKDAY_CODES.indexOf(value);
        if (i < 0) return ['wkst', value];
        rule.wkst = i;
        break;
      }
      default:
        return ['unsupported', name];
    }
  }
  if (freq === undefined) return ['no-freq'];
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY' && freq !== 'YEARLY') return ['freq', freq];
  rule.freq = freq;
  if (rule.count !== undefined && rule.untilDay !== undefined) return ['count-until'];
  if (freq !== 'MONTHLY' && rule.byDay.some((d) => d.nth !== undefined)) return ['nth-freq'];
  if (freq === 'YEARLY' && (rule.byDay.length || rule.byMonthDay.length || rule.byMonth.length)) return ['yearly'];
  return rule;
}

/**
 * Whether a rule needs its first date (DTSTART) to say when it runs: to count
 * from (COUNT), to know which week, month or year an INTERVAL runs in, or to
 * know the weekday or date a bare FREQ repeats. problems.ts says which.
 */
export function needsAnchorDate(rule: Recurrence): boolean {
  return (
    rule.count !== undefined ||
    rule.interval > 1 ||
    (rule.freq === 'WEEKLY' && !rule.byDay.length) ||
    (rule.freq === 'MONTHLY' && !rule.byDay.length && !rule.byMonthDay.length) ||
    rule.freq === 'YEARLY'
  );
}

function positiveInt(value: string): number | undefined {
  if (!/^\d{1,6}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 ? n : undefined;
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * Days the rule produces, ascending, from `from` to `to` inclusive. `anchor` is
 * the first date (DTSTART); it must be given when `needsAnchorDate` says so. COUNT
 * is counted from the anchor, as RFC 5545 counts it, before any excepted dates
 * are taken out.
 */
export function* recurrenceDays(rule: Recurrence, anchor: number | undefined, from: number, to: number): Generator<number> {
  const last = rule.untilDay === undefined ? to : Math.min(to, rule.untilDay);
  if (rule.count !== undefined) {
    if (anchor === undefined) return;
    let n = 0;
    for (const day of rawDays(rule, anchor, anchor, last)) {
      if (++n > rule.count) return;
      if (day >= from) yield day;
    }
    return;
  }
  yield* rawDays(rule, anchor, anchor === undefined ? from : Math.max(from, anchor), last);
}

function* rawDays(rule: Recurrence, anchor: number | undefined, from: number, to: number): Generator<number> {
  const monthOk = (day: number): boolean => !rule.byMonth.length || rule.byMonth.includes(partsOfDay(day).month);
  switch (rule.freq) {
    case 'DAILY': {
      const weekdays = rule.byDay.map((d) => d.weekday);
      let day = anchor === undefined ? from : anchor + Math.ceil((from - anchor) / rule.interval) * rule.interval;
      for (; day <= to; day += rule.interval) {
        if (weekdays.length && !weekdays.includes(weekdayOf(day))) continue;
        if (!monthOk(day)) continue;
        if (rule.byMonthDay.length && !monthDayMatches(rule.byMonthDay, day)) continue;
        yield day;
      }
      return;
    }
    case 'WEEKLY': {
      const weekdays = rule.byDay.length ? rule.byDay.map((d) => d.weekday) : [weekdayOf(anchor ?? from)];
      const weekStart = (day: number): number => day - mod(weekdayOf(day) - rule.wkst, 7);
      const anchorWeek = anchor === undefined ? weekStart(from) : weekStart(anchor);
      let day = from;
      while (day <= to) {
        const week = weekStart(day);
        const skip = mod((week - anchorWeek) / 7, rule.interval);
        if (skip) {
          day = week + 7 * (rule.interval - skip);
          continue;
        }
        for (; day < week + 7 && day <= to; day++) {
          if (weekdays.includes(weekdayOf(day)) && monthOk(day)) yield day;
        }
        day = week + 7;
      }
      return;
    }
    case 'MONTHLY': {
      const start = partsOfDay(from);
      let index = start.year * 12 + start.month - 1;
      if (anchor !== undefined) {
        const a = partsOfDay(anchor);
        const skip = mod(index - (a.year * 12 + a.month - 1), rule.interval);
        if (skip) index += rule.interval - skip;
      }
      const anchorDate = anchor === undefined ? undefined : partsOfDay(anchor).dayOfMonth;
      for (;; index += rule.interval) {
        const year = Math.floor(index / 12);
        const month = (index % 12) + 1;
        const first = dayFromParts(year, month, 1) ?? 0;
        if (first > to) return;
        if (rule.byMonth.length && !rule.byMonth.includes(month)) continue;
        for (const day of daysOfMonth(rule, year, month, first, anchorDate)) {
          if (day >= from && day <= to) yield day;
        }
      }
    }
    case 'YEARLY': {
      if (anchor === undefined) return;
      const a = partsOfDay(anchor);
      let year = partsOfDay(from).year;
      const skip = mod(year - a.year, rule.interval);
      if (skip) year += rule.interval - skip;
      for (;; year += rule.interval) {
        const first = dayFromParts(year, 1, 1) ?? 0;
        if (first > to) return;
        // 29 February runs only in leap years, as RFC 5545 says.
        const day = dayFromParts(year, a.month, a.dayOfMonth);
        if (day !== undefined && day >= from && day <= to) yield day;
      }
    }
  }
}

function monthDayMatches(byMonthDay: number[], day: number): boolean {
  const p = partsOfDay(day);
  const length = daysInMonth(p.year, p.month);
  return byMonthDay.some((md) => (md > 0 ? md : length + md + 1) === p.dayOfMonth);
}

/** The days one month contributes, sorted. */
function daysOfMonth(rule: Recurrence, year: number, month: number, first: number, anchorDate: number | undefined): number[] {
  const length = daysInMonth(year, month);
  let dates: number[];
  if (rule.byDay.length) {
    const firstWeekday = weekdayOf(first);
    dates = [];
    for (const { weekday, nth } of rule.byDay) {
      const firstOfWeekday = 1 + mod(weekday - firstWeekday, 7);
      const all: number[] = [];
      for (let d = firstOfWeekday; d <= length; d += 7) all.push(d);
      if (nth === undefined) dates.push(...all);
      else {
        const pick = nth > 0 ? all[nth - 1] : all[all.length + nth];
        if (pick !== undefined) dates.push(pick);
      }
    }
    if (rule.byMonthDay.length) {
      const wanted = new Set(rule.byMonthDay.map((md) => (md > 0 ? md : length + md + 1)));
      dates = dates.filter((d) => wanted.has(d));
    }
  } else if (rule.byMonthDay.length) {
    dates = rule.byMonthDay.map((md) => (md > 0 ? md : length + md + 1)).filter((d) => d >= 1 && d <= length);
  } else {
    // A month without the anchor's date (31 in April) is skipped, as RFC 5545 says.
    dates = anchorDate !== undefined && anchorDate <= length ? [anchorDate] : [];
  }
  return [...new Set(dates)].sort((a, b) => a - b).map((d) => first + d - 1);
}

/** Weekdays (Monday 0) a rule can fall on; all seven when it follows dates of the month. */
export function recurrenceWeekdays(rule: Recurrence, anchor: number | undefined): number[] {
  const all = [0, 1, 2, 3, 4, 5, 6];
  switch (rule.freq) {
    case 'WEEKLY':
      if (rule.byDay.length) return unique(rule.byDay.map((d) => d.weekday));
      return anchor === undefined ? all : [weekdayOf(anchor)];
    case 'MONTHLY':
      return rule.byDay.length ? unique(rule.byDay.map((d) => d.weekday)) : all;
    case 'DAILY':
      if (rule.byDay.length) return unique(rule.byDay.map((d) => d.weekday));
      return anchor !== undefined && rule.interval % 7 === 0 && !rule.byMonthDay.length ? [weekdayOf(anchor)] : all;
    case 'YEARLY':
      return all;
  }
}

function unique(values: number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
