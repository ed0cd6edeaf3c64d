/** A listing's sessions: times, recurrence or date, place; an unusable one dropped with the schedule reader's sentence. */
import type { Session } from '../types.js';
import { NAME_LENGTH, SUMMARY_LENGTH, WORD_LENGTH } from '../rules.js';
import { type Checker, isObject } from './checker.js';
import { checkSchedule } from '../../schedule/problems.js';

export function readSession(c: Checker, raw: unknown, path: string): Session | undefined {
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
  const rrule = c.string(raw.rrule, `${path}.rrule`, 'the recurrence rule', WORD_LENGTH);
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
  const place = c.text(raw.place, `${path}.place`, 'the session place', NAME_LENGTH);
  if (place) out.place = place;
  const point = c.latLng(raw.lat, raw.lng, path);
  if (point) {
    out.lat = point.lat;
    out.lng = point.lng;
  }
  const notes = c.text(raw.notes, `${path}.notes`, 'the session notes', SUMMARY_LENGTH);
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
