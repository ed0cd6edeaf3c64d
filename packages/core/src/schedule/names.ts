/**
 * English day and month names, written here rather than asked of Intl: the first
 * date formatter a page makes loads the browser's locale data, a task of 30 to 140
 * milliseconds, and the words never change. A module of its own, depending on
 * nothing, for the same reason as clock.ts.
 */
export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
] as const;
