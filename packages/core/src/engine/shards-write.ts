/**
 * Writing a sharded directory (`atlas build --shards`; the layout is in
 * feed/manifest.ts): for Node. The finder never loads this module.
 *
 * A shard's content is only its listings and the feed's head, so a shard whose
 * listings did not change keeps its text, hash and file name from one build to
 * the next, and hosts and browsers keep it cached. The one thing in a shard that
 * a new build would change is the feed's `updated` date: a shard carries the
 * date its content last changed instead. Given the previous build's manifest
 * (`previous`), a shard that would be the same text under its old date keeps
 * that date, and so its file; a changed or new shard takes the feed's date.
 */
import type { Feed, Listing } from '../feed/types.js';
import { readyHash } from '../feed/ready.js';
import {
  GAZETTEER_FORMAT, GAZETTEER_VERSION, MANIFEST_FORMAT, MANIFEST_VERSION, type GazetteerShard, type GazetteerShardEntry, type Manifest,
  type ManifestGazetteer, type ShardEntry, type ShardType,
} from '../feed/manifest.js';
import { serializeReady, utf8Length, type ReadyFeed } from './ready-write.js';

/** A grid cell's side, in degrees, for listings with coordinates and no postcode. */
const GRID_DEGREES = 0.5;

/** The postcode area of a UK postcode (`NB` of `NB1 2AA`, `B` of `B1 1AA`), or undefined when it is not shaped like one. */
function postcodeArea(postcode: unknown): string | undefined {
  if (typeof postcode !== 'string') return undefined;
  return /^\s*([A-Za-z]{1,2})\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\s*$/.exec(postcode)?.[1]?.toUpperCase();
}

const cell = (degrees: number): string => String(Math.floor(degrees / GRID_DEGREES) * GRID_DEGREES);

/**
 * Which shard a listing (as written in a feed, before normalising) goes in: its
 * postcode area, else the grid cell of its point, else `none`.
 */
export function shardOfListing(listing: Pick<Listing, 'location'> | Record<string, unknown>): { area: string; type: ShardType } {
  const location = (listing as { location?: { postcode?: unknown; lat?: unknown; lng?: unknown } }).location;
  const area = postcodeArea(location?.postcode);
  if (area) return { area, type: 'postcode' };
  const { lat, lng } = location ?? {};
  if (typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)) return { area: `g${cell(lat)}_${cell(lng)}`, type: 'grid' };
  return { area: 'none', type: 'none' };
}

export interface ShardFile {
  /** Relative to the manifest, forward slashes. */
  path: string;
  content: string;
}

/** One shard written: its file, its manifest entry, and the words of its text index (for the manifest's national index). */
export interface WrittenShard {
  file: ShardFile;
  entry: ShardEntry;
  terms: string[];
}

/** What the previous build's manifest said of a shard: its hash and the date it carried. */
export interface PreviousShard {
  hash: string;
  updated?: string;
}

/** The previous build's shards by area, from its manifest (a manifest of format version 1 before shards carried a date gives none). */
export function previousShards(manifest: Pick<Manifest, 'shards'> | undefined): Map<string, PreviousShard> {
  const out = new Map<string, PreviousShard>();
  for (const shard of manifest?.shards ?? []) if (typeof shard.updated === 'string') out.set(shard.area, { hash: shard.hash, updated: shard.updated });
  return out;
}

/**
 * Writes one shard: `head` (a feed without its listings and gazetteer) with
 * `listings`, all of which belong to `area`. See the module comment for
 * `previous`.
 */
export function writeShard(area: string, type: ShardType, head: Omit<Feed, 'listings'>, listings: Listing[], options: { lang?: string; previous?: PreviousShard } = {}): WrittenShard {
  const lang = options.lang ? { lang: options.lang } : {};
  const previous = options.previous;
  let ready: ReadyFeed | undefined;
  if (previous?.updated !== undefined && previous.updated !== head.updated) {
    const again = serializeReady({ ...head, updated: previous.updated, listings } as Feed, lang);
    if (again.hash === previous.hash) ready = again;
  }
  ready ??= serializeReady({ ...head, listings } as Feed, lang);
  const path = `shards/${area}.${ready.hash}.json`;
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
  const updated = ready.data.updated;
  return {
    file: { path, content: ready.text },
    entry: {
      area, type, file: path, hash: ready.hash, bytes: ready.bytes, listings: ready.data.listings.length,
      ...(south <= north ? { bbox: [south, west, north, east] as [number, number, number, number] } : {}),
      ...(updated ? { updated } : {}),
      counts,
    },
    terms: ready.terms,
  };
}

/** The manifest of shards written in order (`shards`, sorted by area), for a feed with `head`. */
export function manifestOf(head: Pick<Feed, 'updated' | 'publisher'>, shards: readonly Pick<WrittenShard, 'entry' | 'terms'>[]): Manifest {
  const words = new Map<string, number[]>();
  shards.forEach(({ terms }, index) => {
    for (const term of terms) {
      const list = words.get(term);
      if (list) list.push(index);
      else words.set(term, [index]);
    }
  });
  const entries = shards.map((s) => s.entry);
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    build: readyHash(entries.map((s) => s.hash).join(' ')),
    ...(head.updated ? { updated: head.updated } : {}),
    ...(head.publisher ? { publisher: head.publisher } : {}),
    listings: entries.reduce((n, s) => n + s.listings, 0),
    shards: entries,
    words: Object.fromEntries([...words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/**
 * Splits `feed` into ready feeds by shard and hands each file to `emit` as soon
 * as it is written; returns the manifest. The feed's gazetteer is not copied
 * into shards. For a national feed, `atlas build --shards` does the same a
 * shard at a time from the feed's text (cli build/shards.ts), never holding
 * the whole feed.
 */
export function writeShards(feed: Feed, emit: (file: ShardFile) => void, options: { lang?: string; previous?: Map<string, PreviousShard>; progress?(done: number, total: number): void } = {}): Manifest {
  const groups = new Map<string, { type: ShardType; listings: Listing[] }>();
  for (const listing of feed.listings) {
    const { area, type } = shardOfListing(listing);
    let group = groups.get(area);
    if (!group) groups.set(area, (group = { type, listings: [] }));
    group.listings.push(listing);
  }
  const { listings: _, gazetteer: __, ...head } = feed;
  const areas = [...groups.keys()].sort();
  const written = areas.map((area, i) => {
    const group = groups.get(area)!;
    const previous = options.previous?.get(area);
    const shard = writeShard(area, group.type, head, group.listings, { ...(options.lang ? { lang: options.lang } : {}), ...(previous ? { previous } : {}) });
    emit(shard.file);
    groups.delete(area);
    options.progress?.(i + 1, areas.length);
    return { entry: shard.entry, terms: shard.terms };
  });
  return manifestOf(feed, written);
}

/**
 * The national gazetteer as shards by postcode area (feed/manifest.ts): each
 * area's districts and sectors in one file named by its hash, handed to `emit`;
 * returns the manifest's `gazetteer`. `districts` and `sectors` are keyed as
 * the finder looks them up ("AB10", "AB10 1").
 */
export function writeGazetteerShards(
  table: { districts: Record<string, [number, number]>; sectors: Record<string, [number, number]> },
  about: { attribution: string; licence?: string; source?: string },
  emit: (file: ShardFile) => void,
): ManifestGazetteer {
  const areas = new Map<string, { districts: [string, [number, number]][]; sectors: [string, [number, number]][] }>();
  const areaOf = (key: string): string | undefined => /^[A-Z]{1,2}(?=\d)/.exec(key)?.[0];
  const group = (key: string): { districts: [string, [number, number]][]; sectors: [string, [number, number]][] } | undefined => {
    const area = areaOf(key);
    if (!area) return undefined;
    let g = areas.get(area);
    if (!g) areas.set(area, (g = { districts: [], sectors: [] }));
    return g;
  };
  for (const [key, point] of Object.entries(table.districts)) group(key)?.districts.push([key, point]);
  for (const [key, point] of Object.entries(table.sectors)) group(key)?.sectors.push([key, point]);
  const byKey = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  const shards = [...areas.keys()].sort().map((area): GazetteerShardEntry => {
    const g = areas.get(area)!;
    const shard: GazetteerShard = {
      format: GAZETTEER_FORMAT, version: GAZETTEER_VERSION, area,
      districts: Object.fromEntries(g.districts.sort(byKey)),
      sectors: Object.fromEntries(g.sectors.sort(byKey)),
      attribution: about.attribution,
    };
    const content = `${JSON.stringify(shard)}\n`;
    const hash = readyHash(content);
    const path = `gazetteer/${area}.${hash}.json`;
    emit({ path, content });
    return { area, file: path, hash, bytes: utf8Length(content), districts: g.districts.length, sectors: g.sectors.length };
  });
  return { attribution: about.attribution, ...(about.licence ? { licence: about.licence } : {}), ...(about.source ? { source: about.source } : {}), shards };
}
