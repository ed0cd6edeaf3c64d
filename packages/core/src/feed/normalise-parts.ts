/**
 * What the normaliser (normaliser.ts) uses from modules the finder's first chunk
 * carries anyway: the feed's enumerations and the opening-hours reader. The
 * browser's normaliser chunk is handed these rather than importing them: when it imported
 * them, the bundler moved feed/types.ts and schedule/zone.ts out of atlas.js into
 * a file of their own that every page then fetched before the finder could start.
 * The built-in transfer stages are not among them: their labels are not in the
 * first chunk (stages.ts), and the normaliser imports them itself.
 */
import { parseOpeningHours } from '../schedule/index.js';
import { LISTING_KINDS, TRANSFER_ASSET_TYPES, TRANSFER_STATUSES, WEEKDAYS } from './types.js';

export const NORMALISE_PARTS = {
  LISTING_KINDS, TRANSFER_ASSET_TYPES, TRANSFER_STATUSES, WEEKDAYS, parseOpeningHours,
};

export type NormaliseParts = typeof NORMALISE_PARTS;
