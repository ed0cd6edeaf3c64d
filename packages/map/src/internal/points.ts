import { MAP_KINDS, mapColumnsOf, mapLabelsOf, type AtlasListing, type ListingKind, type MapPoints } from '@community-atlas/core';
import type { Bounds } from './leaflet-adapter.js';
import { mercatorY } from './mercator.js';

/** One place on the map: a single listing, or several listings at the same address. */
export interface Site {
  id: string;
  /** Position in `PlacedPoints.sites`. */
  index: number;
  lat: number;
  lng: number;
  /** The listings here, as positions in `PlacedPoints.points`. */
  members: number[];
  /** Shown as a shaded area of `radius` metres, never a pin. */
  approximate: boolean;
  radius: number;
}

/**
 * The sites as columns (what clustering reads), with a `Site` object made only
 * for a site that is drawn, opened or looked up: a few hundred, not 50,000.
 */
export class SiteTable {
  private readonly made = new Map<number, Site>();
  constructor(
    readonly size: number,
    readonly lat: Float64Array,
    readonly lng: Float64Array,
    /** Each site in world units (0..1, Web Mercator, y down), as clustering reads it. */
    readonly x: Float64Array,
    readonly y: Float64Array,
    /** Area of the sites' bounding box in world units squared: how crowded a zoom level is. */
    readonly area: number,
    /** Listings at each site. */
    readonly weight: Int32Array,
    /** Each site's first point; `next` chains the rest, in the listings' order (-1 ends). */
    private readonly first: Int32Array,
    private readonly next: Int32Array,
    /** Metres of an approximate site's area, 0 for an exact site. */
    private readonly radius: Float32Array,
    /** An exact site's place (its coordinates to about a metre, packed); its id. */
    private readonly place: Float64Array,
    private readonly keys: readonly string[],
  ) {}

  site(index: number): Site {
    let site = this.made.get(index);
    if (site) return site;
    const members: number[] = [];
    for (let p = this.first[index]!; p !== -1; p = this.next[p]!) members.push(p);
    const radius = this.radius[index]!;
    site = {
      id: radius > 0 ? `a:${this.keys[members[0]!]}` : `${this.place[index]}`,
      index, lat: this.lat[index]!, lng: this.lng[index]!, members, approximate: radius > 0, radius,
    };
    this.made.set(index, site);
    return site;
  }
}

export interface PlacedPoints {
  points: MapPoints;
  sites: SiteTable;
  /** The site of each point. */
  siteOfPoint: Int32Array;
  /** Listings with no usable coordinates (absent, out of range, or at 0,0). */
  unplaced: number;
  /** Bounds of every site. */
  all?: Bounds;
  /** Bounds without the sites far from all the others (a swapped lat/lng, a typo). */
  core?: Bounds;
  /** How many listings lie outside `core`. */
  outliers: number;
  outlines: NonNullable<MapPoints['outlines']>;
  /** Kinds of the placed listings, for the legend. */
  kinds: Set<ListingKind>;
  /** Whether any site is an approximate area. */
  hasAreas: boolean;
  /**
   * Given listings: makes `points.names[p]` and `points.places[p]` in `lang` if
   * they are not made yet. A map names only the few dozen markers it draws, so
   * 50,000 listings' names are not all read on the way to a first draw.
   */
  label?: (point: number, lang: string) => void;
}

/** How many places `sample` takes. */
const SAMPLE = 4096;

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

/**
 * At most `size` of `values`, evenly spaced, as a new array (all of them when
 * there are no more). The bounds' medians only tell a place 3,000 km off from
 * the rest, which a few thousand places tell as well as 50,000.
 */
function sample(values: Float64Array, size = SAMPLE): Float64Array {
  if (values.length <= size) return values.slice();
  const out = new Float64Array(size);
  const step = values.length / size;
  for (let i = 0; i < size; i++) out[i] = values[Math.floor(i * step)]!;
  return out;
}

/** The median of `values`, rearranging them. */
function median(values: Float64Array): number {
  const mid = values.length >> 1;
  const upper = select(values, mid);
  if (values.length % 2) return upper;
  // After selecting, everything left of `mid` is no larger than it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/**
 * Bounds of the sites (those whose `distances` are within `limit`, when given),
 * or undefined when there are none. No callback per site: a first draw runs
 * this before the engine has compiled it.
 */
function boundsOver(lat: Float64Array, lng: Float64Array, distances?: Float64Array, limit = Infinity): Bounds | undefined {
  let s = 90, w = 180, n = -90, e = -180;
  let any = false;
  for (let i = 0; i < lat.length; i++) {
    if (distances && !(distances[i]! <= limit)) continue;
    any = true;
    const la = lat[i]!;
    const ln = lng[i]!;
    if (la < s) s = la;
    if (la > n) n = la;
    if (ln < w) w = ln;
    if (ln > e) e = ln;
  }
  return any ? [s, w, n, e] : undefined;
}

/** Listings placed on the map; `label` names a point when it is drawn or listed. */
export function placeListings(listings: readonly AtlasListing[]): PlacedPoints {
  const { at, unplaced, ...columns } = mapColumnsOf(listings);
  const keys = new Array<string>(at.length);
  for (let p = 0; p < at.length; p++) keys[p] = listings[at[p]!]!.key;
  const points: MapPoints = { keys, names: [], places: [], ...columns, unplaced };
  const label = (point: number, lang: string): void => {
    if (points.names[point] !== undefined) return;
    const listing = listings[at[point]!];
    if (!listing) return;
    const { name, place } = mapLabelsOf(listing, lang);
    points.names[point] = name;
    points.places[point] = place;
  };
  return { ...placePoints(points), label };
}

/**
 * Groups points into sites: exact places that share coordinates (to about a
 * metre) become one site, so several groups meeting in one hall are one marker
 * that opens a list. Approximate places are never merged, so an area never
 * reveals that two sensitive services share a building.
 *
 * One pass over the points, all on typed arrays and with no call per point:
 * this is on the way to the first draw of 50,000 points, on a page that has
 * never run it, where every call in the loop costs until the engine has
 * compiled it.
 */
export function placePoints(points: MapPoints): PlacedPoints {
  const count = points.keys.length;
  // Places (coordinates in whole 1e-5 degrees) in an open-addressing table on
  // typed arrays, each with its site + 1 (0: an empty slot, so the table needs no fill).
  let tableSize = 16;
  while (tableSize < count * 2) tableSize *= 2;
  const mask = tableSize - 1;
  // One array, three numbers a slot (latitude, longitude, site + 1): a probe reads one
  // place in memory, not three far apart, and most of this loop's time is those reads.
  const table = new Int32Array(tableSize * 3);
  const siteOfPoint = new Int32Array(count);
  const lats = new Float64Array(count);
  const lngs = new Float64Array(count);
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  const weight = new Int32Array(count);
  const first = new Int32Array(count);
  const last = new Int32Array(count);
  const next = new Int32Array(count).fill(-1);
  const radii = new Float32Array(count);
  const placeIds = new Float64Array(count);
  const { lat: latOf, lng: lngOf, kinds: kindOf, radius: radiusOf } = points;
  let kindBits = 0;
  let hasAreas = false;
  let n = 0;
  // Bounds of every site.
  let south = 90, west = 180, north = -90, east = -180;
  for (let p = 0; p < count; p++) {
    const lat = latOf[p]!;
    const lng = lngOf[p]!;
    kindBits |= 1 << kindOf[p]!;
    const radius = radiusOf[p]!;
    let site: number;
    if (radius > 0) {
      hasAreas = true;
      site = n++;
      radii[site] = radius;
    } else {
      // Coordinates to five decimals (about a metre).
      const lat5 = Math.round(lat * 1e5);
      const lng5 = Math.round(lng * 1e5);
      let h = (Math.imul(lat5, 73856093) ^ Math.imul(lng5, 19349663)) & mask;
      let known = table[h * 3 + 2]!;
      while (known !== 0 && (table[h * 3] !== lat5 || table[h * 3 + 1] !== lng5)) {
        h = (h + 1) & mask;
        known = table[h * 3 + 2]!;
      }
      if (known !== 0) {
        // A place seen before: one more listing at its site.
        site = known - 1;
        siteOfPoint[p] = site;
        weight[site]!++;
        next[last[site]!] = p;
        last[site] = p;
        continue;
      }
      site = n++;
      table[h * 3] = lat5;
      table[h * 3 + 1] = lng5;
      table[h * 3 + 2] = site + 1;
      placeIds[site] = (lat5 + 9e6) * 4e7 + (lng5 + 1.8e7);
    }
    siteOfPoint[p] = site;
    lats[site] = lat;
    lngs[site] = lng;
    // Projected here, in the one loop over the points, rather than in a loop of its own on the way to the first draw.
    // mercatorX and mercatorY (mercator.ts) written out: this loop runs before the engine has compiled them, and
    // calling them cost 2 to 3 ms more of the page's CPU over a first draw of 50,000 points (map bench, CPU row).
    xs[site] = lng / 360 + 0.5;
    const sin = Math.sin((lat * Math.PI) / 180);
    const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
    ys[site] = y < 0 ? 0 : y > 1 ? 1 : y;
    weight[site] = 1;
    first[site] = p;
    last[site] = p;
    if (lat < south) south = lat;
    if (lat > north) north = lat;
    if (lng < west) west = lng;
    if (lng > east) east = lng;
  }
  const kinds = new Set<ListingKind>();
  MAP_KINDS.forEach((kind, i) => {
    if (kindBits & (1 << i)) kinds.add(kind);
  });

  const siteLat = lats.subarray(0, n);
  const siteLng = lngs.subarray(0, n);
  const all: Bounds | undefined = n > 0 ? [south, west, north, east] : undefined;
  let core = all;
  let outliers = 0;
  if (n >= 3) {
    const mLat = median(sample(siteLat));
    const mLng = median(sample(siteLng));
    // Kilometres, flat-earth, from the median place: plenty for telling "30 km away" from "3,000 km away".
    // Math.sqrt rather than Math.hypot, which is several times slower per call.
    const distance = (i: number): number => {
      const dx = (siteLng[i]! - mLng) * Math.cos(((mLat + siteLat[i]!) / 2) * (Math.PI / 180));
      const dy = siteLat[i]! - mLat;
      return Math.sqrt(dx * dx + dy * dy) * 111.32;
    };
    // The limit comes from a sample of the distances (those of `sample`'s sites).
    const sampled = new Float64Array(Math.min(n, SAMPLE));
    const step = n / sampled.length;
    for (let k = 0; k < sampled.length; k++) sampled[k] = distance(Math.floor(k * step));
    const limit = Math.max(100, 10 * median(sampled));
    // No site is further than the bounds' farthest corner, with the cosine taken as 1: when
    // that is within the limit there are no outliers, and no site's distance need be worked out.
    const farLng = Math.max(Math.abs(west - mLng), Math.abs(east - mLng));
    const farLat = Math.max(Math.abs(south - mLat), Math.abs(north - mLat));
    if (!(Math.sqrt(farLng * farLng + farLat * farLat) * 111.32 <= limit)) {
      const distances = new Float64Array(n);
      for (let i = 0; i < n; i++) distances[i] = distance(i);
      for (let i = 0; i < n; i++) if (distances[i]! > limit) outliers += weight[i]!;
      core = boundsOver(siteLat, siteLng, distances, limit);
    }
  }
  const sites = new SiteTable(
    n, siteLat, siteLng, xs.subarray(0, n), ys.subarray(0, n), all ? ((east - west) / 360) * Math.abs(mercatorY(south) - mercatorY(north)) : 0,
    weight.subarray(0, n), first, next, radii, placeIds, points.keys,
  );
  return { points, sites, siteOfPoint, unplaced: points.unplaced, all, core, outliers, outlines: points.outlines ?? [], kinds, hasAreas };
}
