/**
 * The rules a feed's values are read by, in one table that both readers use: the
 * quick check (quick.ts, in the finder's first chunk), which accepts a feed only
 * when every value already meets them, and the normaliser (normaliser/), which
 * repairs, drops and reports what does not. Change a rule here and both follow,
 * so they cannot drift apart; packages/core/test/quick.test.ts checks that what
 * the quick check accepts, the normaliser keeps unchanged.
 *
 * Plain constants rather than objects: the quick check is in the first chunk,
 * where a property name is bytes on every phone and a constant's name is not.
 * The listing kinds, transfer statuses, asset types and weekdays live with the
 * feed types (types.ts), which the schema test also holds to feed.schema.json.
 */
import type { AcvDetails, Audience, Cost, DeliveryMode, ReferralRoute } from './types.js';

/**
 * Longest text the finder shows, in characters. Longer text is kept up to the
 * limit and reported: a 1 MB description would make the search index and every
 * card slow for a resident on a phone, and nobody reads past a few pages.
 */
export const NAME_LENGTH = 300;
export const SUMMARY_LENGTH = 1_000;
export const LONG_LENGTH = 10_000;
export const WORD_LENGTH = 200;
/** The same limits by their public name. */
export const TEXT_LIMITS = { name: NAME_LENGTH, summary: SUMMARY_LENGTH, long: LONG_LENGTH, word: WORD_LENGTH } as const;

/** A UK feed's coordinates fall in this box (Channel Islands and Shetland included). */
export const UK_SOUTH = 49;
export const UK_NORTH = 61;
export const UK_WEST = -9;
export const UK_EAST = 2.2;

/** Ids of listings and publishers. */
export const ID_PATTERN = /^[A-Za-z0-9._-]+$/;
/** What passes for an email address: something, an @, something, no spaces. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

export const REFERRAL_ROUTES: readonly ReferralRoute[] = ['self', 'drop-in', 'professional'];
export const DELIVERY_MODES: readonly DeliveryMode[] = ['in-person', 'online', 'phone'];
export const COST_PER: readonly NonNullable<Cost['per']>[] = ['session', 'week', 'month', 'year', 'course', 'visit'];
export const GENDERS: readonly NonNullable<Audience['gender']>[] = ['any', 'women', 'men'];
export const TENURES: readonly string[] = ['freehold', 'leasehold', 'licence'];
export const TERMS: readonly string[] = ['peppercorn', 'nominal', 'discounted', 'market'];
export const ACV_STATUSES: readonly AcvDetails['status'][] = ['nominated', 'listed', 'unsuccessful', 'removed'];

/** Ages from 0 to this. */
export const MAX_AGE = 120;
/** Leases from 0 to this many years. */
export const MAX_LEASE_YEARS = 999;
/** A location's radius: from 1 metre to this many. */
export const MAX_RADIUS_METRES = 100_000;
