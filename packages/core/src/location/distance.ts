/**
 * Distance maths the search engine needs on every query with a place (radius
 * filters, sorting by distance), and the feed reader's gazetteer merge: kept apart
 * from the postcode lookups (postcode.ts), so a page that never looks up a
 * postcode does not carry the postcode package.
 */
import type { AtlasListing } from '../feed/normalised.js';
import type { Gazetteer } from '../feed/types.js';

export interface LatLng {
  lat: number;
  lng: number;
}

const EARTH_RADIUS_MILES = 3958.8;
const toRad = (deg: number): number => (deg * Math.PI) / 180;

/** Whether a point has real WGS84 coordinates (finite and in range). */
export function isValidLatLng(p: Partial<LatLng> | undefined | null): p is LatLng {
  return (
    !!p &&
    typeof p.lat === 'number' &&
    typeof p.lng === 'number' &&
    Number.isFinite(p.lat) &&
    Number.isFinite(p.lng) &&
    Math.abs(p.lat) <= 90 &&
    Math.abs(p.lng) <= 180
  );
}

/**
 * Great-circle distance in miles (haversine). NaN when either point lacks real
 * coordinates, so a caller can tell "unknown" from "far" with `Number.isFinite`;
 * NaN also fails every `<=` test, so an unknown distance never passes a radius filter.
 */
export function distanceMiles(a: LatLng, b: LatLng): number {
  if (!isValidLatLng(a) || !isValidLatLng(b)) return Number.NaN;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Two gazetteers as one: where both place a postcode, sector or district,
 * `later` wins (a feed merged after another, or a feed's own gazetteer over
 * one read from its listings); attributions are kept, both.
 */
export function mergeGazetteers(earlier: Gazetteer | undefined, later: Gazetteer): Gazetteer {
  if (!earlier) return later;
  const merged: Gazetteer = {
    districts: { ...earlier.districts, ...later.districts },
    sectors: { ...earlier.sectors, ...later.sectors },
    postcodes: { ...earlier.postcodes, ...later.postcodes },
  };
  const attribution = [...new Set([earlier.attribution, later.attribution].filter(Boolean))].join('; ');
  if (attribution) merged.attribution = attribution;
  return merged;
}

/**
 * `[south, west, north, east]` around every listing's location and session
 * places (mobile library stops), as `FinderState.bounds` orders it; undefined
 * when no listing has usable coordinates.
 */
export function boundsOf(listings: Iterable<AtlasListing>): [number, number, number, number] | undefined {
  let s = Infinity;
  let w = Infinity;
  let n = -Infinity;
  let e = -Infinity;
  const add = (p: Partial<LatLng> | undefined): void => {
    if (!isValidLatLng(p)) return;
    s = Math.min(s, p.lat);
    n = Math.max(n, p.lat);
    w = Math.min(w, p.lng);
    e = Math.max(e, p.lng);
  };
  for (const listing of listings) {
    add(listing.location);
    for (const session of Array.isArray(listing.schedule) ? listing.schedule : []) add(session);
  }
  return Number.isFinite(s) ? [s, w, n, e] : undefined;
}
