import { LitElement, html, nothing, render, type PropertyValues, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { MAP_KINDS, type AtlasListing, type ListingKind, type MapPoints } from '@community-atlas/core';
import { AtlasAreaSearchEvent } from '../events/area-search.js';
import { AtlasHighlightEvent, interfaceLanguage } from '@community-atlas/core/dom';
import { AtlasSelectEvent } from '../events/select.js';
import { AtlasSkipMapEvent } from '../events/skip-map.js';
import { SiteClusters, type Shown } from '../internal/clusters.js';
import { MapAdapter, type Bounds, type View } from '../internal/leaflet-adapter.js';
import { leafletStyles } from '../internal/leaflet.styles.js';
import { placeListings, placePoints, type PlacedPoints, type Site } from '../internal/points.js';
import { styleProps } from '../internal/style-props.js';
import { attributionParts } from '../internal/attribution.js';
import { stringsFor, type MapStrings } from '../translations/index.js';
import { mapStyles } from './map.styles.js';

export const OSM_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

/** Great Britain and Northern Ireland, for a map with nothing on it yet. */
const HOME_VIEW: View = { center: [54.3, -3.2], zoom: 5 };
const FIT_MAX_ZOOM = 16;
const MIN_ZOOM = 2;
const MAX_ZOOM = 19;

/** Consent given once on a page covers every map on it (and nothing is stored). */
const consentedHosts = new Set<string>();

interface Panel {
  heading: string;
  /** The listings in it, as positions in the placed points. */
  points: number[];
  /** Id of the marker that opened it, to give focus back on close. */
  from: string;
}

const fitConverter = {
  fromAttribute: (value: string | null) => value === null || !/^(false|off|no|0)$/i.test(value.trim()),
  toAttribute: (value: boolean) => (value ? null : 'off'),
};

/**
 * A clustered, accessible Leaflet map of a finder's results.
 *
 * @tagname atlas-map
 * @summary Shows exactly `listings` (or `points`) on a map, clustered, in step with the list beside it.
 *
 * @fires atlas-select - The user chose a listing (a marker, or a button in a same-place list). `detail: { key }`.
 * @fires atlas-area-search - The user pressed "Search this area". `detail: { bounds: [south, west, north, east] }`.
 * @fires atlas-highlight - The user pointed at or focused a single-listing marker, or left it. `detail: { key | undefined }`.
 * @fires atlas-skip-map - The user pressed "Skip the map" and no `skip-target` is set.
 *
 * @cssstate ready - The map has been shown and drawn (it waits until it has a size).
 *
 * @csspart legend - The key of marker shapes.
 * @csspart panel - The list of listings at one place.
 *
 * @cssprop [--atlas-map-height=28rem] - Height of the map.
 * @cssprop [--atlas-map-asset=#1d70b8] - Colour of asset markers (circles).
 * @cssprop [--atlas-map-activity=#00703c] - Colour of activity markers (rounded squares).
 * @cssprop [--atlas-map-transfer=#912b88] - Colour of transfer markers (diamonds) and outlines.
 * @cssprop [--atlas-map-cluster=#0b0c0c] - Colour of cluster markers.
 * @cssprop [--atlas-map-background=#e8ecef] - Shown where there are no tiles.
 * @cssprop [--atlas-color-focus=#ffdd00] - Focus highlight (the same token as the elements').
 * @cssprop [--atlas-color-focus-outline=currentColor] - Ring around the focus highlight, and the skip link's text.
 * @cssprop [--atlas-color-text=CanvasText] - Text of panels, messages, the key and attribution.
 * @cssprop [--atlas-color-background=Canvas] - Background of panels, messages, the key and attribution.
 * @cssprop [--atlas-color-border=currentColor] - The map's frame and its panels' borders.
 * @cssprop [--atlas-color-link=LinkText] - Links, and the listings in a place's panel.
 * @cssprop [--atlas-color-button=ButtonFace] - Zoom and "Search this area" buttons.
 * @cssprop [--atlas-color-button-text=ButtonText] - Their text.
 * @cssprop [--atlas-color-button-border=currentColor] - Their border.
 * @cssprop [--atlas-color-warning=#d4351c] - Edge of a warning message.
 * @cssprop [--atlas-radius=0] - Corners of the buttons.
 */
export class AtlasMap extends LitElement {
  static override styles = [leafletStyles, mapStyles];

  static override properties = {
    listings: { attribute: false },
    points: { attribute: false },
    highlighted: { attribute: false },
    selected: { attribute: false },
    tileUrl: { attribute: 'tile-url' },
    tileAttribution: { attribute: 'tile-attribution' },
    tileConsent: { attribute: 'tile-consent' },
    fit: { converter: fitConverter },
    searchArea: { type: Boolean, attribute: 'search-area' },
    skipTarget: { attribute: 'skip-target' },
    lang: {},
    strings: { attribute: false },
    panel: { state: true },
    tilesFailed: { state: true },
    consented: { state: true },
    announcement: { state: true },
    showOutlierNote: { state: true },
  };

  /** The current results. The map shows exactly these (those with a usable location). */
  listings: AtlasListing[] = [];
  /**
   * The results as columns (keys, names, coordinates, kinds: `MapPoints` from
   * `@community-atlas/core`), as the search worker sends them with their typed
   * arrays transferred; when set, the map shows these and not `listings`. Names
   * come in the language they were made in.
   */
  points?: MapPoints;
  /** Key of the listing to highlight (the one under the pointer in the list). */
  highlighted?: string;
  /** Key of the open listing. */
  selected?: string;
  /** Tile URL template with `{z}`, `{x}`, `{y}` (and `{s}`, `{r}` as Leaflet allows). */
  tileUrl = OSM_TILE_URL;
  /** Attribution the tile provider requires. Simple markup: text and `<a href>` links (http/https only). */
  tileAttribution = OSM_ATTRIBUTION;
  /** `ask`: ask before loading tiles from a third party. */
  tileConsent?: string;
  /** Fit the map to the results when they change, unless the user has moved it. `fit="off"` turns it off. */
  fit = true;
  /** Show a "Search this area" button. */
  searchArea = false;
  /** Id of an element (in the same document or shadow root) that "Skip the map" moves focus to. */
  skipTarget?: string;
  /** `en` or `cy`. Unset: the nearest `lang` in the page, across shadow roots, else English. */
  override lang = '';
  /** Overrides for any of the map's strings. */
  strings?: Partial<MapStrings>;

  private panel: Panel | undefined;
  private tilesFailed = false;
  private consented = false;
  private announcement = '';
  private showOutlierNote = true;

  private adapter: MapAdapter | undefined;
  private placed: PlacedPoints = placeListings([]);
  private clusters = new SiteClusters(this.placed.sites);
  /** Built on the first highlight or selection, not for every set of results. */
  private pointByKey: Map<string, number> | undefined;
  private shownNow: Shown[] = [];
  /** Names and places of points being asked for (`points.labels`). */
  private labelling: Promise<void> | undefined;
  /** Zoom and bounds of the last draw, and the points it drew. */
  private drawnView = '';
  private drawnPlaced: PlacedPoints | undefined;
  private savedView: View | undefined;
  private userMoved = false;
  private fitPending = true;
  private revealPending = false;
  private focusAfterRender: [number, number] | undefined;
  private readonly resizeObserver = new ResizeObserver((entries) => this.onResize(entries));
  private readonly reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
  private readonly internals = this.attachInternals();

  private get language(): string {
    return interfaceLanguage(this);
  }

  private get s(): MapStrings {
    return { ...stringsFor(this.language), ...this.strings };
  }

  /** How many marker elements are in the map right now (never more than 300). */
  get markerCount(): number {
    return this.adapter?.markerRoot.querySelectorAll('.marker').length ?? 0;
  }

  /** The current zoom level, or undefined before the map is first shown. */
  get zoom(): number | undefined {
    return this.adapter?.zoom;
  }

  /** The visible area as [south, west, north, east], or undefined before the map is first shown. */
  get bounds(): Bounds | undefined {
    return this.adapter?.bounds();
  }

  /** Fits the map to the results now, even if the user has moved it. */
  fitToResults(all = false): void {
    this.userMoved = false;
    this.fitPending = false;
    const bounds = all ? this.placed.all : this.placed.core;
    if (this.adapter && bounds) {
      this.adapter.fit(bounds, FIT_MAX_ZOOM);
      this.drawMarkers();
    } else {
      this.fitPending = true;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.observeSize();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
    this.clusters.dispose();
    // Moved in the DOM or removed: either way Leaflet lets go of its listeners now,
    // and the view is kept so a reconnect carries on where the user was.
    if (this.adapter) {
      this.savedView = this.adapter.view();
      this.adapter.destroy();
      this.adapter = undefined;
      this.internals.states.delete('ready');
    }
  }

  protected override firstUpdated(): void {
    this.observeSize();
  }

  private observeSize(): void {
    const container = this.leafletContainer;
    if (container) this.resizeObserver.observe(container);
  }

  private get leafletContainer(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('.leaflet');
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    const box = entries[entries.length - 1]?.contentRect;
    // A hidden tab or a collapsed panel reports 0×0: Leaflet would compute a
    // nonsense view from that, so wait until the map is really shown.
    if (!box || box.width === 0 || box.height === 0) return;
    if (!this.adapter) this.createMap();
    else {
      this.adapter.invalidateSize();
      this.drawMarkers();
    }
  }

  private createMap(): void {
    const container = this.leafletContainer;
    if (!container) return;
    this.adapter = new MapAdapter(container, {
      view: this.savedView ?? HOME_VIEW,
      reducedMotion: this.reducedMotion.matches,
      minZoom: MIN_ZOOM,
      maxZoom: MAX_ZOOM,
      callbacks: {
        moveEnd: (user) => {
          if (user) this.userMoved = true;
          // A zoom ends with zoomend and then moveend for the same view: draw it once.
          this.drawMarkers({ unlessDrawn: true });
        },
        zoomEnd: (user, from, to) => {
          this.drawMarkers();
          if (user) this.announcement = this.s.zoomed(to > from ? 'in' : 'out', to, this.countShown());
        },
        tiles: (tileState) => {
          this.tilesFailed = tileState === 'failed';
        },
      },
    });
    container.setAttribute('role', 'group');
    container.setAttribute('aria-label', this.s.mapInstructions);
    if (this.fitPending && this.fit && !this.savedView) this.fitToResultsIfAllowed();
    this.adapter.setOutlines(this.placed.outlines);
    this.updateTiles();
    this.drawMarkers();
    this.internals.states.add('ready');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('listings') || changed.has('points')) {
      this.placed = this.points ? placePoints(this.points) : placeListings(this.listings ?? []);
      this.clusters.dispose();
      this.clusters = new SiteClusters(this.placed.sites);
      this.pointByKey = undefined;
      this.panel = undefined;
      this.showOutlierNote = true;
      this.fitPending = true;
    }
    else if (changed.has('lang') && !this.points) {
      // The same listings in another language: the names are made again, in it, as markers are drawn; no reclustering.
      Object.assign(this.placed.points, { names: [], places: [] });
    }
    if (changed.has('selected') && this.selected) this.revealPending = true;
    if (changed.has('tileUrl') || changed.has('tileConsent')) {
      this.consented = this.tileConsent !== 'ask' || consentedHosts.has(this.tileHost);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Set as a property, the language still has to reach the attribute, which is what assistive technology reads.
    if (changed.has('lang') && this.lang && this.getAttribute('lang') !== this.lang) this.setAttribute('lang', this.lang);
    if (!this.adapter) return;
    if (changed.has('lang')) this.leafletContainer?.setAttribute('aria-label', this.s.mapInstructions);
    if (changed.has('listings') || changed.has('points')) {
      this.adapter.setOutlines(this.placed.outlines);
      if (this.fit) this.fitToResultsIfAllowed();
    }
    if (this.revealPending) {
      this.revealPending = false;
      const site = this.siteOf(this.selected);
      if (site) this.adapter.reveal(site.lat, site.lng);
    }
    this.updateTiles();
    // An update for the announcement alone (after every zoom) leaves the
    // markers as they are: the zoom has drawn them already. New results alone
    // were drawn by the fit to them, unless it left the view as it was.
    const drawn: PropertyKey[] = ['highlighted', 'selected', 'lang', 'strings', 'panel'];
    if (drawn.some((key) => changed.has(key as keyof AtlasMap))) this.drawMarkers();
    else if (changed.has('listings') || changed.has('points')) this.drawMarkers({ unlessDrawn: true });
  }

  private fitToResultsIfAllowed(): void {
    // Never fight the user: once they have panned or zoomed, new results keep their view.
    if (this.userMoved || !this.adapter) return;
    this.fitPending = false;
    if (this.placed.core) this.adapter.fit(this.placed.core, FIT_MAX_ZOOM);
  }

  private get tileHost(): string {
    try {
      return new URL(this.tileUrl.replace(/\{[a-z]+\}/gi, '0'), location.href).host;
    } catch {
      return '';
    }
  }

  private updateTiles(): void {
    this.adapter?.setTiles(this.consented && this.tileUrl ? this.tileUrl : '');
  }

  private siteOf(key: string | undefined): Site | undefined {
    if (!key) return undefined;
    if (!this.pointByKey) {
      this.pointByKey = new Map();
      this.placed.points.keys.forEach((k, p) => this.pointByKey!.set(k, p));
    }
    const point = this.pointByKey.get(key);
    return point === undefined ? undefined : this.placed.sites.site(this.placed.siteOfPoint[point]!);
  }

  private countShown(): number {
    if (!this.adapter) return 0;
    const [s, w, n, e] = this.adapter.bounds();
    let count = 0;
    for (const item of this.shownNow) {
      const { lat, lng } = item.type === 'cluster' ? item : item.site;
      if (lat >= s && lat <= n && lng >= w && lng <= e) count += item.type === 'cluster' ? item.count : item.site.members.length;
    }
    return count;
  }

  /**
   * Draws the markers for the current view into Leaflet's marker pane, with Lit.
   * `unlessDrawn` skips the work when this very view of these very points was the
   * last one drawn; every change other than a move or new results draws without it.
   */
  private drawMarkers({ unlessDrawn = false } = {}): void {
    const adapter = this.adapter;
    if (!adapter) return;
    const bounds = adapter.bounds();
    const view = `${adapter.zoom}|${bounds.join()}`;
    if (unlessDrawn && view === this.drawnView && this.placed === this.drawnPlaced) return;
    this.drawnView = view;
    this.drawnPlaced = this.placed;
    const [s, w, n, e] = bounds;
    // A margin around the view, so a short pan shows markers already drawn.
    const padLat = (n - s) * 0.25;
    const padLng = (e - w) * 0.25;
    const padded: Bounds = [Math.max(-90, s - padLat), Math.max(-180, w - padLng), Math.min(90, n + padLat), Math.min(180, e + padLng)];
    this.shownNow = this.clusters.shown(padded, adapter.zoom);
    // Points whose names come on demand (the search worker's): the markers are drawn once they are named.
    if (this.awaitLabels(this.shownNow.flatMap((item) => (item.type === 'cluster' ? [] : item.site.members)))) return;
    const focusedId = (this.shadowRoot?.activeElement as HTMLElement | null)?.dataset?.['id'];
    const highlightedSite = this.siteOf(this.highlighted);
    const highlightedCluster = highlightedSite ? this.clusterHolding(highlightedSite) : undefined;
    const selectedSite = this.siteOf(this.selected);
    render(
      repeat(
        this.shownNow,
        (item) => this.idOf(item),
        (item) => this.markerTemplate(item, adapter, highlightedSite, highlightedCluster, selectedSite),
      ),
      adapter.markerRoot,
      { host: this },
    );
    this.restoreFocus(focusedId);
    // The view is drawn: the zoom levels next to it can be clustered while the page is idle.
    this.clusters.buildNearWhenIdle(adapter.zoom);
  }

  /**
   * With `points.labels` (names and places on demand): asks for those of `points`
   * that are missing and draws the markers again when they arrive, or, if they
   * cannot be had, with each listing's key. True while they are on their way.
   */
  private awaitLabels(points: number[]): boolean {
    const { labels, names } = this.placed.points;
    if (!labels) return false;
    if (this.labelling) return true;
    const missing = points.filter((p) => names[p] === undefined);
    if (!missing.length) return false;
    const placed = this.placed;
    this.labelling = labels(missing).catch((error: unknown) => {
      console.warn('Community Atlas: the map could not get the names of its markers.', error);
      for (const p of missing) {
        placed.points.names[p] ??= '';
        placed.points.places[p] ??= '';
      }
    }).then(() => {
      this.labelling = undefined;
      // The view as it is now (it may have moved, or have new points), which may need names of its own.
      this.drawMarkers();
    });
    return true;
  }

  private idOf(item: Shown): string {
    return item.type === 'cluster' ? `c${item.id}` : `s${item.site.id}`;
  }

  /** The drawn cluster that holds a site. */
  private clusterHolding(site: Site): number | undefined {
    for (const item of this.shownNow) {
      if (item.type === 'cluster' && this.clusters.contains(item.id, site)) return item.id;
    }
    return undefined;
  }

  private restoreFocus(focusedId: string | undefined): void {
    const root = this.adapter?.markerRoot;
    if (!root) return;
    const markers = [...root.querySelectorAll<HTMLElement>('.marker')];
    if (this.focusAfterRender) {
      // After a cluster opens, keyboard focus goes to the marker nearest where it was.
      const [lat, lng] = this.focusAfterRender;
      this.focusAfterRender = undefined;
      const at = this.adapter!.point(lat, lng);
      let best: HTMLElement | undefined;
      let bestD = Infinity;
      for (const m of markers) {
        const item = this.shownNow.find((i) => this.idOf(i) === m.dataset['id']);
        if (!item) continue;
        const p = item.type === 'cluster' ? this.adapter!.point(item.lat, item.lng) : this.adapter!.point(item.site.lat, item.site.lng);
        const d = Math.hypot(p.x - at.x, p.y - at.y);
        if (d < bestD) {
          bestD = d;
          best = m;
        }
      }
      if (best) best.focus();
      else this.adapter!.focusContainer();
      return;
    }
    if (focusedId && !markers.some((m) => m.dataset['id'] === focusedId)) {
      // The focused marker merged into a cluster or left the view: keep focus in the map.
      this.adapter!.focusContainer();
    }
  }

  private markerTemplate(
    item: Shown,
    adapter: MapAdapter,
    highlightedSite: Site | undefined,
    highlightedCluster: number | undefined,
    selectedSite: Site | undefined,
  ): TemplateResult {
    const s = this.s;
    const id = this.idOf(item);
    if (item.type === 'cluster') {
      const { x, y } = adapter.point(item.lat, item.lng);
      return html`<button
        type="button"
        class=${classMap({ marker: true, cluster: true, highlighted: item.id === highlightedCluster })}
        data-id=${id}
        ${styleProps({ transform: `translate(${x}px, ${y}px)` })}
        aria-label=${s.clusterName(item.count)}
        @click=${() => void this.openCluster(item)}
      >
        <span class="count" aria-hidden="true">${item.count}</span>
      </button>`;
    }
    const site = item.site;
    const { x, y } = adapter.point(site.lat, site.lng);
    const classes = {
      marker: true,
      highlighted: site === highlightedSite,
      selected: site === selectedSite,
    };
    const count = site.members.length;
    if (count > 1) {
      const place = this.placeName(site);
      return html`<button
        type="button"
        class=${classMap({ ...classes, site: true })}
        data-id=${id}
        ${styleProps({ transform: `translate(${x}px, ${y}px)` })}
        aria-label=${s.siteName(count, place)}
        aria-haspopup="dialog"
        aria-expanded=${this.panel?.from === id ? 'true' : 'false'}
        @click=${() => this.openPanel(s.siteHeading(count, place), site.members, id)}
      >
        <span class="count" aria-hidden="true">${count}</span>
      </button>`;
    }
    const point = site.members[0]!;
    const key = this.placed.points.keys[point]!;
    const kind = this.kindAt(point);
    const name = s.markerName(this.nameAt(point), s.kinds[kind], site.approximate);
    if (site.approximate) {
      const size = Math.max(24, 2 * adapter.metresToPixels(site.radius, site.lat));
      return html`<button
        type="button"
        class=${classMap({ ...classes, area: true, [kind]: true })}
        data-id=${id}
        ${styleProps({ transform: `translate(${x}px, ${y}px)`, '--_size': `${size}px` })}
        aria-label=${name}
        @click=${() => this.choose(key)}
        @pointerenter=${() => this.hover(key)}
        @pointerleave=${() => this.hover(undefined)}
        @focus=${() => this.hover(key)}
        @blur=${() => this.hover(undefined)}
      ></button>`;
    }
    return html`<button
      type="button"
      class=${classMap(classes)}
      data-id=${id}
      ${styleProps({ transform: `translate(${x}px, ${y}px)` })}
      aria-label=${name}
      @click=${() => this.choose(key)}
      @pointerenter=${() => this.hover(key)}
      @pointerleave=${() => this.hover(undefined)}
      @focus=${() => this.hover(key)}
      @blur=${() => this.hover(undefined)}
    >
      <span class="shape ${kind}" aria-hidden="true"></span>
    </button>`;
  }

  private kindAt(point: number): ListingKind {
    return MAP_KINDS[this.placed.points.kinds[point]!] ?? 'asset';
  }

  private nameAt(point: number): string {
    this.placed.label?.(point, this.language);
    const { names, keys } = this.placed.points;
    return names[point] || keys[point]!;
  }

  private placeName(site: Site): string | undefined {
    for (const point of site.members) {
      this.placed.label?.(point, this.language);
      const name = this.placed.points.places[point];
      if (name) return name;
    }
    return undefined;
  }

  private choose(key: string): void {
    this.selected = key;
    this.revealPending = false;
    this.dispatchEvent(new AtlasSelectEvent({ key }));
  }

  private hover(key: string | undefined): void {
    this.dispatchEvent(new AtlasHighlightEvent({ key }));
  }

  private async openCluster(cluster: Extract<Shown, { type: 'cluster' }>): Promise<void> {
    const clusters = this.clusters;
    const zoom = await clusters.expansionZoom(cluster.id, this.adapter?.maxZoom ?? MAX_ZOOM);
    // New results, or the map taken out of the page, while the levels were built: that choice is gone.
    const adapter = this.adapter;
    if (!adapter || this.clusters !== clusters) return;
    if (zoom === undefined) {
      const points = clusters.sitesIn(cluster.id).flatMap((site) => site.members);
      this.openPanel(this.s.siteHeading(points.length, undefined), points, `c${cluster.id}`);
      return;
    }
    this.focusAfterRender = [cluster.lat, cluster.lng];
    adapter.userZoomTo(cluster.lat, cluster.lng, Math.max(zoom, adapter.zoom + 1));
  }

  private async openPanel(heading: string, points: number[], from: string): Promise<void> {
    const placed = this.placed;
    // A cluster's listings, when their names come on demand: the panel opens named.
    if (placed.points.labels && points.some((p) => placed.points.names[p] === undefined)) {
      await placed.points.labels(points).catch(() => undefined);
      if (this.placed !== placed) return;
    }
    this.panel = { heading, points, from };
    await this.updateComplete;
    this.drawMarkers();
    this.renderRoot.querySelector<HTMLElement>('.panel li button')?.focus();
  }

  private async closePanel(): Promise<void> {
    const from = this.panel?.from;
    this.panel = undefined;
    await this.updateComplete;
    this.drawMarkers();
    const marker = from ? this.adapter?.markerRoot.querySelector<HTMLElement>(`[data-id="${CSS.escape(from)}"]`) : null;
    if (marker) marker.focus();
    else this.adapter?.focusContainer();
  }

  private onPanelKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      void this.closePanel();
    }
  }

  private skip(): void {
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = this.skipTarget ? root.getElementById?.(this.skipTarget) : null;
    if (target) {
      if (!target.hasAttribute('tabindex') && target.tabIndex < 0) target.setAttribute('tabindex', '-1');
      target.focus();
    } else {
      this.dispatchEvent(new AtlasSkipMapEvent());
    }
  }

  private zoomBy(delta: number): void {
    this.adapter?.userZoom(delta);
  }

  private searchThisArea(): void {
    if (!this.adapter) return;
    this.dispatchEvent(new AtlasAreaSearchEvent({ bounds: this.adapter.bounds() }));
  }

  private consent(): void {
    consentedHosts.add(this.tileHost);
    this.consented = true;
  }

  protected override render(): TemplateResult {
    const s = this.s;
    const placedCount = this.placed.points.keys.length;
    const given = placedCount + this.placed.unplaced;
    const kinds = this.placed.kinds;
    const hasAreas = this.placed.hasAreas;
    return html`<div class="region" role="region" aria-label=${s.region}>
      <button type="button" class="skip" @click=${this.skip}>${s.skipMap}</button>
      <div class="frame">
        <div class="leaflet"></div>
        <div class="ring" aria-hidden="true"></div>
        <div class="overlay zoom">
          <button type="button" class="control" aria-label=${s.zoomIn} @click=${() => this.zoomBy(1)}>+</button>
          <button type="button" class="control" aria-label=${s.zoomOut} @click=${() => this.zoomBy(-1)}>−</button>
        </div>
        <div class="overlay actions">
          ${this.searchArea
            ? html`<button type="button" class="control" @click=${this.searchThisArea}>${s.searchArea}</button>`
            : nothing}
          ${given > 0 && placedCount === 0 ? html`<p class="message">${s.noLocations}</p>` : nothing}
          ${this.placed.outliers > 0 && this.showOutlierNote && !this.userMoved
            ? html`<p class="message">
                ${s.outliers(this.placed.outliers)}
                <button type="button" class="control" @click=${this.showAll}>${s.showAll}</button>
              </p>`
            : nothing}
          ${this.tilesFailed && this.consented ? html`<p class="message warning" role="status">${s.tilesUnavailable}</p>` : nothing}
        </div>
        ${this.consented
          ? nothing
          : html`<div class="overlay consent">
              <div>
                <p>${s.consentText(this.tileHost)}</p>
                <button type="button" class="control" @click=${this.consent}>${s.consentButton}</button>
              </div>
            </div>`}
        ${this.panel ? this.panelTemplate(this.panel) : nothing}
        ${kinds.size || hasAreas ? this.legendTemplate(kinds, hasAreas) : nothing}
        ${this.consented && this.tileUrl ? this.attributionTemplate() : nothing}
      </div>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private showAll(): void {
    this.showOutlierNote = false;
    this.fitToResults(true);
  }

  private panelTemplate(panel: Panel): TemplateResult {
    const s = this.s;
    return html`<div
      class="overlay panel"
      part="panel"
      role="dialog"
      aria-labelledby="panel-heading"
      @keydown=${this.onPanelKey}
    >
      <div class="panel-head">
        <h2 id="panel-heading">${panel.heading}</h2>
        <button type="button" class="control" aria-label=${s.close} @click=${this.closePanel}>×</button>
      </div>
      <ul>
        ${panel.points.map((point) => {
          const kind = this.kindAt(point);
          const key = this.placed.points.keys[point]!;
          return html`<li>
            <button type="button" @click=${() => this.choose(key)}>
              <span class="shape ${kind}" aria-hidden="true"></span>
              <span>${this.nameAt(point)}<span class="visually-hidden">, ${s.kinds[kind]}</span></span>
            </button>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  private legendTemplate(kinds: Set<ListingKind>, hasAreas: boolean): TemplateResult {
    const s = this.s;
    const order: ListingKind[] = ['asset', 'activity', 'transfer'];
    return html`<div class="overlay legend" part="legend" role="group" aria-label=${s.legend}>
      <ul>
        ${order
          .filter((k) => kinds.has(k))
          .map((k) => html`<li><span class="shape ${k}" aria-hidden="true"></span>${capitalise(s.kinds[k])}</li>`)}
        ${hasAreas ? html`<li><span class="swatch-area" aria-hidden="true"></span>${capitalise(s.approximateArea)}</li>` : nothing}
      </ul>
    </div>`;
  }

  private attributionTemplate(): TemplateResult {
    return html`<div class="overlay attribution">
      <span class="visually-hidden">${this.s.attributionLabel}: </span>${attributionParts(this.tileAttribution).map((part) =>
        typeof part === 'string' ? part : html`<a href=${part.href} rel="noopener" target="_blank">${part.text}</a>`,
      )}
    </div>`;
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
