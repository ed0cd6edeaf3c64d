/**
 * `loadFinder`: fetches feeds and gives back the data and a search engine over
 * it, choosing where the work happens. Small feeds are read on the main thread
 * and indexed in slices; large ones (by the bytes that arrived) are parsed,
 * normalised, indexed and searched in a Web Worker, so a 10,000-listing feed
 * never holds the page for more than a few milliseconds at a time.
 *
 * Only what a well-formed small feed needs is loaded up front: the normaliser,
 * the JSON fault finder and the merger of several feeds come with `import()`
 * when the feeds need them (see feed/read.ts), and the code that talks to the
 * worker (in-worker.ts) when a feed is big enough for it.
 */
import { FeedLoadError, fetchFeed, fetchedBytesGone, fetchedSize, fetchedViews, readBlob, readOn, type FetchedFeed, type LoadOptions } from '../feed/fetch.js';
import type { AtlasData } from '../feed/normalised.js';
import { readFirstScreen, type FirstScreen } from '../feed/first.js';
import type { Feed, ListingKind } from '../feed/types.js';
import type { EngineOptions } from './core.js';
import { summarise, type FinderState, type ListingSummary, type ResultItem, type SearchEngine } from './types.js';
import type * as OnPage from './on-page.js';
import type { FromWorker } from './protocol.js';

/**
 * Reading and searching on the page (on-page.ts), asked for as the feeds are: a
 * resident's first chunk is smaller by that much, and it costs no round trip of
 * its own. A failed load is asked for again by the next call.
 */
let onPage: Promise<typeof OnPage> | undefined;
const loadOnPage = (): Promise<typeof OnPage> => {
  const loading = (onPage ??= import('./on-page.js'));
  loading.catch(() => {
    if (onPage === loading) onPage = undefined;
  });
  return loading;
};

/**
 * Starts fetching what `loadFinder` fetches beside the feeds (the code that reads and
 * searches on the page), so a caller can ask for it a task before `loadFinder`: on a
 * finder's first screen the import and the feed's fetch made in one task were 20 to 40 ms
 * of CPU time on a slow phone.
 */
export function prepareFinderLoad(): void {
  loadOnPage().catch(() => undefined);
}

/**
 * Feeds of at least this many bytes go to the worker: about 1,500 to 2,500
 * listings, where reading and indexing on the main thread starts to take
 * longer than a frame or two even in slices.
 */
export const WORKER_THRESHOLD_BYTES = 2_000_000;

/**
 * A body whose Content-Length says at least this many bytes is not read on the
 * page at all, but taken whole as a Blob the worker reads (fetchFeed's
 * `blobBytes`): for 100,000 listings (80 to 100 MB) the page's reading was
 * tasks of 74 to 262 ms. A smaller body is read on the page, its pieces handed
 * to the worker as they come, while the worker's thread starts and its code
 * loads: the worker reading a Blob can only begin once it is up, and then
 * costs it as much as the page's reading did (10,000 listings, a ready feed of
 * 10 MB: about 40 ms of the worker's CPU, before the first answer).
 */
const BLOB_THRESHOLD_BYTES = 16_000_000;

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
  /**
   * Called at most once, as soon as it has arrived and before the engine is
   * ready, with a ready feed's first screen (feed/first.ts) written for `lang`,
   * whose seal matched: what to draw for the default state meanwhile (for
   * `kinds`, the screen atlas build wrote for them). Only for one feed; a feed
   * without one never calls it.
   */
  screen?: (screen: FirstScreen) => void;
  /**
   * One feed arriving slowly (a phone's link): `show` is called at most once, before the engine
   * is ready, with the first screen for `state` worked out from the listings that have arrived so
   * far, each through the same check as ever, and each one's place in the answer (`items`: score,
   * next session at `now`, default the clock's; `total` counts only them; the engine's answer, once
   * the whole body is in, replaces it). Asked for once the worker is up and SO_FAR_AFTER_MS have
   * passed since the load began, only if the body is still arriving then: a feed that is all in
   * by then, or read on the page, never calls it. Not for a ready feed (its first screen is `screen`).
   */
  soFar?: { state: FinderState; now?: Date; show: (screen: FirstScreen, items: Omit<ResultItem, 'listing'>[]) => void };
}

/**
 * How long a body may take to arrive before the listings so far are shown (`soFar`). A feed all in by
 * then shows whole, with no partial step: 10,000 listings gzipped (0.5 MB) take 0.4 s over 10 Mbit/s.
 * A body still arriving then costs the worker one read of the listings so far, while it would otherwise
 * wait for the rest. On the slow phone (1.6 Mbit/s) the same feed takes about three seconds to arrive,
 * and its first screen would wait for all of it.
 */
const SO_FAR_AFTER_MS = 500;

export interface FinderLoad {
  /**
   * The feeds' data. Searched in a worker (`inWorker`), the listings stay
   * there and `data.listings` is empty: the page gets a page of results with
   * their listings, and asks `engine.records` for any other (see `summary`).
   */
  data: AtlasData;
  /** How many listings, of which kinds, and where: what a page needs without holding them all. */
  summary: ListingSummary;
  engine: SearchEngine;
  /** True when searching happens in a worker. */
  inWorker: boolean;
}

export async function loadFinder(urls: string[], options: FinderLoadOptions = {}): Promise<FinderLoad> {
  // When the load began: the listings so far are asked for SO_FAR_AFTER_MS after it.
  if (options.soFar) options = { ...options, soFar: { ...options.soFar, at: performance.now() + SO_FAR_AFTER_MS } as SoFar };
  const early: { worker?: Promise<StartedWorker | undefined> } = {};
  // A worker started early that no load took (the feed failed, or went to the page after all) stops.
  const stopUntaken = (started: StartedWorker | undefined): void => {
    if (started && !started.taken) started.worker.terminate();
  };
  try {
    const loaded = await load(urls, options, early);
    void early.worker?.then(stopUntaken);
    return loaded;
  } catch (error) {
    // A failed load settles once its worker, if its start was under way, is stopped: none is left running after it.
    stopUntaken(await early.worker);
    throw error;
  }
}

async function load(urls: string[], options: FinderLoadOptions, early: { worker?: Promise<StartedWorker | undefined> }): Promise<FinderLoad> {
  // Bytes, not text, whenever a worker might be used: a large feed's bytes move to
  // the worker without a copy and are decoded there, not on the page.
  const mayUseWorker = options.worker !== false && typeof Worker === 'function';
  const page = options.worker === true ? undefined : loadOnPage();
  // A feed big enough for the worker is known by its first bytes or its length:
  // the worker starts then, and reads the rest of the body itself (in-worker.ts),
  // rather than wait for the page to read it all first.
  const handOffBytes = !mayUseWorker ? undefined : options.worker === true ? 0 : WORKER_THRESHOLD_BYTES;
  const watch = mayUseWorker && urls.length === 1 ? screenWatch(options) : undefined;
  // The worker starts as soon as a response says its body is large (by its length, before a piece is read):
  // its code loads and runs while the body arrives, not after.
  const large = (): void => {
    if (early.worker) return;
    // The worker's file is asked for now, beside the code that talks to it, not once that code has arrived.
    let started: StartedWorker | undefined;
    try {
      started = startWorker(options);
    } catch {
      // A Content-Security-Policy without worker-src 'self': the load finds out for itself, and searches on the page.
    }
    early.worker = Promise.resolve(started);
    import('./in-worker.js').catch(() => undefined);
  };
  // A body of BLOB_THRESHOLD_BYTES or more by its Content-Length alone is not read on the page at all (a Blob the worker reads).
  let fetched = await Promise.allSettled(urls.map((url) => fetchFeed(url, { ...options, bytes: mayUseWorker, ...(handOffBytes !== undefined ? { handOffBytes, blobBytes: options.blobBytes ?? BLOB_THRESHOLD_BYTES, large } : {}), ...(watch ? { watch: watch.see } : {}) })));
  if (options.signal?.aborted) throw options.signal.reason;
  const only = fetched.length === 1 && fetched[0]!.status === 'fulfilled' ? fetched[0]!.value : undefined;
  // A first screen not in yet comes in the next pieces: read on now, while the worker's code loads, not after.
  if (only?.rest && watch && !watch.done) readOn(only).catch(() => undefined);
  // A sharded directory is searched in the worker, which loads the shards each search needs (shards-worker.ts).
  if (only && (await isManifest(only))) {
    fetched[0] = await wholeBody(fetched[0]!);
    if (fetched[0]!.status === 'fulfilled') return (await import('./in-worker.js')).loadManifestInWorker(urls[0]!, only, options, await early.worker);
  }
  const bytes = fetched.reduce((sum, r) => sum + (r.status === 'fulfilled' ? fetchedSize(r.value) : 0), 0);
  // Left for the worker: a body still arriving, or taken whole as a Blob.
  const handedOff = fetched.some((r) => r.status === 'fulfilled' && (r.value.rest || r.value.blob));
  const wantWorker = options.worker === true || ((options.worker ?? 'auto') === 'auto' && (handedOff || bytes >= WORKER_THRESHOLD_BYTES));
  if (wantWorker && typeof Worker === 'function') {
    try {
      // The code that talks to the worker loads only for a feed big enough to need it.
      const { loadInWorker } = await import('./in-worker.js');
      // A prebuilt index still downloading is handed on when it is in: the worker starts meanwhile.
      // A lone feed's pieces go to the worker as they arrive, once the page has read its first screen from them (if it watches for one).
      return await loadInWorker(urls, fetched, options, await early.worker, () => !watch || watch.done);
    } catch (error) {
      if (error instanceof FeedLoadError || options.signal?.aborted) throw error;
      // A Content-Security-Policy without worker-src 'self', or a bundler that dropped the worker file: search on the page instead.
      console.warn('Community Atlas: no search worker, so searching on the page.', error);
      // A worker that failed after it started took the feeds' bytes with it: fetch them again.
      if (fetched.some((r) => r.status === 'fulfilled' && fetchedBytesGone(r.value))) {
        return loadFinder(urls, { ...options, worker: false });
      }
    }
  }
  const prebuiltIndex = await options.prebuiltIndex;
  if (options.signal?.aborted) throw options.signal.reason;
  // Bodies left for a worker that did not start are read here.
  fetched = await Promise.all(fetched.map(wholeBody));
  const { combineRead, createEngine, keepKinds, readAll } = await (page ?? loadOnPage());
  // Kinds that keep every listing keep a ready feed's prebuilt parts; others narrow them (feed/ready-kinds.ts).
  const data = keepKinds(await combineRead(urls, await readAll(fetched)), options.kinds ?? []);
  // The engine reads only its own options (language, index) from these.
  const engineOptions: EngineOptions = { ...options, prebuiltIndex };
  return { data, summary: summarise(data.listings), engine: createEngine(data, engineOptions), inWorker: false };
}

/**
 * A worker started before its feed is in (`loadFinder` starts one as soon as
 * a response says its body is large, while the body arrives), its `hello`
 * or its failure to start kept until a load takes it (`taken`).
 */
export interface StartedWorker {
  worker: Worker;
  /** Resolves with its `hello`; rejects if it could not start. */
  started: Promise<void>;
  taken: boolean;
}

/**
 * Starts the search worker. `loadFinder` calls it as soon as a response says its body is large, in the same task,
 * so the worker's file is asked for beside the code that talks to it (in-worker.ts): started from there, it was
 * a round trip later in turn (150 ms on the slow phone), on the path to a large feed's first page.
 */
function startWorker(options: FinderLoadOptions): StartedWorker {
  const worker = newWorker(options);
  const started = new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data?.type === 'hello') resolve();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'the search worker failed to start'));
    };
  });
  started.catch(() => undefined);
  return { worker, started, taken: false };
}

export function newWorker(options: FinderLoadOptions): Worker {
  return options.workerUrl
    ? new Worker(options.workerUrl, { type: 'module', name: 'community-atlas-search' })
    // Written out in full so that bundlers (Vite, webpack, Parcel, esbuild) see the worker and emit it as its own file.
    : new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'community-atlas-search' });
}

/** `soFar` as loadFinder passes it on: with when to ask (performance.now()'s clock). */
export type SoFar = NonNullable<FinderLoadOptions['soFar']> & { at: number };

/** Watches a feed's pieces for a ready feed's first screen for `options.lang`, and hands it to `options.screen`. */
function screenWatch(options: FinderLoadOptions): { see: (parts: readonly Uint8Array[]) => void; done: boolean } | undefined {
  const given = options.screen;
  if (!given) return undefined;
  const watch = {
    done: false,
    see(parts: readonly Uint8Array[]): void {
      if (watch.done) return;
      const screen = readFirstScreen(parts, options.kinds);
      if (screen === undefined) return;
      watch.done = true;
      if (screen && screen.lang === (options.lang ?? 'en') && !options.signal?.aborted) given(screen);
    },
  };
  return watch;
}

/** A feed with the rest of its body read on the page (see `readOn`; a Blob as its bytes), or its failure. */
const wholeBody = async (r: PromiseSettledResult<FetchedFeed>): Promise<PromiseSettledResult<FetchedFeed>> => {
  if (r.status !== 'fulfilled' || (!r.value.rest && !r.value.blob)) return r;
  const fetched = r.value;
  try {
    await readOn(fetched);
    await readBlob(fetched);
    return r;
  } catch (reason) {
    return { status: 'rejected', reason };
  }
};

/** A sharded directory's manifest (`atlas build --shards`) starts with its format (feed/manifest.ts). */
const MANIFEST_START = /^\uFEFF?\s*\{\s*"format"\s*:\s*"community-atlas-manifest"/;

async function isManifest(fetched: FetchedFeed): Promise<boolean> {
  // A body taken whole as a Blob (its length said it was large, and nothing read its first pieces) is known by the
  // Blob's first bytes once it is in: a manifest of BLOB_THRESHOLD_BYTES or more (a directory of about sixteen million listings) would be one.
  if (fetched.rest && !fetchedViews(fetched).length) {
    try {
      await readOn(fetched);
    } catch {
      // Its failure is the feed's, said where the feed is read.
      return false;
    }
  }
  const first = fetched.blob ? new Uint8Array(await fetched.blob.slice(0, 80).arrayBuffer()) : fetchedViews(fetched)[0]?.subarray(0, 80);
  return MANIFEST_START.test(fetched.text ? fetched.text.slice(0, 80) : new TextDecoder().decode(first));
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
      const { loadInWorker, sendToWorker } = await import('./in-worker.js');
      if (typeof input === 'string') {
        return await loadInWorker([source], [{ status: 'fulfilled', value: { url: source, text: input, status: 200, ...(options.source ? { baseUrl: options.source } : {}) } }], options);
      }
      return await sendToWorker(input, isAtlasData(input) ? keepKinds(input) : undefined, source, options);
    } catch (error) {
      if (error instanceof FeedLoadError || options.signal?.aborted) throw error;
      console.warn('Community Atlas: no search worker, so searching on the page.', error);
    }
  }
  const { createEngine, normaliseOnDemand, readFeed } = await loadOnPage();
  const data = typeof input === 'string'
    ? await readFeed({ url: source, text: input, status: 200, ...(options.source ? { baseUrl: options.source } : {}) })
    : isAtlasData(input) ? input : await normaliseOnDemand(input, { source, ...(options.source ? { baseUrl: options.source } : {}) });
  const kept = keepKinds(data);
  const engineOptions: EngineOptions = {
    ...(options.lang ? { lang: options.lang } : {}),
    ...(options.prebuiltIndex ? { prebuiltIndex: options.prebuiltIndex } : {}),
  };
  return { data: kept, summary: summarise(kept.listings), engine: createEngine(kept, engineOptions), inWorker: false };
}
