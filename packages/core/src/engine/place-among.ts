/**
 * The search worker's answer to `place`: where a postcode is, from its own
 * listings' postcodes, as the page once worked it out from every listing's
 * place sent to it before the first results (100,000 places cloned on the
 * page's main thread: a quarter of a second in one task). Loaded by the worker
 * only when a postcode the feed's gazetteer does not know is asked for.
 */
import type { AtlasListing } from '../feed/normalised.js';
import type { Gazetteer } from '../feed/types.js';
import { gazetteerFromListings, lookupPostcodeDetailed, parsePostcodeQuery } from '../location/postcode.js';
import type { GeoPoint } from './types.js';

/** A placer over `listings`: each district's gazetteer made on its first lookup, as the page's `<atlas-location>` makes them. */
export function placerAmong(listings: readonly AtlasListing[]): (postcode: string) => Promise<GeoPoint | undefined> {
  const byDistrict = new Map<string, Gazetteer>();
  return async (postcode) => {
    const query = parsePostcodeQuery(postcode);
    if (!query || !listings.length) return undefined;
    const district = query.kind === 'district' ? query.value : (query.value.split(' ')[0] ?? '');
    let gazetteer = byDistrict.get(district);
    if (!gazetteer) byDistrict.set(district, (gazetteer = gazetteerFromListings(listings, district)));
    const found = await lookupPostcodeDetailed(postcode, { gazetteer });
    return found.ok ? { lat: found.place.lat, lng: found.place.lng, label: postcode.trim().toUpperCase() } : undefined;
  };
}
