import { nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AtlasData, AtlasListing, FinderState, QueryResult } from '@community-atlas/core';
import type { AtlasStrings } from '../translations/index.js';
import { AtlasPrintEvent } from '../events/print.js';
import { AtlasZeroResultsEvent } from '../events/zero-results.js';
import { ShortlistRequestEvent } from './context.js';
import { ShortlistStore, shortlistStorageKey, MAX_SHORTLIST } from './store.js';
import type * as Parts from './define-prescriber.js';

/** What the controller needs from the finder. */
export interface PrescriberHost extends ReactiveControllerHost, HTMLElement {
  mode: string;
  src: string;
  namespace: string;
  readonly language: string;
  readonly t: AtlasStrings;
  strings?: Partial<AtlasStrings>;
  now?: Date;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly engine?: { get(key: string): AtlasListing | undefined };
}

const SHORTCUTS_KEY = 'atlas-shortcuts';
const LIST_PATTERN = /^[^\s<>"]{1,200}$/;

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

/**
 * Prescriber mode of the finder: the shortlist store (per page, feed and
 * namespace), keyboard shortcuts, printing, the read-only "your list" a shared
 * link opens, and the zero-results event. Kept out of finder.ts so the
 * resident's finder carries none of it in its logic; the shortcuts and the parts
 * it renders load with the prescriber's elements (prescriber-parts.ts).
 */
export class PrescriberController implements ReactiveController {
  store?: ShortlistStore;
  /** Single-key shortcuts; a prescriber using speech input can turn them off (WCAG 2.1.4). */
  shortcuts = true;
  /** The prescriber's note for the printout: held in memory only, for this page view. */
  note = '';
  readonly host: PrescriberHost;
  #storeKey = '';
  #loading?: Promise<void>;
  /** The prescriber parts, once loaded. */
  #parts?: typeof Parts;
  #lastZeroQuery = '';

  constructor(host: PrescriberHost) {
    this.host = host;
    host.addController(this);
    host.addEventListener(ShortlistRequestEvent.eventName, this.#onRequest);
    host.addEventListener('keydown', (e: KeyboardEvent) => this.#parts?.onKey(this, e));
    host.addEventListener(AtlasPrintEvent.eventName, this.#onPrintEvent);
  }

  get active(): boolean {
    return this.host.mode === 'prescriber';
  }

  hostConnected(): void {
    window.addEventListener('beforeprint', this.#beforePrint);
    window.addEventListener('afterprint', this.#afterPrint);
    try {
      this.shortcuts = window.localStorage.getItem(SHORTCUTS_KEY) !== 'off';
    } catch {
      // Storage blocked: shortcuts stay on for this visit.
    }
  }

  hostDisconnected(): void {
    window.removeEventListener('beforeprint', this.#beforePrint);
    window.removeEventListener('afterprint', this.#afterPrint);
  }

  /** Loads and registers the prescriber's parts the first time they are needed. */
  #loadParts(): void {
    if (this.#loading) return;
    this.#loading = import('./define-prescriber.js').then(
      (parts) => {
        this.#parts = parts;
        this.host.requestUpdate();
      },
      (error: unknown) => console.error('Community Atlas: the shortlist could not be loaded', error),
    );
  }

  /** Resolves once the prescriber's parts are registered (tests and hosts that script them wait on it). */
  get ready(): Promise<void> {
    this.#loadParts();
    return this.#loading!;
  }

  hostUpdate(): void {
    if (this.active || this.sharedKeys()) this.#loadParts();
    if (!this.active) return;
    const key = shortlistStorageKey(window.location.pathname, this.host.src, this.host.namespace);
    if (key === this.#storeKey) return;
    this.#storeKey = key;
    this.store = new ShortlistStore(key);
    this.store.subscribe(() => this.host.requestUpdate());
  }

  hostUpdated(): void {
    if (this.active) this.#parts?.orderFilters(this);
  }

  /** The URL parameter a shared list travels in. */
  param(): string {
    return this.host.namespace ? `${this.host.namespace}.list` : 'list';
  }

  /** Keys in a shared link (`?list=a,b`), or undefined when the page was not opened from one. */
  sharedKeys(): string[] | undefined {
    const raw = new URLSearchParams(window.location.search).get(this.param());
    if (raw === null) return undefined;
    return [...new Set(raw.split(',').map((k) => k.trim()).filter((k) => LIST_PATTERN.test(k)))].slice(0, MAX_SHORTLIST);
  }

  /** Tells the host page when a search found nothing: the words only, once per query. */
  afterQuery(state: FinderState, result: QueryResult): void {
    const q = state.q.trim();
    if (result.total > 0 || !q) {
      if (!q || result.total > 0) this.#lastZeroQuery = '';
      return;
    }
    if (q === this.#lastZeroQuery) return;
    this.#lastZeroQuery = q;
    this.host.dispatchEvent(new AtlasZeroResultsEvent(q));
  }

  #onRequest = (e: ShortlistRequestEvent): void => {
    if (!this.active || !this.store) return;
    e.stopPropagation();
    e.store = this.store;
  };

  setPrinting(on: boolean): void {
    if (on) {
      adoptPrintSheet();
      this.host.setAttribute('data-atlas-printing', '');
      document.documentElement.setAttribute('data-atlas-printing', '');
    } else {
      this.host.removeAttribute('data-atlas-printing');
      document.documentElement.removeAttribute('data-atlas-printing');
    }
  }

  #onPrintEvent = (e: AtlasPrintEvent): void => {
    if (e.composedPath()[0] !== this.host) this.setPrinting(true);
  };

  #beforePrint = (): void => {
    // Ctrl+P in an appointment means "print the list", as the Print button does.
    if ((this.active && this.store?.size) || this.sharedKeys()) this.setPrinting(true);
  };

  #afterPrint = (): void => this.setPrinting(false);

  /** The read-only list a shared link opens (nothing until the prescriber parts arrive, a moment after the first render). */
  renderShared(keys: string[], data: AtlasData): TemplateResult | typeof nothing {
    return this.#parts ? this.#parts.renderShared(this, keys, data) : nothing;
  }

  renderBar(state: FinderState): TemplateResult | typeof nothing {
    return this.active && this.#parts ? this.#parts.renderBar(this, state) : nothing;
  }

  renderShortlist(data: AtlasData): TemplateResult | typeof nothing {
    return this.active && this.#parts ? this.#parts.renderShortlist(this, data) : nothing;
  }
}
