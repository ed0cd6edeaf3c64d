import type { AtlasListing, ListingKind, Location, Text } from '@community-atlas/core';
import { townPoints } from '../../../../test/support/generate.js';

/** A normalised listing with only what the map reads; the rest empty. */
export function listing(key: string, name: Text, kind: ListingKind, location?: Location): AtlasListing {
  return {
    id: key,
    key,
    publisherId: 'test',
    kind,
    name,
    referral: [],
    categories: [],
    needs: [],
    keywords: [],
    accessibility: [],
    languages: [],
    delivery: [],
    areas: [],
    schedule: [],
    ...(location ? { location } : {}),
  };
}

/** Deterministic pseudo-random points around a centre, for dense-data checks. */
export function manyListings(count: number, centre: [number, number] = [52.5, -1.9], spread = 1.5): AtlasListing[] {
  return townPoints(count, { seed: 42, centre, spread }).map(({ lat, lng, kind }, i) => listing(`p${i}`, `Place ${i}`, kind, { lat, lng }));
}

export const TILE_URL = '/test/fixtures/tiles/tile.png';
export const MISSING_TILE_URL = '/test/fixtures/tiles/missing/{z}/{x}/{y}.png';
