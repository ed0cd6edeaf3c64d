/**
 * The map's points as columns: one entry per listing that has a usable place,
 * with its coordinates, kind and the two labels a marker needs. The search
 * worker builds them from the listings it holds and sends them to the page
 * with their typed arrays transferred, not copied (`mapPointsTransfer`); the
 * map builds them itself from listings when it is given listings. Either way
 * the map reads only these columns, so 50,000 points cost the page four typed
 * arrays and three lists of short strings, not 50,000 listing records.
 */
import type { AtlasListing } from '../feed/normalised.js';
import type { GeoJsonMultiPolygon, GeoJsonPolygon, ListingKind } from '../feed/types.js';
import { text } from '../feed/values.js';

/** The kinds by their number in `MapPoints.kinds`. */
export const MAP_KINDS: readonly ListingKind[] = ['asset', 'activity', 'transfer'];

export interface MapPoints {
  /** Listing keys, one per point. */
  keys: string[];
  /** Each listing's name, in the language asked for (its key when it has none). */
  names: string[];
  /** Each listing's place name, or the first line of its address, or ''. */
  places: string[];
  lat: Float64Array;
  lng: Float64Array;
  /** Index into MAP_KINDS. */
  kinds: Uint8Array;
  /** Metres of an approximate place's shaded area; 0 for an exact place. */
  radius: Float32Array;
  /** Listings given that have no usable place (absent, out of range, or at 0,0). */
  unplaced: number;
  /** The outline of each exact place that has one (a transfer site), by listing key. */
  outlines?: { key: string; geometry: GeoJsonPolygon | GeoJsonMultiPolygon }[];
}

/** An approximate place without a radius of its own is shown as this many metres. */
const DEFAULT_RADIUS_METRES = 1000;

function outlineCentre(outline: GeoJsonPolygon | GeoJsonMultiPolygon): [number, number] | undefined {
  const rings = outline.type === 'Polygon' ? outline.coordinates : outline.coordinates.flat();
  let s = Infinity, w = Infinity, n = -Infinity, e = -Infinity;
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      if (!Number.isFinite(lat) || !Number.isFinite(lng)) continue;
      s = Math.min(s, lat); n = Math.max(n, lat); w = Math.min(w, lng); e = Math.max(e, lng);
    }
  }
  return Number.isFinite(s) ? [(s + n) / 2, (w + e) / 2] : undefined;
}

/**
 * Where a listing goes on the map, or undefined: its coordinates, else the
 * centre of its outline. A point at (or within about ten metres of) 0,0 is a
 * missing value that a spreadsheet turned into zeros: nothing the kit lists is
 * in the Gulf of Guinea, and DESIGN says never to place it there.
 */
export function mapPlaceOf(listing: AtlasListing): [number, number] | undefined {
  const loc = listing.location;
  if (!loc) return undefined;
  let lat = loc.lat;
  let lng = loc.lng;
  if ((typeof lat !== 'number' || typeof lng !== 'number') && loc.outline) {
    [lat, lng] = outlineCentre(loc.outline) ?? [NaN, NaN];
  }
  if (typeof lat !== 'number' || typeof lng !== 'number') return undefined;
  if (!(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) return undefined;
  if (Math.abs(lat) < 1e-4 && Math.abs(lng) < 1e-4) return undefined;
  return [lat, lng];
}

/** The points of `listings` that have a usable place, in their order. */
export function mapPointsOf(listings: readonly AtlasListing[], lang = 'en'): MapPoints {
  const lat = new Float64Array(listings.length);
  const lng = new Float64Array(listings.length);
  const kinds = new Uint8Array(listings.length);
  const radius = new Float32Array(listings.length);
  const keys: string[] = [];
  const names: string[] = [];
  const places: string[] = [];
  const outlines: NonNullable<MapPoints['outlines']> = [];
  let n = 0;
  for (const listing of listings) {
    const place = mapPlaceOf(listing);
    if (!place) continue;
    const loc = listing.location!;
    lat[n] = place[0];
    lng[n] = place[1];
    kinds[n] = listing.kind === 'activity' ? 1 : listing.kind === 'transfer' ? 2 : 0;
    radius[n] = loc.precision === 'approximate' ? (typeof loc.radius === 'number' && loc.radius > 0 ? loc.radius : DEFAULT_RADIUS_METRES) : 0;
    keys.push(listing.key);
    names.push(text(listing.name, lang) || listing.key);
    places.push(text(loc.name, lang) || (Array.isArray(loc.address) && typeof loc.address[0] === 'string' ? loc.address[0] : ''));
    if (loc.outline && !radius[n] && (loc.outline.type === 'Polygon' || loc.outline.type === 'MultiPolygon')) outlines.push({ key: listing.key, geometry: loc.outline });
    n++;
  }
  return {
    keys, names, places,
    lat: lat.slice(0, n), lng: lng.slice(0, n), kinds: kinds.slice(0, n), radius: radius.slice(0, n),
    unplaced: listings.length - n,
    outlines,
  };
}

/** The buffers to transfer with `points` in a postMessage, so they move rather than copy. */
export function mapPointsTransfer(points: MapPoints): ArrayBuffer[] {
  return [points.lat.buffer, points.lng.buffer, points.kinds.buffer, points.radius.buffer] as ArrayBuffer[];
}
