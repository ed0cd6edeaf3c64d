/**
 * Sessions and opening hours in plain English for a card or a print-out
 * ("Second and fourth Tuesday of the month, 10am–11am"), since a recurrence rule
 * means nothing to a resident. Sessions in English only for now: a Welsh page
 * shows the calendar of upcoming dates (`upcomingSessions`) instead of risking
 * wrong Welsh grammar for ordinals and mutations. Opening hours, which need no
 * grammar, come in Welsh too.
 */
import type { OpeningHours, Session, Weekday } from '../feed/types.js';
import { WEEKDAYS } from '../feed/types.js';
import { readRecurrence } from './recurrence.js';
import { DAY, parseClock, parseIsoDay, partsOfDay, weekdayOf } from './zone.js';
import { parseOpeningHours } from './periods.js';
import { formatClock } from './clock.js';
import { DAY_NAMES, MONTH_NAMES } from './names.js';
import { text } from '../feed/values.js';

const WELSH_DAY_NAMES = ['Dydd Llun', 'Dydd Mawrth', 'Dydd Mercher', 'Dydd Iau', 'Dydd Gwener', 'Dydd Sadwrn', 'Dydd Sul'];
const ORDINALS: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last', [-2]: 'second to last' };

/** "a, b and c" */
function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const capital = (s: string): string => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function dayOfMonth(n: number): string {
  if (n === -1) return 'last day';
  if (n < 0) return `${ORDINALS[n] ?? `${-n}th from last`} day`;
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/** `Saturday 5 December 2026` for a day number, without asking a time zone. */
function longDate(day: number): string {
  const p = partsOfDay(day);
  return `${DAY_NAMES[weekdayOf(day)]} ${p.dayOfMonth} ${MONTH_NAMES[p.month - 1]} ${p.year}`;
}

/** `10am–11am`, or `from 10am` with no end; in Welsh `10yb–11yb`, `o 10yb`. */
export function formatTimeRange(start: number, end?: number, lang = 'en'): string {
  const welsh = lang.toLowerCase().startsWith('cy');
  if (end === undefined) return `${welsh ? 'o' : 'from'} ${formatClock(start, lang)}`;
  return `${formatClock(start, lang)}–${formatClock(end, lang)}`;
}

/**
 * A session in words: "Every Tuesday, 10am–11am", "Every 4 weeks on Tuesday,
 * 11am–11:30am", "Second and fourth Tuesday of the month, 3:40pm–4:45pm",
 * "Saturday 5 December 2026, 11am–3pm". A rule that has not started by `now`
 * says when it starts. Undefined for a session that cannot be read (see
 * `checkSchedule`).
 */
export function describeSession(session: Session, now: Date = new Date()): string | undefined {
  const start = parseClock(session.start);
  const end = session.end ? parseClock(session.end, true) : undefined;
  if (start === undefined || (session.end && end === undefined)) return undefined;
  const time = formatTimeRange(start, end);
  const anchor = session.date ? parseIsoDay(session.date) : undefined;
  if (!session.rrule) return anchor === undefined ? undefined : `${longDate(anchor)}, ${time}`;
  const rule = readRecurrence(session.rrule);
  if (Array.isArray(rule)) return undefined;
  const weekdays = [...new Set(rule.byDay.map((d) => d.weekday))].sort((a, b) => a - b);
  const names = (days: number[]): string => list(days.map((d) => DAY_NAMES[d] ?? ''));
  let when: string;
  switch (rule.freq) {
    case 'DAILY':
      if (weekdays.length) when = weekdays.join() === '0,1,2,3,4' ? 'every weekday' : `every ${names(weekdays)}`;
      else when = rule.interval === 1 ? 'every day' : rule.interval === 2 ? 'every other day' : `every ${rule.interval} days`;
      break;
    case 'WEEKLY': {
      const days = weekdays.length ? weekdays : anchor !== undefined ? [(((anchor + 3) % 7) + 7) % 7] : [];
      if (!days.length) return undefined;
      when =
        rule.interval === 1
          ? `every ${names(days)}`
          : rule.interval === 2
            ? `every other ${names(days)}`
            : `every ${rule.interval} weeks on ${names(days)}`;
      break;
    }
    case 'MONTHLY': {
      const unit = rule.interval === 1 ? 'the month' : rule.interval === 2 ? 'every other month' : `every ${rule.interval} months`;
      const of = rule.interval === 1 ? ` of ${unit}` : `, ${unit}`;
      if (rule.byDay.length) {
        // Group ordinals by weekday: "second and fourth Tuesday".
        const groups = new Map<number, number[]>();
        for (const { weekday, nth } of rule.byDay) groups.set(weekday, [...(groups.get(weekday) ?? []), nth ?? 0]);
        const parts = [...groups].map(([weekday, nths]) =>
          nths.includes(0) ? `every ${DAY_NAMES[weekday]}` : `${list(nths.sort((a, b) => (a < 0 ? 9 - a : a) - (b < 0 ? 9 - b : b)).map((n) => ORDINALS[n] ?? `${n}th`))} ${DAY_NAMES[weekday]}`,
        );
        when = `${list(parts)}${of}`;
      } else {
        const days = rule.byMonthDay.length ? rule.byMonthDay : anchor !== undefined ? [partsOfDay(anchor).dayOfMonth] : [];
        if (!days.length) return undefined;
        when = `${list(days.map(dayOfMonth))}${of}`;
      }
      break;
    }
    case 'YEARLY': {
      if (anchor === undefined) return undefined;
      const p = partsOfDay(anchor);
      when = `every year on ${p.dayOfMonth} ${MONTH_NAMES[p.month - 1]}`;
      break;
    }
  }
  let text = `${capital(when)}, ${time}`;
  const lastDay = session.until ? parseIsoDay(session.until) : rule.untilDay;
  if (lastDay !== undefined) text += `, until ${longDate(lastDay)}`;
  if (rule.count !== undefined && anchor !== undefined) text += `, ${rule.count} times from ${longDate(anchor)}`;
  else if (anchor !== undefined && anchor * DAY > now.getTime()) text += `, starting ${longDate(anchor)}`;
  return text;
}

/**
 * A session as a line of the listing, with the place and notes the feed gives it:
 * "Every Tuesday, 10am–11am, Village hall car park. Bring a mat." In Welsh (or any
 * language but English) the rule is not put in words (see the top of this file):
 * a session with a place or notes gets its times and those ("10yb–11yb, Neuadd y
 * pentref"), so that where it is said is never lost; one with neither gets nothing,
 * as the next dates say its days. Undefined when there is nothing to say.
 */
export function describeSessionLine(session: Session, lang = 'en', now: Date = new Date()): string | undefined {
  const place = text(session.place, lang).trim();
  const notes = text(session.notes, lang).trim();
  let line: string | undefined;
  if (lang.toLowerCase().startsWith('en')) line = describeSession(session, now);
  else if (place || notes) {
    const start = parseClock(session.start);
    const end = session.end ? parseClock(session.end, true) : undefined;
    if (start !== undefined) line = formatTimeRange(start, end, lang);
  }
  if (line === undefined) return undefined;
  if (place) line += `, ${place}`;
  if (notes) line += `. ${notes}`;
  return line;
}

/**
 * Opening hours a day at a time for display: `[{ day: 'mo', name: 'Monday', text: '9am–1pm, 2pm–5pm' }, …]`;
 * closed days say "Closed". In Welsh (`lang` `cy`): `{ name: 'Dydd Llun', text: '9yb–1yh, 2yh–5yh' }`, "Ar gau".
 */
export function describeOpeningHours(hours: OpeningHours | undefined, lang = 'en'): { day: Weekday; name: string; text: string; closed: boolean }[] {
  const welsh = lang.toLowerCase().startsWith('cy');
  if (!hours || typeof hours !== 'object') return [];
  const out: { day: Weekday; name: string; text: string; closed: boolean }[] = [];
  WEEKDAYS.forEach((day, i) => {
    const value = hours[day];
    if (value === undefined) return;
    const periods = parseOpeningHours(value);
    if (periods === undefined) return;
    const name = (welsh ? WELSH_DAY_NAMES : DAY_NAMES)[i] ?? day;
    const closed = periods.length === 0;
    out.push({ day, name, closed, text: closed ? (welsh ? 'Ar gau' : 'Closed') : periods.map((p) => formatTimeRange(p.start, p.end, lang)).join(', ') });
  });
  return out;
}
