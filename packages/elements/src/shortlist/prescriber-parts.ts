/**
 * Prescriber mode's working parts, in the prescriber chunk with the elements they
 * drive (see define-prescriber.ts): keyboard shortcuts, the link a list is shared
 * by, and the shortlist, prescriber bar and shared "your list" the finder shows.
 * The controller (prescriber.ts) stays in the first chunk and calls these once
 * they have loaded, so a resident's finder carries none of it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { isStateParam, text, type AtlasData, type AtlasListing, type FacetId, type FinderState } from '@community-atlas/core';
import { AtlasPrintEvent } from '../events/print.js';
import type { PrescriberController } from './prescriber.js';

/** What a link worker reaches for first, in that order (distance comes first once a postcode is set). */
const PRESCRIBER_FILTERS: FacetId[] = ['need', 'cost', 'day', 'time', 'referral', 'access', 'language', 'delivery', 'kind', 'category'];

const SHORTCUTS_KEY = 'atlas-shortcuts';

/** Fields where a letter is text, not a command (a checkbox or a button is not one). */
function isTypingField(el: HTMLElement): boolean {
  if (el.isContentEditable || el.localName === 'textarea' || el.localName === 'select') return true;
  return el instanceof HTMLInputElement && !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/.test(el.type);
}

/** Set after the finder renders rather than bound in its template, so a resident's finder keeps the filters' own default order. */
export function orderFilters(c: PrescriberController): void {
  const filters = c.host.renderRoot.querySelector<HTMLElement & { order: FacetId[] }>('atlas-filters');
  if (filters && filters.order !== PRESCRIBER_FILTERS) filters.order = PRESCRIBER_FILTERS;
}

function setShortcuts(c: PrescriberController, on: boolean): void {
  c.shortcuts = on;
  try {
    window.localStorage.setItem(SHORTCUTS_KEY, on ? 'on' : 'off');
  } catch {
    // Kept for this visit only.
  }
  c.host.requestUpdate();
}

/** A link that opens exactly these listings, and nothing else of the finder's state. */
export function linkFor(c: PrescriberController, keys: readonly string[]): string {
  const url = new URL(window.location.href);
  const ns = c.host.namespace;
  // The finder's own search, filters and open listing go; the host page's parameters (its language, say) stay.
  for (const name of [...url.searchParams.keys()]) if (isStateParam(name, ns)) url.searchParams.delete(name);
  url.searchParams.set(c.param(), keys.join(','));
  url.hash = '';
  return url.href;
}

/** Leaves the shared list for the full directory. */
function leaveShared(c: PrescriberController): void {
  const url = new URL(window.location.href);
  url.searchParams.delete(c.param());
  window.history.pushState(window.history.state, '', url);
  c.host.requestUpdate();
}

/** Print from the shared "your list" view. */
function print(c: PrescriberController): void {
  c.setPrinting(true);
  c.host.dispatchEvent(new AtlasPrintEvent({ count: c.sharedKeys()?.filter((k) => c.host.engine?.get(k)).length ?? 0 }));
  window.print();
}

export function onKey(c: PrescriberController, e: KeyboardEvent): void {
  if (!c.active || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const path = e.composedPath();
  const target = path[0];
  // Never while typing: the keys belong to the field.
  if (target instanceof HTMLElement && isTypingField(target)) return;
  const card = path.find((n): n is HTMLElement & { item?: { listing: AtlasListing } } => n instanceof HTMLElement && n.localName === 'atlas-card');
  const root = c.host.renderRoot;
  const key = e.key;
  if (key === '/' && c.shortcuts) {
    const search = root.querySelector<HTMLElement>('atlas-search');
    if (!search) return;
    e.preventDefault();
    search.focus();
  } else if ((c.shortcuts && (key === 'j' || key === 'k')) || (card && (key === 'ArrowDown' || key === 'ArrowUp'))) {
    const results = root.querySelector('atlas-results');
    const cards = [...(results?.renderRoot.querySelectorAll<HTMLElement>('atlas-card') ?? [])];
    if (!cards.length) return;
    const at = card ? cards.indexOf(card) : -1;
    const step = key === 'j' || key === 'ArrowDown' ? 1 : -1;
    const next = cards[at < 0 ? (step > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, at + step))];
    e.preventDefault();
    next?.focus();
    next?.scrollIntoView({ block: 'nearest' });
  } else if (key === 's' && c.shortcuts && c.store) {
    const listing = card?.item?.listing ?? (path.find((n) => n instanceof HTMLElement && n.localName === 'atlas-listing') as { listing?: AtlasListing } | undefined)?.listing;
    if (!listing) return;
    e.preventDefault();
    c.store.toggle(listing.key);
  }
}

/** The read-only list a shared link opens: what is still in the directory, and how many are not. */
export function renderShared(c: PrescriberController, keys: string[], data: AtlasData): TemplateResult {
  const host = c.host;
  const t = host.t;
  const p = t.prescriber;
  const now = host.now ?? new Date();
  const listings = keys.map((k) => host.engine?.get(k)).filter((l): l is AtlasListing => !!l);
  const publisher = data.publishers.map((pub) => pub.name).join(', ');
  return html`<div class="shared">
    <atlas-print-view lang=${host.language} .strings=${host.strings} .listings=${listings} heading=${p.yourList}
      intro=${p.yourListIntro} publisher=${publisher} .missing=${keys.length - listings.length} .now=${now}></atlas-print-view>
    <p class="shared-actions">
      <button type="button" @click=${() => print(c)}>${p.print}</button>
      <button type="button" class="link-button" @click=${() => leaveShared(c)}>${p.backToSearch}</button>
    </p>
  </div>`;
}

/** The callbacks handed to the parts, made once per finder so a re-render does not hand them new ones. */
const bound = new WeakMap<PrescriberController, { linkFor: (keys: readonly string[]) => string; setShortcuts: (on: boolean) => void }>();
function callbacks(c: PrescriberController): { linkFor: (keys: readonly string[]) => string; setShortcuts: (on: boolean) => void } {
  let b = bound.get(c);
  if (!b) bound.set(c, (b = { linkFor: (keys) => linkFor(c, keys), setShortcuts: (on) => setShortcuts(c, on) }));
  return b;
}

export function renderBar(c: PrescriberController, state: FinderState): TemplateResult {
  const host = c.host;
  return html`<atlas-prescriber-bar lang=${host.language} .strings=${host.strings} .age=${state.age}
    ?shortcuts=${c.shortcuts} .onShortcutsChange=${callbacks(c).setShortcuts}></atlas-prescriber-bar>`;
}

export function renderShortlist(c: PrescriberController, data: AtlasData): TemplateResult | typeof nothing {
  if (!c.store) return nothing;
  const host = c.host;
  const engine = host.engine;
  return html`<aside class="shortlist" aria-label=${host.t.prescriber.shortlistHeading}>
    <atlas-shortlist lang=${host.language} .strings=${host.strings} .store=${c.store}
      .lookup=${(k: string) => engine?.get(k)} .linkFor=${callbacks(c).linkFor} .now=${host.now}
      .note=${c.note} .onNoteChange=${(note: string) => (c.note = note)}
      publisher=${data.publishers.map((p) => text(p.name, host.language)).join(', ')}></atlas-shortlist>
  </aside>`;
}
