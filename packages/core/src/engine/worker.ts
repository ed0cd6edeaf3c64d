/**
 * The search worker: parses, normalises and indexes large feeds and answers
 * queries, so none of that holds the page's main thread. Loaded with
 * `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`.
 */
import { FeedLoadError, combineFeeds, normaliseQuickFirst, readFetchedFeedQuickFirst } from '../feed/load.js';
import type { AtlasData } from '../feed/normalised.js';
import { EngineCore } from './full.js';
import { LISTINGS_PER_MESSAGE, reviveLoadError, serializeLoadError, type FromWorker, type ToWorker, type WorkerLoadOptions } from './protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let core: EngineCore | undefined;

function load(message: Extract<ToWorker, { type: 'load' }>): void {
  const started = performance.now();
  let data: AtlasData;
  try {
    data = combineFeeds(message.urls, message.feeds.map((f) => {
      if (!f.ok) return { status: 'rejected', reason: reviveLoadError(f.error) };
      try {
        return { status: 'fulfilled', value: readFetchedFeedQuickFirst(f.feed) };
      } catch (reason) {
        return { status: 'rejected', reason };
      }
    }));
  } catch (error) {
    scope.postMessage({ type: 'failed', error: error instanceof FeedLoadError ? serializeLoadError(error) : { message: String(error) } });
    return;
  }
  index(data, message.options, true, started);
}

/** Builds the index; `sendBack` returns the normalised listings to a page that does not have them. */
function index(all: AtlasData, options: WorkerLoadOptions, sendBack: boolean, started: number): void {
  const kinds = options.kinds;
  const data = kinds?.length ? { ...all, listings: all.listings.filter((l) => kinds.includes(l.kind)) } : all;
  let steps: Generator<void, void, void>;
  try {
    core = new EngineCore(data, {
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.prebuiltIndex ? { prebuiltIndex: options.prebuiltIndex } : {}),
    });
  } catch (error) {
    scope.postMessage({ type: 'failed', error: { message: String(error) } });
    return;
  }
  if (sendBack) {
    // Sent before facets and sorting are prepared, so that the page reads them
    // while the worker works rather than after.
    const { listings, ...meta } = data;
    scope.postMessage({ type: 'meta', data: meta, total: listings.length });
    for (let i = 0; i < listings.length; i += LISTINGS_PER_MESSAGE) {
      scope.postMessage({ type: 'listings', listings: listings.slice(i, i + LISTINGS_PER_MESSAGE) });
    }
  }
  try {
    steps = core.prepare();
    while (!core.filtersReady && !steps.next().done);
  } catch (error) {
    scope.postMessage({ type: 'failed', error: { message: String(error) } });
    return;
  }
  // Facets and sorting are ready: the first page (no words yet) can be answered
  // while the text index is built in slices between messages.
  scope.postMessage({ type: 'ready', ms: performance.now() - started });
  indexing = steps;
  warming = core.warm();
  // The page asks for its first page of results as soon as it hears 'ready':
  // answer that before slices of text indexing take the thread (a slice can run
  // well past SLICE_MS, and the question would wait for it). If no question
  // comes soon, the slices start anyway.
  firstQuestion = setTimeout(startSlices, FIRST_QUESTION_WAIT_MS);
}

const FIRST_QUESTION_WAIT_MS = 100;
let firstQuestion: ReturnType<typeof setTimeout> | undefined;

function startSlices(): void {
  if (firstQuestion === undefined) return;
  clearTimeout(firstQuestion);
  firstQuestion = undefined;
  nextSlice();
}

/** The text index still being built, if any. */
let indexing: Generator<void, void, void> | undefined;
/** Then need phrases' matches being found (see EngineCore.warm): no query waits for these. */
let warming: Generator<void, void, void> | undefined;

/**
 * Slices are short, so a query that arrives meanwhile waits little, and follow
 * each other through a message channel rather than setTimeout, which browsers
 * hold back by 4 ms once timers nest.
 */
const SLICE_MS = 10;
const slices = new MessageChannel();
slices.port1.onmessage = buildTextIndex;
const nextSlice = (): void => slices.port2.postMessage(null);

function buildTextIndex(): void {
  const until = performance.now() + SLICE_MS;
  while (indexing && performance.now() < until) {
    if (indexing.next().done) indexing = undefined;
  }
  while (!indexing && warming && performance.now() < until) {
    if (warming.next().done) warming = undefined;
  }
  if (indexing || warming) nextSlice();
}

/** Words need the whole text index: finish it now rather than answer from part of it. */
function finishTextIndex(): void {
  while (indexing && !indexing.next().done);
  indexing = undefined;
}

/** A feed arriving in slices from a page that already holds it. */
let parts: { shape: 'feed' | 'data'; head: Record<string, unknown>; listings: unknown[]; started: number } | undefined;

function loadEnd(message: Extract<ToWorker, { type: 'load-end' }>): void {
  if (!parts) return;
  const { shape, head, listings, started } = parts;
  parts = undefined;
  if (shape === 'data') {
    index({ ...head, listings } as unknown as AtlasData, message.options, false, started);
    return;
  }
  const data = normaliseQuickFirst({ ...head, listings }, { source: message.source });
  index(data, message.options, true, started);
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'load') {
    load(message);
    return;
  }
  if (message.type === 'load-begin') {
    parts = { shape: message.shape, head: message.head, listings: [], started: performance.now() };
    return;
  }
  if (message.type === 'load-listings') {
    for (const l of message.listings) parts?.listings.push(l);
    return;
  }
  if (message.type === 'load-end') {
    loadEnd(message);
    return;
  }
  if (message.type === 'clear-caches') {
    core?.clearCaches();
    return;
  }
  if (!core) {
    scope.postMessage({ type: 'answer-failed', id: message.id, message: 'the worker has no feed loaded' });
    return;
  }
  try {
    if (message.type === 'query' && typeof message.state?.q === 'string' && message.state.q.trim() !== '') finishTextIndex();
    if (message.type === 'query') {
      const { result, indexes } = core.queryIndexes(message.state, new Date(message.now));
      scope.postMessage({ type: 'result', id: message.id, result, indexes }, [indexes.buffer]);
    } else scope.postMessage({ type: 'suggestions', id: message.id, suggestions: core.suggest(message.prefix, message.limit) });
  } catch (error) {
    scope.postMessage({ type: 'answer-failed', id: message.id, message: String(error) });
  }
  startSlices();
};

scope.postMessage({ type: 'hello' });
