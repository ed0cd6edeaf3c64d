/**
 * The search worker: parses, normalises and indexes large feeds and answers
 * queries, so none of that holds the page's main thread. Loaded with
 * `new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })`.
 *
 * Text search (text.ts: MiniSearch and the need synonyms, a fifth of the
 * worker's code) is loaded with `import()` after the first answer, or for the
 * first words or suggestion: the worker's own file, which every large feed
 * waits for before its first page, is that much smaller to fetch, compile
 * and run, and the synonym tables are not built before the first page.
 */
import { combineFeeds, normaliseQuickFirst, readFetchedFeedQuickFirst } from '../feed/load.js';
import { normaliseFeed, type NormaliseOptions } from '../feed/normalise.js';
import { quickParts, type QuickParts } from '../feed/quick.js';
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import { summarise, type GeoPoint } from './types.js';
import { decodeReadyBits, FilterCore, planFor, type CoreItem, type ReadyColumns } from './core.js';
import { extras } from './extras.js';
import { deadlineReader } from './deadlines.js';
import { deadlineState } from '../transfer/deadline.js';
import type { TextIndex } from './text.js';
import { mapColumnsOf, mapLabelsOf, mapPointsOf, mapPointsTransfer } from '../location/map-points.js';
import { readyPartsOf, wholeListings, type LazyListings } from '../feed/ready-parts.js';
import { keepKinds } from '../feed/ready-kinds.js';
import { READY_TEXT_START, ReadySealer } from '../feed/ready-seal.js';
import { readReadyHeadEarly } from '../feed/ready.js';
import { feedSoFar } from '../feed/so-far.js';
import { ArrivingFeed } from '../feed/arriving.js';
import type { FirstScreen } from '../feed/first.js';
import { FeedLoadError, fetchedViews, readBlob } from '../feed/fetch.js';
import { londonOffsetMinutes } from '../schedule/zone.js';
import { LISTINGS_PER_MESSAGE, reviveLoadError, serializeLoadError, type FromWorker, type ToWorker, type WorkerLoadOptions } from './protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let core: FilterCore | undefined;
/** The text index, once its code has loaded (it may still be building: `indexing`). */
let search: TextIndex | undefined;
/** The listings the engine was given, in the order the answers' indexes count them. */
let held: readonly AtlasListing[] = [];
/** A trusted ready feed's listings not all read yet (see LazyListings): the first page is answered before they are. */
let unread: LazyListings | undefined;
/** The listing at `i` in `held`, read now if it was not. */
const heldAt = (i: number): AtlasListing => held[i] ?? unread!.at(i);

/**
 * A plain feed whose first page was answered before the whole quick check (feed/quick.ts's
 * `quickParts`): the engine was made from its listings as parsed, read as the check gives
 * them, and `held` is those parsed listings. Until `settle`, nothing unchecked leaves the
 * worker: an answer's listings are checked one by one as it is sent, and any other question
 * waits for the whole check. The check runs in slices after the first answer; when it passes
 * (every `atlas build` output, most feeds) the engine takes the listings it gave; when it
 * fails, the normaliser's data replaces everything and the page is told to ask again.
 */
let checking: { parts: QuickParts; json: unknown; options: NormaliseOptions; sendBack: boolean; lang: string | undefined } | undefined;

/** Finishes the quick check now (`slices` at a time, or all of it), then takes its listings or the normaliser's data. True once settled. */
function settle(until = Infinity): boolean {
  const now = checking;
  if (!now) return true;
  let step = now.parts.steps.next();
  while (!step.done && performance.now() < until) step = now.parts.steps.next();
  if (!step.done) return false;
  checking = undefined;
  checkedAhead.clear();
  if (step.value && core) {
    core.adoptChecked(step.value.listings);
    held = step.value.listings;
    return true;
  }
  // The check failed (a listing the normaliser repairs, skips or reports): what today's path gives.
  const data = normaliseFeed(now.json, now.options);
  index(data, { ...(now.lang ? { lang: now.lang } : {}) }, now.sendBack, performance.now(), 'changed');
  return true;
}

/** The most results an answer may have for its listings to be checked one by one (see `checking`); for more, the whole check first. */
const EARLY_RESULTS = 100;
const onePage = (limit: unknown): boolean => typeof limit === 'number' && limit > 0 && limit <= EARLY_RESULTS;

/** The listings of an answer, each checked alone while the whole check has not settled; undefined if one fails it (settle first). */
function recordsAt(indexes: readonly number[]): AtlasListing[] | undefined {
  if (!checking) return indexes.map(heldAt);
  const records: AtlasListing[] = [];
  for (const i of indexes) {
    const checked = checkedAhead.get(i) ?? checking.parts.one(i);
    if (!checked) return undefined;
    records.push(checked);
  }
  return records;
}

/**
 * The first page's listings in name order (the default state's), checked alone while the page is
 * told the worker is ready and asks its first question: that question's answer then only looks them up.
 */
const checkedAhead = new Map<number, AtlasListing | undefined>();
function checkAhead(): void {
  checkedAhead.clear();
  if (!checking || !core) return;
  for (let p = 0; p < Math.min(FIRST_PAGE, core.size); p++) {
    const i = core.indexAt(p);
    checkedAhead.set(i, checking.parts.one(i));
  }
}
/** The finder's page of results (results.ts's PAGE_SIZE). */
const FIRST_PAGE = 20;
/** `held` with every listing read now, for what reads them all (a postcode's place, the map's points). */
function readAll(): readonly AtlasListing[] {
  unread = undefined;
  return wholeListings(held);
}

/**
 * The pieces of the one feed's body handed over before its 'load', sealed as they came: the first
 * `sealed` of them (and of the pieces that come with the 'load') by the page, before the worker was up.
 */
let pieces: { views: Uint8Array[]; sealer: ReadySealer; sealed: number; arriving?: ArrivingFeed | undefined; fed: number } | undefined;

/**
 * A plain feed's pieces are parsed as they come (feed/arriving.ts), in slices of their own after the
 * messages already waiting: a burst of pieces handed over when the worker says hello is followed by
 * the page's question for the listings so far, which is answered first (on a slow phone, parsing the
 * burst first put the first results half a second later).
 */
const ARRIVING_SLICE_MS = 8;
const arrivingSlices = new MessageChannel();
let arrivingAsked = false;
arrivingSlices.port1.onmessage = () => {
  arrivingAsked = false;
  feedArriving(pieces, performance.now() + ARRIVING_SLICE_MS);
};
function feedArriving(now: typeof pieces, until = Infinity): void {
  if (!now?.arriving) return;
  while (now.fed < now.views.length && performance.now() < until) now.arriving.add(now.views[now.fed++]!);
  if (now.arriving.gaveUp) now.arriving = undefined;
  else if (now === pieces && now.fed < now.views.length && !arrivingAsked) {
    arrivingAsked = true;
    arrivingSlices.port2.postMessage(null);
  }
}

function load(message: Extract<ToWorker, { type: 'load' }>): void {
  const started = performance.now();
  let data: AtlasData;
  // One plain feed, all its kinds, no prebuilt index (which is matched to the checked listings): its first page can come before the whole check.
  let early: typeof checking;
  const options = message.options;
  const answerEarly = message.feeds.length === 1 && !options.kinds?.length && !options.prebuiltIndex;
  const normalise = (json: unknown, given: NormaliseOptions = {}): AtlasData => {
    const parts = answerEarly ? quickParts(json, given) : undefined;
    early = parts && { parts, json, options: given, sendBack: true, lang: options.lang };
    return parts ? parts.data : normaliseQuickFirst(json, given);
  };
  // One feed: a trusted ready feed's listings are read as they are asked for, the first page's first
  // (several feeds are merged listing by listing). Kinds keep its listings by its columns (feed/ready-kinds.ts).
  const lazyListings = message.feeds.length === 1;
  const before = pieces;
  pieces = undefined;
  try {
    data = combineFeeds(message.urls, message.feeds.map((f) => {
      if (!f.ok) return { status: 'rejected', reason: reviveLoadError(f.error) };
      try {
        if (before && lazyListings) {
          // The body's first pieces came before it: the rest follow them, into the same seals.
          const rest = fetchedViews(f.feed);
          rest.forEach((view, k) => {
            if (before.views.length + k >= before.sealed) before.sealer.add(view);
          });
          const { bytes: _whole, ...feed } = f.feed;
          // A plain feed parsed as its pieces came (feed/arriving.ts): only the last of it is left to parse now.
          const arriving = before.arriving;
          // What was not parsed yet is parsed in one now (ArrivingFeed.addLast).
          if (arriving) for (const view of [...before.views.slice(before.fed), ...rest]) arriving.addLast(view);
          const parsed = arriving?.value();
          return { status: 'fulfilled', value: readFetchedFeedQuickFirst({ ...feed, parts: [...before.views, ...rest] }, { lazyListings, sealer: before.sealer, normalise, ...(parsed !== undefined ? { parsed } : {}) }) };
        }
        return { status: 'fulfilled', value: readFetchedFeedQuickFirst(f.feed, { lazyListings, normalise }) };
      } catch (reason) {
        return { status: 'rejected', reason };
      }
    }));
  } catch (error) {
    scope.postMessage({ type: 'failed', error: error instanceof FeedLoadError ? serializeLoadError(error) : { message: String(error) } });
    return;
  }
  checking = early && early.parts.data === data ? early : undefined;
  index(data, message.options, true, started);
}

/**
 * Builds the index; `sendBack`: the page does not hold the data, so it is told what it needs of it (never every listing).
 * `told`: 'changed' when the page already has an engine, answered from a first reading of this feed (see `checking`).
 */
function index(all: AtlasData, options: WorkerLoadOptions, sendBack: boolean, started: number, told: 'meta' | 'changed' = 'meta'): void {
  const kinds = options.kinds;
  const data = kinds?.length ? keepKinds(all, kinds) : all;
  const asChecked = checking?.parts;
  let steps: Generator<void, void, void>;
  try {
    core = new FilterCore(data, { ...(options.lang ? { lang: options.lang } : {}), ...(asChecked ? { asChecked } : {}) });
    core.attachDeadlines(deadlineReader(deadlineState));
    core.attachExtras(extras);
  } catch (error) {
    checking = undefined;
    scope.postMessage({ type: 'failed', error: { message: String(error) } });
    return;
  }
  held = data.listings;
  unread = readyPartsOf(held)?.lazy;
  placer = undefined;
  if (sendBack) {
    // The page never receives every listing: only what it shows (a page of
    // results, an opened listing, the map's records). It gets the rest of the
    // data, every key (so it can name the matches the worker sends as
    // indexes) and a summary, before facets and sorting are prepared. Not the
    // listings' places: a postcode is placed among them here when the page
    // asks (`place`), so the page never clones one object per listing.
    const { listings, ...meta } = data;
    // Listings not read yet: their keys and summary came with the columns (atlas build summarised them).
    const summary = unread ? unread.summary : asChecked ? { size: listings.length, kinds: asChecked.kinds, places: [] } : summarise(listings, false);
    scope.postMessage({ type: told, data: meta, summary, keys: unread ? unread.keys : asChecked ? asChecked.keys : listings.map((l) => l.key) });
  }
  try {
    steps = core.prepare();
    while (!core.filtersReady && !steps.next().done);
  } catch (error) {
    checking = undefined;
    scope.postMessage({ type: 'failed', error: { message: String(error) } });
    return;
  }
  // Facets and sorting are ready: the first page (no words yet) can be answered
  // while the text index is built in slices between messages.
  if (told === 'meta') scope.postMessage({ type: 'ready', ms: performance.now() - started });
  checkAhead();
  // The rest of preparing (each schedule group's next session) goes on in slices meanwhile.
  indexing = steps;
  warming = undefined;
  search = undefined;
  // Text search's code, and a ready feed's text index (a file of its own), come after the first answer
  // or for the first words, whichever is first; the index is then read (or, without the file, built).
  textLoad = undefined;
  textAsked = false;
  const loading = core;
  const prebuilt = options.prebuiltIndex;
  textWaits = () =>
    (textLoad ??= Promise.all([import('./text.js'), loading.fetchReadyIndex()]).then(
      ([{ TextIndex }]) => {
        if (core !== loading) return true;
        search = new TextIndex(loading, prebuilt);
        loading.attachText(search);
        indexing = chain(indexing, search.build());
        warming = search.warm();
        textWaits = undefined;
        nextSlice();
        return true;
      },
      () => {
        // Its code could not be fetched (offline for a moment): asked for again by the next words.
        textLoad = undefined;
        return false;
      },
    ));
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

/**
 * Until text search's code is in (and a ready feed's text index file has come or failed): starts loading
 * them (once), and resolves with whether the code came. Words and suggestions wait for it.
 */
let textWaits: (() => Promise<boolean>) | undefined;
let textLoad: Promise<boolean> | undefined;
let textAsked = false;

/** `first`'s steps (if any are left), then `then`'s. */
function* chain(first: Generator<void, void, void> | undefined, then: Generator<void, void, void>): Generator<void, void, void> {
  if (first) yield* first;
  yield* then;
}

/** The text index still being built, if any. */
let indexing: Generator<void, void, void> | undefined;
/** Then need phrases' matches being found (see TextIndex.warm): no query waits for these. */
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
  // Text search's code starts loading in a task after the first answer's, not in it (and once: after a
  // failure, the next words ask again).
  if (!textAsked) {
    textAsked = true;
    void textWaits?.();
  }
  const until = performance.now() + SLICE_MS;
  // The whole quick check first: the text index reads the listings it gives.
  if (!settle(until)) {
    nextSlice();
    return;
  }
  // First the listings the first page did not need: the map's points and a postcode's place read them all.
  if (unread && unread.readSome(until)) unread = undefined;
  while (indexing && performance.now() < until) {
    if (indexing.next().done) indexing = undefined;
  }
  while (!indexing && !textWaits && warming && performance.now() < until) {
    if (warming.next().done) warming = undefined;
  }
  if (unread || indexing || (warming && !textWaits)) nextSlice();
}

/** Words need the whole text index: finish it now rather than answer from part of it. */
function finishTextIndex(): void {
  settle();
  while (indexing && !indexing.next().done);
  indexing = undefined;
}

/** Where a postcode is among the listings (place-among.ts, loaded on the first ask), for the page, which holds no places. */
let placer: Promise<(postcode: string) => Promise<GeoPoint | undefined>> | undefined;
function place(message: Extract<ToWorker, { type: 'place' }>): void {
  const listings = readAll();
  placer ??= import('./place-among.js').then(({ placerAmong }) => placerAmong(listings));
  placer.then((among) => among(message.postcode)).then(
    (near) => scope.postMessage({ type: 'placed', id: message.id, near: near ?? null }),
    (error: unknown) => {
      placer = undefined;
      scope.postMessage({ type: 'answer-failed', id: message.id, message: String(error) });
    },
  );
}

/**
 * The first screen for a state from the listings of the one feed's pieces so far (feed/so-far.ts),
 * each through the same check as the whole feed's (a listing the check skips is not in it), worked
 * out by an engine of its own that is dropped after: the whole feed's load is as it always was.
 * Null when there is nothing to show yet, or the pieces are not a plain feed's (a ready feed has
 * its own first screen).
 */
function screenSoFar(message: Extract<ToWorker, { type: 'so-far' }>): { screen: FirstScreen | null; items?: CoreItem[]; again?: boolean } {
  const none = { screen: null };
  const views = pieces?.views;
  // Words would wait for text search's code: the finder asks only for a state without them (its default).
  if (planFor(message.state).text || readyStart(views?.[0] ?? new Uint8Array())) return none;
  try {
    const cut = views && feedSoFar(views, SO_FAR_MOST);
    // No listing whole yet (or not a feed's start): worth asking again as more arrives.
    if (!views?.length || !cut) return { ...none, again: true };
    const { url, baseUrl, options, state } = message;
    const read = readFetchedFeedQuickFirst({ url, text: '', parts: [cut.bytes], status: 200, ...(baseUrl ? { baseUrl } : {}) });
    const data = options.kinds?.length ? keepKinds(read, options.kinds) : read;
    if (!data.listings.length) return none;
    const engine = new FilterCore(data, options.lang ? { lang: options.lang } : {});
    engine.attachDeadlines(deadlineReader(deadlineState));
    engine.attachExtras(extras);
    const steps = engine.prepare();
    while (!engine.filtersReady && !steps.next().done);
    const { result, indexes } = engine.queryIndexes(state, new Date(message.now));
    const { publishers, areas, needs, categories, transferStages, skipped } = data;
    const screen: FirstScreen = {
      lang: options.lang ?? 'en', total: result.total, kinds: summarise(data.listings, false).kinds, limit: state.limit ?? result.items.length,
      listings: result.items.map((_, k) => data.listings[indexes[k]!]!), facets: result.facets,
      needs, areas, ...(categories ? { categories } : {}), skipped, publishers, transferStages,
    };
    return { screen, items: result.items };
  } catch {
    // Not JSON so far, say: the whole body's load says what is wrong with it.
    return none;
  }
}

/**
 * The listings so far read for a first screen, at the most: its first page and counts from 2,000 listings took
 * a fresh process 206 to 220 ms of CPU where 5,000 took 343 to 417 (half of a 10,000-listing body), and its count says "so far".
 */
const SO_FAR_MOST = 2_000;

/** A ready feed's first bytes (feed/ready.ts). */
const readyStart = (first: Uint8Array): boolean => String.fromCharCode(...first.subarray(0, 40)).replace(/^\u00ef\u00bb\u00bf/, '').startsWith(READY_TEXT_START);

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

/** A sharded directory's handler (shards-worker.ts, loaded only for a manifest): every message after the manifest goes to it. */
let shards: ((message: ToWorker) => void) | undefined;

/** Messages that came while a query with words waited for the text index file, or while a feed's Blob was read: answered after it, in order. */
let backlog: ToWorker[] | undefined;

scope.onmessage = (event) => receive(event.data);

/** A question only text search answers: a query with words, or a suggestion. */
const needsText = (message: ToWorker): boolean =>
  message.type === 'suggest' || (message.type === 'query' && planFor(message.state).text);

function receive(message: ToWorker): void {
  if (backlog) {
    backlog.push(message);
    return;
  }
  if (textWaits && core && needsText(message)) {
    // Words and suggestions wait only for text search: its code and the index's file, or the index built without it.
    backlog = [message];
    void textWaits().then((came) => {
      const waiting = backlog ?? [];
      backlog = undefined;
      for (const m of waiting) {
        if (!came && needsText(m) && 'id' in m) scope.postMessage({ type: 'answer-failed', id: m.id, message: 'the search worker could not load text search' });
        else receive(m);
      }
    });
    return;
  }
  if (shards) {
    shards(message);
    return;
  }
  if (message.type === 'manifest') {
    import('./shards-worker.js').then(
      ({ shardsWorker }) => (shards = shardsWorker((m, transfer) => scope.postMessage(m, transfer), message)),
      (error: unknown) => scope.postMessage({ type: 'failed', error: { message: String(error) } }),
    );
    return;
  }
  if (message.type === 'sealed') {
    pieces = { views: [], sealer: ReadySealer.from(message.state), sealed: message.pieces, arriving: new ArrivingFeed(), fed: 0 };
    return;
  }
  if (message.type === 'piece') {
    pieces ??= { views: [], sealer: new ReadySealer(), sealed: 0, arriving: new ArrivingFeed(), fed: 0 };
    pieces.views.push(message.piece);
    // A plain feed is parsed as it comes; anything else (a ready feed, say) is given up on at once, and read whole as before.
    if (pieces.arriving && !arrivingAsked) {
      arrivingAsked = true;
      arrivingSlices.port2.postMessage(null);
    }
    if (pieces.views.length > pieces.sealed) pieces.sealer.add(message.piece);
    // A ready feed's part before its listings is parsed once it is in, while the listings still come.
    const sealer: ReadySealer = pieces.sealer;
    if (pieces.views.length >= pieces.sealed && sealer.early === undefined) {
      readReadyHeadEarly(pieces.views, sealer);
      // Its columns' sets of bits decoded then too: taking the columns after the last byte decodes none.
      const parts = (sealer as ReadySealer).early?.parts as { columns?: ReadyColumns; sizes?: unknown[] } | undefined;
      if (parts && Array.isArray(parts.sizes)) decodeReadyBits(parts.columns, parts.sizes.length);
    }
    return;
  }
  if (message.type === 'so-far') {
    scope.postMessage({ type: 'so-far', ...screenSoFar(message) });
    return;
  }
  if (message.type === 'load') {
    const blobs = message.feeds.filter((f) => f.ok && f.feed.blob);
    if (!blobs.length) {
      load(message);
      return;
    }
    // A body the page never read (a Blob, see fetchFeed's blobBytes) is read here, in one piece.
    // Questions asked meanwhile wait for the load, as for any load.
    backlog = [];
    void Promise.all(blobs.map((f) => (f.ok ? readBlob(f.feed) : undefined))).then(
      () => load(message),
      (error: unknown) => scope.postMessage({ type: 'failed', error: { message: `the feed could not be read: ${String(error)}` } }),
    ).finally(() => {
      const waiting = backlog ?? [];
      backlog = undefined;
      for (const m of waiting) receive(m);
    });
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
    if (message.type === 'query' && planFor(message.state).text) finishTextIndex();
    // Before the whole quick check has settled, only a page of results (its listings checked one by one), the
    // map's points (each listing's place and kind checked) and its markers' names are answered.
    const unsettled = message.type === 'query' ? typeof message.state?.open !== 'string' && onePage(message.state?.limit) : message.type === 'points' || message.type === 'labels';
    if (!unsettled) settle();
    if (message.type === 'query') {
      let answer = core.queryIndexes(message.state, new Date(message.now));
      // The results' listings by their indexes (the first of `indexes`, in the same order): no key looked up.
      let shown = recordsAt(answer.result.items.map((_, k) => answer.indexes[k]!));
      if (!shown) {
        // One fails the check: the whole check fails too, and the answer comes from the normaliser's data.
        settle();
        answer = core.queryIndexes(message.state, new Date(message.now));
        shown = recordsAt(answer.result.items.map((_, k) => answer.indexes[k]!))!;
      }
      const { result, indexes } = answer;
      // The listings of the results, and the open one (a link to it, Back to it): the page may hold neither.
      const open = typeof message.state?.open === 'string' ? core.listing(message.state.open) : undefined;
      const records = [...shown, ...(open ? [open] : [])];
      scope.postMessage({ type: 'result', id: message.id, result, indexes, records }, [indexes.buffer]);
    } else if (message.type === 'records') {
      const wanted = message.indexes.filter((i) => i >= 0 && i < held.length);
      // In parts, so that the page clones each in a task of its own.
      for (let i = 0; i === 0 || i < wanted.length; i += LISTINGS_PER_MESSAGE) {
        const part = wanted.slice(i, i + LISTINGS_PER_MESSAGE).map(heldAt);
        scope.postMessage({ type: 'records', id: message.id, listings: part, done: i + LISTINGS_PER_MESSAGE >= wanted.length });
      }
    } else if (message.type === 'points') {
      // The points of (often) every listing: read whatever is not read yet at once.
      readAll();
      const inRange = (indexes: ArrayLike<number>): number[] => {
        const wanted: number[] = [];
        for (let k = 0; k < indexes.length; k++) if (indexes[k]! >= 0 && indexes[k]! < held.length) wanted.push(indexes[k]!);
        return wanted;
      };
      // Before the whole check has settled, only each listing's place and kind are checked (their points need no more); if one fails them, the whole check first.
      let wanted = inRange(message.indexes);
      const placed = checking && message.labels === 'on-demand' ? checking.parts.places(wanted) : undefined;
      if (!placed) {
        settle();
        wanted = inRange(message.indexes);
      }
      const listings = placed ?? wanted.map((i) => held[i]!);
      // Typed arrays only: the page knows every key by its index, and asks for the names of the markers it draws.
      const points = placed || message.labels === 'on-demand' ? mapColumnsOf(listings, wanted) : mapPointsOf(listings as AtlasListing[], message.lang);
      scope.postMessage({ type: 'points', id: message.id, points }, mapPointsTransfer(points));
    } else if (message.type === 'labels') {
      const names: string[] = [];
      const places: string[] = [];
      // Each marker's listing checked alone while the whole check has not settled (a few dozen: for more, or if one fails it, the whole check first).
      const inRange = message.indexes.filter((i) => i >= 0 && i < held.length);
      const checked = inRange.length <= EARLY_RESULTS ? recordsAt(inRange) : undefined;
      if (!checked) settle();
      const byIndex = checked && new Map(inRange.map((i, k) => [i, checked[k]!]));
      for (const i of message.indexes) {
        const listing = i >= 0 && i < held.length ? byIndex?.get(i) ?? heldAt(i) : undefined;
        const { name, place } = listing ? mapLabelsOf(listing, message.lang) : { name: '', place: '' };
        names.push(name);
        places.push(place);
      }
      scope.postMessage({ type: 'labels', id: message.id, names, places });
    } else if (message.type === 'suggest') scope.postMessage({ type: 'suggestions', id: message.id, suggestions: search?.suggest(message.prefix, message.limit) ?? [] });
    else if (message.type === 'place') place(message);
  } catch (error) {
    scope.postMessage({ type: 'answer-failed', id: message.id, message: String(error) });
  }
  startSlices();
}

scope.postMessage({ type: 'hello' });

// While the page still hands over the feed: the time zone data the first answer's "on now, today,
// this week" counts read. Without Temporal, its first use makes an Intl formatter, which loads the
// locale's date patterns (30 to 140 ms of this thread) inside the first question's answer.
setTimeout(() => {
  if (!core) londonOffsetMinutes(Date.now());
}, 0);
