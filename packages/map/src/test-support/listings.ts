import type { AtlasListing, ListingKind, Location, Text } from '@community-atlas/core';

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
  let seed = 42;
  const random = (): number => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
  const kinds: ListingKind[] = ['asset', 'activity', 'transfer'];
  const out: AtlasListing[] = [];
  for (let i = 0; i < count; i++) {
    // Squared offsets crowd points near the centre, as in a real town.
    const r = random() ** 2 * spread;
    const a = random() * Math.PI * 2;
    out.push(
      listing(`p${i}`, `Place ${i}`, kinds[i % 3]!, {
        lat: centre[0] + r * Math.sin(a) * 0.6,
        lng: centre[1] + r * Math.cos(a),
      }),
    );
  }
  return out;
}

export const TILE_URL = '/test/fixtures/tiles/tile.png';
export const MISSING_TILE_URL = '/test/fixtures/tiles/missing/{z}/{x}/{y}.png';
