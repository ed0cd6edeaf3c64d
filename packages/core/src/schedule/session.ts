/**
 * A session read once into day numbers and minutes (a `CompiledSession`), or the
 * `Problem` that keeps it off the calendar. Like recurrence.ts it gives codes,
 * not sentences: the finder leaves such a session out and needs no words for it;
 * problems.ts turns the code into the sentence the validator shows.
 */
import type { Session } from '../feed/types.js';
import { needsAnchorDate, readRecurrence } from './recurrence.js';
import type { Problem, Recurrence } from './recurrence.js';
import { parseClock, parseIsoDay } from './zone.js';

export interface CompiledSession {
  rule?: Recurrence;
  /** First date (DTSTART), or the date of a one-off. */
  anchor?: number;
  lastDay?: number;
  untilInstant?: number;
  except: Set<number>;
  start: number;
  /** Minutes past midnight of the start day; past 1440 when the session runs over midnight. */
  end?: number;
}

const compiledSessions = new WeakMap<Session, CompiledSession | Problem>();

/** The session compiled, or why it cannot be used (an array). Cached per session object. */
export function compileSession(session: Session): CompiledSession | Problem {
  if (session === null || typeof session !== 'object') return ['object'];
  const cached = compiledSessions.get(session);
  if (cached !== undefined) return cached;
  const compiled = compileUncached(session);
  compiledSessions.set(session, compiled);
  return compiled;
}

/** Whether the finder can place a session on a calendar (the quick check's test; checkSchedule says why not). */
export function isUsableSession(session: Session): boolean {
  return !Array.isArray(compileSession(session));
}

function compileUncached(session: Session): CompiledSession | Problem {
  const start = parseClock(session.start);
  if (start === undefined) return ['start'];
  let end: number | undefined;
  if (session.end !== undefined && session.end !== '') {
    end = parseClock(session.end, true);
    if (end === undefined) return ['end'];
    if (end === start) return ['same'];
    // An end before the start runs over midnight (a 22:00–02:00 night shelter).
    if (end < start) end += 1440;
  }
  let anchor: number | undefined;
  if (session.date !== undefined && session.date !== '') {
    anchor = parseIsoDay(session.date);
    if (anchor === undefined) return ['date'];
  }
  let lastDay: number | undefined;
  if (session.until !== undefined && session.until !== '') {
    lastDay = parseIsoDay(session.until);
    if (lastDay === undefined) return ['until-date'];
    if (anchor !== undefined && lastDay < anchor) return ['until-order'];
  }
  const except = new Set<number>();
  if (session.except !== undefined) {
    if (!Array.isArray(session.except)) return ['except-list'];
    for (const value of session.except) {
      const day = parseIsoDay(value);
      if (day === undefined) return ['except', value];
      except.add(day);
    }
  }
  const compiled: CompiledSession = { start, end, anchor, lastDay, except };
  if (session.rrule === undefined || session.rrule === '') {
    if (anchor === undefined) return ['no-when'];
    return compiled;
  }
  const rule = readRecurrence(session.rrule);
  if (Array.isArray(rule)) return rule;
  if (anchor === undefined && needsAnchorDate(rule)) return ['anchor', rule];
  if (rule.untilDay !== undefined) {
    if (anchor !== undefined && rule.untilDay < anchor) return ['rule-until-order'];
    if (lastDay === undefined || rule.untilDay < lastDay) {
      lastDay = rule.untilDay;
      compiled.untilInstant = rule.untilInstant;
    }
  }
  compiled.rule = rule;
  compiled.lastDay = lastDay;
  return compiled;
}
