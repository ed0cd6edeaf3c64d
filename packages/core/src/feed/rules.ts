/**
 * The rules a feed's values are read by, in one table that both readers use: the
 * quick check (quick.ts, in the finder's first chunk), which accepts a feed only
 * when every value already meets them, and the normaliser (normaliser/), which
 * repairs, drops and reports what does not. Change a rule here and both follow,
 * so they cannot drift apart; packages/core/test/quick.test.ts checks that what
 * the quick check accepts, the normaliser keeps unchanged.
 *
 * One object rather than one export a rule: the normaliser's chunk imports it from
 * the first chunk, where every exported name costs bytes.
 * The listing kinds, transfer statuses, asset types and weekdays live with the
 * feed types (types.ts), which the schema test also holds to feed.schema.json.
 */
import type { AcvDetails, Audience, Cost, DeliveryMode, ReferralRoute } from './types.js';

export const RULES = {
  /**
   * Longest text the finder shows, in characters. Longer text is kept up to the
   * limit and reported: a 1 MB description would make the search index and every
   * card slow for a resident on a phone, and nobody reads past a few pages.
   */
  text: { name: 300, summary: 1_000, long: 10_000, word: 200 },
  /** A UK feed's coordinates fall in this box (Channel Islands and Shetland included). */
  uk: { south: 49, north: 61, west: -9, east: 2.2 },
  /** Ids of listings and publishers. */
  id: /^[A-Za-z0-9._-]+$/,
  /** What passes for an email address: something, an @, something, no spaces. */
  email: /^[^\s@]+@[^\s@]+$/,
  referral: ['self', 'drop-in', 'professional'] as readonly ReferralRoute[],
  delivery: ['in-person', 'online', 'phone'] as readonly DeliveryMode[],
  costPer: ['session', 'week', 'month', 'year', 'course', 'visit'] as readonly NonNullable<Cost['per']>[],
  gender: ['any', 'women', 'men'] as readonly NonNullable<Audience['gender']>[],
  tenure: ['freehold', 'leasehold', 'licence'] as readonly string[],
  terms: ['peppercorn', 'nominal', 'discounted', 'market'] as readonly string[],
  acv: ['nominated', 'listed', 'unsuccessful', 'removed'] as readonly AcvDetails['status'][],
  /** Number ranges: an age, a lease in years, a radius in metres. Money and sizes are 0 or more. */
  age: { min: 0, max: 120 },
  leaseYears: { min: 0, max: 999 },
  radius: { min: 1, max: 100_000 },
} as const;

/** Longest text the finder shows, in characters (RULES.text, by its public name). */
export const TEXT_LIMITS = RULES.text;
