/**
 * A sharded directory (feed/manifest.ts) as the search worker holds it: the
 * shards a state needs are fetched, checked against the manifest and added to
 * one list of listings, and one engine answers over every listing loaded so
 * far, made afresh when more have arrived. So an answer over a set of loaded
 * shards is, by construction, a fresh engine's over the same listings.
 *
 * Which shards a state needs, in steps: the first step is waited for, the
 * answer says what it covers (`ShardCoverage`), and the next step loads after
 * it, the page being told when it has arrived so that it asks again.
 *  - an open listing (a link to it): its own shard, named in its key, and no other;
 *  - a place (`near`): the shards whose box holds it (else the nearest), whose
 *    answer covers every listing nearer than any other shard's box; then the
 *    rest within 10 miles of it; then within 25. A postcode (the place's label)
 *    in an area written as runs of its districts answers first from the run
 *    that names its district alone, claiming no distance, the runs beside it next;
 *  - a map area (`bounds`): the shards whose box meets it, nearest its middle
 *    first, one for the first answer, then a few at a time;
 *  - words with neither: the shards the national word index names for them
 *    (every word that starts with what was typed), one for the first answer
 *    (the one with most of the words, the smallest of those), then a few at a time.
 *    The word index is a file of its own, fetched at the first such search (or
 *    the first suggestion asked for) and kept; when it cannot be used, the
 *    answer says so (`wordsUnavailable`) and comes from the shards loaded;
 *  - none of these: no shard, and the answer asks for a place or words.
 *
 * Keys carry their shard: a listing `walk-1` of shard `NB` is `NB~walk-1` here and
 * in every link, so a link to a listing loads only its shard and the manifest
 * stays small (no list of 500,000 keys). Listings are only ever added, so an
 * index into them keeps its meaning for the page while more arrive.
 *
 * Known limits: a word matched only by spelling tolerance (fuzzy) or only by a
 * need it stands for ("lonely" → befriending) is found in the shards loaded for
 * other reasons (a place, another word), not looked for in the word index; a
 * place search does not load the `none` shard (listings with no place); word
 * and map-area searches stop adding shards after MAX_LISTINGS_LOADED listings.
 */
import { distanceMiles } from '../location/distance.js';
import { gazetteerFromListings, lookupPostcodeDetailed, parsePostcodeQuery } from '../location/postcode.js';
import { placePostcode as placeFromGazetteer } from '../location/gazetteer-shards.js';
import type { AtlasData, AtlasListing, Problem } from '../feed/normalised.js';
import type { ListingKind } from '../feed/types.js';
import { loadShards, loadWords, type GazetteerShard, type Manifest, type ShardEntry, type WordIndex } from '../feed/manifest.js';
import { readyPartsOf } from '../feed/ready-parts.js';
import { EngineCore } from './full.js';
import { terms as textTerms } from '../text/terms.js';
import type { FinderState, GeoPoint } from './types.js';

/** Between a shard's area and a listing's own key in the keys of a sharded directory. */
const SHARD_KEY_SEPARATOR = '~';

/** The area of the shard a key names (`NB` of `NB~walk-1`), or undefined. */
export function shardAreaOfKey(key: string): string | undefined {
  const at = key.indexOf(SHARD_KEY_SEPARATOR);
  return at > 0 ? key.slice(0, at) : undefined;
}

/** A place search's rings, in miles, loaded one after the other once the shard the place is in has answered. */
const NEAR_MILES = [10, 25] as const;
/** Shards per step of a word or map-area search. */
const SHARDS_PER_STEP = 6;
/** A word or map-area search adds no more shards once this many listings are loaded for it. */
const MAX_LISTINGS_LOADED = 60_000;

/** What an answer over a sharded directory covers: said to the person beside the results. */
export interface ShardCoverage {
  /** Shards loaded, of all in the manifest. */
  loaded: number;
  shards: number;
  /** A place search: every result within this many miles is among the answers. */
  miles?: number;
  /** More shards this state asks for are on their way (the page is told when they arrive). */
  more: boolean;
  /** Word or map-area search: shards left out because MAX_LISTINGS_LOADED was reached. */
  limited?: boolean;
  /** The state asks for no shard (no place, words, map area or open listing): ask for one. */
  prompt?: boolean;
  /** Areas of shards that could not be used (missing, failing their hash, another build). */
  skipped: string[];
  /** Words with no place: the word index could not be loaded, so only the shards already loaded were searched. */
  wordsUnavailable?: boolean;
}

interface ShardSetOptions {
  fetch?: typeof fetch;
  lang?: string;
  kinds?: ListingKind[];
  /** Fixed time for the engine (tests). */
  now?: () => Date;
}

/** The distance in miles from a point to the nearest point of a box. */
function milesToBox(point: { lat: number; lng: number }, [south, west, north, east]: [number, number, number, number]): number {
  return distanceMiles(point, { lat: Math.min(north, Math.max(south, point.lat)), lng: Math.min(east, Math.max(west, point.lng)) });
}

/** A distance an answer covers, as said to a person: whole miles, tenths below one, never more than it is. */
function roundMilesDown(miles: number): number {
  return miles >= 1 ? Math.floor(miles) : Math.floor(miles * 10) / 10;
}

const EMPTY_HEAD: Omit<AtlasData, 'listings'> = { publishers: [], licences: [], languages: [], needs: [], areas: [], transferStages: {}, problems: [], skipped: 0 };

export class ShardSet {
  readonly manifest: Manifest;
  readonly url: string;
  /** Every listing loaded, re-keyed with its shard, in the order the shards arrived: only ever added to. */
  readonly listings: AtlasListing[] = [];
  /** The data besides listings: the first shard's, with the problems of every shard and of those skipped. */
  head: Omit<AtlasData, 'listings'> = EMPTY_HEAD;
  /** Called when shards have arrived or been skipped, with the keys added (in order). */
  onArrive?: (keys: string[]) => void;
  readonly #options: ShardSetOptions;
  /** Per shard (by position in the manifest): where its listings are in `listings`. */
  readonly #ranges = new Map<number, [number, number]>();
  readonly #skipped = new Map<number, Problem>();
  readonly #pending = new Map<number, Promise<void>>();
  /** Per shard loaded whole: its listings as read, with the prebuilt parts of its ready feed attached (feed/ready-parts.ts). */
  readonly #arrays = new Map<number, AtlasListing[]>();
  /** The national word index: fetched at the first search with words, kept once read (a failure is tried again next time). */
  #words?: Promise<WordIndex | undefined>;
  #wordsReported = false;
  /** The national gazetteer's shards fetched so far, by URL. */
  readonly #gazetteer = new Map<string, Promise<GazetteerShard>>();
  #core?: EngineCore;
  #coreSize = -1;
  #preparing?: Generator<void, void, void>;

  constructor(manifest: Manifest, url: string, options: ShardSetOptions = {}) {
    this.manifest = manifest;
    this.url = url;
    this.#options = options;
  }

  /** Loaded or skipped: nothing more will come of it. */
  settled(index: number): boolean {
    return this.#ranges.has(index) || this.#skipped.has(index);
  }

  get loadedCount(): number {
    return this.#ranges.size;
  }

  /** Fetches these shards (those not yet loaded or on their way) and adds their listings; resolves when all have settled. */
  load(indexes: readonly number[]): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const index of indexes) {
      if (this.settled(index)) continue;
      let pending = this.#pending.get(index);
      if (!pending) {
        const shard = this.manifest.shards[index];
        if (!shard) continue;
        pending = this.#fetch(index, shard).finally(() => this.#pending.delete(index));
        this.#pending.set(index, pending);
      }
      waits.push(pending);
    }
    return Promise.all(waits).then(() => undefined);
  }

  async #fetch(index: number, shard: ShardEntry): Promise<void> {
    const { data, skipped } = await loadShards(this.manifest, this.url, [shard], this.#options.fetch ? { fetch: this.#options.fetch } : {});
    if (skipped.length) {
      this.#skipped.set(index, skipped[0]!.problem);
      this.head = { ...this.head, problems: [...this.head.problems, skipped[0]!.problem] };
      this.onArrive?.([]);
      return;
    }
    const kinds = this.#options.kinds?.length ? this.#options.kinds : undefined;
    const start = this.listings.length;
    const keys: string[] = [];
    const prefix = `${shard.area}${SHARD_KEY_SEPARATOR}`;
    if (kinds) {
      for (const listing of data.listings) {
        if (!kinds.includes(listing.kind)) continue;
        const key = `${prefix}${listing.key}`;
        this.listings.push({ ...listing, key });
        keys.push(key);
      }
    } else {
      // Re-keyed where they are (they are this set's own), so the shard's array keeps the columns and text index
      // `atlas build` wrote for it (the index's keys re-keyed too): an engine over this shard alone works out neither.
      for (const listing of data.listings) {
        listing.key = `${prefix}${listing.key}`;
        this.listings.push(listing);
        keys.push(listing.key);
      }
      const ids = (readyPartsOf(data.listings)?.index as { index?: { documentIds?: Record<string, string> } } | undefined)?.index?.documentIds;
      if (ids) for (const id of Object.keys(ids)) ids[id] = `${prefix}${ids[id]}`;
      this.#arrays.set(index, data.listings);
    }
    this.#ranges.set(index, [start, this.listings.length]);
    const { listings: _, problems, skipped: dropped, ...rest } = data;
    const first = this.head === EMPTY_HEAD;
    this.head = { ...(first ? rest : this.head), problems: [...this.head.problems, ...problems], skipped: this.head.skipped + dropped } as Omit<AtlasData, 'listings'>;
    this.onArrive?.(keys);
  }

  /** The listings of one loaded shard. */
  listingsOf(index: number): AtlasListing[] {
    const range = this.#ranges.get(index);
    return range ? this.listings.slice(range[0], range[1]) : [];
  }

  /** Whether the shards a state needs come from the word index: words, with no place or map area. */
  static needsWords(state: FinderState): boolean {
    const near = state.near;
    return !(near && Number.isFinite(near.lat) && Number.isFinite(near.lng)) && !state.bounds && typeof state.q === 'string' && state.q.trim() !== '';
  }

  /**
   * The national word index (feed/manifest.ts `loadWords`): fetched once, when
   * first asked for; undefined when it cannot be used, the problem then being
   * added to the data's problems (once) and the fetch tried again next time.
   */
  words(): Promise<WordIndex | undefined> {
    this.#words ??= loadWords(this.manifest, this.url, this.#options.fetch ? { fetch: this.#options.fetch } : {}).then((read) => {
      if (read.index) return read.index;
      this.#words = undefined;
      if (!this.#wordsReported) {
        this.#wordsReported = true;
        this.head = { ...this.head, problems: [...this.head.problems, read.problem] };
      }
      return undefined;
    });
    return this.#words;
  }

  /**
   * The shards a state needs, in the steps they load in; `miles`: each step's ring, for a place. `words`: the word
   * index, for a state that needs it (`needsWords`; without it such a state asks for the shards loaded only).
   */
  plan(state: FinderState, words?: WordIndex): { steps: number[][]; miles?: number[]; limited?: boolean } {
    const shards = this.manifest.shards;
    const open = typeof state.open === 'string' ? shardAreaOfKey(state.open) : undefined;
    const openShard = open === undefined ? [] : shards.flatMap((s, i) => (s.area === open ? [i] : []));
    const near = state.near;
    if (near && Number.isFinite(near.lat) && Number.isFinite(near.lng)) {
      const miles = shards.map((shard) => (shard.bbox ? milesToBox(near, shard.bbox) : Infinity));
      const rings: number[][] = NEAR_MILES.map(() => []);
      miles.forEach((m, i) => {
        const ring = NEAR_MILES.findIndex((limit) => m <= limit);
        if (ring >= 0) rings[ring]!.push(i);
      });
      // The shards whose box holds the place (else the nearest) hold every listing nearer than any other shard's box.
      const holding = miles.flatMap((m, i) => (m === 0 ? [i] : []));
      const nearest = miles.reduce<number | undefined>((best, m, i) => (m < Infinity && (best === undefined || m < miles[best]!) ? i : best), undefined);
      const around = holding.length ? holding : nearest === undefined ? [] : [nearest];
      // A postcode's first answer waits only for the shard of its district (one run of a large area's districts, whose
      // neighbours' boxes overlap it), then the rest of the shards holding the place; else for those at once.
      const own = this.#shardsOfDistrict(near.label).filter((i) => miles[i]! <= NEAR_MILES[0]);
      const steps = [[...new Set([...openShard, ...(own.length ? own : around)])]];
      if (own.length && around.some((i) => !steps[0]!.includes(i))) steps.push(around.filter((i) => !steps[0]!.includes(i)));
      const loaded = new Set(steps.flat());
      steps.push(rings[0]!.filter((i) => !loaded.has(i)), rings[1]!);
      // Each step's answer covers every listing nearer than the nearest shard not loaded by then.
      const covered = (upTo: number): number => {
        const by = new Set(steps.slice(0, upTo + 1).flat());
        return roundMilesDown(Math.min(NEAR_MILES[0], ...rings[0]!.filter((i) => !by.has(i)).map((i) => miles[i]!)));
      };
      return { steps, miles: [...steps.slice(0, -2).map((_, k) => covered(k)), ...NEAR_MILES] };
    }
    let wanted: number[] | undefined;
    if (state.bounds) {
      const [south, west, north, east] = state.bounds;
      const middle = { lat: (south + north) / 2, lng: (west + east) / 2 };
      wanted = shards.flatMap((s, i) => (s.bbox && s.bbox[0] <= north && s.bbox[2] >= south && s.bbox[1] <= east && s.bbox[3] >= west ? [i] : []))
        .sort((a, b) => milesToBox(middle, shards[a]!.bbox!) - milesToBox(middle, shards[b]!.bbox!));
    } else if (typeof state.q === 'string' && state.q.trim()) {
      wanted = words ? this.#shardsWithWords(words, state.q) : [];
    }
    if (!wanted) return { steps: openShard.length ? [openShard] : [] };
    // Shards already here first (they cost nothing), then the rest a few at a time, up to the limit.
    const here = wanted.filter((i) => this.#ranges.has(i));
    let total = 0;
    let limited = false;
    const rest: number[] = [];
    for (const i of wanted) {
      if (this.#ranges.has(i)) continue;
      total += shards[i]!.listings;
      if (total > MAX_LISTINGS_LOADED && rest.length) {
        limited = true;
        break;
      }
      rest.push(i);
    }
    // The first answer waits for one shard at most (none when some are here): its prebuilt parts answer at once.
    const first = here.length ? 0 : 1;
    const steps: number[][] = [[...new Set([...openShard, ...here, ...rest.slice(0, first)])]];
    for (let k = first; k < rest.length; k += SHARDS_PER_STEP) steps.push(rest.slice(k, k + SHARDS_PER_STEP));
    return { steps, ...(limited ? { limited } : {}) };
  }

  /**
   * The postcode shard that holds the listings of the district of `text` (a postcode, sector or district, as typed):
   * its area's shard, or for an area written as runs of its districts (`B1-B15`, …), the run that names it.
   */
  #shardsOfDistrict(text: string | undefined): number[] {
    const query = text ? parsePostcodeQuery(text) : undefined;
    if (!query) return [];
    const district = query.kind === 'district' ? query.value : (query.value.split(' ')[0] ?? '');
    const area = /^[A-Z]+/.exec(district)?.[0];
    return this.manifest.shards.flatMap((s, i) => s.type === 'postcode' && (s.districts ? s.districts.includes(district) : s.area === area) ? [i] : []);
  }

  /**
   * The shards whose words start with any word of `q` (as the text index folds words): those holding the most of
   * the typed words first, then the smaller first (the sooner a first answer), then in manifest order.
   */
  #shardsWithWords(words: WordIndex, q: string): number[] {
    const hits = new Map<number, number>();
    for (const term of textTerms(q)) {
      if (term.length < 2) continue;
      for (const i of words.shardsStartingWith(term)) hits.set(i, (hits.get(i) ?? 0) + 1);
    }
    const shards = this.manifest.shards;
    return [...hits.keys()].sort((a, b) => hits.get(b)! - hits.get(a)! || shards[a]!.listings - shards[b]!.listings || a - b);
  }

  /**
   * Loads the state's first step, then gives the engine over everything loaded
   * and what the answer covers; `next` is the step to load after answering.
   */
  async prepareFor(state: FinderState): Promise<{ core: EngineCore; coverage: ShardCoverage; next?: number[] }> {
    const needsWords = ShardSet.needsWords(state);
    const words = needsWords ? await this.words() : undefined;
    const plan = this.plan(state, words);
    if (plan.steps[0]) await this.load(plan.steps[0]);
    let reached = plan.steps.length ? 0 : -1;
    while (reached + 1 < plan.steps.length && plan.steps[reached + 1]!.every((i) => this.settled(i))) reached++;
    const next = plan.steps[reached + 1];
    const core = this.engine(typeof state.q === 'string' && state.q.trim() !== '');
    const coverage: ShardCoverage = {
      loaded: this.#ranges.size,
      shards: this.manifest.shards.length,
      more: next !== undefined,
      skipped: [...this.#skipped.keys()].map((i) => this.manifest.shards[i]!.area),
      ...(plan.miles && reached >= 0 && plan.miles[reached]! > 0 ? { miles: plan.miles[reached]! } : {}),
      ...(plan.limited ? { limited: true } : {}),
      ...(plan.steps.length ? {} : { prompt: true }),
      ...(needsWords && !words ? { wordsUnavailable: true } : {}),
    };
    return { core, coverage, ...(next ? { next } : {}) };
  }

  /** The engine over every listing loaded so far (made afresh when more have arrived); with `text`, its text index built. */
  engine(text = false): EngineCore {
    if (!this.#core || this.#coreSize !== this.listings.length) {
      // One shard alone: its own array, whose prebuilt columns and index the engine takes instead of working them out.
      const only = this.#ranges.size === 1 ? this.#arrays.get([...this.#ranges.keys()][0]!) : undefined;
      const listings = only?.length === this.listings.length ? only : this.listings.slice();
      this.#core = new EngineCore({ ...this.head, listings }, {
        ...(this.#options.lang ? { lang: this.#options.lang } : {}),
        ...(this.#options.now ? { now: this.#options.now } : {}),
      });
      this.#coreSize = this.listings.length;
      this.#preparing = this.#core.prepare();
      while (!this.#core.filtersReady && !this.#preparing.next().done);
    }
    if (text && this.#preparing) {
      while (!this.#preparing.next().done);
      this.#preparing = undefined;
    }
    return this.#core;
  }

  /**
   * Where a postcode is: from the manifest's national gazetteer when it has one
   * (one small file for the postcode's area; `attribution` must be shown with the
   * place), else from the listings of its district's shard, the postcodes the
   * directory itself holds, by district. That shard is asked for at once either
   * way, beside the gazetteer's file: the search after placing it needs it first.
   */
  async place(postcode: string): Promise<{ near: GeoPoint; attribution?: string } | undefined> {
    const query = parsePostcodeQuery(postcode);
    if (!query) return undefined;
    const label = postcode.trim().toUpperCase();
    // The shard of its district is what the search after placing it waits for: asked for now, beside the gazetteer's file.
    void this.load(this.#shardsOfDistrict(postcode)).catch(() => undefined);
    const national = await placeFromGazetteer(this.manifest, this.url, postcode, { cache: this.#gazetteer, ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}) });
    if (national.ok) return { near: { lat: national.place.lat, lng: national.place.lng, label }, attribution: national.attribution };
    const district = query.kind === 'district' ? query.value : (query.value.split(' ')[0] ?? '');
    const index = this.#shardsOfDistrict(district)[0];
    if (index === undefined) return undefined;
    await this.load([index]);
    const gazetteer = gazetteerFromListings(this.listingsOf(index), district);
    const found = await lookupPostcodeDetailed(postcode, { gazetteer });
    return found.ok ? { near: { lat: found.place.lat, lng: found.place.lng, label } } : undefined;
  }
}
