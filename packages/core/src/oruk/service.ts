/**
 * One service's full record (`/services/{id}`) as a finder shows it: mapped as
 * `atlas import oruk` maps it, then read as the finder reads any feed (the quick
 * check, the exact normaliser only if the quick check leaves it to it). Used by the
 * finder's `oruk:` source when a service is on screen or opened.
 */
import type { AtlasListing } from '../feed/normalised.js';
import { normaliseOnDemand } from '../feed/read.js';
import { importOruk } from './import.js';

/** The listing a full record gives (a service at several places gives one per place: the first), or undefined if the import leaves it out. */
export async function orukServiceListing(record: Record<string, unknown>, options: { publisher: string; today: string }): Promise<AtlasListing | undefined> {
  const { feed } = importOruk([{ contents: [record] }], options);
  return (await normaliseOnDemand(feed)).listings[0];
}
