/**
 * A sharded directory (`atlas build --shards`): a national feed split into
 * ready feeds (feed/ready.ts) by postcode area, by a grid for listings with
 * coordinates but no postcode, and one shard for listings with no place, each
 * named by its content hash, plus one small manifest, the only file that
 * changes from build to build:
 *
 *     {"format":"community-atlas-manifest","version":2,"build":"…","updated":"2026-11-01",
 *      "publisher":{…},"listings":500000,
 *      "shards":[{"area":"NB","type":"postcode","file":"shards/NB.0f3a….json","hash":"0f3a…",
 *                 "bytes":81234,"listings":412,"bbox":[south,west,north,east],
 *                 "counts":{"kind":{"activity":300,…},"category":{…},…}},
 *                {"area":"B1-B12","type":"postcode","districts":["B1","B2",…,"B12"],…},…],
 *      "words":{"file":"words.9c2e….json","hash":"9c2e…","bytes":412345,"words":7020},
 *      "gazetteer":{"attribution":"Contains OS data © Crown copyright…","licence":"OGL-UK-3.0",
 *                   "shards":[{"area":"AB","file":"gazetteer/AB.5e1c….json","hash":"5e1c…",
 *                              "bytes":9120,"districts":23,"sectors":101},…]}}
 *
 * `words` names the national word index, a file of its own named by its hash
 * (`WordsFile`): every word the shards' text indexes hold, with the shards (by
 * position in `shards`) that hold it, so a search for a name finds it wherever
 * it is. It is most of a national directory's index data (1.8 MB of JSON at
 * 500,000 listings, against 0.4 MB for the rest of the manifest), so the finder
 * fetches it only when a search has words (`loadWords`), never for a postcode or
 * a link. A manifest of format version 1 carried the index in itself, as
 * `"words":{"walk":[0,3,17],…}`: it is still read (`inlineWords`). `build` is a
 * hash of every shard's hash.
 *
 * A postcode area with more listings than one shard holds (engine/shards-write.ts
 * `SHARD_LISTINGS`) is written as several shards, each a run of its districts in
 * number order, named by the first and last (`B1-B12`, or `B13` alone) and
 * listing them in `districts`. A shard carries no text index (its `index` is
 * `{}`): the finder indexes the listings it has loaded, and an engine given
 * one shard alone builds its index when words are first searched.
 *
 * `gazetteer` (optional: `atlas build --shards --gazetteer DIR`) is the
 * national gazetteer in shards by postcode area, so the finder places any
 * postcode (its sector's centre, else its district's) without a lookup
 * service, fetching one small file: see location/gazetteer-shards.ts. Each
 * file is a `GazetteerShard`, named by its `readyHash`. Its attribution is the
 * data's licence condition and must be shown wherever a place found with it is.
 *
 * Reading shards checks each against the manifest: a shard that is missing,
 * fails its own hash, or is a whole shard from another build (its hash is not
 * the manifest's) is reported and left out, and the rest are used.
 */
import type { AtlasData, Problem } from './normalised.js';
import type { Publisher } from './types.js';
import { readReadyText, readyHash } from './ready.js';

export const MANIFEST_FORMAT = 'community-atlas-manifest';
/** Format 2: the word index is a file of its own (`words`); format 1, which carried it inline, is still read. */
export const MANIFEST_VERSION = 2;
/** The oldest manifest format this kit reads. */
const OLDEST_MANIFEST_VERSION = 1;

export const WORDS_FORMAT = 'community-atlas-words';
export const WORDS_VERSION = 1;

export type ShardType = 'postcode' | 'grid' | 'none';

export interface ShardEntry {
  /** A postcode area (`NB`, `B`), a grid cell (`g52.5_-1.5`: its south-west corner, half a degree a side) or `none`. */
  area: string;
  type: ShardType;
  /** Path relative to the manifest. */
  file: string;
  /** `readyHash` of the shard, also in its name. */
  hash: string;
  bytes: number;
  listings: number;
  /** South, west, north, east of the listings with a point; absent when none has one. */
  bbox?: [number, number, number, number];
  /**
   * The `updated` date the shard carries: the date its content last changed
   * (see engine/shards-write.ts), so an unchanged shard keeps its file.
   */
  updated?: string;
  /** Listings per value of each facet (`kind`, `category`, `need`, `cost`, `access`…). */
  counts: Record<string, Record<string, number>>;
  /**
   * A shard of part of a postcode area (an area with more listings than one
   * shard holds is written as runs of its districts, `area` naming the first
   * and last, `B1-B12`): the postcode districts whose listings it holds.
   */
  districts?: string[];
}

/** One postcode area's districts and sectors: a gazetteer shard file. */
export interface GazetteerShard {
  format: typeof GAZETTEER_FORMAT;
  version: number;
  area: string;
  /** Outcode ("AB10") to `[lat, lng]`. */
  districts: Record<string, [number, number]>;
  /** Sector ("AB10 1") to `[lat, lng]`. */
  sectors: Record<string, [number, number]>;
  attribution: string;
}

export const GAZETTEER_FORMAT = 'community-atlas-gazetteer';
export const GAZETTEER_VERSION = 1;

export interface GazetteerShardEntry {
  /** The postcode area (`AB`, `B`). */
  area: string;
  /** Path relative to the manifest. */
  file: string;
  /** `readyHash` of the file's whole text, also in its name. */
  hash: string;
  bytes: number;
  districts: number;
  sectors: number;
}

export interface ManifestGazetteer {
  /** What must be shown with any place found from it (the data's licence condition). */
  attribution: string;
  licence?: string;
  /** Where the data came from, in words. */
  source?: string;
  shards: GazetteerShardEntry[];
}

/** The manifest's entry for its word index (format 2). */
export interface WordsEntry {
  /** Path relative to the manifest (`words.HASH.json`). */
  file: string;
  /** `readyHash` of the file's whole text, also in its name. */
  hash: string;
  bytes: number;
  /** How many words it holds. */
  words: number;
}

/**
 * The national word index file. Each word (as the text index folds it) names
 * the shards that hold it, by position in the manifest's `shards`: a word in a
 * few shards as a list of positions (`[3,17]`), a word in more as a bit set, in
 * base64url (bit `i % 8` of byte `i >> 3` is shard `i`): a national
 * directory's common words are each in a hundred shards or more, and a bit set
 * says that in 55 characters for 326 shards (half the compressed bytes of lists).
 */
export interface WordsFile {
  format: typeof WORDS_FORMAT;
  version: number;
  /** The `build` of the manifest it was written with. */
  build: string;
  words: Record<string, number[] | string>;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  build: string;
  updated?: string;
  publisher?: Publisher;
  listings: number;
  shards: ShardEntry[];
  /** The national word index's file: absent in a manifest of format 1 (see `inlineWords`). */
  words?: WordsEntry;
  /** A manifest of format 1, as read: the word index it carried in itself. Never written. */
  inlineWords?: Record<string, number[]>;
  gazetteer?: ManifestGazetteer;
}

/** A manifest that cannot be used at all: not JSON, not a manifest, a newer format. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Reads a manifest's text, or throws a ManifestError saying what is wrong and what to do. */
export function readManifest(text: string, source = 'the manifest'): Manifest {
  let json: (Omit<Partial<Manifest>, 'words'> & { words?: unknown }) | undefined;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as typeof json;
  } catch (error) {
    throw new ManifestError(`${source} is not valid JSON (${(error as Error).message}): it may be cut off; upload it again.`);
  }
  if (!json || json.format !== MANIFEST_FORMAT) throw new ManifestError(`${source} is not a Community Atlas manifest: it has no "format": "${MANIFEST_FORMAT}".`);
  if (typeof json.version !== 'number' || json.version > MANIFEST_VERSION) {
    throw new ManifestError(`${source} is of manifest format version ${String(json.version)}, newer than this version of Community Atlas reads (${MANIFEST_VERSION}): update the kit.`);
  }
  if (json.version < OLDEST_MANIFEST_VERSION) throw new ManifestError(`${source} is of manifest format version ${json.version}; this version of Community Atlas reads ${OLDEST_MANIFEST_VERSION} to ${MANIFEST_VERSION}: rebuild it with atlas build --shards.`);
  if (!Array.isArray(json.shards) || json.shards.some((s) => !s || typeof s.file !== 'string' || typeof s.hash !== 'string')) {
    throw new ManifestError(`${source} has no usable list of shards (each needs a "file" and a "hash"): rebuild it with atlas build --shards.`);
  }
  const { words, ...rest } = json;
  if (json.version < 2) return { ...rest, inlineWords: (words ?? {}) as Record<string, number[]> } as Manifest;
  if (words !== undefined) {
    const entry = words as Partial<WordsEntry> | null;
    if (!entry || typeof entry.file !== 'string' || typeof entry.hash !== 'string') {
      throw new ManifestError(`${source} has no usable "words" (it needs a "file" and a "hash"): rebuild it with atlas build --shards.`);
    }
  }
  return json as Manifest;
}

/** A word as the text index folds it: lower case, no accents. */
function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A word in at most this many shards is written as their positions; in more, as a bit set. */
const LISTED_SHARDS = 8;

/** Shard positions (sorted, each once) as a word index file holds them (`WordsFile`), for `count` shards in all. */
export function shardsEncoded(positions: readonly number[], count: number): number[] | string {
  if (positions.length <= LISTED_SHARDS) return [...positions];
  const bytes = new Uint8Array(Math.ceil(count / 8));
  for (const i of positions) bytes[i >> 3]! |= 1 << (i & 7);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Back to shard positions: a list as it is, a bit set read. */
function positionsOf(shards: string | readonly number[]): number[] {
  if (typeof shards !== 'string') return [...shards];
  let binary: string;
  try {
    binary = atob(shards.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return [];
  }
  const out: number[] = [];
  for (let b = 0; b < binary.length; b++) {
    const byte = binary.charCodeAt(b);
    if (byte) for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) out.push(b * 8 + bit);
  }
  return out;
}

/** The national word index, as read: which shards hold a word, or any word starting with some letters. */
export class WordIndex {
  readonly #entries: Record<string, string | readonly number[]>;
  /** Every word, sorted (by code unit, as `startsWith` compares). */
  readonly #sorted: string[];

  constructor(entries: Record<string, string | readonly number[]>) {
    this.#entries = entries;
    this.#sorted = Object.keys(entries).sort();
  }

  get size(): number {
    return this.#sorted.length;
  }

  /** The shards that hold `word` (folded as the text index folds it), by position. */
  shards(word: string): number[] {
    const folded = foldWord(word);
    return Object.hasOwn(this.#entries, folded) ? positionsOf(this.#entries[folded]!) : [];
  }

  /** The shards that hold any word starting with `prefix` (already folded: a term of text/terms.ts). */
  shardsStartingWith(prefix: string): Set<number> {
    const words = this.#sorted;
    // The first word at or after `prefix`, then every word that starts with it.
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found = new Set<number>();
    for (let w = lo; w < words.length && words[w]!.startsWith(prefix); w++) for (const i of positionsOf(this.#entries[words[w]!]!)) found.add(i);
    return found;
  }
}

/** The word index read, or why it could not be (a warning in `problem`; a search by name then looks only in the shards loaded). */
export type WordsRead = { index: WordIndex; problem?: undefined } | { index?: undefined; problem: Problem };

/**
 * The national word index of the manifest found at `manifestUrl`: its file
 * fetched and checked against the manifest's hash (a format 1 manifest's own
 * index at once). Never throws: a file that is missing, fails its hash or is
 * not a word index gives a `problem` saying so.
 */
export async function loadWords(manifest: Manifest, manifestUrl: string, options: { fetch?: typeof fetch } = {}): Promise<WordsRead> {
  const entry = manifest.words;
  if (!entry) return { index: new WordIndex(manifest.inlineWords ?? {}) };
  const fail = (code: string, why: string): WordsRead => ({
    problem: {
      severity: 'warning', code, path: '$.words', expected: `words ${entry.hash}`, found: why,
      message: `The word index (${entry.file}) ${why}; a search by name looks only in the listings already loaded.`,
      source: manifestUrl,
    },
  });
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let text: string;
  try {
    const response = await doFetch(new URL(entry.file, manifestUrl).href);
    if (!response.ok) return fail('words-missing', `could not be loaded (HTTP ${response.status})`);
    text = await response.text();
  } catch (error) {
    return fail('words-missing', `could not be loaded (${(error as Error).message})`);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (readyHash(body) !== entry.hash) return fail('words-hash', `fails its hash (the manifest names ${entry.hash}): upload the files written with this manifest`);
  let json: Partial<WordsFile>;
  try {
    json = JSON.parse(body) as Partial<WordsFile>;
  } catch (error) {
    return fail('words-unusable', `is not valid JSON (${(error as Error).message})`);
  }
  if (json.format !== WORDS_FORMAT || typeof json.version !== 'number' || json.version > WORDS_VERSION || !json.words || typeof json.words !== 'object') {
    return fail('words-unusable', `is not a word index this version of Community Atlas reads (format ${String(json.format)}, version ${String(json.version)})`);
  }
  return { index: new WordIndex(json.words) };
}

/**
 * The shards that hold `word` (as the text index folds it: lower case, no
 * accents), by position: fetches the manifest's word index (see `loadWords`;
 * throws a ManifestError when it cannot be used).
 */
export async function shardsWithWord(manifest: Manifest, manifestUrl: string, word: string, options: { fetch?: typeof fetch } = {}): Promise<number[]> {
  const read = await loadWords(manifest, manifestUrl, options);
  if (!read.index) throw new ManifestError(read.problem.message);
  return read.index.shards(word);
}

export interface ShardsRead {
  /** The listings of every shard that could be used, with the other data of the first. */
  data: AtlasData;
  /** The shards left out, each with a sentence saying why (also in `data.problems`). */
  skipped: { shard: ShardEntry; problem: Problem }[];
}

/**
 * Fetches and checks the given shards of a manifest found at `manifestUrl`.
 * A shard that cannot be fetched, fails its hash, or comes from another build
 * is reported and left out; the rest are joined. One shard alone keeps its
 * data as read, so the engine uses its prebuilt parts.
 */
export async function loadShards(manifest: Manifest, manifestUrl: string, shards: readonly ShardEntry[], options: { fetch?: typeof fetch } = {}): Promise<ShardsRead> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const skipped: ShardsRead['skipped'] = [];
  const skip = (shard: ShardEntry, code: string, why: string): void => {
    const index = manifest.shards.indexOf(shard);
    skipped.push({
      shard,
      problem: {
        severity: 'warning', code, path: `$.shards[${index}]`, expected: `shard ${shard.hash}`, found: why,
        message: `Shard ${shard.area} (${shard.file}) ${why}; its ${shard.listings} ${shard.listings === 1 ? 'listing is' : 'listings are'} left out.`,
        source: manifestUrl,
      },
    });
  };
  const read = await Promise.all(shards.map(async (shard): Promise<AtlasData | undefined> => {
    const url = new URL(shard.file, manifestUrl).href;
    let text: string;
    try {
      const response = await doFetch(url);
      if (!response.ok) {
        skip(shard, 'shard-missing', `could not be loaded (HTTP ${response.status})`);
        return undefined;
      }
      text = await response.text();
    } catch (error) {
      skip(shard, 'shard-missing', `could not be loaded (${(error as Error).message})`);
      return undefined;
    }
    const ready = readReadyText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, url);
    if (!ready) {
      skip(shard, 'shard-not-ready', 'is not a ready feed');
      return undefined;
    }
    if ('problem' in ready) {
      skip(shard, 'shard-unusable', `cannot be used: ${ready.problem.message}`);
      return undefined;
    }
    if ('feed' in ready) {
      skip(shard, 'shard-hash', `fails its hash: ${ready.why}`);
      return undefined;
    }
    const own = /"hash":"([0-9a-f]+)"/.exec(text.slice(0, 200))?.[1];
    if (own !== shard.hash) {
      const updated = ready.data.updated;
      const older = updated !== undefined && manifest.updated !== undefined && updated < manifest.updated;
      skip(shard, 'shard-build', `is from ${older ? 'an older' : 'another'} build than the manifest (its hash is ${own}, the manifest names ${shard.hash}): upload the shards written with this manifest`);
      return undefined;
    }
    return ready.data;
  }));
  const good = read.filter((d): d is AtlasData => d !== undefined);
  const problems = skipped.map((s) => s.problem);
  if (!good.length) {
    return { data: { publishers: [], licences: [], languages: [], needs: [], areas: [], transferStages: {}, listings: [], problems, skipped: 0 }, skipped };
  }
  const [first, ...rest] = good as [AtlasData, ...AtlasData[]];
  const data: AtlasData = rest.length
    ? { ...first, listings: good.flatMap((d) => d.listings), problems: [...problems, ...good.flatMap((d) => d.problems)], skipped: good.reduce((n, d) => n + d.skipped, 0) }
    : problems.length ? { ...first, problems: [...problems, ...first.problems] } : first;
  return { data, skipped };
}
