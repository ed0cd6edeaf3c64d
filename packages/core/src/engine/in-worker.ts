/**
 * The page's side of the search worker: starts it, hands it the feed, and gives
 * back a SearchEngine whose index lives there. Loaded with `import()` only for a
 * feed big enough for the worker (see WORKER_THRESHOLD_BYTES in load.ts).
 */
import { FeedLoadError, fetchedViews, readOn, type FetchedFeed } from '../feed/fetch.js';
import { ReadySealer } from '../feed/ready-seal.js';
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import type { MapColumns, MapPoints } from '../location/map-points.js';
import type { Feed } from '../feed/types.js';
import { newWorker, type AutoEngineOptions, type FinderLoad, type FinderLoadOptions, type SoFar, type StartedWorker } from './load.js';
import type { FirstScreen } from '../feed/first.js';
import type { CoreItem } from './core.js';
import { LISTINGS_PER_MESSAGE, reviveLoadError, serializeLoadError, type FromWorker, type ToWorker, type WorkerLoadOptions } from './protocol.js';
import { summarise, type FinderState, type GeoPoint, type ListingSummary, type QueryResult, type ResultItem, type SearchEngine, type Suggestion } from './types.js';

/**
 * Searches fetched feeds in a worker: `early`'s, if one was started (`startWorker`), else a new one.
 * A lone feed's pieces are handed over as they arrive once the worker has said hello, each without
 * a copy, while `handOver()` allows (not while the page still reads a first screen from them).
 */
export function loadInWorker(urls: string[], fetched: PromiseSettledResult<FetchedFeed>[], options: FinderLoadOptions, early?: StartedWorker, handOver: () => boolean = () => true): Promise<FinderLoad> {
  const given: (FetchedFeed | { ok: false; error: ReturnType<typeof serializeLoadError> })[] = [];
  for (const result of fetched) {
    if (result.status === 'fulfilled') given.push(result.value);
    else if (result.reason instanceof FeedLoadError) given.push({ ok: false, error: serializeLoadError(result.reason) });
    else return Promise.reject(result.reason);
  }
  const bodies = given.filter((g): g is FetchedFeed => !('ok' in g));
  // The rest of a body still arriving (FetchedFeed.rest) is read while the
  // worker starts, rather than before; a body that fails on the way is that
  // feed's failure, as if its fetch had failed.
  const reading = Promise.all(bodies.map((f) => readOn(f).then(() => undefined, (error: unknown) => error)));
  const lone = given.length === 1 && bodies.length === 1 ? bodies[0]! : undefined;
  /** How many of the lone feed's pieces the worker holds; `held` once one could not go alone (the rest go with the feed). */
  let handed = 0;
  let held = false;
  let to: Worker | undefined;
  // Until the worker can take the lone feed's pieces, the page seals them as they come (a ready feed's
  // seals, feed/ready-seal.ts): its thread is otherwise idle then, and the worker, once up, goes on from
  // where the page left off rather than read every byte before its first answer (10 MB: 12 ms of its CPU).
  const sealer = lone ? new ReadySealer() : undefined;
  /** How many of the lone feed's pieces the page sealed; `sealerSent` once the worker has the sealer. */
  let sealed = 0;
  let sealerSent = false;
  const sealAhead = (): void => {
    const parts = lone?.parts;
    if (!sealer || !parts || sealerSent) return;
    while (sealed < parts.length) sealer.add(parts[sealed++]!);
  };
  const sendSealer = (): void => {
    if (!to || !sealer || sealerSent) return;
    sealerSent = true;
    if (sealed) to.postMessage({ type: 'sealed', state: sealer.state(), pieces: sealed } satisfies ToWorker);
  };
  const handOn = (): void => {
    const parts = lone?.parts;
    if (!to || !parts || held || !handOver()) {
      sealAhead();
      return;
    }
    sendSealer();
    while (handed < parts.length) {
      const piece = parts[handed]!;
      // Only a piece that is its whole buffer: handing over a buffer takes every view of it.
      if (piece.byteOffset !== 0 || piece.byteLength !== piece.buffer.byteLength) {
        held = true;
        return;
      }
      to.postMessage({ type: 'piece', piece } satisfies ToWorker, [piece.buffer as ArrayBuffer]);
      handed++;
    }
  };
  // A lone feed still arriving: its listings so far are shown meanwhile (loadFinder's `soFar`), if it is still arriving when the time comes.
  const soFar = lone?.rest ? (options.soFar as SoFar | undefined) : undefined;
  let soFarTimer: ReturnType<typeof setTimeout> | undefined;
  let soFarShown = false;
  const askSoFar = (): void => {
    clearTimeout(soFarTimer);
    soFarTimer = undefined;
    if (!soFar || soFarShown || !to || held || !lone?.rest || options.signal?.aborted) return;
    const wait = soFar.at - performance.now();
    if (wait > 0) {
      soFarTimer = setTimeout(askSoFar, wait);
      return;
    }
    handOn();
    if (held) return;
    // Only plain data crosses to the worker; a state built by a UI may carry more.
    const state = JSON.parse(JSON.stringify(soFar.state)) as FinderState;
    // Not the prebuilt index (a promise, perhaps, which cannot be cloned): the listings so far are not indexed for words.
    const { prebuiltIndex: _index, ...own } = options;
    to.postMessage({ type: 'so-far', state, now: (soFar.now ?? new Date()).getTime(), url: lone.url, ...(lone.baseUrl ? { baseUrl: lone.baseUrl } : {}), options: workerOptions(own) } satisfies ToWorker);
  };
  let soFarAsks = 0;
  const heardSoFar = (screen: FirstScreen | null, items: CoreItem[] = [], again = false): void => {
    if (screen) {
      soFarShown = true;
      if (!options.signal?.aborted) soFar?.show(screen, items.map(({ key: _key, ...item }) => item));
      return;
    }
    // Not a listing whole yet: asked again a little later, while the body still arrives (a few times: a body that
    // is not a feed's, or whose listings come last, is read whole as always). Anything else would give the same.
    if (!again || ++soFarAsks >= SO_FAR_ASKS) return;
    if (soFar) soFar.at = performance.now() + SO_FAR_AGAIN_MS;
    askSoFar();
  };
  if (lone?.rest) {
    const seen = lone.rest.watch;
    lone.rest.watch = (parts) => {
      seen?.(parts);
      handOn();
    };
  }
  sealAhead();
  return inWorker(options, early, undefined, async (worker) => {
    to = worker;
    handOn();
    askSoFar();
    // A prebuilt index still downloading is sent when it is in: the worker started meanwhile.
    const prebuiltIndex = await options.prebuiltIndex;
    const failures = await reading;
    const feeds: Extract<ToWorker, { type: 'load' }>['feeds'] = given.map((g) => {
      if ('ok' in g) return g;
      const failure = failures[bodies.indexOf(g)];
      const { rest: _read, ...feed } = g;
      // What the worker does not hold yet: the pieces after those it was handed.
      if (failure === undefined) return { ok: true, feed: g === lone && handed ? { ...feed, parts: feed.parts!.slice(handed) } : feed };
      if (failure instanceof FeedLoadError) return { ok: false, error: serializeLoadError(failure) };
      throw failure;
    });
    held = true;
    clearTimeout(soFarTimer);
    sendSealer();
    const buffers = feeds.flatMap((f) => (f.ok ? fetchedBuffers(f.feed) : []));
    worker.postMessage({ type: 'load', feeds, urls, options: workerOptions({ ...options, prebuiltIndex }) } satisfies ToWorker, buffers);
  }, heardSoFar).catch(async (error: unknown) => {
    clearTimeout(soFarTimer);
    // Whoever reads the feeds next (the page, when the worker could not start) finds no read half done.
    await reading;
    throw error;
  });
}

/**
 * A sharded directory: the worker is handed its manifest and loads shards as
 * states need them (shards-worker.ts). There is no page-side way to search one.
 */
export async function loadManifestInWorker(url: string, manifest: FetchedFeed, options: FinderLoadOptions, early?: StartedWorker): Promise<FinderLoad> {
  const refuse = (why: string): FeedLoadError => new FeedLoadError({ url, reason: 'not-a-feed', detail: `${url} is a sharded directory's manifest, which is searched in a Web Worker, and ${why}.` });
  if (options.worker === false || typeof Worker !== 'function') throw refuse('this page has no worker');
  // The worker resolves shard files against the manifest's address, which it cannot do against the page's.
  const absolute = new URL(url, globalThis.location?.href).href;
  // Each shard carries its own index: a prebuilt index given with a manifest (the finder's `index`) has nothing to index.
  const { prebuiltIndex, ...rest } = options;
  if (prebuiltIndex !== undefined) console.warn(`Community Atlas: ${url} is a sharded directory, whose shards carry their own search indexes; the prebuilt index given with it is not used.`);
  try {
    return await inWorker(rest, early, undefined, (worker) => {
      worker.postMessage({ type: 'manifest', url: absolute, feed: manifest, options: workerOptions(rest) } satisfies ToWorker, fetchedBuffers(manifest));
    });
  } catch (error) {
    if (error instanceof FeedLoadError || options.signal?.aborted) throw error;
    // A Content-Security-Policy without worker-src 'self', or a bundler that dropped the worker file.
    throw refuse(`the worker could not start (${String(error)})`);
  }
}

/** The buffers holding a fetched feed's bytes, each once: what is handed to the worker without a copy. */
export function fetchedBuffers(fetched: FetchedFeed): ArrayBuffer[] {
  return [...new Set(fetchedViews(fetched).map((view) => view.buffer as ArrayBuffer))];
}

function workerOptions(options: Omit<FinderLoadOptions, 'prebuiltIndex'> & { prebuiltIndex?: string | object }): WorkerLoadOptions {
  return {
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.kinds?.length ? { kinds: options.kinds } : {}),
    ...(options.prebuiltIndex ? { prebuiltIndex: options.prebuiltIndex } : {}),
  };
}

/**
 * Starts the worker (or takes `early`, started before), hands it the feed with
 * `send` once it has said hello, and resolves when its index is ready. `kept`
 * is data the page already holds (its listings are not sent back); otherwise
 * the worker's normalised listings arrive in slices.
 */
function inWorker(
  options: FinderLoadOptions,
  early: StartedWorker | undefined,
  kept: AtlasData | undefined,
  send: (worker: Worker, lookup: ListingLookup) => void | Promise<void>,
  soFar?: (screen: FirstScreen | null, items?: CoreItem[], again?: boolean) => void,
): Promise<FinderLoad> {
  const worker = early?.worker ?? newWorker(options);
  if (early) early.taken = true;
  return new Promise<FinderLoad>((resolve, reject) => {
    let meta: Omit<AtlasData, 'listings'> | undefined;
    let summary: ListingSummary | undefined;
    // Data the page holds is known by key from the start; otherwise keys come with the meta and records when asked for.
    const lookup = new ListingLookup();
    const onAbort = (): void => {
      worker.terminate();
      reject(options.signal?.reason);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => {
      options.signal?.removeEventListener('abort', onAbort);
      worker.onerror = null;
      worker.onmessage = null;
    };
    const fail = (error: unknown): void => {
      settle();
      // A worker that failed on one message may fail on the next already sent (a piece of the feed, then the rest): not the page's error.
      worker.onerror = (event) => event.preventDefault();
      worker.terminate();
      reject(error);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(new Error(event.message || 'the search worker failed to start'));
    };
    // Sent once: on the worker's hello, which an early worker may have said already.
    let sent = false;
    const hello = (): void => {
      if (sent) return;
      sent = true;
      Promise.resolve(send(worker, lookup)).catch(fail);
    };
    early?.started.then(hello, fail);
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'hello') hello();
      else if (message.type === 'meta') {
        meta = message.data;
        summary = message.summary;
        lookup.keyAt = message.keys;
      }
      else if (message.type === 'so-far') soFar?.(message.screen, message.items, message.again);
      else if (message.type === 'failed') fail('name' in message.error ? reviveLoadError(message.error) : new Error(message.error.message));
      else if (message.type === 'ready') {
        settle();
        const data: AtlasData = kept ?? { ...meta!, listings: [] };
        const given = kept ? summarise(kept.listings) : summary!;
        resolve({ data, summary: given, engine: new WorkerEngine(worker, lookup, meta, given), inWorker: true });
      }
    };
  });
}

/**
 * Hands data or a parsed feed the page already holds to the worker, in slices.
 * `data` is the normalised data (kinds already kept), or undefined for a feed
 * the worker normalises.
 */
export function sendToWorker(input: AtlasData | Feed, data: AtlasData | undefined, source: string, options: AutoEngineOptions): Promise<FinderLoad> {
  const { listings, ...head } = (data ?? input) as unknown as { listings?: unknown[] } & Record<string, unknown>;
  const all = Array.isArray(listings) ? listings : [];
  return inWorker(options, undefined, data, async (worker, lookup) => {
    worker.postMessage({ type: 'load-begin', shape: data ? 'data' : 'feed', head } satisfies ToWorker);
    // Slices, each cloned in its own task: one message of 10,000 listings would hold the page for tens of milliseconds.
    for (let i = 0; i < all.length; i += LISTINGS_PER_MESSAGE) {
      if (i) await handBack();
      const slice = all.slice(i, i + LISTINGS_PER_MESSAGE);
      worker.postMessage({ type: 'load-listings', listings: slice } satisfies ToWorker);
      if (data) lookup.add(slice as AtlasListing[]);
    }
    worker.postMessage({ type: 'load-end', source, options: workerOptions(options) } satisfies ToWorker);
  });
}

/** How soon the listings so far are asked for again when none had all arrived. */
const SO_FAR_AGAIN_MS = 300;
/** How many times the listings so far are asked for, at the most. */
const SO_FAR_ASKS = 10;

const handBack = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/** The listings the page holds (what it was shown or asked for, or all of data it already had), by key; and every key by the worker's index, for its answers. */
class ListingLookup {
  readonly byKey = new Map<string, AtlasListing>();
  /** Keys in the order of the listings the worker was given: its answers name listings by index. */
  keyAt: string[] = [];
  #indexOf: Map<string, number> | undefined;
  /** Every key anew (the worker made its engine again), and no listing held. */
  replace(keys: string[]): void {
    this.keyAt = keys;
    this.#indexOf = undefined;
    this.byKey.clear();
  }
  add(listings: AtlasListing[]): void {
    for (const l of listings) {
      this.keyAt.push(l?.key);
      this.byKey.set(l.key, l);
    }
  }
  /** The worker's index of a key, or undefined. */
  indexOf(key: string): number | undefined {
    if (!this.#indexOf || this.#indexOf.size !== this.keyAt.length) this.#indexOf = new Map(this.keyAt.map((k, i) => [k, i]));
    return this.#indexOf.get(key);
  }
}

/**
 * The SearchEngine whose index and listings live in a worker. The page keeps
 * the listings it was given with results or asked for with `records`, so `get`
 * needs no round trip for anything on screen.
 */
class WorkerEngine implements SearchEngine {
  readonly #worker: Worker;
  readonly #byKey: Map<string, AtlasListing>;
  readonly #lookup: ListingLookup;
  readonly #pending = new Map<number, Pending>();
  /** Parts of `records` answers still arriving, by question. */
  readonly #parts = new Map<number, AtlasListing[]>();
  /**
   * The worker's indexes of each answer's `keys` (what the answer came as), so
   * that the map's points for them are asked for by index with no key looked up:
   * on 50,000 results, a key-to-index Map built on the page before the map's
   * first draw.
   */
  readonly #indexesOfKeys = new WeakMap<readonly string[], { indexes: Int32Array; keyAt: readonly string[] }>();
  #nextId = 1;
  #disposed = false;
  /** The data besides listings, as the worker last sent it (a sharded directory's grows with its shards). */
  #meta: Omit<AtlasData, 'listings'> | undefined;
  /** The summary the load gave, brought up to date in place when the worker's data changes. */
  readonly #summary: ListingSummary | undefined;
  onchange?: (() => void) | undefined;

  constructor(worker: Worker, lookup: ListingLookup, meta?: Omit<AtlasData, 'listings'>, summary?: ListingSummary) {
    this.#worker = worker;
    this.#meta = meta;
    this.#summary = summary;
    this.#byKey = lookup.byKey;
    this.#lookup = lookup;
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.#answer(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      for (const p of this.#pending.values()) p.reject(new Error(event.message || 'the search worker stopped'));
      this.#pending.clear();
    };
  }

  #answer(message: FromWorker): void {
    if (message.type === 'shards') {
      for (const key of message.keys) this.#lookup.keyAt.push(key);
      this.#meta = message.data;
      if (message.settled) this.onchange?.();
      return;
    }
    if (message.type === 'changed') {
      // The worker answered from a feed's first reading, and the whole quick check then failed:
      // the normaliser's data replaces it (keys, problems, summary), and the page asks again.
      this.#lookup.replace(message.keys);
      this.#meta = message.data;
      if (this.#summary) Object.assign(this.#summary, message.summary);
      this.onchange?.();
      return;
    }
    if (!('id' in message)) return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.type === 'answer-failed') {
      pending.reject(new Error(message.message));
    } else if (message.type === 'records') {
      const parts = this.#parts.get(message.id) ?? [];
      for (const l of message.listings) {
        // The page's own copy, if it has one, so a listing is one object however it was reached.
        parts.push(this.#byKey.get(l.key) ?? l);
        this.#byKey.set(l.key, parts[parts.length - 1]!);
      }
      if (!message.done) {
        this.#parts.set(message.id, parts);
        this.#pending.set(message.id, pending);
        return;
      }
      this.#parts.delete(message.id);
      (pending.resolve as (l: AtlasListing[]) => void)(parts);
    } else if (message.type === 'result') {
      const items: ResultItem[] = [];
      for (const record of message.records) if (!this.#byKey.has(record.key)) this.#byKey.set(record.key, record);
      for (const item of message.result.items) {
        const listing = this.#byKey.get(item.key);
        if (listing) items.push({ ...item, listing });
      }
      const { total, facets, items: _sent, ...rest } = message.result;
      (pending.resolve as (r: QueryResult) => void)(this.#withKeysOnDemand({ total, items, facets, ...rest }, message.indexes));
    } else if (message.type === 'points') {
      (pending.resolve as (p: MapPoints | MapColumns) => void)(message.points);
    } else if (message.type === 'labels') {
      (pending.resolve as (l: { names: string[]; places: string[] }) => void)(message);
    } else if (message.type === 'placed') {
      (pending.resolve as (p: { near: GeoPoint; attribution?: string } | undefined) => void)(
        message.near ? { near: message.near, ...(message.attribution ? { attribution: message.attribution } : {}) } : undefined,
      );
    } else if (message.type === 'suggestions') {
      // A suggested listing opens when chosen, with no round trip then: its record is fetched with the suggestions.
      const keys = message.suggestions.flatMap((s) => (s.key ? [s.key] : []));
      void this.records(keys).catch(() => undefined).then(() => (pending.resolve as (s: Suggestion[]) => void)(message.suggestions));
    }
  }

  /**
   * An answer whose `keys` (every match's, in order) are named from the
   * indexes it came with when first read, not as it arrives: at 100,000
   * matches that list is tens of milliseconds of the page's main thread, and
   * the first page of results does not read it (the map does, when it draws).
   */
  #withKeysOnDemand(answer: Omit<QueryResult, 'keys'>, indexes: Int32Array): QueryResult {
    let keys: string[] | undefined;
    return Object.defineProperty(answer as QueryResult, 'keys', {
      enumerable: true,
      configurable: true,
      get: (): string[] => {
        if (keys) return keys;
        const keyAt = this.#lookup.keyAt;
        keys = new Array<string>(indexes.length);
        for (let k = 0; k < keys.length; k++) keys[k] = keyAt[indexes[k]!]!;
        this.#indexesOfKeys.set(keys, { indexes, keyAt });
        return keys;
      },
      set: (value: string[]) => {
        keys = value;
      },
    });
  }

  #ask<T>(message: ToWorker & { id: number }): Promise<T> {
    if (this.#disposed) return Promise.reject(new Error('the search engine was disposed'));
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(message.id, { resolve: resolve as (value: never) => void, reject });
      this.#worker.postMessage(message);
    });
  }

  query(state: FinderState, now: Date = new Date()): Promise<QueryResult> {
    // Only plain data crosses to the worker; a state built by a UI may carry more.
    const plain: FinderState = JSON.parse(JSON.stringify(state ?? {})) as FinderState;
    return this.#ask<QueryResult>({ type: 'query', id: this.#nextId++, state: plain, now: now.getTime() });
  }

  suggest(prefix: string, limit?: number): Promise<Suggestion[]> {
    return this.#ask<Suggestion[]>({ type: 'suggest', id: this.#nextId++, prefix: String(prefix ?? ''), ...(limit !== undefined ? { limit } : {}) });
  }

  get(key: string): AtlasListing | undefined {
    return this.#byKey.get(key);
  }

  async records(keys: readonly string[]): Promise<AtlasListing[]> {
    for (;;) {
      const keyAt = this.#lookup.keyAt;
      const missing: number[] = [];
      for (const key of keys) {
        const i = this.#byKey.has(key) ? undefined : this.#lookup.indexOf(key);
        if (i !== undefined) missing.push(i);
      }
      if (missing.length) await this.#ask<AtlasListing[]>({ type: 'records', id: this.#nextId++, indexes: missing });
      // The worker's listings were replaced meanwhile ('changed'), and these indexes may have named others: asked again.
      if (this.#lookup.keyAt === keyAt) break;
    }
    return keys.map((k) => this.#byKey.get(k)).filter((l): l is AtlasListing => !!l);
  }

  async points(keys: readonly string[], lang: string): Promise<MapPoints> {
    for (;;) {
      const keyAt = this.#lookup.keyAt;
      // An answer's keys (the finder's map shows every result): the indexes the worker sent with them, if they still name the same listings.
      const given = this.#indexesOfKeys.get(keys);
      let indexes: number[] | Int32Array | undefined = given?.keyAt === keyAt ? given.indexes : undefined;
      if (!indexes) {
        const found: number[] = (indexes = []);
        for (const key of keys) {
          const i = this.#lookup.indexOf(key);
          if (i !== undefined) found.push(i);
        }
      }
      const points = await this.#ask<MapPoints | MapColumns>({ type: 'points', id: this.#nextId++, indexes, lang, labels: 'on-demand' });
      // The worker's listings were replaced meanwhile ('changed': a plain feed's whole check failed), and these indexes may name others: asked again.
      if (this.#lookup.keyAt !== keyAt) continue;
      return 'at' in points ? this.#withLabelsOnDemand(points, lang) : points;
    }
  }

  /**
   * The worker's columns as MapPoints: keys from the list the page holds, and
   * names and places asked for as the map draws (a few dozen markers, not 50,000
   * strings cloned on the page's main thread).
   */
  #withLabelsOnDemand(columns: MapColumns, lang: string): MapPoints {
    const { at, ...rest } = columns;
    const keyAt = this.#lookup.keyAt;
    const count = at.length;
    const keys = new Array<string>(count);
    for (let p = 0; p < count; p++) keys[p] = keyAt[at[p]!]!;
    const names = new Array<string>(count);
    const places = new Array<string>(count);
    const labels = async (points: readonly number[]): Promise<void> => {
      const missing = [...new Set(points)].filter((p) => p >= 0 && p < count && names[p] === undefined);
      if (!missing.length) return;
      let answer: { names: string[]; places: string[] };
      for (;;) {
        // By the indexes the points came with, or, once the worker's listings were replaced ('changed'), by their keys.
        const now = this.#lookup.keyAt;
        const indexes = missing.map((p) => (now === keyAt ? at[p]! : this.#lookup.indexOf(keys[p]!) ?? -1));
        answer = await this.#ask<{ names: string[]; places: string[] }>({ type: 'labels', id: this.#nextId++, indexes, lang });
        if (this.#lookup.keyAt === now) break;
      }
      missing.forEach((p, i) => {
        names[p] = answer.names[i] || keys[p]!;
        places[p] = answer.places[i] ?? '';
      });
    };
    return { ...rest, keys, names, places, labels };
  }

  meta(): Omit<AtlasData, 'listings'> | undefined {
    return this.#meta;
  }

  place(postcode: string): Promise<{ near: GeoPoint; attribution?: string } | undefined> {
    return this.#ask<{ near: GeoPoint; attribution?: string } | undefined>({ type: 'place', id: this.#nextId++, postcode });
  }

  /** Forgets the worker's cached text matches (benchmarks measure searches from cold). */
  clearCaches(): void {
    this.#worker.postMessage({ type: 'clear-caches' } satisfies ToWorker);
  }

  get size(): number {
    return this.#lookup.keyAt.length;
  }

  dispose(): void {
    this.#disposed = true;
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('the search engine was disposed'));
    this.#pending.clear();
  }
}
