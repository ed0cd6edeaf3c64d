/**
 * Schedules: when a listing runs or is open, in UK wall-clock time (periods.ts),
 * how a session reads in words (describe.ts), and what is wrong with one
 * (problems.ts).
 *
 * Only re-exports, on purpose: the bundler places every module that an included
 * module imports in the finder's first chunk, even for an export nobody there
 * uses, so the engine's code lives in periods.ts and the sentences that only the
 * validator, the normaliser and the CLI show stay out of that chunk.
 */
export {
  checkOpeningHours, DAY_PARTS, hasSessionBetween, isOnNow, londonDate, londonMidnightAfter, londonWeekday, matchesWhen,
  nextSession, parseOpeningHours, upcomingSessions, weeklySlots, weeklySlotsHold, type DayPart, type OpeningPeriod,
} from './periods.js';
// formatClock is a module of its own, depending on nothing: the elements' date formatting uses it, and
// when that pulled in the schedule code the bundler split Lit and the formatting out of atlas.js into
// chunks atlas.js must fetch before the finder can start (one more round trip), 1.3 KB gzip larger.
export { formatClock } from './clock.js';
export { DAY_NAMES, MONTH_NAMES } from './names.js';
export { londonParts, londonInstant, parseIsoDay, isoDay, partsOfDay, weekdayOf } from './zone.js';
export { checkSchedule, parseRecurrence } from './problems.js';
export type { Recurrence } from './recurrence.js';
export { describeSession, describeSessionLine, describeOpeningHours, formatTimeRange } from './describe.js';
