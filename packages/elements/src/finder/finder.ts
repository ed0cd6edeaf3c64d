import { html, nothing, type PropertyValues } from 'lit';
import {
  breathe, FeedLoadError, isSafeUrl, loadFinder, prepareFinderLoad, text,
  type ListingKind, type FirstScreen, type AtlasListing,
  type AtlasData, type FacetId, type GeoPoint, type FinderState, type ListingSummary, type QueryResult, type ResultItem, type SearchEngine,
} from '@community-atlas/core';
import { AtlasElement, baseStyles, warmStyles } from '../internal/atlas-element.js';
import { DEFAULT_FILTER_ORDER } from '../filters/filters.js';
import { listingElement, map, orukSource, postcodeLookup, prebuiltIndex as indexReader, prescriber, suggestLink, theme, transferCards } from '../on-demand.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { AtlasOpenEvent } from '../events/open.js';
import { AtlasCloseEvent } from '../events/close.js';
import { AtlasLoadEvent } from '../events/load.js';
import { PAGE_SIZE } from '../results/results.js';
import { finderStyles } from './finder.styles.js';
import type { PrescriberController } from '../shortlist/prescriber.js';
import { AtlasZeroResultsEvent } from '../events/zero-results.js';
import { en } from '../translations/en.js';
import type { FinderMapView } from './map-view.js';
import type { OrukDetails } from './oruk-source.js';
import { AtlasHighlightEvent } from '../events/highlight.js';
import { defineListing } from '../listing/define-listing.js';
import { UrlSync } from './url-sync.js';
import { FocusReturn } from './focus.js';
import { warmFormats } from '../internal/format.js';

type Phase = 'loading' | 'ready' | 'error';

/** A full UK postcode among other words ("lonely NB1 2AB"): outward code, a space or none, inward code. */
const POSTCODE_IN_TEXT = /\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b/i;

/**
 * @tagname atlas-finder
 * @summary A searchable directory of community assets, activities and asset transfers from one or more JSON feeds, with filters, a list, listing details and (optionally) a map. All of it is in the page's URL, so a copied link reopens the same view.
 *
 * @csspart controls - The search and location area.
 * @csspart state - The loading, empty and error messages.
 * @cssprop --atlas-font-family - Font (default: the page's).
 * @cssprop --atlas-color-text - Text colour (default: the page's).
 * @cssprop --atlas-color-link - Links and selected options.
 * @cssprop --atlas-color-focus - Focus highlight.
 * @cssprop --atlas-color-primary - Main action buttons.
 * @cssprop --atlas-color-border - Card and section borders.
 * @cssprop --atlas-gap - Space between the main areas.
 * @cssprop --atlas-finder-reserve - The height the finder holds while it loads and draws its first screen, so the page below it does not move (default: the viewport's, `100svh`; `0` holds none).
 * @fires atlas-load - `{ total, error? }` when the feed has loaded or failed.
 * @fires atlas-open - `{ key }` when a listing is opened (cancelable).
 * @cssstate loading - The feed is loading.
 * @cssstate error - No feed could be loaded.
 * @cssstate empty - Loaded, but there is nothing in it.
 * @cssstate drawing - Loading or drawing the first screen: the finder holds `--atlas-finder-reserve` of height until the first screen is whole.
 */
export class AtlasFinder extends AtlasElement {
  static override styles = [baseStyles, finderStyles];

  static override properties = {
    src: {},
    index: {},
    kinds: {},
    view: { reflect: true, useDefault: true },
    theme: { reflect: true, useDefault: true },
    feedback: {},
    suggestUrl: { attribute: 'suggest-url' },
    postcodeService: { attribute: 'postcode-service' },
    tileUrl: { attribute: 'tile-url' },
    tileAttribution: { attribute: 'tile-attribution' },
    tileConsent: { attribute: 'tile-consent' },
    namespace: {},
    mode: { reflect: true, useDefault: true },
    views: {},
    searchHint: { attribute: 'search-hint' },
    headingLevel: { type: Number, attribute: 'heading-level', reflect: true },
    fetcher: { attribute: false },
    now: { attribute: false },
    timeout: { type: Number, attribute: 'timeout' },
    phase: { state: true },
    slow: { state: true },
    errorMessage: { state: true },
    data: { state: true },
    result: { state: true },
    finderState: { state: true },
    mapState: { state: true },
    highlightKey: { state: true },
    listingFailed: { state: true },
    searchFailed: { state: true },
    postcodeMessage: { state: true },
    placeAttribution: { state: true },
  };

  /** Feed URL, or several separated by spaces (merged). `oruk:https://…` reads a live Open Referral UK API instead. */
  src = '';
  /** The prebuilt search index `atlas build` writes (`index.json`) for the feed in `src`: loaded alongside it, so the finder skips indexing. A missing or mismatched index only costs the time to index. */
  index = '';
  /** Only these kinds of listing, space-separated: `asset activity transfer`. */
  kinds = '';
  /** `list`, `map` or `both`. The list is always a full alternative to the map. */
  view: 'list' | 'map' | 'both' = 'list';
  /** `gov`, `nhs` or `none`: a ready theme. */
  theme: 'gov' | 'nhs' | 'none' = 'none';
  /** "Report something wrong": a URL template with `{id}` and `{name}`, or mailto:. Default: the publisher's feedbackUrl. */
  feedback = '';
  /** Where "Suggest a listing" goes. */
  suggestUrl = '';
  /** Base URL of a postcodes.io-compatible service. Unset: only the feed's own postcodes are used and nothing leaves the page. */
  postcodeService = '';
  /** Map tiles, `https://…/{z}/{x}/{y}.png`. Default: OpenStreetMap's standard tiles; use your own provider for heavy use. */
  tileUrl = '';
  /** The attribution your tile provider requires (plain text, links written as `<a href>` are kept). */
  tileAttribution = '';
  /** `ask`: the map asks the person before it loads tiles from another site; listings and markers show either way. */
  tileConsent = '';
  /** Prefix for this finder's URL parameters, so two finders on one page keep their own state. A second finder without one takes `finder2` (and warns). */
  namespace = '';
  /** The views a person may switch between, space-separated; `list` alone turns the map off. Whatever `view` starts with, the others are one choice away. */
  views = 'list map both';
  /** The hint under the search box, in the page's words (a libraries page: "For example, a library or a town"). Default: the kit's, which suits a directory of activities and places. */
  searchHint = '';
  /** Level of the finder's top headings (filters, results, an open listing), so they sit under the host page's own; the rest follow from it. Default 2. */
  headingLevel = 2;
  /** `prescriber` reserves the layout for a link worker's tools (shortlist, print); the default is a resident's view. */
  mode = '';
  /** The fetch used for feeds (tests pass their own). */
  fetcher?: typeof fetch;
  /** The time sessions and deadlines are worked out from; default now. */
  now?: Date;
  /** Give up on a feed after this many milliseconds. */
  timeout = 20_000;

  private phase: Phase = 'loading';
  /** The feed is slow to arrive: the loading message says so, long before the timeout gives up. */
  private slow = false;
  #slowTimer?: ReturnType<typeof setTimeout>;
  private errorMessage = '';
  private data?: AtlasData;
  /** How many listings, which kinds and where (set with `data`, which redraws): the page does not hold them all when a worker searches. */
  #summary?: ListingSummary;
  private result?: QueryResult;
  private finderState: FinderState = { q: '', filters: {}, sort: 'relevance' };
  private mapState: 'off' | 'loading' | 'ready' | 'failed' = 'off';
  /** The listing pointed at or focused in the list or on the map, shown highlighted in both. */
  private highlightKey?: string;
  /** `<atlas-listing>` could not be loaded (embed bundle, offline): an open listing says so instead. */
  private listingFailed = false;
  /** The last query could not be answered (text search's chunk could not be fetched): said in the finder until one can. */
  private searchFailed = false;
  /** A postcode typed into the search box that could not be placed: why, said under the search. */
  private postcodeMessage = '';
  /** A sharded directory's national gazetteer placed the postcode: its licence condition, shown while results are measured from the place. */
  private placeAttribution = '';

  #engine?: SearchEngine;
  /** A sharded directory's data besides listings as last read from the engine (it grows as shards arrive). */
  #meta?: Omit<AtlasData, 'listings'>;
  /** The feed's errors already told to the console, in this load: each is told once. */
  #warned = new Set<string>();
  #abort?: AbortController;
  #releaseTimer?: ReturnType<typeof setTimeout>;
  #internals: ElementInternals;
  /** Prescriber mode (shortlist, shortcuts, print) and the shared "your list" view: its own chunk, loaded as soon as either is asked for. */
  #prescriber?: PrescriberController;
  /** Keys pressed in prescriber mode before its chunk arrived, handled when it does (undefined once it has, or cannot). */
  #earlyKeys?: { event: KeyboardEvent; path: EventTarget[] }[] = [];
  #lastZeroQuery = '';
  #queryRun = 0;
  /** One map for the finder's life (in the map's chunk): kept while a listing is open, so the user's pan and zoom survive the round trip. */
  #mapView?: FinderMapView;
  /** `<atlas-listing>`'s registration while its chunk loads (embed bundle); settles either way. */
  #listingLoad?: Promise<void>;
  /** The address bar: this finder's state in it, Back and Forward. */
  #url = new UrlSync(this, () => this.#onPopState());
  /** Where focus goes after opening or closing a listing. */
  #focus = new FocusReturn(this, () => this.#listingLoad);
  /** An `oruk:` source's full records, read as the person sees and opens its services (in that source's chunk). */
  #oruk?: OrukDetails;
  /** A ready feed's first screen, shown while the engine is on its way (`#screenResult` is `result` meanwhile). */
  #screen?: FirstScreen;
  /** The first screen as a result, until the engine's answer replaces it. */
  #screenResult?: QueryResult;
  /** Settles once a load has its engine (or has failed): what the person did on the first screen waits for it. */
  #engineIn?: Promise<void>;
  /** The person asked for something on the first screen: its results wait for the engine, and the first screen's are not shown. */
  #waiting = false;

  constructor() {
    super();
    this.#internals = this.attachInternals();
    this.#internals.states.add('drawing');
    this.addEventListener('keydown', (event) => {
      if (this.mode === 'prescriber') this.#earlyKeys?.push({ event, path: event.composedPath() });
    });
    this.addEventListener(AtlasStateChangeEvent.eventName, this.#onStateChange);
    this.addEventListener(AtlasOpenEvent.eventName, this.#onOpen);
    this.addEventListener(AtlasCloseEvent.eventName, this.#onClose);
    // Cards and map markers both report the listing under the pointer or focus.
    this.addEventListener(AtlasHighlightEvent.eventName, (e: Event) => {
      this.highlightKey = (e as CustomEvent<{ key?: string }>).detail.key;
    });
  }

  /** The engine over the loaded feed, for hosts that want to query it themselves. */
  get engine(): SearchEngine | undefined {
    return this.#engine;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.#releaseTimer);
    // Back in the page after being taken out for good (or mid-load): load again.
    if (this.hasUpdated && this.src && (!this.#engine || this.phase === 'loading')) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // A move in the DOM is a disconnect and a connect in one task: only let go of
    // the engine (and its worker) if the finder is still out of the page after it.
    this.#releaseTimer = setTimeout(() => {
      if (this.isConnected) return;
      this.#abort?.abort();
      this.#engine?.dispose();
      this.#engine = undefined;
    });
  }

  /**
   * The first render waits for a task of its own: the script's evaluation and the
   * elements' definitions already fill the task that upgrades the finder, and the
   * first render (with its parts' own) would add as much again to it.
   */
  protected override async scheduleUpdate(): Promise<unknown> {
    if (!this.hasUpdated) await new Promise((resolve) => setTimeout(resolve, 0));
    return super.scheduleUpdate();
  }

  /**
   * Later draws, in the task after the one that asked for them: a postcode placed by the
   * worker was one task that wrote the address, asked the worker for results and drew
   * the finder and its parts (60 ms of CPU time on a slow phone).
   */
  protected override drawsLater(): boolean {
    return this.hasUpdated;
  }

  /**
   * How much of the search view is drawn: the finder's first draw of its search, and each draw
   * after a listing closes, draws it in stages, a task apart: the search box (0), then the place
   * box (1), the filters (2), and the results with the choice of view (3). All of them at once
   * were one task of 60 to 90 ms of CPU time on a slow phone; the search and place boxes together,
   * or the filters and results together, 15 to 40 (issue 19). Each part is drawn after those
   * above it, so nothing on screen moves. `#staging`: the task that draws the next stage, which
   * `updateComplete` waits for.
   */
  #stage = 0;
  #staging?: Promise<void>;

  /**
   * The page below the finder keeps its place while the first screen comes in: the finder
   * holds a screen's height (`:state(drawing)`) from its upgrade until the first screen is
   * whole (every stage and card drawn, or the empty, error or listing view), then takes the
   * height of what it shows. The page's own `atlas-finder:not(:defined)` rule holds the same
   * height before the script runs (README). Without it, a page's footer was pushed down four
   * times as the finder grew from its loading message (layout shift 0.13 to 0.34 at desktop width).
   */
  #settle(): void {
    if (!this.#internals.states.has('drawing') || this.#settling) return;
    // Only the search view is drawn in stages; the empty, error, listing and shared-list views are whole at once.
    if (this.phase === 'loading' || (this.#stage < 3 && this.renderRoot.querySelector('.top'))) return;
    this.#settling = true;
    void this.updateComplete.finally(() => {
      this.#settling = false;
      this.#internals.states.delete('drawing');
    });
  }

  #settling = false;

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#settle();
    if (this.#stage >= 3 || this.#staging || !this.renderRoot.querySelector('.top')) return;
    this.#staging = breathe().then(() => {
      this.#staging = undefined;
      this.#stage++;
      this.requestUpdate();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#wantsPrescriber()) void this.#needPrescriber();
    if (changed.has('theme') && this.theme !== 'none') void this.#needTheme();
    if (changed.has('src') || changed.has('index') || changed.has('kinds') || changed.has('fetcher')) void this.#load();
    if (changed.has('view') && this.view !== 'list') void this.#loadMap();
    if (changed.has('suggestUrl') && this.suggestUrl) void this.need(suggestLink);
    // On the first screen the listing's element is asked for a task later, with the feed (below).
    if ((changed as PropertyValues).has('finderState') && this.finderState.open) {
      if (this.hasUpdated) this.#defineListing();
      else void breathe().then(() => this.#defineListing());
    }
    this.#oruk?.want(this.finderState.open, this.result);
  }

  /** Registers `<atlas-listing>` unless it is (the embed bundle loads it when a listing first opens); a failure is tried again on the next open. */
  #defineListing(): void {
    if (customElements.get('atlas-listing')) this.listingFailed = false;
    if (this.#listingLoad || customElements.get('atlas-listing')) return;
    this.listingFailed = false;
    this.#listingLoad = defineListing().then(
      () => (this.#listingLoad = undefined),
      (error: unknown) => {
        this.#listingLoad = undefined;
        this.listingFailed = true;
        listingElement.report(error, console.error);
      },
    );
  }

  #setPhase(phase: Phase, empty = false): void {
    this.phase = phase;
    for (const s of ['loading', 'error', 'empty'] as const) this.#internals.states.delete(s);
    if (phase !== 'ready') this.#internals.states.add(phase);
    else if (empty) this.#internals.states.add('empty');
  }

  /** Loads the feed(s) again (the error state's "Try again"). */
  async reload(): Promise<void> {
    await this.#load();
  }

  /** Loads asked for: a first load waiting for its task gives way to any asked for since. */
  #loads = 0;

  async #load(): Promise<void> {
    const run = ++this.#loads;
    // On the first screen the load starts in the task after the one that draws the loading message,
    // and the feed's fetch in the task after that (issue 18, item 7; issue 19: the loading draw with
    // the load's start was one task of 30 to 40 ms of CPU time on a slow phone, the load's start with
    // the fetch's another of 20 to 30).
    const first = !this.hasUpdated;
    if (first) {
      this.#setPhase('loading');
      await breathe();
      if (run !== this.#loads || !this.isConnected) return;
    }
    this.#abort?.abort();
    const abort = new AbortController();
    this.#abort = abort;
    const urls = this.src.split(/\s+/).filter(Boolean);
    this.#setPhase('loading');
    this.result = undefined;
    this.#screen = undefined;
    this.#waiting = false;
    let engineIn!: () => void;
    this.#engineIn = new Promise((resolve) => (engineIn = resolve));
    this.slow = false;
    clearTimeout(this.#slowTimer);
    // No feed to load (a page that sets one from its script later): no screen of blank height held meanwhile.
    if (!urls.length) return void this.#internals.states.delete('drawing');
    // The browser's date data loads while the feed is on its way, not in the task that draws the results; so do the parts' style sheets.
    warmFormats(this.t.locale);
    warmStyles(['atlas-search', 'atlas-location', 'atlas-filters', 'atlas-results', 'atlas-card']);
    // Within 8 seconds (sooner with a short timeout), never 20 seconds of silence.
    this.#slowTimer = setTimeout(() => (this.slow = true), Math.min(8_000, this.timeout / 2));
    // A link to an open listing: fetch its element alongside the feed.
    if (this.#url.has('open')) this.#defineListing();
    // A page of transfers only: their chunk comes alongside the feed rather than after it.
    if (this.#transfersOnly()) void this.need(transferCards);
    if (first) {
      prepareFinderLoad();
      await breathe();
      if (abort.signal.aborted) return;
    }
    try {
      const kinds = this.kinds.split(/\s+/).filter(Boolean) as ListingKind[];
      // The index and `oruk:https://…` sources (an Open Referral UK API, read page by page) are read by code
      // in chunks of their own, fetched only when the attributes ask for them.
      const prebuiltIndex = this.index ? this.#prebuiltIndex(this.index, abort.signal) : undefined;
      const oruk = urls.some((url) => /^oruk:/i.test(url)) ? await orukSource.load() : undefined;
      // Large feeds are read, indexed and searched in a worker; small ones on the page, in slices.
      // A ready feed's first screen applies to the default state of a resident's list of everything in the page's language.
      const screenApplies = !oruk && !this.#engine && this.view === 'list' && !this.#wantsPrescriber() && this.#url.isDefault();
      // The listings so far answer any list a resident's link asks for without words (filters, a place, a sort):
      // words wait for text search's code, and an open listing for the whole feed.
      const asked = this.#url.read();
      const soFarApplies = !oruk && !this.#engine && this.view === 'list' && !this.#wantsPrescriber() && !asked.q.trim() && !asked.open;
      const { data, summary, engine } = await loadFinder(urls, {
        signal: abort.signal, timeoutMs: oruk ? oruk.loadTimeout(urls, this.timeout) : this.timeout, lang: this.language, kinds,
        ...(oruk ? { fetch: oruk.withOrukSources(this.fetcher) } : this.fetcher ? { fetch: this.fetcher } : {}),
        ...(prebuiltIndex ? { prebuiltIndex } : {}),
        ...(screenApplies ? { screen: (screen: FirstScreen) => this.#showScreen(screen, abort.signal) } : {}),
        // A large feed arriving slowly: the first screen from the listings so far, said to be so, until the whole feed's answer.
        ...(soFarApplies ? {
          soFar: { state: { ...asked, limit: PAGE_SIZE }, ...(this.now ? { now: this.now } : {}), show: (screen: FirstScreen, items: Omit<ResultItem, 'listing'>[]) => this.#showScreen(screen, abort.signal, items) },
        } : {}),
      });
      // Results show with the shortlist and its buttons already in place (the chunk loaded alongside the feed),
      // and transfers with their status and deadline (their chunk, only when the feed has transfers).
      await Promise.all([
        this.theme !== 'none' ? this.#needTheme() : undefined,
        this.#wantsPrescriber() ? this.#needPrescriber() : undefined,
        summary.kinds.includes('transfer') ? this.need(transferCards) : undefined,
      ]);
      if (abort.signal.aborted) {
        engine.dispose();
        return;
      }
      this.#warned.clear();
      this.#warnProblems(data.problems);
      this.#engine?.dispose();
      // Loading again (a new `src`, "Try again") keeps a prescriber's in-memory search.
      this.finderState = this.#readUrl(!!this.data && !this.#screen);
      const linked = !!this.finderState.open;
      this.data = data;
      this.#summary = summary;
      this.#engine = engine;
      // What the person asked for on the first screen is asked of the engine now.
      engineIn();
      this.#meta = engine.meta?.();
      // A sharded directory: shards the last answer was waiting on have arrived; ask again for the fuller answer.
      engine.onchange = () => void this.#runQuery();
      if (oruk) this.#oruk ??= new oruk.OrukDetails(this);
      // A link that came with a person's details (made before prescriber mode kept them out): use them, then take them out of the address.
      if (this.mode === 'prescriber') this.#writeUrl('replace');
      await this.#runQuery();
      this.#screen = undefined;
      this.#setPhase('ready', summary.size === 0);
      if (linked) this.#focus.next = undefined;
      this.dispatchEvent(new AtlasLoadEvent({ total: summary.size }));
    } catch (error) {
      if (abort.signal.aborted) return;
      // The person sees plain words; whoever runs the site gets the precise reason in the console.
      console.error(error instanceof FeedLoadError ? error.detail : error);
      this.errorMessage = error instanceof FeedLoadError ? error.userMessage : en.loadFailed;
      this.#setPhase('error');
      this.dispatchEvent(new AtlasLoadEvent({ total: 0, error: this.errorMessage }));
    } finally {
      if (this.#abort === abort) clearTimeout(this.#slowTimer);
      this.#screen = undefined;
      engineIn();
    }
  }

  /**
   * Draws a ready feed's first screen (feed/first.ts) while the engine is on its way; the engine's answer replaces it.
   * `arriving`: a screen worked out from the listings of a feed still arriving (loadFinder's `soFar`), which says so,
   * with each listing's place in the answer (its next session, so a card does not grow a line when the whole answer comes).
   */
  #showScreen(screen: FirstScreen, signal: AbortSignal, arriving?: Omit<ResultItem, 'listing'>[]): void {
    if (signal.aborted || this.#engine || this.phase !== 'loading' || screen.total < 1 || screen.limit !== PAGE_SIZE) return;
    this.#screen = screen;
    if (screen.kinds.includes('transfer')) void this.need(transferCards);
    this.data = {
      publishers: screen.publishers ?? [], licences: [], languages: [], needs: screen.needs, areas: screen.areas, ...(screen.categories ? { categories: screen.categories } : {}),
      transferStages: screen.transferStages ?? {}, listings: [], problems: [], skipped: screen.skipped,
    };
    this.#summary = { size: screen.total, kinds: screen.kinds, places: [] };
    this.finderState = this.#readUrl();
    this.result = this.#screenResult = {
      total: screen.total, items: screen.listings.map((listing, k) => ({ score: 0, ...arriving?.[k], listing })), keys: [], facets: screen.facets, ...(arriving ? { arriving: true } : {}),
    };
  }

  /**
   * On the first screen, with no engine yet: `action` (what the person asked for) runs once
   * the engine is in, and the first screen's results give way to a loading message until its
   * answer. False when there is an engine (or no first screen): do it now.
   */
  #later(action: () => void | Promise<void>): boolean {
    if (this.#engine || !this.#screen) return false;
    this.#waiting = true;
    this.requestUpdate();
    const later = this.#engineIn!.then(async () => {
      if (this.#engine) await action();
    });
    this.#querying = later;
    return true;
  }

  /** Prescriber mode, or a shared list link (`?list=`) to show. */
  #wantsPrescriber(): boolean {
    return this.mode === 'prescriber' || this.#url.has('list');
  }

  /** Prescriber mode; keys pressed before it arrived are handled when it does. If it cannot load, the finder works as a resident's. */
  #needPrescriber(): Promise<void> {
    return this.need(prescriber, (m) => m.finderPrescriberStyles).then((m) => {
      if (!m) this.#earlyKeys = undefined;
      if (!m || this.#prescriber) return;
      const controller = (this.#prescriber = new m.PrescriberController(this));
      for (const { event, path } of this.#earlyKeys ?? []) controller.key(event, path);
      this.#earlyKeys = undefined;
      this.requestUpdate();
    });
  }

  /** A ready theme, adopted before the first results are drawn; without it, the host page's font and colours. */
  #needTheme(): Promise<unknown> {
    return this.need(theme, (m) => m.themeStyles);
  }

  /** `kinds="transfer"`: an asset-transfer page, with its own filter order and search hint. */
  #transfersOnly(): boolean {
    return this.kinds.trim() === 'transfer';
  }

  /** The prebuilt search index, or undefined (the finder then indexes the feed itself) if it or its chunk cannot be had. */
  async #prebuiltIndex(url: string, signal: AbortSignal): Promise<object | undefined> {
    try {
      const { fetchPrebuiltIndex } = await indexReader.load();
      return await fetchPrebuiltIndex(url, { signal, timeoutMs: this.timeout, ...(this.fetcher ? { fetch: this.fetcher } : {}) });
    } catch (error) {
      // The finder indexes the feed itself.
      indexReader.report(error);
      return undefined;
    }
  }

  /** The map, once asked for (`view`); if it cannot load, the finder says so and the list works as always, and the next change of view tries again. */
  async #loadMap(): Promise<void> {
    if (this.mapState === 'ready' || this.mapState === 'loading') return;
    this.mapState = 'loading';
    const view = await this.need(map, (m) => m.finderMapStyles);
    this.#mapView ??= view && new view.FinderMapView((key) => this.#openKey(key), (bounds) => this.#apply({ bounds }, 'push'));
    this.mapState = view ? 'ready' : 'failed';
  }

  /**
   * Prescriber mode: what is about the person (search words, filters, age, postcode and
   * its coordinates, a map area) stays in this finder's memory, never in the address,
   * the history's state or storage, so a shared practice computer's history and a copied
   * link carry none of it. Only the open listing and the view go in the address, so Back
   * still closes a listing. `keepPrivate`: Back, Forward or a reload of the feed, where
   * a prescriber's search comes from memory, not the address.
   */
  #readUrl(keepPrivate = false): FinderState {
    const decoded = this.#url.read();
    if (decoded.view) this.view = decoded.view;
    return keepPrivate && this.mode === 'prescriber' ? { ...this.finderState, open: decoded.open, view: decoded.view } : decoded;
  }

  /** This finder's state to the address: in prescriber mode, only the open listing and the view (see #readUrl). */
  #writeUrl(history: 'push' | 'replace', extra?: Record<string, unknown>): void {
    const s = this.finderState;
    this.#url.write(this.mode === 'prescriber' ? { q: '', filters: {}, sort: 'relevance', open: s.open, view: s.view } : s, history, extra);
  }

  /** The address that opens a listing in this finder. */
  hrefFor(key: string): string {
    return this.#url.hrefFor(key);
  }

  /** The query in flight, if any: part of what `updateComplete` waits for. */
  #querying?: Promise<void>;

  /**
   * Resolves once the finder has drawn the answer to the last thing asked of it, not
   * only its last render: a query can wait for a part of the engine that loads on demand.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    for (let q = this.#querying; q; q = this.#querying) {
      await q;
      if (this.#querying === q) this.#querying = undefined;
      complete = await super.getUpdateComplete();
    }
    // The place box, the filters and the results, each a task after the one before.
    for (let stage = this.#staging; stage; stage = this.#staging) {
      await stage;
      complete = await super.getUpdateComplete();
    }
    // The parts draw in tasks of their own after the finder's (first), the cards a few at a time, an open listing's when and where after its heading: all of them.
    await Promise.all([...(this.renderRoot?.querySelectorAll('atlas-search, atlas-location, atlas-filters, atlas-results, atlas-listing') ?? [])].map((part) => (part as AtlasElement).updateComplete));
    return complete;
  }

  #runQuery(): Promise<void> {
    const querying = this.#ask();
    this.#querying = querying;
    return querying;
  }

  async #ask(): Promise<void> {
    const engine = this.#engine;
    if (!engine) return;
    const run = ++this.#queryRun;
    const s = this.finderState;
    let result: QueryResult;
    try {
      // The engine holds the open listing once it answers (a worker sends it with the results).
      result = await engine.query({ ...s, limit: s.limit ?? PAGE_SIZE }, this.now ?? new Date());
    } catch (error) {
      // The finder let go of this engine while it worked (it left the page, or loaded another feed): nothing failed.
      if (engine !== this.#engine) return;
      // Offline for a moment, say: the engine asks for what it could not fetch again on the next query.
      if (run === this.#queryRun) this.searchFailed = true;
      console.error('Community Atlas: the search could not be run', error);
      return;
    }
    if (run !== this.#queryRun) return; // a newer query has already been asked
    // The answer is drawn in a task of its own: on the page, working it out and drawing
    // twenty cards were one task of 40 to 70 ms of CPU time while a finder opened.
    await breathe();
    if (run !== this.#queryRun || !this.#engine) return;
    const meta = this.#engine.meta?.();
    if (meta && meta !== this.#meta && this.data) {
      this.#meta = meta;
      this.data = { ...meta, listings: this.data.listings };
      // A large plain feed is answered from its first reading while the whole check runs; when the check
      // then fails, the normaliser's reading replaces it, with the problems the first reading did not have.
      this.#warnProblems(meta.problems);
    }
    this.searchFailed = false;
    this.#waiting = false;
    this.result = result;
    this.#afterQuery(s.q.trim(), result.total);
  }

  /** Tells whoever runs the site, in the console, each error in the feed (the person sees plain words, or nothing). */
  #warnProblems(problems: AtlasData['problems']): void {
    for (const p of problems) {
      if (p.severity !== 'error') continue;
      const said = `Community Atlas: ${p.source ?? ''} ${p.path}: ${p.message}`;
      if (this.#warned.has(said)) continue;
      this.#warned.add(said);
      console.warn(said);
    }
  }

  /** Tells the host page when a search found nothing: the words only, once per query. */
  #afterQuery(q: string, total: number): void {
    if (total > 0 || !q) this.#lastZeroQuery = '';
    else if (q !== this.#lastZeroQuery) {
      this.#lastZeroQuery = q;
      // Prescriber mode keeps the person's words to itself, as it keeps them out of the address.
      this.dispatchEvent(new AtlasZeroResultsEvent(this.mode === 'prescriber' ? '' : q));
    }
  }

  #apply(patch: Partial<FinderState>, history: 'push' | 'replace', extra?: Record<string, unknown>): void {
    const next: FinderState = { ...this.finderState, ...patch };
    for (const key of Object.keys(next) as (keyof FinderState)[]) if (next[key] === undefined) delete next[key];
    this.finderState = next;
    this.#writeUrl(history, extra);
    void this.#runQuery();
  }

  #onStateChange = (e: AtlasStateChangeEvent): void => {
    e.stopPropagation();
    if (this.#later(() => this.#onStateChange(e))) return;
    const { patch, history } = e.detail;
    if (patch.q !== undefined) this.postcodeMessage = '';
    // A postcode typed into the search box is a place to measure from, not words to match.
    const postcode = patch.q ? POSTCODE_IN_TEXT.exec(patch.q) : null;
    // Tracked as a query, so `updateComplete` waits for the place and its results.
    if (postcode && history === 'push') this.#querying = this.#searchNear(postcode[0], patch);
    else this.#apply(patch, history);
  };

  async #searchNear(postcode: string, patch: Partial<FinderState>): Promise<void> {
    const q = patch.q!.replace(postcode, ' ').replace(/\s+/g, ' ').trim();
    let outcome: { near: GeoPoint } | { message: string } | undefined;
    try {
      const { placePostcode } = await postcodeLookup.load();
      const placer = this.#placer();
      outcome = await placePostcode(postcode, {
        gazetteer: this.data?.gazetteer, service: this.postcodeService, listings: this.#summary?.places, fromListings: { byDistrict: new Map() }, ...(placer ? { placer } : {}),
      }, this.t);
    } catch {
      outcome = { message: this.t.postcodeUnavailable };
    }
    if (outcome && 'near' in outcome) this.#apply({ ...patch, q, near: outcome.near, sort: 'distance' }, 'push');
    else {
      this.postcodeMessage = outcome?.message ?? '';
      this.#apply({ ...patch, q }, 'push');
    }
  }

  /**
   * The postcode box of a ready feed's first screen (drawn with it when the screen's listings have places, so
   * the filters below are not pushed down when the engine comes in): a postcode it cannot place from what it
   * has yet (no gazetteer, no listings) waits for the engine, then is placed as the box would place it then.
   */
  #placeOnceIn = async (postcode: string): Promise<GeoPoint | undefined> => {
    await this.#engineIn;
    const placer = this.#placer();
    if (placer) return placer(postcode);
    if (!this.#summary?.places.length && !this.data?.gazetteer) return undefined;
    const { placePostcode } = await postcodeLookup.load();
    const outcome = await placePostcode(postcode, { gazetteer: this.data?.gazetteer, listings: this.#summary?.places, fromListings: { byDistrict: new Map() } }, this.t);
    return outcome && 'near' in outcome ? outcome.near : undefined;
  };

  #placerFor?: { engine: SearchEngine; placer: (postcode: string) => Promise<GeoPoint | undefined> };

  /** A sharded directory places postcodes from its own shards (the page holds no places): one function per engine, so a redraw is no change. */
  #placer(): ((postcode: string) => Promise<GeoPoint | undefined>) | undefined {
    const engine = this.#engine;
    if (!engine?.place) return undefined;
    if (this.#placerFor?.engine !== engine) {
      this.#placerFor = {
        engine,
        placer: async (postcode) => {
          const placed = await engine.place!(postcode);
          if (placed?.attribution) this.placeAttribution = placed.attribution;
          return placed?.near;
        },
      };
    }
    return this.#placerFor.placer;
  }

  #onOpen = (e: AtlasOpenEvent): void => {
    if (e.composedPath()[0] === this) return; // our own re-dispatch below
    e.stopPropagation();
    const key = e.detail.key;
    // One of the first screen's own listings opens at once, drawn from its record there (the engine's own, sealed);
    // any other waits for the engine, with its record asked for (the engine holds only what it has given).
    if (!this.#listingFor(key) && this.#later(async () => {
      await this.#engine!.records([key]);
      this.#openKey(key);
    })) return;
    this.#openKey(key);
  };

  /** Opens a listing unless the host cancels the event, moving focus to its heading. */
  #openKey(key: string): void {
    const event = new AtlasOpenEvent(key);
    this.dispatchEvent(event);
    // The engine holds every listing it offers (a result, a suggested listing) or was asked for; the first screen, its own.
    if (event.defaultPrevented || !this.#listingFor(key)) return;
    this.#focus.next = { listing: true };
    this.#apply({ open: key }, 'push', { atlasOpened: this.namespace || true });
  }

  /**
   * A listing the finder can show: the engine's, or until the engine's first answer, one of
   * the first screen's. Its full view needs nothing the engine works out (next sessions are
   * worked out on the page from its schedule, as always); the screen brings the publishers
   * and transfer stages the view names.
   */
  #listingFor(key: string): AtlasListing | undefined {
    return this.#engine?.get(key) ?? this.#screen?.listings.find((l) => l.key === key);
  }

  #onClose = (e: AtlasCloseEvent): void => {
    if (e.composedPath()[0] === this) return;
    e.stopPropagation();
    this.#close(e.detail.key);
  };

  #close(key: string): void {
    this.dispatchEvent(new AtlasCloseEvent(key));
    if ((window.history.state as { atlasOpened?: unknown } | null)?.atlasOpened === (this.namespace || true)) {
      // We opened it with a history step: stepping back keeps Back and "Back to results" the same thing.
      window.history.back();
      return;
    }
    this.#focus.next = { card: key };
    this.#apply({ open: undefined }, 'push');
  }

  #onPopState(): void {
    if (!this.#engine && !this.#screen) return;
    const before = this.finderState.open;
    const next = this.#readUrl(true);
    if (before && !next.open) this.#focus.next = { card: before };
    else if (next.open && next.open !== before) this.#focus.next = { listing: true };
    this.finderState = next;
    // On the first screen (Back from one of its listings, say): what it cannot show waits for the engine, which answers the address.
    if (!this.#engine && !(this.#url.isDefault() || (this.#url.isOnly('open') && next.open && this.#listingFor(next.open)))) this.#waiting = true;
    void this.#runQuery();
  }

  #labeller = (facet: FacetId, value: string): string | undefined => {
    if (facet === 'need') {
      const need = this.data?.needs.find((n) => n.id === value);
      if (need) return text(need.label, this.language);
    }
    if (facet === 'area') {
      const area = this.data?.areas.find((a) => a.id === value);
      if (area) return text(area.name, this.language);
    }
    if (facet === 'category') {
      // The feed's own name, unless it has none in this language (then the kit's Welsh names can answer).
      const label = this.data?.categories?.find((c) => c.id === value)?.label;
      if (typeof label === 'string' || (label && label[this.language])) return text(label, this.language);
    }
    return undefined;
  };

  /** "Show N results" at the end of the filters: focus goes to the first result. */
  #showResults = (): void => {
    const results = this.renderRoot.querySelector('atlas-results');
    const first = results?.renderRoot.querySelector('atlas-card');
    first?.focus();
    first?.scrollIntoView({ block: 'start' });
  };

  #setView(view: 'list' | 'map' | 'both'): void {
    if (view !== 'list') void this.#loadMap();
    if (this.#later(() => this.#setView(view))) return;
    this.view = view;
    this.#apply({ view }, 'push');
  }

  protected override render(): unknown {
    const t = this.t;
    const lang = this.language;
    const loading = html`<div class="state" part="state" role="status"><p>${this.src ? (this.slow ? t.stillLoading : t.loading) : ''}</p></div>`;
    // A ready feed's first screen is drawn as the results, with the loading message, until the engine answers (the listings so far
    // of a feed still arriving say so in their count, the results' live region, instead).
    if (this.phase === 'loading' && !this.#screen) return loading;
    if (this.phase === 'error') {
      return html`<div class="state error" part="state" role="alert">
        <h2>${t.errorHeading}</h2>
        <p>${lang === 'en' ? this.errorMessage : t.loadFailed}</p>
        <button type="button" @click=${() => void this.reload()}>${t.tryAgain}</button>
      </div>`;
    }
    const data = this.data!;
    const summary = this.#summary!;
    if (!summary.size) {
      return html`<div class="state" part="state" role="status"><p>${t.emptyFeed}</p></div>${this.#footer()}`;
    }
    const s = this.finderState;
    const prescriber = this.#prescriber;
    const shared = prescriber?.sharedKeys();
    if (shared) return prescriber!.renderShared(shared, data);
    const open = s.open ? this.#oruk?.listing(s.open) ?? this.#listingFor(s.open) : undefined;
    // Drawn afresh when the listing closes: then the place box, filters and results come in stages after the search again,
    // and the finder's own footer with the last of them, below everything (drawn earlier, each stage pushed it down).
    if (open) this.#stage = 0;
    const stage = this.#stage;
    const showMap = this.view !== 'list' && this.mapState !== 'off' && !!this.#engine;
    const result = this.#waiting ? undefined : this.result;
    return html`
      ${open && this.listingFailed
        ? html`<div class="state" part="state" role="alert"><p>${t.listingUnavailable}</p>
            <button type="button" @click=${() => this.#close(open.key)}>← ${t.back}</button></div>`
        : open
        ? html`${this.#oruk?.status()}<atlas-listing .listing=${open} .publishers=${data.publishers} .stageLists=${data.transferStages} .now=${this.now}
            feedback=${this.feedback} lang=${lang} .strings=${this.strings} closable></atlas-listing>
          ${prescriber?.renderShortlist(data)}`
        : html`
          ${prescriber?.renderLink()}
          <div class="top" part="controls">
            <atlas-search lang=${lang} .strings=${this.searchHint ? { ...this.strings, searchHint: this.searchHint } : this.#transfersOnly() ? { ...this.strings, searchHint: t.searchHintTransfer } : this.strings} .value=${s.q} .suggest=${(p: string) => this.#engine?.suggest(p) ?? Promise.resolve([])}></atlas-search>
            ${stage >= 1 && (summary.places.length || this.#engine?.place || this.#screen?.listings.some((l) => l.location))
              ? html`<atlas-location lang=${lang} .strings=${this.strings} .near=${s.near} .gazetteer=${data.gazetteer} .listings=${summary.places} .placer=${this.#screen ? this.#placeOnceIn : this.#placer()} postcode-service=${this.postcodeService}></atlas-location>`
              : nothing}
          </div>
          ${this.postcodeMessage ? html`<p class="state error" role="alert">${this.postcodeMessage}</p>` : nothing}
          ${s.near && this.placeAttribution ? html`<p class="attribution">${this.placeAttribution}</p>` : nothing}
          ${stage >= 2 ? html`<div class="layout">
            <atlas-filters lang=${lang} .strings=${this.strings} ?has-location=${!!s.near} .total=${this.result?.total} .showResults=${this.#showResults} .facets=${this.result?.facets ?? {}} .filters=${s.filters} .labeller=${this.#labeller}
              .order=${(this.#transfersOnly() && transferCards.module?.TRANSFER_FILTER_ORDER) || DEFAULT_FILTER_ORDER} lead=${this.#transfersOnly() ? 2 : 4}>${prescriber?.renderBar(s)}</atlas-filters>
            ${stage >= 3 ? html`<div class=${this.view === 'both' && this.mapState === 'ready' ? 'main both' : 'main'}>
              ${this.#viewSwitch()}
              ${showMap ? this.#map() : nothing}
              ${this.#areaNote()}
              ${this.searchFailed ? html`<p class="state error" role="alert">${t.searchUnavailable}</p>` : nothing}
              ${this.result?.coverage?.skipped.length ? html`<p class="state error" role="alert">${t.shardsSkipped(this.result.coverage.skipped.join(', '))}</p>` : nothing}
              ${this.result?.coverage?.wordsUnavailable ? html`<p class="state error" role="alert">${t.shardWordsUnavailable}</p>` : nothing}
              ${this.#oruk?.status()}
              ${(this.#screen && !this.#screenResult?.arriving) || this.#waiting ? loading : nothing}
              <atlas-results lang=${lang} .strings=${this.strings} ?hidden=${this.view === 'map' && this.mapState === 'ready'} .result=${this.#oruk?.result(result, this.now) ?? result} .state=${s} .now=${this.now} .highlighted=${this.highlightKey ?? ''}
                ?provisional=${!!result && result === this.#screenResult && !result.arriving}
                .hrefFor=${(k: string) => this.hrefFor(k)} .labeller=${this.#labeller}
                .sorts=${summary.kinds.includes('transfer') ? ['relevance', 'name', 'deadline', 'distance'] : ['relevance', 'name', 'next', 'distance']}></atlas-results>
            </div>
            ${prescriber?.renderShortlist(data)}` : nothing}
          </div>` : nothing}
          ${stage >= 3 ? this.#footer() : nothing}`}
    `;
  }

  /** The views offered: `views`, with the one showing always among them. */
  #offered(): ('list' | 'map' | 'both')[] {
    return (['list', 'map', 'both'] as const).filter((v) => v === this.view || this.views.split(/\s+/).includes(v));
  }

  #viewSwitch(): unknown {
    const offered = this.#offered();
    if (offered.length < 2) return nothing;
    const t = this.t;
    return html`<fieldset class="views"><legend>${t.viewLabel}</legend>
      ${offered.map((v) => html`<button type="button" aria-pressed=${this.view === v ? 'true' : 'false'} @click=${() => this.#setView(v)}>${t.views[v]}</button>`)}
    </fieldset>`;
  }

  #map(): unknown {
    if (this.mapState === 'failed') return html`<p class="state" role="status">${this.t.mapUnavailable}</p>`;
    return this.mapState === 'ready' ? this.#mapView?.render({
      result: this.result, engine: this.#engine!, lang: this.language, highlighted: this.highlightKey, selected: this.finderState.open,
      tileUrl: this.tileUrl, tileAttribution: this.tileAttribution, tileConsent: this.tileConsent, strings: this.strings,
    }) : nothing;
  }

  /** While results are limited to a map area (even with the map hidden), say so and offer the way back. */
  #areaNote(): unknown {
    if (!this.finderState.bounds) return nothing;
    const t = this.t;
    return html`<p class="area-only">${t.areaOnly}
      <button type="button" @click=${() => this.#apply({ bounds: undefined }, 'push')}>${t.areaClear}</button></p>`;
  }

  #footer(): unknown {
    const t = this.t;
    const skipped = this.data?.skipped ?? 0;
    // Filled in with the page and date once its part has arrived (beside the feed); the address as given until then.
    const suggest = this.suggestUrl && isSafeUrl(this.suggestUrl) ? suggestLink.module?.suggestLink(this.suggestUrl, t, this.language, this.now ?? new Date()) ?? this.suggestUrl : undefined;
    if (!skipped && !suggest) return nothing;
    return html`<div class="footer">
      ${suggest ? html`<p><a href=${suggest}>${t.suggestListing}</a></p>` : nothing}
      ${skipped ? html`<p>${t.skippedListings(skipped)}</p>` : nothing}
    </div>`;
  }
}
