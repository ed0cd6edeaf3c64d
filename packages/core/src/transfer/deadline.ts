/**
 * Whether a transfer is still open for expressions of interest. Its own module:
 * the page's engine loads it (and only it) when the data has transfer listings,
 * so a directory without transfers never fetches it.
 */
import type { AtlasListing } from '../feed/normalised.js';
import { londonInstant, londonParts, parseClock, parseIsoDay } from '../schedule/zone.js';

/**
 * "Closing soon" is within this many days of the deadline. A ready feed's columns hold when each
 * transfer's closing soon begins (`closingSoonFrom`): changing this needs their version changed too
 * (core.ts's COLUMNS_VERSION), so that feeds built before are worked out again.
 */
export const CLOSING_SOON_DAYS = 14;

export interface DeadlineState {
  /** `none`: no deadline, or one that cannot be read. */
  state: 'open' | 'closing-soon' | 'closed' | 'none';
  /** The last moment expressions of interest are accepted. */
  deadline?: Date;
  /** Whole UK calendar days from today to the deadline's day (0: closes today). Only while open. */
  days?: number;
}

/**
 * Reads an expression-of-interest deadline. A date alone means the end of that
 * day in the UK (23:59:59.999 London time), not midnight UTC, which in summer
 * would close an hour early. A date-time with a zone (`Z`, `+01:00`) is taken
 * as given; one without is London time.
 */
export function parseDeadline(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const day = parseIsoDay(text);
  if (day === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(londonInstant(day + 1, 0) - 1);
  const local = /^\d{4}-\d{2}-\d{2}T(\d{2}:\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(text);
  if (local) {
    const minutes = parseClock(local[1]);
    if (minutes === undefined) return undefined;
    return new Date(londonInstant(day, minutes) + Number(local[2] ?? 0) * 1000);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isFinite(t) ? new Date(t) : undefined;
}

/**
 * Whether expressions of interest are still open. A past deadline is always
 * closed, and so is any deadline once the asset is under offer, transferred or
 * withdrawn: nobody should be invited to apply for a building already gone.
 */
export function deadlineState(listing: AtlasListing, now: Date): DeadlineState {
  const deadline = parseDeadline(listing.transfer?.dates?.eoiDeadline);
  if (!deadline) return { state: 'none' };
  const status = listing.transfer?.status;
  const t = now.getTime();
  if (!Number.isFinite(t)) return { state: 'none', deadline };
  if (deadline.getTime() < t || closedByStatus(status)) {
    return { state: 'closed', deadline };
  }
  const days = londonParts(deadline.getTime()).day - londonParts(t).day;
  return { state: days <= CLOSING_SOON_DAYS ? 'closing-soon' : 'open', deadline, days };
}

/** Whether a transfer's status closes it whatever its deadline. */
export const closedByStatus = (status: unknown): boolean => status === 'under-offer' || status === 'transferred' || status === 'withdrawn';

/**
 * The first moment a deadline at `deadline` (ms) is closing soon: the start of the UK day
 * CLOSING_SOON_DAYS before its own. From then until the deadline, `deadlineState` says closing soon.
 */
export const closingSoonFrom = (deadline: number): number => londonInstant(londonParts(deadline).day - CLOSING_SOON_DAYS, 0);
