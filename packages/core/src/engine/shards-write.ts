/**
 * Writing a sharded directory (`atlas build --shards`; the layout is in
 * feed/manifest.ts): for Node. The finder never loads this module.
 */
import type { Feed, Listing } from '../feed/types.js';
import { readyHash } from '../feed/ready.js';
import { MANIFEST_FORMAT, MANIFEST_VERSION, type Manifest, type ShardEntry, type ShardType } from '../feed/manifest.js';
import { serializeReady } from './ready-write.js';

/** A grid cell's side, in degrees, for listings with coordinates and no postcode. */
const GRID_DEGREES = 0.5;

/** The postcode area of a UK postcode (`NB` of `NB1 2AA`, `B` of `B1 1AA`), or undefined when it is not shaped like one. */
function postcodeArea(postcode: unknown): string | undefined {
  if (typeof postcode !== 'string') return undefined;
  return /^\s*([A-Za-z]{1,2})\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\s*$/.exec(postcode)?.[1]?.toUpperCase();
}

const cell = (degrees: number): string => String(Math.floor(degrees / GRID_DEGREES) * GRID_DEGREES);

/** Which shard a listing goes in: its postcode area, else the grid cell of its point, else `none`. */
function shardOf(listing: Listing): { area: string; type: ShardType } {
  const location = listing.location;
  const area = postcodeArea(location?.postcode);
  if (area) return { area, type: 'postcode' };
  const { lat, lng } = (location ?? {}) as { lat?: unknown; lng?: unknown };
  if (typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)) return { area: `g${cell(lat)}_${cell(lng)}`, type: 'grid' };
  return { area: 'none', type: 'none' };
}

const utf8Length = (text: string): number => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
  }
  return bytes;
};

export interface ShardFile {
  /** Relative to the manifest, forward slashes. */
  path: string;
  content: string;
}

/**
 * Splits `feed` into ready feeds by shard and hands each file to `emit` as soon
 * as it is written (so a national feed's shards are never all in memory at
 * once); returns the manifest. The feed's gazetteer is not copied into shards.
 */
export function writeShards(feed: Feed, emit: (file: ShardFile) => void, options: { lang?: string; progress?(done: number, total: number): void } = {}): Manifest {
  const groups = new Map<string, { type: ShardType; listings: Listing[] }>();
  for (const listing of feed.listings) {
    const { area, type } = shardOf(listing);
    let group = groups.get(area);
    if (!group) groups.set(area, (group = { type, listings: [] }));
    group.listings.push(listing);
  }
  const { listings: _, gazetteer: __, ...head } = feed;
  const shards: ShardEntry[] = [];
  const words = new Map<string, number[]>();
  const areas = [...groups.keys()].sort();
  let total = 0;
  areas.forEach((area, i) => {
    const group = groups.get(area)!;
    const ready = serializeReady({ ...head, listings: group.listings } as Feed, options.lang ? { lang: options.lang } : {});
    const file = `shards/${area}.${ready.hash}.json`;
    emit({ path: file, content: ready.text });
    const counts: ShardEntry['counts'] = {};
    for (const [facet, values] of Object.entries(ready.columns.values)) {
      const bits = ready.columns.bits[facet as keyof typeof ready.columns.bits];
      const out: Record<string, number> = {};
      values.forEach((value, v) => {
        const n = bits[v]?.length ?? 0;
        if (n) out[value] = n;
      });
      if (Object.keys(out).length) counts[facet] = out;
    }
    let south = Infinity;
    let west = Infinity;
    let north = -Infinity;
    let east = -Infinity;
    ready.columns.lat.forEach((lat, p) => {
      const lng = ready.columns.lng[p];
      if (lat === null || lng === null || lng === undefined) return;
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      west = Math.min(west, lng);
      east = Math.max(east, lng);
    });
    const index = shards.length;
    for (const [term] of ready.index.index?.index ?? []) {
      const list = words.get(term);
      if (list) list.push(index);
      else words.set(term, [index]);
    }
    const listings = ready.data.listings.length;
    total += listings;
    shards.push({
      area, type: group.type, file, hash: ready.hash, bytes: utf8Length(ready.text), listings,
      ...(south <= north ? { bbox: [south, west, north, east] as [number, number, number, number] } : {}),
      counts,
    });
    groups.delete(area);
    options.progress?.(i + 1, areas.length);
  });
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    build: readyHash(shards.map((s) => s.hash).join(' ')),
    ...(feed.updated ? { updated: feed.updated } : {}),
    ...(feed.publisher ? { publisher: feed.publisher } : {}),
    listings: total,
    shards,
    words: Object.fromEntries([...words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}
