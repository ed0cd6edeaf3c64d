/**
 * What `<atlas-location>` does once a person submits a postcode or asks for their
 * location: loaded then (its own chunk in the embed bundle, with core's postcode
 * lookups and the postcode package), so a page of results carries none of it.
 */
import { gazetteerFromListings, lookupPostcodeDetailed, parsePostcodeQuery, type AtlasListing, type Gazetteer, type GeoPoint, type LookupResult } from '@community-atlas/core';
import type { LoadedStrings, PostcodeWords } from '../translations/index.js';
import { cyPostcodeWords } from './lookup-cy.js';

export { currentPosition } from '@community-atlas/core';

/** Why a postcode could not be placed, in English; other languages give these in their strings. */
const enPostcodeWords: PostcodeWords = {
  postcodeNotFound: 'We could not find that postcode. Check it and try again.',
  postcodeInvalid: 'Enter a postcode, such as SW1A 1AA, or the first part of one, such as SW1A.',
  postcodeOutsideArea: 'We could not place that postcode: it may be outside the area this directory covers. Check it, or use your location.',
};

/** Gazetteers read from the listings, a district at a time, made on the first lookup there (one per element). */
export interface ListingGazetteers {
  of?: readonly AtlasListing[];
  byDistrict: Map<string, Gazetteer>;
}

interface PostcodeSources {
  gazetteer?: Gazetteer;
  /** Base URL of a postcodes.io-compatible service. */
  service?: string;
  listings?: readonly AtlasListing[];
  fromListings: ListingGazetteers;
  /** A sharded directory's own placing (from its postcode area's shard, or a gazetteer shard). */
  placer?: (postcode: string) => Promise<GeoPoint | undefined>;
}

/** A postcode the feed's gazetteer (and the service) could not place, placed from the listings' own postcodes. */
async function lookupAmongListings(value: string, from: PostcodeSources): Promise<LookupResult | undefined> {
  const { listings, fromListings: cache } = from;
  const query = parsePostcodeQuery(value);
  if (!query || !listings?.length) return undefined;
  if (cache.of !== listings) {
    cache.byDistrict.clear();
    cache.of = listings;
  }
  const district = query.kind === 'district' ? query.value : (query.value.split(' ')[0] ?? '');
  let gazetteer = cache.byDistrict.get(district);
  if (!gazetteer) cache.byDistrict.set(district, (gazetteer = gazetteerFromListings(listings, district)));
  const found = await lookupPostcodeDetailed(value, { gazetteer });
  return found.ok ? found : undefined;
}

/** Where a typed postcode is, or the words that say plainly why it could not be placed (undefined: the lookup was cancelled). */
export async function placePostcode(value: string, from: PostcodeSources, t: LoadedStrings): Promise<{ near: GeoPoint } | { message: string } | undefined> {
  let found = await lookupPostcodeDetailed(value, {
    ...(from.gazetteer ? { gazetteer: from.gazetteer } : {}),
    ...(from.service ? { service: from.service } : {}),
  });
  // Not known to the feed's gazetteer and no service to say it does not exist (or the service is down):
  // the listings' own postcodes may know it. A postcode the service says does not exist stays not found.
  if (!found.ok && (found.reason === 'unavailable' || (found.reason === 'not-found' && !from.service))) {
    found = (await lookupAmongListings(value, from)) ?? found;
    const placed = !found.ok && from.placer && parsePostcodeQuery(value) ? await from.placer(value) : undefined;
    if (placed) return { near: { ...placed, label: value.toUpperCase() } };
  }
  if (found.ok) return { near: { lat: found.place.lat, lng: found.place.lng, label: value.toUpperCase() } };
  if (found.reason === 'aborted') return undefined;
  const words = { ...(t.locale.startsWith('cy') ? cyPostcodeWords : enPostcodeWords), ...t };
  // Not found with no service to ask means only that it is outside what this directory knows.
  return {
    message:
      found.reason === 'not-a-postcode' ? words.postcodeInvalid
      : found.reason === 'unavailable' ? words.postcodeUnavailable
      : from.service ? words.postcodeNotFound
      : words.postcodeOutsideArea,
  };
}
