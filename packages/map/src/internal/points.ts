import type { AtlasListing, GeoJsonMultiPolygon, GeoJsonPolygon } from '@community-atlas/core';
import type { Bounds } from './leaflet-adapter.js';

/** One place on the map: a single listing, or several listings at the same address. */
export interface Site {
  id: string;
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
}

export const DEFAULT_RADIUS_METRES = 1000;

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
export function placeOf(listing: AtlasListing): [number, number] | undefined {
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

function median(values: Float64Array): number {
  // A typed copy sorts numerically and fast: this runs on 50,000 sites within the draw budget.
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function boundsOf(sites: readonly Site[]): Bounds | undefined {
  if (!sites.length) return undefined;
  let s = 90, w = 180, n = -90, e = -180;
  for (const site of sites) {
    s = Math.min(s, site.lat); n = Math.max(n, site.lat); w = Math.min(w, site.lng); e = Math.max(e, site.lng);
  }
  return [s, w, n, e];
}

/** Kilometres, flat-earth: plenty for telling "30 km away" from "3,000 km away". */
function roughKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const x = (lng2 - lng1) * Math.cos(((lat1 + lat2) / 2) * (Math.PI / 180));
  return Math.hypot(x, lat2 - lat1) * 111.32;
}

/**
 * Groups listings into sites: exact locations that share coordinates (to about a
 * metre) become one site, so several groups meeting in one hall are one marker
 * that opens a list. Approximate locations are never merged, so an area never
 * reveals that two sensitive services share a building.
 */
export function placeListings(listings: readonly AtlasListing[]): PlacedPoints {
  const byPlace = new Map<number, Site>();
  const sites: Site[] = [];
  const outlines: PlacedPoints['outlines'] = [];
  let unplaced = 0;
  for (const listing of listings) {
    const place = placeOf(listing);
    if (!place) {
      unplaced++;
      continue;
    }
    const [lat, lng] = place;
    const loc = listing.location!;
    if (loc.precision === 'approximate') {
      const radius = typeof loc.radius === 'number' && loc.radius > 0 ? loc.radius : DEFAULT_RADIUS_METRES;
      sites.push({ id: `a:${listing.key}`, lat, lng, listings: [listing], approximate: true, radius });
      continue;
    }
    if (loc.outline && (loc.outline.type === 'Polygon' || loc.outline.type === 'MultiPolygon')) {
      outlines.push({ key: listing.key, geometry: loc.outline });
    }
    // Coordinates to five decimals (about a metre), packed into one number: a
    // string key per listing costs more than the clustering itself at 50,000.
    const id = (Math.round(lat * 1e5) + 9e6) * 4e7 + (Math.round(lng * 1e5) + 1.8e7);
    const site = byPlace.get(id);
    if (site) {
      site.listings.push(listing);
    } else {
      const fresh: Site = { id: `${id}`, lat, lng, listings: [listing], approximate: false, radius: 0 };
      byPlace.set(id, fresh);
      sites.push(fresh);
    }
  }

  let core = sites;
  if (sites.length >= 3) {
    const mLat = median(Float64Array.from(sites, (s) => s.lat));
    const mLng = median(Float64Array.from(sites, (s) => s.lng));
    const distances = Float64Array.from(sites, (s) => roughKm(mLat, mLng, s.lat, s.lng));
    const limit = Math.max(100, 10 * median(distances));
    core = sites.filter((_, i) => distances[i]! <= limit);
  }
  let outliers = 0;
  if (core.length < sites.length) {
    const kept = new Set(core);
    for (const site of sites) if (!kept.has(site)) outliers += site.listings.length;
  }
  return { sites, unplaced, all: boundsOf(sites), core: boundsOf(core), outliers, outlines };
}
