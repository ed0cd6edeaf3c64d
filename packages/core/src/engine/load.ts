/**
 * `loadFinder`: fetches feeds and gives back the data and a search engine over
 * it, choosing where the work happens. Small feeds are read on the main thread
 * and indexed in slices; large ones (by the bytes that arrived) are parsed,
 * normalised, indexed and searched in a Web Worker, so a 10,000-listing feed
 * never holds the page for more than a few milliseconds at a time.
 */
import { FeedLoadError, combineFeeds, fetchFeed, readFetchedFeed, type FetchedFeed, type LoadOptions } from '../feed/load.js';
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import type { Feed, ListingKind } from '../feed/types.js';
import { normaliseFeed } from '../feed/normalise.js';
import type { EngineOptions } from './core.js';
import { createEngine } from './engine.js';
import { LISTINGS_PER_MESSAGE, reviveLoadError, serializeLoadError, type FromWorker, type ToWorker, type WorkerLoadOptions } from './protocol.js';
import type { FinderState, QueryResult, SearchEngine, Suggestion } from './types.js';

/**
 * Feeds of at least this many bytes go to the worker: about 1,500 to 2,500
 * listings, where reading and indexing on the main thread starts to take
 * longer than a frame or two even in slices.
 */
export const WORKER_THRESHOLD_BYTES = 2_000_000;

export interface FinderLoadOptions extends LoadOptions {
  /** Page language, for need labels and name order. */
  lang?: string;
  /** Keep only these kinds of listing. */
  kinds?: ListingKind[];
  /**
   * A prebuilt text index (what `atlas build` writes) for the same feed. May be a
   * promise, so the index downloads alongside the feed; one that resolves to
   * undefined (it failed to load) means the engine indexes the feed itself.
   */
  prebuiltIndex?: string | object | Promise<string | object | undefined>;
  /** `auto` (default): a worker for feeds of WORKER_THRESHOLD_BYTES or more; `true`: always; `false`: never. */
  worker?: boolean | 'auto';
  /** Where the worker script is. Default: `worker.js` beside this module (bundlers follow this). */
  workerUrl?: URL | string;
}

export interface FinderLoad {
  data: AtlasData;
  engine: SearchEngine;
  /** True when searching happens in a worker. */
  inWorker: boolean;
}

export async function loadFinder(urls: string[], options: FinderLoadOptions = {}): Promise<FinderLoad> {
  // Bytes, not text, whenever a worker might be used: a large feed's bytes move to
  // the worker without a copy and are decoded there, not on the page.
  const mayUseWorker = options.worker !== false && typeof Worker === 'function';
  const fetched = await Promise.allSettled(urls.map((url) => fetchFeed(url, { ...options, bytes: mayUseWorker })));
  const prebuiltIndex = await options.prebuiltIndex;
  if (options.signal?.aborted) throw options.signal.reason;
  const bytes = fetched.reduce((sum, r) => sum + (r.status === 'fulfilled' ? r.value.bytes?.byteLength ?? r.value.text.length : 0), 0);
  const wantWorker = options.worker === true || ((options.worker ?? 'auto') === 'auto' && bytes >= WORKER_THRESHOLD_BYTES);
  if (wantWorker && typeof Worker === 'function') {
    try {
      return await loadInWorker(urls, fetched, { ...options, prebuiltIndex });
    } catch (error) {
      if (error instanceof FeedLoadError || options.signal?.aborted) throw error;
      // A Content-Security-Policy without worker-src 'self', or a bundler that dropped the worker file: search on the page instead.
      console.warn('Community Atlas: the search worker could not start, so the page does the searching.', error);
      // A worker that failed after it started took the feeds' bytes with it: fetch them again.
      if (fetched.some((r) => r.status === 'fulfilled' && r.value.bytes?.byteLength === 0 && r.value.bytes.buffer.byteLength === 0)) {
        return loadFinder(urls, { ...options, worker: false });
      }
    }
  }
  let data = combineFeeds(urls, fetched.map((result) => {
    if (result.status === 'rejected') return result;
    try {
      return { status: 'fulfilled', value: readFetchedFeed(result.value) } as const;
    } catch (reason) {
      return { status: 'rejected', reason } as const;
    }
  }));
  if (options.kinds?.length) {
    const kinds = options.kinds;
    data = { ...data, listings: data.listings.filter((l) => kinds.includes(l.kind)) };
  }
  const engineOptions: EngineOptions = {
    ...(options.lang ? { lang: options.lang } : {}),
    ...(prebuiltIndex ? { prebuiltIndex } : {}),
  };
  return { data, engine: createEngine(data, engineOptions), inWorker: false };
}

function loadInWorker(urls: string[], fetched: PromiseSettledResult<FetchedFeed>[], options: FinderLoadOptions & { prebuiltIndex?: string | object }): Promise<FinderLoad> {
  const feeds: Extract<ToWorker, { type: 'load' }>['feeds'] = [];
  for (const result of fetched) {
    if (result.status === 'fulfilled') feeds.push({ ok: true, feed: result.value });
    else if (result.reason instanceof FeedLoadError) feeds.push({ ok: false, error: serializeLoadError(result.reason) });
    else return Promise.reject(result.reason);
  }
  const buffers = feeds.flatMap((f) => (f.ok && f.feed.bytes ? [f.feed.bytes.buffer] : []));
  return inWorker(options, undefined, (worker) => {
    worker.postMessage({ type: 'load', feeds, urls, options: workerOptions(options) } satisfies ToWorker, buffers);
  });
}

function workerOptions(options: FinderLoadOptions & { prebuiltIndex?: string | object }): WorkerLoadOptions {
  return {
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.kinds?.length ? { kinds: options.kinds } : {}),
    ...(options.prebuiltIndex ? { prebuiltIndex: options.prebuiltIndex } : {}),
  };
}

/**
 * Starts the worker, hands it the feed with `send`, and resolves when its index
 * is ready. `kept` is data the page already holds (its listings are not sent
 * back); otherwise the worker's normalised listings arrive in slices.
 */
function inWorker(
  options: FinderLoadOptions,
  kept: AtlasData | undefined,
  send: (worker: Worker, lookup: ListingLookup) => void | Promise<void>,
): Promise<FinderLoad> {
  const worker = options.workerUrl
    ? new Worker(options.workerUrl, { type: 'module', name: 'community-atlas-search' })
    // Written out in full so that bundlers (Vite, webpack, Parcel, esbuild) see the worker and emit it as its own file.
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'community-atlas-search' });
  return new Promise<FinderLoad>((resolve, reject) => {
    let meta: Omit<AtlasData, 'listings'> | undefined;
    const listings: AtlasListing[] = [];
    // Filled a slice at a time as listings arrive (or are sent), not all at once when the worker is ready.
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
      worker.terminate();
      reject(error);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      fail(new Error(event.message || 'the search worker failed to start'));
    };
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      if (message.type === 'hello') Promise.resolve(send(worker, lookup)).catch(fail);
      else if (message.type === 'meta') meta = message.data;
      else if (message.type === 'listings') {
        for (const l of message.listings) listings.push(l);
        lookup.add(message.listings);
      }
      else if (message.type === 'failed') fail('name' in message.error ? reviveLoadError(message.error) : new Error(message.error.message));
      else if (message.type === 'ready') {
        settle();
        const data: AtlasData = kept ?? { ...meta!, listings };
        resolve({ data, engine: new WorkerEngine(worker, lookup), inWorker: true });
      }
    };
  });
}

/** What `createEngineAuto` takes: normalised data, a feed as parsed JSON, or a feed's text. */
export type EngineInput = AtlasData | Feed | string;

export interface AutoEngineOptions extends Omit<FinderLoadOptions, keyof LoadOptions | 'prebuiltIndex'> {
  /** A prebuilt text index (what `atlas build` writes) for the same feed. */
  prebuiltIndex?: string | object;
  /** Where the feed came from: names it in problems and resolves its relative links. */
  source?: string;
  /** Abort starting the engine (the finder left the page). */
  signal?: AbortSignal;
}

/**
 * Listings at or above which `createEngineAuto` uses the worker for data or a
 * parsed feed (feed text goes by WORKER_THRESHOLD_BYTES). Below it, slices on
 * the page finish in well under a second and a worker's start-up would not pay.
 */
export const WORKER_THRESHOLD_LISTINGS = 3_000;

const isAtlasData = (input: object): input is AtlasData =>
  Array.isArray((input as AtlasData).problems) && Array.isArray((input as AtlasData).publishers) && Array.isArray((input as AtlasData).listings);

/**
 * A search engine over data the caller already has, in a worker when the feed is
 * large (WORKER_THRESHOLD_LISTINGS listings, or WORKER_THRESHOLD_BYTES of text)
 * and Worker exists, else on the page in slices. Text and parsed feeds are read
 * and normalised where the engine runs, so a large feed's normalising happens in
 * the worker too; `data` is the normalised result. Text that is not a feed
 * rejects with a FeedLoadError, as `loadFinder` does.
 */
export async function createEngineAuto(input: EngineInput, options: AutoEngineOptions = {}): Promise<FinderLoad> {
  const source = options.source ?? 'feed';
  const size = typeof input === 'string' ? input.length : Array.isArray((input as { listings?: unknown }).listings) ? (input as { listings: unknown[] }).listings.length : 0;
  const large = typeof input === 'string' ? size >= WORKER_THRESHOLD_BYTES : size >= WORKER_THRESHOLD_LISTINGS;
  const wantWorker = options.worker === true || ((options.worker ?? 'auto') === 'auto' && large);
  const kinds = options.kinds?.length ? options.kinds : undefined;
  const keepKinds = (data: AtlasData): AtlasData => kinds ? { ...data, listings: data.listings.filter((l) => kinds.includes(l.kind)) } : data;

  if (wantWorker && typeof Worker === 'function') {
    try {
      if (typeof input === 'string') {
        return await loadInWorker([source], [{ status: 'fulfilled', value: { url: source, text: input, status: 200, ...(options.source ? { baseUrl: options.source } : {}) } }], options);
      }
      const data = isAtlasData(input) ? keepKinds(input) : undefined;
      const { listings, ...head } = (data ?? input) as unknown as { listings?: unknown[] } & Record<string, unknown>;
      const all = Array.isArray(listings) ? listings : [];
      return await inWorker(options, data, async (worker, lookup) => {
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
    } catch (error) {
      if (error instanceof FeedLoadError || options.signal?.aborted) throw error;
      console.warn('Community Atlas: the search worker could not start, so the page does the searching.', error);
    }
  }
  const data = typeof input === 'string'
    ? readFetchedFeed({ url: source, text: input, status: 200, ...(options.source ? { baseUrl: options.source } : {}) })
    : isAtlasData(input) ? input : normaliseFeed(input, { source, ...(options.source ? { baseUrl: options.source } : {}) });
  const kept = keepKinds(data);
  const engineOptions: EngineOptions = {
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.prebuiltIndex ? { prebuiltIndex: options.prebuiltIndex } : {}),
  };
  return { data: kept, engine: createEngine(kept, engineOptions), inWorker: false };
}

const handBack = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/** The page's copy of the worker's listings: by key for `get` and result items, by index for the worker's answers. */
class ListingLookup {
  readonly byKey = new Map<string, AtlasListing>();
  /** Keys in the order of the listings the worker was given: its answers name listings by index. */
  readonly keyAt: string[] = [];
  add(listings: AtlasListing[]): void {
    for (const l of listings) {
      this.keyAt.push(l?.key);
      this.byKey.set(l.key, l);
    }
  }
}

/** The SearchEngine whose index lives in a worker; listings are kept here too, so `get` needs no round trip. */
class WorkerEngine implements SearchEngine {
  readonly #worker: Worker;
  readonly #byKey: Map<string, AtlasListing>;
  readonly #keyAt: string[];
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #disposed = false;

  constructor(worker: Worker, lookup: ListingLookup) {
    this.#worker = worker;
    this.#byKey = lookup.byKey;
    this.#keyAt = lookup.keyAt;
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.#answer(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      for (const p of this.#pending.values()) p.reject(new Error(event.message || 'the search worker stopped'));
      this.#pending.clear();
    };
  }

  #answer(message: FromWorker): void {
    if (!('id' in message)) return;
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.type === 'answer-failed') {
      pending.reject(new Error(message.message));
    } else if (message.type === 'result') {
      const items = [];
      for (const item of message.result.items) {
        const listing = this.#byKey.get(item.key);
        if (listing) items.push({ ...item, listing });
      }
      const keyAt = this.#keyAt;
      const keys = new Array<string>(message.indexes.length);
      for (let k = 0; k < keys.length; k++) keys[k] = keyAt[message.indexes[k]!]!;
      const { total, facets, items: _sent, ...rest } = message.result;
      (pending.resolve as (r: QueryResult) => void)({ total, items, keys, facets, ...rest });
    } else if (message.type === 'suggestions') {
      (pending.resolve as (s: Suggestion[]) => void)(message.suggestions);
    }
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

  /** Forgets the worker's cached text matches (benchmarks measure searches from cold). */
  clearCaches(): void {
    this.#worker.postMessage({ type: 'clear-caches' } satisfies ToWorker);
  }

  get size(): number {
    return this.#byKey.size;
  }

  dispose(): void {
    this.#disposed = true;
    this.#worker.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('the search engine was disposed'));
    this.#pending.clear();
  }
}
