import type { AtlasListing, GeoJsonMultiPolygon, GeoJsonPolygon, ListingKind } from '@community-atlas/core';
import { PairIndex } from './pair-index.js';
import type { Bounds } from './leaflet-adapter.js';

/** One place on the map: a single listing, or several listings at the same address. */
export interface Site {
  id: string;
  /** Position in `PlacedPoints.sites`. */
  index: number;
  lat: number;
  lng: number;
  listings: AtlasListing[];
  /** Shown as a shaded area of `radius` metres, never a pin. */
  approximate: boolean;
  radius: number;
}

export interface PlacedPoints {
  sites: Site[];
  /** Listings with no usable coordinates (absent, out of range, or at 0,0). */
  unplaced: number;
  /** Bounds of every site. */
  all?: Bounds;
  /** Bounds without the sites far from all the others (a swapped lat/lng, a typo). */
  core?: Bounds;
  /** How many listings lie outside `core`. */
  outliers: number;
  outlines: { key: string; geometry: GeoJsonPolygon | GeoJsonMultiPolygon }[];
  /** Kinds of the placed listings, for the legend. */
  kinds: Set<ListingKind>;
  /** Whether any site is an approximate area. */
  hasAreas: boolean;
}

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
 * Where a listing goes on the map, or undefined. A point at (or within about
 * ten metres of) 0,0 is a missing value that a spreadsheet turned into zeros:
 * nothing the kit lists is in the Gulf of Guinea, and DESIGN says never to place it there.
 */
function placeOf(listing: AtlasListing): [number, number] | undefined {
  const loc = listing.location;
  if (!loc) return undefined;
  let lat = loc.lat;
  let lng = loc.lng;
  if ((typeof lat !== 'number' || typeof lng !== 'number') && loc.outline) {
    [lat, lng] = outlineCentre(loc.outline) ?? [NaN, NaN];
  }
  if (typeof lat !== 'number' || typeof lng !== 'number') return undefined;
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  if (Math.abs(lat) < 1e-4 && Math.abs(lng) < 1e-4) return undefined;
  return [lat, lng];
}

/** The k-th smallest value (0-based), rearranging `values`: linear time, where a sort is n log n. */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (right > left) {
    const pivot = values[(left + right) >> 1]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k]!;
}

function median(values: Float64Array): number {
  const mid = values.length >> 1;
  const upper = select(values, mid);
  if (values.length % 2) return upper;
  // After selecting, everything left of `mid` is no larger than it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/** Kilometres, flat-earth: plenty for telling "30 km away" from "3,000 km away". */
function roughKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const x = (lng2 - lng1) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  return Math.hypot(x, lat2 - lat1) * 111.32;
}

/**
 * A site's id is only read for the few hundred markers on screen, so it is
 * made from the packed coordinates when first asked for, not for all 50,000.
 */
class PlacedSite implements Site {
  private cachedId: string | undefined;
  constructor(
    private readonly place: number,
    readonly index: number,
    readonly lat: number,
    readonly lng: number,
    readonly listings: AtlasListing[],
    readonly approximate: boolean,
    readonly radius: number,
  ) {}
  get id(): string {
    if (this.cachedId === undefined) this.cachedId = this.approximate ? `a:${this.listings[0]!.key}` : `${this.place}`;
    return this.cachedId;
  }
}

/**
 * Groups listings into sites: exact locations that share coordinates (to about a
 * metre) become one site, so several groups meeting in one hall are one marker
 * that opens a list. Approximate locations are never merged, so an area never
 * reveals that two sensitive services share a building.
 *
 * One pass over the listings and one over the sites, with typed arrays: this is
 * on the way to the first draw of 50,000 points.
 */
export function placeListings(listings: readonly AtlasListing[]): PlacedPoints {
  // Places (coordinates in whole 1e-5 degrees) numbered as first seen, and the site each became.
  const places = new PairIndex(listings.length);
  const siteOfPlace = new Int32Array(listings.length);
  const sites: PlacedSite[] = [];
  const outlines: PlacedPoints['outlines'] = [];
  const kinds = new Set<ListingKind>();
  let unplaced = 0;
  for (const listing of listings) {
    const loc = listing.location;
    let lat = loc?.lat;
    let lng = loc?.lng;
    // The usual case, checked inline; anything unusual goes through placeOf.
    if (
      typeof lat !== 'number' || typeof lng !== 'number' || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180) ||
      (Math.abs(lat) < 1e-4 && Math.abs(lng) < 1e-4)
    ) {
      const place = placeOf(listing);
      if (!place) {
        unplaced++;
        continue;
      }
      [lat, lng] = place;
    }
    kinds.add(listing.kind === 'activity' || listing.kind === 'transfer' ? listing.kind : 'asset');
    if (loc!.precision === 'approximate') {
      const radius = typeof loc!.radius === 'number' && loc!.radius > 0 ? loc!.radius : DEFAULT_RADIUS_METRES;
      sites.push(new PlacedSite(0, sites.length, lat, lng, [listing], true, radius));
      continue;
    }
    if (loc!.outline && (loc!.outline.type === 'Polygon' || loc!.outline.type === 'MultiPolygon')) {
      outlines.push({ key: listing.key, geometry: loc!.outline });
    }
    // Coordinates to five decimals (about a metre).
    const lat5 = Math.round(lat * 1e5);
    const lng5 = Math.round(lng * 1e5);
    const known = places.size;
    const placeNumber = places.add(lat5, lng5);
    if (placeNumber < known) {
      sites[siteOfPlace[placeNumber]!]!.listings.push(listing);
    } else {
      siteOfPlace[placeNumber] = sites.length;
      const place = (lat5 + 9e6) * 4e7 + (lng5 + 1.8e7);
      sites.push(new PlacedSite(place, sites.length, lat, lng, [listing], false, 0));
    }
  }

  const n = sites.length;
  const lats = new Float64Array(n);
  const lngs = new Float64Array(n);
  let hasAreas = false;
  let s = 90, w = 180, north = -90, e = -180;
  for (let i = 0; i < n; i++) {
    const site = sites[i]!;
    const lat = (lats[i] = site.lat);
    const lng = (lngs[i] = site.lng);
    if (lat < s) s = lat;
    if (lat > north) north = lat;
    if (lng < w) w = lng;
    if (lng > e) e = lng;
    if (site.approximate) hasAreas = true;
  }
  const all: Bounds | undefined = n ? [s, w, north, e] : undefined;
  let core = all;
  let outliers = 0;
  if (n >= 3) {
    const mLat = median(lats.slice());
    const mLng = median(lngs.slice());
    const distances = new Float64Array(n);
    for (let i = 0; i < n; i++) distances[i] = roughKm(mLat, mLng, lats[i]!, lngs[i]!);
    const limit = Math.max(100, 10 * median(distances.slice()));
    s = 90; w = 180; north = -90; e = -180;
    for (let i = 0; i < n; i++) {
      if (distances[i]! > limit) {
        outliers += sites[i]!.listings.length;
        continue;
      }
      const lat = lats[i]!;
      const lng = lngs[i]!;
      if (lat < s) s = lat;
      if (lat > north) north = lat;
      if (lng < w) w = lng;
      if (lng > e) e = lng;
    }
    core = [s, w, north, e];
  }
  return { sites, unplaced, all, core, outliers, outlines, kinds, hasAreas };
}
