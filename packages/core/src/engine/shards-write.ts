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
  GAZETTEER_FORMAT, GAZETTEER_VERSION, MANIFEST_FORMAT, MANIFEST_VERSION, WORDS_FORMAT, WORDS_VERSION, shardsEncoded, type GazetteerShard,
  type GazetteerShardEntry, type Manifest, type ManifestGazetteer, type ShardEntry, type ShardType, type WordsFile,
} from '../feed/manifest.js';
import { serializeReady, utf8Length, type ReadyFeed } from './ready-write.js';
import { bitsOfText, countBits } from './core.js';

/** A grid cell's side, in degrees, for listings with coordinates and no postcode. */
const GRID_DEGREES = 0.5;

/**
 * At most this many listings of a postcode area go in one shard: a larger area
 * is written as several shards, each a run of its postcode districts (see
 * `districtShards`), so that a postcode search's nearest shard stays small.
 */
export const SHARD_LISTINGS = 2_000;

/** The postcode area and district of a UK postcode (`NB` and `NB1` of `NB1 2AA`), or undefined when it is not shaped like one. */
function postcodeParts(postcode: unknown): { area: string; district: string } | undefined {
  if (typeof postcode !== 'string') return undefined;
  const m = /^\s*(([A-Za-z]{1,2})\d[A-Za-z\d]?)\s*\d[A-Za-z]{2}\s*$/.exec(postcode);
  return m ? { area: m[2]!.toUpperCase(), district: m[1]!.toUpperCase() } : undefined;
}

const cell = (degrees: number): string => String(Math.floor(degrees / GRID_DEGREES) * GRID_DEGREES);

/**
 * Which shard a listing (as written in a feed, before normalising) goes in: its
 * postcode area (and district), else the grid cell of its point, else `none`.
 * A large area's listings go in the shard `districts` names for their district.
 */
export function shardOfListing(listing: Pick<Listing, 'location'> | Record<string, unknown>, districts?: ReadonlyMap<string, string>): { area: string; type: ShardType; district?: string } {
  const location = (listing as { location?: { postcode?: unknown; lat?: unknown; lng?: unknown } }).location;
  const postcode = postcodeParts(location?.postcode);
  if (postcode) return { area: districts?.get(postcode.district) ?? postcode.area, type: 'postcode', district: postcode.district };
  const { lat, lng } = location ?? {};
  if (typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng)) return { area: `g${cell(lat)}_${cell(lng)}`, type: 'grid' };
  return { area: 'none', type: 'none' };
}

/** Districts in number order (`B2` before `B10`, `EC1A` before `EC1M`, `W1` before `W1A`). */
function byDistrict(a: string, b: string): number {
  const [, aArea = '', aNumber = '0', aRest = ''] = /^([A-Z]*)(\d*)(.*)$/.exec(a) ?? [];
  const [, bArea = '', bNumber = '0', bRest = ''] = /^([A-Z]*)(\d*)(.*)$/.exec(b) ?? [];
  if (aArea !== bArea) return aArea < bArea ? -1 : 1;
  if (aNumber !== bNumber) return Number(aNumber) - Number(bNumber);
  return aRest < bRest ? -1 : aRest > bRest ? 1 : 0;
}

/**
 * How postcode areas with more than `limit` listings are split: `counts` gives
 * each area's listings per district. Such an area's districts, in number
 * order, are put in runs of at most `limit` listings (a district larger than
 * that alone), each run a shard named by its first and last district
 * (`B1-B12`, or `B13` alone). The answer maps each district of a split area to
 * its shard; districts of other areas are not in it.
 */
export function districtShards(counts: ReadonlyMap<string, ReadonlyMap<string, number>>, limit = SHARD_LISTINGS): Map<string, string> {
  const out = new Map<string, string>();
  for (const districts of counts.values()) {
    let total = 0;
    for (const n of districts.values()) total += n;
    if (total <= limit) continue;
    const run: string[] = [];
    let inRun = 0;
    const close = (): void => {
      if (!run.length) return;
      const name = run.length === 1 ? run[0]! : `${run[0]}-${run[run.length - 1]}`;
      for (const d of run) out.set(d, name);
      run.length = 0;
      inRun = 0;
    };
    for (const district of [...districts.keys()].sort(byDistrict)) {
      const n = districts.get(district)!;
      if (inRun + n > limit) close();
      run.push(district);
      inRun += n;
    }
    close();
  }
  return out;
}

/** Adds a listing's district to `counts` (area → district → listings), for `districtShards`. */
export function countDistrict(counts: Map<string, Map<string, number>>, shard: { area: string; type: ShardType; district?: string }): void {
  if (shard.type !== 'postcode' || shard.district === undefined) return;
  let districts = counts.get(shard.area);
  if (!districts) counts.set(shard.area, (districts = new Map()));
  districts.set(shard.district, (districts.get(shard.district) ?? 0) + 1);
}

export interface ShardFile {
  /** Relative to the manifest, forward slashes. */
  path: string;
  content: string;
}

/** One shard written: its file, its manifest entry, and the words of its listings' text index (for the manifest's national index). */
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
 * `listings`, all of which belong to `area` (with `split`, part of a postcode
 * area: the manifest entry lists its districts). The shard carries no text
 * index: nothing that reads shards uses one (the finder indexes the listings
 * it has loaded), and it was half of a shard's compressed bytes; the words of
 * its listings go into the manifest's national index. See the module comment
 * for `previous`.
 */
export function writeShard(
  area: string, type: ShardType, head: Omit<Feed, 'listings'>, listings: Listing[],
  options: { lang?: string; previous?: PreviousShard; split?: boolean } = {},
): WrittenShard {
  // No first screens for a finder's kinds: nothing reads a shard's first screen.
  // No weekly slots either: they would change the shard's hash, so its name, with the day it was written.
  const lang = { ...(options.lang ? { lang: options.lang } : {}), kindScreens: false, slots: false };
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
    const words = (ready.columns.order.length + 31) >>> 5;
    const out: Record<string, number> = {};
    values.forEach((value, v) => {
      const set = bitsOfText(bits[v], words);
      const n = set ? countBits(set) : 0;
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
      ...(options.split ? { districts: [...new Set(listings.map((l) => shardOfListing(l).district!))].sort(byDistrict) } : {}),
      ...(south <= north ? { bbox: [south, west, north, east] as [number, number, number, number] } : {}),
      ...(updated ? { updated } : {}),
      counts,
    },
    terms: ready.terms,
  };
}

/**
 * The manifest of shards written in order (`shards`, sorted by area), for a
 * feed with `head`; the national word index, made from every shard's terms,
 * goes to `emit` as a file of its own (`words.HASH.json`, feed/manifest.ts
 * `WordsFile`), which the manifest names.
 */
export function manifestOf(head: Pick<Feed, 'updated' | 'publisher'>, shards: readonly Pick<WrittenShard, 'entry' | 'terms'>[], emit: (file: ShardFile) => void): Manifest {
  const words = new Map<string, number[]>();
  shards.forEach(({ terms }, index) => {
    for (const term of terms) {
      const list = words.get(term);
      if (list) list.push(index);
      else words.set(term, [index]);
    }
  });
  const entries = shards.map((s) => s.entry);
  const build = readyHash(entries.map((s) => s.hash).join(' '));
  const sorted = [...words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const file: WordsFile = { format: WORDS_FORMAT, version: WORDS_VERSION, build, words: Object.fromEntries(sorted.map(([word, at]) => [word, shardsEncoded(at, entries.length)])) };
  const content = `${JSON.stringify(file)}\n`;
  const hash = readyHash(content);
  const path = `words.${hash}.json`;
  emit({ path, content });
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    build,
    ...(head.updated ? { updated: head.updated } : {}),
    ...(head.publisher ? { publisher: head.publisher } : {}),
    listings: entries.reduce((n, s) => n + s.listings, 0),
    shards: entries,
    words: { file: path, hash, bytes: utf8Length(content), words: sorted.length },
  };
}

/**
 * Splits `feed` into ready feeds by shard and hands each file to `emit` as soon
 * as it is written, then the word index's file; returns the manifest. The feed's gazetteer is not copied
 * into shards. Which large postcode areas are split by district is worked out
 * from the feed's listings, or given (`districts`: `districtShards` of the
 * listings as the feeds had them before `atlas build` checked and merged them). For a national feed, `atlas build --shards` does the same a
 * shard at a time from the feed's text (cli build/shards.ts), never holding
 * the whole feed.
 */
export function writeShards(
  feed: Feed, emit: (file: ShardFile) => void,
  options: { lang?: string; previous?: Map<string, PreviousShard>; progress?(done: number, total: number): void; districts?: ReadonlyMap<string, string> } = {},
): Manifest {
  let districts = options.districts;
  if (!districts) {
    const counts = new Map<string, Map<string, number>>();
    for (const listing of feed.listings) countDistrict(counts, shardOfListing(listing));
    districts = districtShards(counts);
  }
  const groups = new Map<string, { type: ShardType; split: boolean; listings: Listing[] }>();
  for (const listing of feed.listings) {
    const { area, type, district } = shardOfListing(listing, districts);
    let group = groups.get(area);
    if (!group) groups.set(area, (group = { type, split: district !== undefined && districts.has(district), listings: [] }));
    group.listings.push(listing);
  }
  const { listings: _, gazetteer: __, ...head } = feed;
  const areas = [...groups.keys()].sort();
  const written = areas.map((area, i) => {
    const group = groups.get(area)!;
    const previous = options.previous?.get(area);
    const shard = writeShard(area, group.type, head, group.listings, { ...(options.lang ? { lang: options.lang } : {}), ...(previous ? { previous } : {}), ...(group.split ? { split: true } : {}) });
    emit(shard.file);
    groups.delete(area);
    options.progress?.(i + 1, areas.length);
    return { entry: shard.entry, terms: shard.terms };
  });
  return manifestOf(feed, written, emit);
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
