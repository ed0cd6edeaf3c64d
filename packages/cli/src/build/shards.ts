/**
 * `atlas build --shards` for a national feed, a shard at a time: the feeds are
 * read as bytes and their listings found without parsing the whole text; each
 * listing is parsed once to find its shard and let go; then each shard's
 * listings are parsed again, checked (as `atlas validate` checks them),
 * merged (as `mergeForBuild` merges them) and written, before the next shard
 * is touched. So the whole feed is never held as objects, and each shard's
 * text is the one `writeShards` would write for the merged feed.
 *
 * Listing ids shared by listings in different shards are settled first, in
 * feed order, as the merge does (a later duplicate in the same feed is left
 * out; one in another feed takes its publisher's prefix), from a check of just
 * those listings.
 *
 * A feed this reader cannot split (not JSON, no listings array, a fatal
 * problem) is handed back, and the caller reads it the ordinary way, which
 * gives the ordinary message.
 */
import { readFile } from 'node:fs/promises';
import {
  countDistrict, districtShards, manifestOf, shardOfListing, slugify, writeShard, type Feed, type Manifest, type PreviousShard, type ShardType, type WrittenShard,
} from '@community-atlas/core';
import { checkFeed, checkFeedForBuild } from '../commands/validate.js';
import { dropField, fieldPath, mergeForBuild, type BuildInput } from './merge.js';

interface Split {
  /** Where the listings array opens (`[`) and closes (`]`). */
  open: number;
  close: number;
  /** Start and end (exclusive) of each listing's text, in pairs. */
  bounds: number[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Finds the top-level `"listings": [...]` of a feed's bytes and each listing's
 * text in it, without parsing. Not a validator: a feed that is not JSON is
 * found out when its parts are parsed.
 */
export function splitListings(bytes: Uint8Array, from: number): Split | undefined {
  let depth = 0;
  let keyStart = -1;
  let keyEnd = -1;
  let wantArray = false;
  let inListings = false;
  let open = -1;
  let start = -1;
  let last = -1;
  const bounds: number[] = [];
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (c === QUOTE) {
      const s = i;
      for (i++; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      if (depth === 1) {
        keyStart = s + 1;
        keyEnd = i;
      }
      if (inListings && depth === 2 && start < 0) start = s;
      last = i;
      continue;
    }
    if (isSpace(c)) continue;
    if (depth === 1) {
      if (c === 0x3a) {
        // ":" after a key at the top level.
        wantArray = keyEnd - keyStart === 8 && Buffer.from(bytes.buffer, bytes.byteOffset + keyStart, 8).toString('latin1') === 'listings';
        continue;
      }
      if (c === 0x5b && wantArray && open < 0) {
        open = i;
        inListings = true;
        depth = 2;
        wantArray = false;
        continue;
      }
      wantArray = false;
    }
    if (inListings && depth === 2) {
      if (c === 0x2c || c === 0x5d) {
        if (start >= 0) bounds.push(start, last + 1);
        start = -1;
        if (c === 0x5d) {
          return { open, close: i, bounds };
        }
        continue;
      }
      if (start < 0) start = i;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) depth--;
    last = i;
  }
  return undefined;
}

/** Listings from which shards are written in worker threads. */
const WORKERS_FROM = 20_000;

interface Source {
  name: string;
  bytes: Buffer;
  split: Split;
  /** The feed's text with an empty listings array, and its two halves. */
  before: string;
  after: string;
  head: Omit<Feed, 'listings'>;
  publisherId: string;
}

export interface LeanBuild {
  manifest: Manifest;
  skipped: number;
  dropped: number;
  renamed: { from: string; to: string; file: string }[];
}

/** The id the normaliser reads (trimmed text, or a number as text), or undefined. */
function idKey(id: unknown): string | undefined {
  if (typeof id === 'string') return id.trim() || undefined;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

/** Which listings of a feed text `atlas build` leaves out (errors), by position. */
function badListings(report: ReturnType<typeof checkFeed>): Set<number> {
  const bad = new Set<number>();
  for (const p of report.problems) if (p.severity === 'error' && p.listingIndex !== undefined && !(p.fix && fieldPath(p.path))) bad.add(p.listingIndex);
  return bad;
}

/**
 * Builds the shards of `paths` (named `names` in messages) into `emit`; or,
 * when a feed cannot be read this way, `{ fallback }` saying why, and nothing
 * is emitted.
 */
export async function buildShardsLean(
  files: { path: string; name: string }[],
  emit: (file: { path: string; content: string }) => void,
  options: {
    previous?: Map<string, PreviousShard>;
    progress?(done: number, total: number): void;
    /** Write shards in this many worker threads (from the built CLI only), into `temp`. */
    workers?: number;
    temp?: string;
    /** At most this many listings of a postcode area in a shard (default `SHARD_LISTINGS`). */
    shardListings?: number;
  } = {},
): Promise<LeanBuild | { fallback: string }> {
  const sources: Source[] = [];
  for (const { path, name } of files) {
    const bytes = await readFile(path);
    const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const split = splitListings(bytes, from);
    if (!split) return { fallback: `${name}: no listings array found` };
    const before = bytes.toString('utf8', from, split.open + 1);
    const after = bytes.toString('utf8', split.close);
    let head: Feed;
    try {
      head = JSON.parse(before + after) as Feed;
    } catch {
      return { fallback: `${name}: not JSON` };
    }
    const check = checkFeed(before + after, name);
    if (check.problems.some((p) => p.severity === 'error' && p.listingIndex === undefined)) return { fallback: `${name}: a problem with the whole feed` };
    const publisherId = head.publisher?.id || slugify(head.publisher?.name ?? '') || 'feed';
    const { listings: _, ...rest } = head;
    sources.push({ name, bytes, split, before, after, head: rest, publisherId });
  }

  // Pass 1: each listing's shard, and every id used more than once.
  const source: number[] = [];
  const start: number[] = [];
  const end: number[] = [];
  const placeOf: { area: string; type: ShardType; district?: string }[] = [];
  const counts = new Map<string, Map<string, number>>();
  const uses = new Map<string, number>();
  const keys: string[] = [];
  for (const [s, { bytes, split }] of sources.entries()) {
    for (let b = 0; b < split.bounds.length; b += 2) {
      let raw: Record<string, unknown>;
      try {
        raw = JSON.parse(bytes.toString('utf8', split.bounds[b], split.bounds[b + 1])) as Record<string, unknown>;
      } catch {
        return { fallback: `${sources[s]!.name}: a listing is not JSON` };
      }
      const place = shardOfListing(raw ?? {});
      countDistrict(counts, place);
      source.push(s);
      start.push(split.bounds[b]!);
      end.push(split.bounds[b + 1]!);
      placeOf.push(place);
      const key = idKey(raw?.id) ?? '';
      keys.push(key);
      uses.set(key, (uses.get(key) ?? 0) + 1);
    }
  }
  // Postcode areas too large for one shard are split by district, counted as the feeds have them
  // (before the check), as the whole-feed path counts them (commands/build.ts).
  const districts = districtShards(counts, options.shardListings);
  const split = new Set(districts.values());
  const areas = new Map<string, { index: number; type: ShardType }>();
  const areaNames: string[] = [];
  const areaOf: number[] = placeOf.map(({ area, type, district }) => {
    const name = (district !== undefined ? districts.get(district) : undefined) ?? area;
    let known = areas.get(name);
    if (!known) {
      areas.set(name, (known = { index: areaNames.length, type }));
      areaNames.push(name);
    }
    return known.index;
  });
  placeOf.length = 0;
  const textOf = (g: number): string => sources[source[g]!]!.bytes.toString('utf8', start[g], end[g]);
  const feedText = (s: number, texts: string[]): string => `${sources[s]!.before}\n${texts.join(',\n')}\n${sources[s]!.after}`;

  // Ids used more than once: check those listings alone, in feed order, and settle them as the merge does.
  const leftOut = new Set<number>();
  const newId = new Map<number, string>();
  const renamed: LeanBuild['renamed'] = [];
  let skipped = 0;
  const sharing: number[] = [];
  for (let g = 0; g < source.length; g++) if (uses.get(keys[g]!)! > 1) sharing.push(g);
  if (sharing.length) {
    const taken = new Set<string>();
    for (let s = 0; s < sources.length; s++) {
      const mine = sharing.filter((g) => source[g] === s);
      if (!mine.length) continue;
      const bad = badListings(checkFeed(feedText(s, mine.map(textOf)), sources[s]!.name));
      mine.forEach((g, i) => {
        if (bad.has(i)) {
          leftOut.add(g);
          skipped++;
          return;
        }
        const id = String((JSON.parse(textOf(g)) as { id?: unknown }).id);
        if (!taken.has(id)) {
          taken.add(id);
          return;
        }
        const base = `${sources[s]!.publisherId}-${id}`;
        let next = base;
        for (let n = 2; taken.has(next) || uses.has(next); n++) next = `${base}-${n}`;
        taken.add(next);
        newId.set(g, next);
        renamed.push({ from: id, to: next, file: sources[s]!.name });
      });
    }
  }

  // Pass 2: a shard at a time: postcode areas, then grid cells, then `none` (a listing whose
  // place the check drops can only move to a later one of these), each group in area order.
  const members: number[][] = areaNames.map(() => []);
  for (let g = 0; g < source.length; g++) if (!leftOut.has(g)) members[areaOf[g]!]!.push(g);
  const headOnly = mergeForBuild(sources.map((s) => ({ name: s.name, feed: { ...s.head, listings: [] } as Feed, report: { file: s.name, listings: 0, skipped: 0, errors: 0, warnings: 0, problems: [] } })));
  const done = new Map<string, Pick<WrittenShard, 'entry' | 'terms'>>();
  let dropped = 0;
  const context: ShardContext = { sources: sources.map(({ name, before, after }) => ({ name, before, after })), districts };
  // Threads pay off for a national feed, and run the built CLI's JavaScript (not the sources under tsx).
  const threads = options.workers && options.workers > 1 && options.temp && source.length >= WORKERS_FROM && import.meta.url.endsWith('.js');
  const runner = threads ? await workerPool(context, options.workers!, options.temp!) : undefined;
  let written = 0;
  try {
    for (const type of ['postcode', 'grid', 'none'] as const) {
      const group = areaNames.map((area, a) => ({ area, a })).filter(({ area }) => areas.get(area)!.type === type).sort((x, y) => (x.area < y.area ? -1 : 1));
      // The largest shards first, so that no thread is left with a large one at the end while the others wait.
      const largestFirst = group.map((_, i) => i).sort((x, y) => members[group[y]!.a]!.length - members[group[x]!.a]!.length || x - y);
      const results = await mapLimited(group, runner ? options.workers! : 1, largestFirst, async ({ area, a }) => {
        const job: ShardJob = {
          area, type,
          parts: sources.map((_, s) => {
            const globals = members[a]!.filter((g) => source[g] === s);
            return { globals, texts: globals.map((g) => {
              const id = newId.get(g);
              return id === undefined ? textOf(g) : JSON.stringify({ ...(JSON.parse(textOf(g)) as object), id });
            }) };
          }),
          ...(options.previous?.has(area) ? { previous: options.previous.get(area)! } : {}),
          ...(split.has(area) ? { split: true } : {}),
        };
        members[a] = [];
        const result = runner ? await runner(job) : runShardJob(context, job, emit);
        options.progress?.(++written, areaNames.length);
        return result;
      });
      for (const result of results) {
        skipped += result.skipped;
        dropped += result.dropped;
        if (result.shard) done.set(result.shard.entry.area, result.shard);
        for (const [g, to, toType] of result.strays) {
          let target = areas.get(to);
          if (!target) {
            areas.set(to, (target = { index: areaNames.length, type: toType }));
            areaNames.push(to);
            members.push([]);
          }
          members[target.index] = [...members[target.index]!, g].sort((x, y) => x - y);
        }
      }
    }
  } finally {
    await runner?.close();
  }
  const shards = [...done.keys()].sort().map((area) => done.get(area)!);
  return { manifest: manifestOf(headOnly.feed, shards, emit), skipped, dropped, renamed };
}

/** What every shard job shares: each feed's name and its text around the listings. */
export interface ShardContext {
  sources: { name: string; before: string; after: string }[];
  /** The shard of each district of a postcode area split by district (`districtShards`). */
  districts: Map<string, string>;
}

/** One shard to write: its listings' texts from each feed (ids already settled), in feed order. */
export interface ShardJob {
  area: string;
  type: ShardType;
  parts: { globals: number[]; texts: string[] }[];
  previous?: PreviousShard;
  /** Part of a postcode area split by district. */
  split?: boolean;
}

interface ShardJobResult {
  shard?: Pick<WrittenShard, 'entry' | 'terms'>;
  skipped: number;
  dropped: number;
  /** Listings whose place the check dropped, so they belong in a later shard: [listing, area, type]. */
  strays: [number, string, ShardType][];
}

/** Checks, merges and writes one shard (in this thread or a worker's). */
export function runShardJob(context: ShardContext, job: ShardJob, emit: (file: { path: string; content: string }) => void): ShardJobResult {
  const strays = new Map<number, { area: string; type: ShardType }>();
  let inputs: BuildInput[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    inputs = [];
    const found = strays.size;
    context.sources.forEach((src, s) => {
      const part = job.parts[s]!;
      const keep = part.globals.map((g, i) => (strays.has(g) ? -1 : i)).filter((i) => i >= 0);
      const text = `${src.before}\n${keep.map((i) => part.texts[i]).join(',\n')}\n${src.after}`;
      const { report, value } = checkFeedForBuild(text, src.name);
      const feed = value as Feed;
      if (attempt === 0) {
        // A place the check drops (as the finder would) can move a listing out of this shard.
        for (const p of report.problems) {
          const path = p.severity === 'error' && p.fix ? fieldPath(p.path) : undefined;
          if (p.listingIndex === undefined || path?.[0] !== 'location' || strays.has(part.globals[p.listingIndex]!)) continue;
          const listing = structuredClone(feed.listings[p.listingIndex]!) as unknown as Record<string, unknown>;
          for (const q of report.problems) {
            const qPath = q.listingIndex === p.listingIndex && q.severity === 'error' && q.fix ? fieldPath(q.path) : undefined;
            if (qPath) dropField(listing, qPath);
          }
          const to = shardOfListing(listing, context.districts);
          if (to.area !== job.area) strays.set(part.globals[p.listingIndex]!, to);
        }
      }
      inputs.push({ name: src.name, feed, report });
    });
    if (strays.size === found) break;
  }
  const merged = mergeForBuild(inputs);
  const result: ShardJobResult = { skipped: merged.skipped, dropped: merged.dropped, strays: [...strays].map(([g, to]) => [g, to.area, to.type]) };
  if (!merged.feed.listings.length) return result;
  const { listings, gazetteer: _, ...head } = merged.feed;
  const shard = writeShard(job.area, job.type, head, listings, { ...(job.previous ? { previous: job.previous } : {}), ...(job.split ? { split: true } : {}) });
  emit(shard.file);
  return { ...result, shard: { entry: shard.entry, terms: shard.terms } };
}

/** Runs `work` over `items`, taken in `order` (positions), with at most `limit` at once; results in the items' order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, order: readonly number[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < order.length) {
      const i = order[next++]!;
      results[i] = await work(items[i]!);
    }
  }));
  return results;
}

/** `count` worker threads (build/shard-worker.ts) that write shards into `folder`. */
async function workerPool(context: ShardContext, count: number, folder: string): Promise<((job: ShardJob) => Promise<ShardJobResult>) & { close(): Promise<void> }> {
  const { Worker } = await import('node:worker_threads');
  const url = new URL('./shard-worker.js', import.meta.url);
  const idle: InstanceType<typeof Worker>[] = [];
  const all: InstanceType<typeof Worker>[] = [];
  for (let i = 0; i < count; i++) {
    // A larger young generation: each shard makes millions of short-lived objects.
    const worker = new Worker(url, { workerData: { context, folder }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
    all.push(worker);
    idle.push(worker);
  }
  const run = (job: ShardJob): Promise<ShardJobResult> => new Promise((resolve, reject) => {
    const worker = idle.pop();
    if (!worker) return reject(new Error('no idle shard worker'));
    const done = (message: { result?: ShardJobResult; error?: string }): void => {
      worker.off('error', failed);
      idle.push(worker);
      if (message.error !== undefined) reject(new Error(message.error));
      else resolve(message.result!);
    };
    const failed = (error: Error): void => {
      worker.off('message', done);
      reject(error);
    };
    worker.once('message', done);
    worker.once('error', failed);
    worker.postMessage(job);
  });
  return Object.assign(run, { close: async () => void (await Promise.all(all.map((w) => w.terminate()))) });
}
