/**
 * What is wrong with a recurrence rule or a session, in one plain sentence each.
 *
 * recurrence.ts and session.ts give a `Problem` (a code and the value it quotes):
 * that is all the finder needs to leave a session out. The sentences are for the
 * people who fix feeds, through the validator, the normaliser (a chunk loaded
 * only for a feed that needs repair) and the CLI, so they live here, in a module
 * the finder's first chunk does not import.
 */
import type { Session } from '../feed/types.js';
import { needsAnchorDate, readRecurrence } from './recurrence.js';
import type { Frequency, Problem, Recurrence, RuleProblemCode } from './recurrence.js';
import { compileSession } from './session.js';

const RULE_SENTENCES: Record<RuleProblemCode, (value: string) => string> = {
  empty: () => 'The recurrence rule is empty.',
  pair: (piece) => `"${piece}" in the recurrence rule is not NAME=VALUE.`,
  twice: (name) => `${name} appears twice in the recurrence rule.`,
  interval: (value) => `INTERVAL must be a whole number of 1 or more, not "${value}".`,
  count: (value) => `COUNT must be a whole number of 1 or more, not "${value}".`,
  until: (value) => `UNTIL must be a date like 20261231, not "${value}".`,
  'until-time': (value) => `UNTIL has a time that does not exist: "${value}".`,
  byday: (code) => `"${code}" in BYDAY is not a weekday such as TU, 2TU or -1FR.`,
  'byday-nth': (code) => `"${code}" in BYDAY: the week of the month must be 1 to 5 or -1 to -5.`,
  bymonthday: (v) => `"${v}" in BYMONTHDAY is not a day of the month.`,
  bymonth: (v) => `"${v}" in BYMONTH is not a month from 1 to 12.`,
  wkst: (value) => `WKST must be a weekday such as MO, not "${value}".`,
  unsupported: (name) => `${name} is not supported in recurrence rules here; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT or UNTIL.`,
  'no-freq': () => 'The recurrence rule has no FREQ (for example FREQ=WEEKLY).',
  freq: (freq) => `FREQ=${freq} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY.`,
  'count-until': () => 'A recurrence rule cannot have both COUNT and UNTIL.',
  'nth-freq': () => 'A numbered weekday in BYDAY (such as 2TU) needs FREQ=MONTHLY.',
  yearly: () => 'FREQ=YEARLY is supported only on its own (the same date each year).',
};

/** Parses a rule; a string result is the problem, in one plain sentence. */
export function parseRecurrence(text: string): Recurrence | string {
  const rule = readRecurrence(text);
  return Array.isArray(rule) ? sentence(rule) : rule;
}

/** What a rule needs from its first date (DTSTART) that the rule alone does not say. */
function needsAnchor(rule: Recurrence): string | undefined {
  if (!needsAnchorDate(rule)) return undefined;
  if (rule.count !== undefined) return 'COUNT needs the date of the first session.';
  if (rule.interval > 1) return `INTERVAL=${rule.interval} needs the date of the first session, to know which ${unitOf(rule.freq)} it runs.`;
  if (rule.freq === 'WEEKLY') return 'FREQ=WEEKLY without BYDAY needs the date of the first session, to know the weekday.';
  if (rule.freq === 'MONTHLY') return 'FREQ=MONTHLY without BYDAY or BYMONTHDAY needs the date of the first session.';
  return 'FREQ=YEARLY needs the date of the first session.';
}

function unitOf(freq: Frequency): string {
  return freq === 'DAILY' ? 'day' : freq === 'WEEKLY' ? 'week' : freq === 'MONTHLY' ? 'month' : 'year';
}

/**
 * What is wrong with a session, in one plain sentence, or undefined when it is
 * usable. The validator reports it; the finder leaves such a session out and
 * keeps the listing's other information.
 */
export function checkSchedule(session: Session): string | undefined {
  const compiled = compileSession(session);
  return Array.isArray(compiled) ? sentence(compiled, session) : undefined;
}

function sentence([code, value]: Problem, session?: Session): string {
  switch (code) {
    case 'object':
      return 'A session must be an object.';
    case 'start':
      return `Start time "${String(session?.start)}" is not a time like 09:30.`;
    case 'end':
      return `End time "${String(session?.end)}" is not a time like 17:00.`;
    case 'same':
      return `The session starts and ends at the same time (${String(session?.start)}).`;
    case 'date':
      return `Date "${String(session?.date)}" is not a date like 2026-03-31.`;
    case 'until-date':
      return `Until "${String(session?.until)}" is not a date like 2026-12-31.`;
    case 'until-order':
      return `Until ${String(session?.until)} is before the first date ${String(session?.date)}.`;
    case 'except-list':
      return 'Except must be a list of dates.';
    case 'except':
      return `Except date "${String(value)}" is not a date like 2026-12-25.`;
    case 'no-when':
      return 'A session needs a date (one-off) or a recurrence rule.';
    case 'anchor':
      return needsAnchor(value as Recurrence) ?? '';
    case 'rule-until-order':
      return `UNTIL in the rule is before the first date ${String(session?.date)}.`;
    default:
      return RULE_SENTENCES[code](String(value));
  }
}
