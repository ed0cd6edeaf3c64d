import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { isStateParam, text, type AtlasData, type AtlasListing, type FacetId, type FinderState } from '@community-atlas/core';
import type { LoadedStrings } from '../translations/index.js';
import { AtlasPrintEvent } from '../events/print.js';
import './define-prescriber.js';

export { finderPrescriberStyles } from './prescriber.styles.js';
import { ShortlistRequestEvent, type ShortlistParts } from './context.js';
import { shortlistParts } from './toggle.js';
import { prescriberStrings } from './prescriber-strings.js';
import { ShortlistStore, shortlistStorageKey, MAX_SHORTLIST } from './store.js';

/** What the controller needs from the finder. */
interface PrescriberHost extends ReactiveControllerHost, HTMLElement {
  mode: string;
  src: string;
  namespace: string;
  readonly language: string;
  readonly t: LoadedStrings;
  strings?: Partial<LoadedStrings>;
  now?: Date;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly engine?: { get(key: string): AtlasListing | undefined; records(keys: readonly string[]): Promise<AtlasListing[]> };
  requestUpdate(): void;
}

/** What a link worker asks first, in that order: need, distance (once a place is set), cost, when. */
const PRESCRIBER_FILTERS: FacetId[] = ['need', 'distance', 'cost', 'day', 'time', 'when', 'referral', 'access', 'language', 'delivery', 'kind', 'category'];

const SHORTCUTS_KEY = 'atlas-shortcuts';

/** Fields where a letter is text, not a command (a checkbox or a button is not one). */
function isTypingField(el: HTMLElement): boolean {
  if (el.isContentEditable || el.localName === 'textarea' || el.localName === 'select') return true;
  return el instanceof HTMLInputElement && !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/.test(el.type);
}

/**
 * While printing, everything on the host page but the finder is hidden, and the
 * page is A4: `@page` only works in the document's own styles, never in a shadow root.
 */
let documentSheet: CSSStyleSheet | undefined;
function adoptPrintSheet(): void {
  if (documentSheet || typeof CSSStyleSheet === 'undefined') return;
  documentSheet = new CSSStyleSheet();
  documentSheet.replaceSync(`
    @media print {
      @page { size: A4; margin: 14mm 16mm; }
      html[data-atlas-printing] body *:not(:has([data-atlas-printing])):not([data-atlas-printing]) { display: none !important; }
      html[data-atlas-printing] body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
      html[data-atlas-printing] body *:has([data-atlas-printing]) { margin: 0 !important; padding: 0 !important; border: 0 !important; box-shadow: none !important; max-width: none !important; background: none !important; }
    }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, documentSheet];
}

/** The prescriber finders in the page, in the order they arrived, and the finder last focused or clicked: what Ctrl+P prints. */
const live = new Set<PrescriberController>();
let inUse: EventTarget | undefined;

/**
 * Prescriber mode of the finder: the shortlist store (per page, feed and
 * namespace), keyboard shortcuts, printing and the read-only "your list" a
 * shared link opens. The finder loads this module, with the shortlist, print
 * view and bar it registers, only when `mode="prescriber"` or a shared list
 * link asks for it, so a resident's finder never downloads any of it.
 */
export class PrescriberController implements ReactiveController {
  store?: ShortlistStore;
  /** The store and what cards and the listing show of it. */
  #parts?: ShortlistParts;
  /** Single-key shortcuts; a prescriber using speech input can turn them off (WCAG 2.1.4). */
  shortcuts = true;
  #storeKey = '';
  /** The feed and list last pruned together. */
  #pruned?: { engine: object; store: ShortlistStore };
  /** The prescriber's note for the printout: held in memory only, for this page view. */
  #note = '';
  #host: PrescriberHost;

  constructor(host: PrescriberHost) {
    this.#host = host;
    host.addController(this);
    host.addEventListener(ShortlistRequestEvent.eventName, this.#onRequest);
    host.addEventListener('keydown', (e) => this.key(e, e.composedPath()));
    host.addEventListener(AtlasPrintEvent.eventName, this.#onPrintEvent);
    for (const type of ['focusin', 'pointerdown']) host.addEventListener(type, (e) => (inUse = e.currentTarget ?? undefined));
  }

  get active(): boolean {
    return this.#host.mode === 'prescriber';
  }

  /**
   * `/` (the search) and `l` (the shortlist) work from anywhere on the page, not only once focus is in the finder:
   * with two prescriber finders on a page, in the one in use (last focused or clicked, else the first).
   */
  #onPageKey = (e: KeyboardEvent): void => {
    if (e.key !== '/' && e.key !== 'l') return;
    const path = e.composedPath();
    const hosts = new Set<EventTarget>([...live].map((c) => c.#host));
    if (path.some((n) => hosts.has(n))) return;
    const active = [...live].filter((c) => c.active);
    if (this === (active.find((c) => c.#host === inUse) ?? active[0])) this.key(e, path);
  };

  hostConnected(): void {
    live.add(this);
    window.addEventListener('keydown', this.#onPageKey);
    window.addEventListener('beforeprint', this.#beforePrint);
    window.addEventListener('afterprint', this.#afterPrint);
    try {
      this.shortcuts = window.localStorage.getItem(SHORTCUTS_KEY) !== 'off';
    } catch {
      // Storage blocked: shortcuts stay on for this visit.
    }
  }

  hostDisconnected(): void {
    live.delete(this);
    if (inUse === this.#host) inUse = undefined;
    window.removeEventListener('keydown', this.#onPageKey);
    window.removeEventListener('beforeprint', this.#beforePrint);
    window.removeEventListener('afterprint', this.#afterPrint);
  }

  hostUpdate(): void {
    this.#syncStore();
  }

  /** The store for this page, feed and namespace (made on first use, and again if any of them changes). */
  #syncStore(): void {
    if (!this.active) return;
    const key = shortlistStorageKey(window.location.pathname, this.#host.src, this.#host.namespace);
    if (key === this.#storeKey) return;
    this.#storeKey = key;
    this.store = new ShortlistStore(key);
    this.#parts = shortlistParts(this.store);
    this.store.subscribe(() => this.#host.requestUpdate());
  }

  hostUpdated(): void {
    if (!this.active) return;
    // Once per feed: a stored list loses what the feed no longer has, saying so in the shortlist.
    const engine = this.#host.engine;
    if (engine && this.store && (engine !== this.#pruned?.engine || this.store !== this.#pruned.store)) {
      this.#pruned = { engine, store: this.store };
      this.store.prune((k) => !!engine.get(k));
    }
    // Set here rather than bound in the finder's template, so a resident's finder keeps the filters' own default order.
    const filters = this.#host.renderRoot.querySelector<HTMLElement & { order: FacetId[]; lead: number }>('atlas-filters');
    if (filters && filters.order !== PRESCRIBER_FILTERS) {
      filters.order = PRESCRIBER_FILTERS;
      filters.lead = 5;
    }
  }

  setShortcuts = (on: boolean): void => {
    this.shortcuts = on;
    try {
      window.localStorage.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
    } catch {
      // Kept for this visit only.
    }
    this.#host.requestUpdate();
  };

  #param(): string {
    return this.#host.namespace ? `${this.#host.namespace}.list` : 'list';
  }

  /** Keys in a shared link (`?list=a,b`), or undefined when the page was not opened from one. */
  sharedKeys(): string[] | undefined {
    const raw = new URLSearchParams(window.location.search).get(this.#param());
    if (raw === null) return undefined;
    // Every key is kept, odd characters and all: one the feed does not have is counted as gone, never dropped unsaid.
    return [...new Set(raw.split(',').map((k) => k.trim().slice(0, 200)).filter(Boolean))].slice(0, MAX_SHORTLIST);
  }

  /** A link that opens exactly these listings, and nothing else of the finder's state. */
  linkFor = (keys: readonly string[]): string => {
    const url = new URL(window.location.href);
    const ns = this.#host.namespace;
    // The finder's own search, filters and open listing go; the host page's parameters (its language, say) stay.
    for (const name of [...url.searchParams.keys()]) if (isStateParam(name, ns)) url.searchParams.delete(name);
    url.searchParams.set(this.#param(), keys.join(','));
    url.hash = '';
    return url.href;
  };

  /** Leaves the shared list for the full directory. */
  leaveShared(): void {
    const url = new URL(window.location.href);
    url.searchParams.delete(this.#param());
    window.history.pushState(window.history.state, '', url);
    this.#host.requestUpdate();
  }

  #onRequest = (e: ShortlistRequestEvent): void => {
    if (!this.active || !this.#parts) return;
    e.stopPropagation();
    e.parts = this.#parts;
  };

  setPrinting(on: boolean): void {
    if (on) {
      adoptPrintSheet();
      this.#host.setAttribute('data-atlas-printing', '');
      document.documentElement.setAttribute('data-atlas-printing', '');
    } else {
      this.#host.removeAttribute('data-atlas-printing');
      document.documentElement.removeAttribute('data-atlas-printing');
    }
  }

  #onPrintEvent = (e: AtlasPrintEvent): void => {
    if (e.composedPath()[0] !== this.#host) this.setPrinting(true);
  };

  /** Whether Ctrl+P should print this finder's list: a prescriber's list with something in it, or a shared list. */
  #hasList(): boolean {
    return !!((this.active && this.store?.size) || this.sharedKeys());
  }

  #beforePrint = (): void => {
    // Ctrl+P in an appointment means "print the list", as the Print button does; with two
    // prescriber finders on a page, the one in use (last focused or clicked, else the first with a list), never both.
    const lists = [...live].filter((c) => c.#hasList());
    if (this === (lists.find((c) => c.#host === inUse) ?? lists[0])) this.setPrinting(true);
  };

  #afterPrint = (): void => this.setPrinting(false);

  /** Print from the shared "your list" view. */
  print = (): void => {
    this.setPrinting(true);
    this.#host.dispatchEvent(new AtlasPrintEvent({ count: this.sharedKeys()?.filter((k) => this.#host.engine?.get(k)).length ?? 0 }));
    window.print();
  };

  /** A key pressed in the finder; `path` is the event's composed path (taken while it was dispatched, for keys the finder kept until this module arrived). */
  key(e: KeyboardEvent, path: EventTarget[]): void {
    if (!this.active || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    this.#syncStore();
    const target = path[0];
    // Never while typing: the keys belong to the field.
    if (target instanceof HTMLElement && isTypingField(target)) return;
    const card = path.find((n): n is HTMLElement & { item?: { listing: AtlasListing } } => n instanceof HTMLElement && n.localName === 'atlas-card');
    const root = this.#host.renderRoot;
    const key = e.key;
    if (key === '/' && this.shortcuts) {
      const search = root.querySelector<HTMLElement>('atlas-search');
      if (!search) return;
      e.preventDefault();
      search.focus();
    } else if ((this.shortcuts && (key === 'j' || key === 'k')) || (card && (key === 'ArrowDown' || key === 'ArrowUp'))) {
      const results = root.querySelector('atlas-results');
      const cards = [...(results?.renderRoot.querySelectorAll<HTMLElement>('atlas-card') ?? [])];
      if (!cards.length) return;
      const at = card ? cards.indexOf(card) : -1;
      const step = key === 'j' || key === 'ArrowDown' ? 1 : -1;
      const next = cards[at < 0 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, at + step))];
      e.preventDefault();
      next?.focus();
      next?.scrollIntoView({ block: 'nearest' });
    } else if (key === 'l' && this.shortcuts) {
      e.preventDefault();
      this.focusShortlist();
    } else if (key === 's' && this.shortcuts && this.store) {
      const listing = card?.item?.listing ?? (path.find((n) => n instanceof HTMLElement && n.localName === 'atlas-listing') as { listing?: AtlasListing } | undefined)?.listing;
      if (!listing) return;
      e.preventDefault();
      this.store.toggle(listing.key);
    }
  }

  /** Keys asked of the engine: true once it answered. */
  #asked = new Map<string, boolean>();

  /**
   * Whether the page holds these listings, or knows they are gone. A large
   * feed's listings stay in the search worker, so those not yet shown are
   * asked for, and the list is drawn when they arrive: never "no longer in
   * the directory" for a listing that is still on its way.
   */
  #held(keys: readonly string[]): boolean {
    const engine = this.#host.engine;
    if (!engine) return true;
    const ask = keys.filter((k) => !engine.get(k) && !this.#asked.has(k));
    if (ask.length) {
      for (const k of ask) this.#asked.set(k, false);
      void engine.records(ask).catch(() => undefined).then(() => {
        for (const k of ask) this.#asked.set(k, true);
        this.#host.requestUpdate();
      });
    }
    return keys.every((k) => engine.get(k) || this.#asked.get(k));
  }

  /** The read-only list a shared link opens: what is still in the directory, and how many are not. */
  renderShared(keys: string[], data: AtlasData): TemplateResult | typeof nothing {
    if (!this.#held(keys)) return nothing;
    const host = this.#host;
    const t = host.t;
    const p = prescriberStrings(t);
    const now = host.now ?? new Date();
    const listings = keys.map((k) => host.engine?.get(k)).filter((l): l is AtlasListing => !!l);
    const publisher = data.publishers.map((pub) => text(pub.name, host.language)).join(', ');
    return html`<div class="shared">
      <atlas-print-view lang=${host.language} .strings=${host.strings} .listings=${listings} heading=${p.yourList}
        intro=${p.yourListIntro} publisher=${publisher} .missing=${keys.length - listings.length} .now=${now}></atlas-print-view>
      <p class="shared-actions">
        <button type="button" @click=${this.print}>${p.print}</button>
        <button type="button" class="link-button" @click=${() => this.leaveShared()}>${p.backToSearch}</button>
      </p>
    </div>`;
  }

  /** The shortlist's heading takes focus: its Print, Copy and Email come next. */
  focusShortlist = (): void => {
    const list = this.#host.renderRoot.querySelector('atlas-shortlist');
    const heading = list?.renderRoot.querySelector<HTMLElement>('h2');
    heading?.focus();
    heading?.scrollIntoView({ block: 'nearest' });
  };

  /** The person's age and the keyboard shortcuts, among the first filters. */
  renderBar(state: FinderState): TemplateResult | typeof nothing {
    if (!this.active) return nothing;
    const host = this.#host;
    return html`<atlas-prescriber-bar lang=${host.language} .strings=${host.strings} .age=${state.age}
      ?shortcuts=${this.shortcuts} .onShortcutsChange=${this.setShortcuts}></atlas-prescriber-bar>`;
  }

  /** First in the finder, always in sight: the way to the shortlist's Print, Copy and Email (also the key `l`). */
  renderLink(): TemplateResult | typeof nothing {
    if (!this.active) return nothing;
    const p = prescriberStrings(this.#host.t);
    return html`<p class="to-shortlist"><a href="#shortlist" aria-keyshortcuts=${this.shortcuts ? 'l' : nothing}
      @click=${(e: Event) => { e.preventDefault(); this.focusShortlist(); }}>${p.goToShortlist(this.store?.size ?? 0)}${this.shortcuts ? html` <kbd aria-hidden="true">l</kbd>` : nothing}</a></p>`;
  }

  renderShortlist(data: AtlasData): TemplateResult | typeof nothing {
    if (!this.active || !this.store || !this.#held(this.store.keys)) return nothing;
    const host = this.#host;
    const engine = host.engine;
    return html`<aside class="shortlist" aria-label=${prescriberStrings(host.t).shortlistHeading}>
      <atlas-shortlist lang=${host.language} .strings=${host.strings} .store=${this.store}
        .lookup=${(k: string) => engine?.get(k)} .linkFor=${this.linkFor} .now=${host.now}
        .note=${this.#note} .onNoteChange=${(note: string) => (this.#note = note)}
        publisher=${data.publishers.map((p) => text(p.name, host.language)).join(', ')}></atlas-shortlist>
    </aside>`;
  }
}
