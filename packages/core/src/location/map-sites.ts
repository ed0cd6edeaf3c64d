/**
 * The map's points placed as sites: exact places that share coordinates (to
 * about a metre) become one site, so several groups meeting in one hall are
 * one marker that opens a list; approximate places are never merged, so an
 * area never reveals that two sensitive services share a building.
 *
 * Pure typed-array code with no DOM, so it runs where the points are made: the
 * search worker places 50,000 points before it sends them (`MapPoints.sites`),
 * and the page's main thread has only the draw left. The map places points
 * that come without sites (a small feed's, a page's own listings) itself, with
 * this same function.
 */
import type { MapPoints } from './map-points.js';

/** [south, west, north, east]. */
export type SiteBounds = [south: number, west: number, north: number, east: number];

/**
 * Numbers pairs of whole numbers (grid cells, places to about a metre) in the
 * order they are first seen: an open-addressing hash table over typed arrays,
 * with no object per pair, for the tens of thousands of points on the way to a
 * first draw.
 */
export class PairIndex {
  /** How many pairs have been numbered (the next new pair gets this number). */
  size = 0;
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `capacity`: the most pairs it will hold. */
  constructor(capacity: number) {
    let tableSize = 16;
    while (tableSize < capacity * 2) tableSize *= 2;
    this.firsts = new Int32Array(tableSize);
    this.seconds = new Int32Array(tableSize);
    this.slots = new Int32Array(tableSize).fill(-1);
    this.mask = tableSize - 1;
  }

  private hash(a: number, b: number): number {
    return (Math.imul(a, 73856093) ^ Math.imul(b, 19349663)) & this.mask;
  }

  /** The pair's number, numbering it next (`size` before the call) when it is new. */
  add(a: number, b: number): number {
    for (let h = this.hash(a, b); ; h = (h + 1) & this.mask) {
      const found = this.slots[h]!;
      if (found === -1) {
        const fresh = this.size++;
        this.slots[h] = fresh;
        this.firsts[h] = a;
        this.seconds[h] = b;
        return fresh;
      }
      if (this.firsts[h] === a && this.seconds[h] === b) return found;
    }
  }

  /** The pair's number, or -1 when it was never added. */
  find(a: number, b: number): number {
    for (let h = this.hash(a, b); ; h = (h + 1) & this.mask) {
      const found = this.slots[h]!;
      if (found === -1) return -1;
      if (this.firsts[h] === a && this.seconds[h] === b) return found;
    }
  }
}

/** Web Mercator, in world units (0..1 across the world at any zoom). */
export function mercatorX(lng: number): number {
  return lng / 360 + 0.5;
}

export function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
}

/** The points of `MapPoints` as sites, every array its own buffer (so all can be transferred). */
export interface MapSites {
  /** How many sites. */
  size: number;
  /** The site of each point. */
  siteOfPoint: Int32Array;
  /** Each site's coordinates, and the same in Web Mercator world units (what clustering reads). */
  lat: Float64Array;
  lng: Float64Array;
  x: Float64Array;
  y: Float64Array;
  /** Listings at each site. */
  weight: Int32Array;
  /** Each site's first point; `next` chains the rest, in the points' order (-1 ends). */
  first: Int32Array;
  next: Int32Array;
  /** Metres of an approximate site's area, 0 for an exact site. */
  radius: Float32Array;
  /** An exact site's place (its coordinates to about a metre, packed): its id. */
  place: Float64Array;
  /** Bounds of every site, and without the sites far from all the others (a swapped lat/lng, a typo). */
  all?: SiteBounds;
  core?: SiteBounds;
  /** How many listings lie outside `core`. */
  outliers: number;
  /** The kinds placed, as bits of their numbers in MAP_KINDS. */
  kindBits: number;
  /** Whether any site is an approximate area. */
  hasAreas: boolean;
}

/** The buffers of `sites`, for a postMessage's transfer list. */
export function mapSitesTransfer(sites: MapSites): ArrayBuffer[] {
  const { siteOfPoint, lat, lng, x, y, weight, first, next, radius, place } = sites;
  return [siteOfPoint, lat, lng, x, y, weight, first, next, radius, place].map((a) => a.buffer as ArrayBuffer);
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

/**
 * Bounds of the sites (those whose `distances` are within `limit`, when given),
 * or undefined when there are none. No callback per site: a first draw runs
 * this before the engine has compiled it.
 */
function boundsOver(lat: Float64Array, lng: Float64Array, distances?: Float64Array, limit = Infinity): SiteBounds | undefined {
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

/**
 * Places `points` as sites: one pass over the points and one over the sites,
 * all on typed arrays (this is on the way to the first draw of 50,000 points).
 */
export function placeSites(points: Pick<MapPoints, 'lat' | 'lng' | 'kinds' | 'radius'>): MapSites {
  const count = points.lat.length;
  // Places (coordinates in whole 1e-5 degrees) numbered as first seen, and the site each became.
  const places = new PairIndex(count);
  const siteOfPlace = new Int32Array(count);
  const siteOfPoint = new Int32Array(count);
  const lats = new Float64Array(count);
  const lngs = new Float64Array(count);
  const weight = new Int32Array(count);
  const first = new Int32Array(count);
  const last = new Int32Array(count);
  const next = new Int32Array(count).fill(-1);
  const radii = new Float32Array(count);
  const placeIds = new Float64Array(count);
  let kindBits = 0;
  let hasAreas = false;
  let n = 0;
  for (let p = 0; p < count; p++) {
    const lat = points.lat[p]!;
    const lng = points.lng[p]!;
    kindBits |= 1 << points.kinds[p]!;
    const radius = points.radius[p]!;
    let site: number;
    if (radius > 0) {
      hasAreas = true;
      site = n++;
      radii[site] = radius;
    } else {
      // Coordinates to five decimals (about a metre).
      const lat5 = Math.round(lat * 1e5);
      const lng5 = Math.round(lng * 1e5);
      const known = places.size;
      const placeNumber = places.add(lat5, lng5);
      if (placeNumber < known) {
        site = siteOfPlace[placeNumber]!;
        siteOfPoint[p] = site;
        weight[site]!++;
        next[last[site]!] = p;
        last[site] = p;
        continue;
      }
      site = siteOfPlace[placeNumber] = n++;
      placeIds[site] = (lat5 + 9e6) * 4e7 + (lng5 + 1.8e7);
    }
    siteOfPoint[p] = site;
    lats[site] = lat;
    lngs[site] = lng;
    weight[site] = 1;
    first[site] = p;
    last[site] = p;
  }

  const lat = lats.slice(0, n);
  const lng = lngs.slice(0, n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = mercatorX(lng[i]!);
    y[i] = mercatorY(lat[i]!);
  }
  const all = boundsOver(lat, lng);
  let core = all;
  let outliers = 0;
  if (n >= 3) {
    const mLat = median(lat.slice());
    const mLng = median(lng.slice());
    // Kilometres, flat-earth, from the median place: plenty for telling "30 km away" from "3,000 km away".
    const distances = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const dx = (lng[i]! - mLng) * Math.cos(((mLat + lat[i]!) / 2) * (Math.PI / 180));
      const dy = lat[i]! - mLat;
      distances[i] = Math.sqrt(dx * dx + dy * dy) * 111.32;
    }
    const limit = Math.max(100, 10 * median(distances.slice()));
    for (let i = 0; i < n; i++) if (distances[i]! > limit) outliers += weight[i]!;
    core = boundsOver(lat, lng, distances, limit);
  }
  return {
    size: n, siteOfPoint, lat, lng, x, y, weight: weight.slice(0, n), first: first.slice(0, n), next, radius: radii.slice(0, n), place: placeIds.slice(0, n),
    ...(all ? { all } : {}), ...(core ? { core } : {}), outliers, kindBits, hasAreas,
  };
}
