import type { AtlasData } from './normalised.js';
import { NORMALISE_PARTS } from './normalise-parts.js';
import { normaliseWith, type NormaliseOptions } from './normaliser.js';

export { describeValue, type NormaliseOptions } from './normaliser.js';
export { TEXT_LIMITS } from './rules.js';

/**
 * Turns one feed, as parsed JSON, into clean data the finder can trust, without
 * a schema compiler. Tolerant: a listing with no id, no name, no kind (or an
 * unknown one) or a duplicate id is skipped and counted; anything else wrong is
 * dropped or repaired and the listing is kept. Every problem is reported.
 * Strings stay strings: nothing here or downstream treats feed text as markup.
 */
export function normaliseFeed(json: unknown, options: NormaliseOptions = {}): AtlasData {
  return normaliseWith(NORMALISE_PARTS, json, options);
}
