/**
 * Location: distance (distance.ts), postcode queries and lookups, offline from the
 * feed's gazetteer first, then only a lookup service the embedder configured, and
 * the gazetteers the CLI writes into a feed (postcode.ts), and the browser's own
 * position (position.ts). One module for callers; the parts are apart so a bundle
 * takes only what it uses.
 */
export { boundsOf, distanceMiles, isValidLatLng, mergeGazetteers, type LatLng } from './distance.js';
export {
  buildGazetteer, gazetteerFromListings, lookupPostcode, lookupPostcodeDetailed, parsePostcodeQuery,
  type CentroidRow, type GazetteerOptions, type LookupOptions, type LookupResult, type PostcodePlace, type PostcodeQuery,
} from './postcode.js';
export {
  gazetteerShardFor, placePostcode, readGazetteerShard, type GazetteerPlaceOptions, type GazetteerPlaceResult,
} from './gazetteer-shards.js';
export { currentPosition, GeolocationError, type PositionOptions } from './position.js';
