/**
 * The map's points as columns: one entry per listing that has a usable place,
 * with its coordinates, kind and the two labels a marker needs. The search
 * worker builds them from the listings it holds and sends them to the page
 * with their typed arrays transferred, not copied (`mapPointsTransfer`); the
 * map builds them itself from listings when it is given listings. Either way
 * the map reads only these columns, so 50,000 points cost the page four typed
 * arrays and three lists of short strings, not 50,000 listing records. The
 * search worker sends even less (`mapColumnsOf`): no strings at all, the page
 * knowing every key by its index already, and the names and places of the few
 * markers a map draws asked for when it draws them (`MapPoints.labels`).
 */
import type { AtlasListing } from '../feed/normalised.js';
import type { GeoJsonMultiPolygon, GeoJsonPolygon, ListingKind } from '../feed/types.js';
import { text } from '../feed/values.js';

/** The kinds by their number in `MapPoints.kinds`. */
export const MAP_KINDS: readonly ListingKind[] = ['asset', 'activity', 'transfer'];

export interface MapPoints {
  /** Listing keys, one per point. */
  keys: string[];
  /** Each listing's name, in the language asked for (its key when it has none). With `labels`: filled on demand. */
  names: string[];
  /** Each listing's place name, or the first line of its address, or ''. With `labels`: filled on demand. */
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
  /**
   * Present when names and places come on demand (the search worker's points: a map
   * names only the few dozen markers it draws, so 50,000 names need not cross to the
   * page): fills `names[p]` and `places[p]` of the points asked for. Until then they
   * are undefined.
   */
  labels?: (points: readonly number[]) => Promise<void>;
}

/**
 * The columns of `MapPoints` without their strings, as the search worker sends
 * them (typed arrays, transferred): `at` is each point's listing by its index in
 * the worker's listings, which the page turns into keys from the list it holds.
 */
export interface MapColumns {
  at: Int32Array;
  lat: Float64Array;
  lng: Float64Array;
  kinds: Uint8Array;
  radius: Float32Array;
  unplaced: number;
  outlines: NonNullable<MapPoints['outlines']>;
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
export function mapPlaceOf(listing: Pick<AtlasListing, 'location'>): [number, number] | undefined {
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

/** A marker's two labels: the listing's name in `lang` (its key when it has none), and its place's name or first line of address. */
export function mapLabelsOf(listing: AtlasListing, lang: string): { name: string; place: string } {
  const loc = listing.location;
  return {
    name: text(listing.name, lang) || listing.key,
    place: (loc && (text(loc.name, lang) || (Array.isArray(loc.address) && typeof loc.address[0] === 'string' ? loc.address[0] : ''))) || '',
  };
}

/**
 * The points of `listings` that have a usable place, in their order, as columns;
 * `at[p]` is `indexes[i]` of the listing at point p (the worker's index of it),
 * or i itself when no `indexes` are given. One plain loop with no call per
 * listing for the common case (numeric coordinates): on a map used alone this
 * is on the way to the first draw of 50,000 points.
 */
export function mapColumnsOf(listings: readonly Pick<AtlasListing, 'key' | 'kind' | 'location'>[], indexes?: readonly number[]): MapColumns {
  const count = listings.length;
  const lat = new Float64Array(count);
  const lng = new Float64Array(count);
  const kinds = new Uint8Array(count);
  const radius = new Float32Array(count);
  const at = new Int32Array(count);
  const outlines: MapColumns['outlines'] = [];
  let n = 0;
  for (let i = 0; i < count; i++) {
    const listing = listings[i]!;
    const loc = listing.location;
    if (!loc) continue;
    let la = loc.lat;
    let ln = loc.lng;
    if (typeof la !== 'number' || typeof ln !== 'number') {
      const place = mapPlaceOf(listing);
      if (!place) continue;
      [la, ln] = place;
    } else if (!(Math.abs(la) <= 90) || !(Math.abs(ln) <= 180) || (Math.abs(la) < 1e-4 && Math.abs(ln) < 1e-4)) {
      continue;
    }
    lat[n] = la;
    lng[n] = ln;
    kinds[n] = listing.kind === 'activity' ? 1 : listing.kind === 'transfer' ? 2 : 0;
    radius[n] = loc.precision === 'approximate' ? (typeof loc.radius === 'number' && loc.radius > 0 ? loc.radius : DEFAULT_RADIUS_METRES) : 0;
    at[n] = indexes ? indexes[i]! : i;
    if (loc.outline && !radius[n] && (loc.outline.type === 'Polygon' || loc.outline.type === 'MultiPolygon')) outlines.push({ key: listing.key, geometry: loc.outline });
    n++;
  }
  return {
    at: at.slice(0, n), lat: lat.slice(0, n), lng: lng.slice(0, n), kinds: kinds.slice(0, n), radius: radius.slice(0, n),
    unplaced: count - n,
    outlines,
  };
}

/** The points of `listings` that have a usable place, in their order. */
export function mapPointsOf(listings: readonly AtlasListing[], lang = 'en'): MapPoints {
  const { at, unplaced, ...columns } = mapColumnsOf(listings);
  const keys: string[] = [];
  const names: string[] = [];
  const places: string[] = [];
  for (const i of at) {
    const listing = listings[i]!;
    const { name, place } = mapLabelsOf(listing, lang);
    keys.push(listing.key);
    names.push(name);
    places.push(place);
  }
  return { keys, names, places, ...columns, unplaced };
}

/** The buffers to transfer with `points` in a postMessage, so they move rather than copy. */
export function mapPointsTransfer(points: MapPoints | MapColumns): ArrayBuffer[] {
  return [...('at' in points ? [points.at.buffer] : []), points.lat.buffer, points.lng.buffer, points.kinds.buffer, points.radius.buffer] as ArrayBuffer[];
}
