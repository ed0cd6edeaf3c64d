import { html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AtlasListing } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasPrintEvent } from '../events/print.js';
import { AtlasShareEvent } from '../events/share.js';
import { AtlasShortlistChangeEvent } from '../events/shortlist-change.js';
import { shortlistText, summarise, type OptionSummary } from './describe.js';
import { MAX_SHORTLIST, type ShortlistChange, type ShortlistStore } from './store.js';
import { shortlistStyles } from './shortlist.styles.js';
import { prescriberStrings } from './prescriber-strings.js';

/**
 * @tagname atlas-shortlist
 * @summary A prescriber's shortlist: the options chosen in an appointment, in order, to reorder, remove or clear (with undo), then print, copy as text, email or share as a link. Every change is announced. Nothing about the person is kept: only listing keys, in this browser.
 *
 * @csspart panel - The shortlist box on screen.
 * @fires atlas-shortlist-change - `{ action, keys, key? }` after every change.
 * @fires atlas-print - `{ count }` when Print is pressed.
 * @fires atlas-share - `{ method, count }` when the link or text is copied or an email is opened.
 */
export class AtlasShortlist extends AtlasElement {
  static override styles = [baseStyles, shortlistStyles];

  static override properties = {
    store: { attribute: false },
    lookup: { attribute: false },
    linkFor: { attribute: false },
    publisher: {},
    now: { attribute: false },
    keys: { state: true },
    announcement: { state: true },
    copyState: { state: true },
    fallbackText: { state: true },
    note: { attribute: false },
    onNoteChange: { attribute: false },
  };

  store?: ShortlistStore;
  /** Finds a listing by key (the finder's engine). */
  lookup?: (key: string) => AtlasListing | undefined;
  /** The share link for a list of keys. */
  linkFor?: (keys: readonly string[]) => string;
  /** The publisher named on the printout and in the email subject. */
  publisher = '';
  now?: Date;

  private keys: readonly string[] = [];
  private announcement = '';
  private copyState: '' | 'copied' | 'failed' = '';
  private fallbackText = '';
  /** Typed for the printout only: never stored, never in a link, gone on reload. The finder keeps it while the shortlist is re-created (opening a listing). */
  note = '';
  /** Told of every change to the note, so it outlives this element. */
  onNoteChange?: (note: string) => void;

  #unsubscribe?: () => void;
  #refocus?: { key?: string; target: 'up' | 'down' | 'remove' | 'undo' | 'heading' };

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.store && !this.#unsubscribe) this.#subscribe();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) {
      this.#unsubscribe?.();
      this.#subscribe();
    }
  }

  #subscribe(): void {
    this.keys = this.store?.keys ?? [];
    this.#unsubscribe = this.store?.subscribe(this.#onChange);
  }

  #onChange = (change: ShortlistChange): void => {
    const p = prescriberStrings(this.t);
    if (change.action === 'full') {
      // Nothing changed: say why, rather than ignore the press.
      this.announcement = p.fullNotice(MAX_SHORTLIST);
      return;
    }
    const gone = change.action === 'prune' ? this.keys.length - change.keys.length : 0;
    this.keys = change.keys;
    this.copyState = '';
    const name = change.key ? this.#name(change.key) : '';
    // What the list shows: options the feed still has.
    const n = this.lookup ? change.keys.filter((k) => this.lookup!(k)).length : change.keys.length;
    this.announcement =
      change.action === 'prune' ? p.pruned(gone)
        : change.action === 'add' ? p.added(name, n)
        : change.action === 'remove' ? p.removed(name, n)
          : change.action === 'move' ? p.moved(name, change.keys.indexOf(change.key ?? '') + 1, n)
            : change.action === 'clear' ? p.cleared
              : p.restored(n);
    this.dispatchEvent(new AtlasShortlistChangeEvent({ action: change.action, keys: [...change.keys], ...(change.key ? { key: change.key } : {}) }));
  };

  #name(key: string): string {
    const listing = this.lookup?.(key);
    return listing ? this.#summary(listing).name : key;
  }

  #summary(l: AtlasListing): OptionSummary {
    return summarise(l, this.t, this.language, this.now ?? new Date());
  }

  /** The options still in the directory, in the chosen order. */
  get options(): OptionSummary[] {
    return this.keys.map((k) => this.lookup?.(k)).filter((l): l is AtlasListing => !!l).map((l) => this.#summary(l));
  }

  /** The list as plain text, with the share link at the end. */
  get plainText(): string {
    return shortlistText(this.options, this.t, this.linkFor?.(this.#known()));
  }

  #listings(): AtlasListing[] {
    return this.keys.map((k) => this.lookup?.(k)).filter((l): l is AtlasListing => !!l);
  }

  #known(): string[] {
    return this.keys.filter((k) => this.lookup?.(k));
  }

  protected override updated(): void {
    const refocus = this.#refocus;
    if (!refocus) return;
    this.#refocus = undefined;
    const root = this.renderRoot;
    let target: HTMLElement | null = null;
    if (refocus.target === 'undo') target = root.querySelector('.undo');
    else if (refocus.key) target = root.querySelector(`li[data-key="${CSS.escape(refocus.key)}"] .${refocus.target}`);
    target ??= root.querySelector('h2');
    target?.focus();
  }

  #move(key: string, by: -1 | 1): void {
    const i = this.keys.indexOf(key);
    if (i + by < 0 || i + by >= this.keys.length) return;
    this.#refocus = { key, target: by < 0 ? 'up' : 'down' };
    this.store?.move(key, by);
  }

  #remove(key: string): void {
    const i = this.keys.indexOf(key);
    // Focus goes to the next option's Remove (or the one before), never lost to the page.
    const next = this.keys[i + 1] ?? this.keys[i - 1];
    this.#refocus = next ? { key: next, target: 'remove' } : { target: 'heading' };
    this.store?.remove(key);
  }

  #clear(): void {
    this.#refocus = { target: 'undo' };
    this.store?.clear();
  }

  #undo(): void {
    this.#refocus = { target: 'heading' };
    this.store?.restore();
  }

  #print(): void {
    this.dispatchEvent(new AtlasPrintEvent({ count: this.#known().length }));
    window.print();
  }

  async #copy(method: 'link' | 'text'): Promise<void> {
    const value = method === 'link' ? (this.linkFor?.(this.#known()) ?? '') : this.plainText;
    this.dispatchEvent(new AtlasShareEvent({ method, count: this.#known().length }));
    this.fallbackText = '';
    try {
      await navigator.clipboard.writeText(value);
      this.copyState = 'copied';
    } catch {
      // No clipboard permission (an embedding iframe, an older browser): show the text selected, ready to copy by hand.
      this.fallbackText = value;
      this.copyState = 'failed';
      await this.updateComplete;
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>('.fallback');
      area?.focus();
      area?.select();
    }
  }

  #onNote = (e: Event): void => {
    this.note = (e.target as HTMLTextAreaElement).value;
    this.onNoteChange?.(this.note);
  };

  #mailto(): string {
    const subject = prescriberStrings(this.t).emailSubject(this.publisher);
    return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(this.plainText)}`;
  }

  protected override render(): unknown {
    const t = this.t;
    const p = prescriberStrings(t);
    const known = this.#known();
    const missing = this.keys.length - known.length;
    return html`<section class="panel" part="panel" aria-labelledby="heading">
        <h2 id="heading" tabindex="-1">${p.shortlistHeading} <span class="count">${p.count(known.length)}</span></h2>
        <div class="status visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        ${this.store && !this.store.persistent ? html`<p class="notice">${p.memoryOnly}</p>` : nothing}
        ${missing ? html`<p class="notice">${p.missing(missing)}</p>` : nothing}
        ${this.store?.pruned ? html`<p class="notice">${p.pruned(this.store.pruned)}</p>` : nothing}
        ${this.store?.full
          ? html`<p class="notice full">${p.fullNotice(MAX_SHORTLIST)} <button type="button" class="link-button clear-full" @click=${this.#clear}>${p.clear}</button></p>`
          : nothing}
        ${known.length
          ? html`<ol>
              ${repeat(known, (k) => k, (key, i) => {
                const name = this.#name(key);
                return html`<li data-key=${key}>
                  <span class="name">${name}</span>
                  <span class="row">
                    <button type="button" class="up" aria-label=${p.moveUpNamed(name)} aria-disabled=${i === 0 ? 'true' : 'false'} @click=${() => this.#move(key, -1)}>↑ ${p.moveUp}</button>
                    <button type="button" class="down" aria-label=${p.moveDownNamed(name)} aria-disabled=${i === known.length - 1 ? 'true' : 'false'} @click=${() => this.#move(key, 1)}>↓ ${p.moveDown}</button>
                    <button type="button" class="remove" aria-label=${p.removeNamed(name)} @click=${() => this.#remove(key)}>${p.remove}</button>
                  </span>
                </li>`;
              })}
            </ol>`
          : this.store?.canRestore
            ? html`<p>${p.cleared} <button type="button" class="undo" @click=${this.#undo}>${p.undo}</button></p>`
            : html`<p>${p.empty}</p>`}
        ${known.length
          ? html`
            <label for="note">${p.noteLabel}</label>
            <p class="hint" id="note-hint">${p.noteHint}</p>
            <textarea id="note" aria-describedby="note-hint" autocomplete="off" .value=${this.note} @input=${this.#onNote}></textarea>
            <div class="actions">
              <button type="button" class="primary print" @click=${this.#print}>${p.print}</button>
              <button type="button" class="copy-link" @click=${() => void this.#copy('link')}>${p.copyLink}</button>
              <button type="button" class="copy-text" @click=${() => void this.#copy('text')}>${p.copyText}</button>
              <a class="email" href=${this.#mailto()} @click=${() => this.dispatchEvent(new AtlasShareEvent({ method: 'email', count: known.length }))}>${p.email}</a>
              <button type="button" class="link-button clear" @click=${this.#clear}>${p.clear}</button>
            </div>
            <p class="status" role="status">${this.copyState === 'copied' ? p.copied : this.copyState === 'failed' ? p.copyFailed : ''}</p>
            ${this.fallbackText ? html`<textarea class="fallback" readonly aria-label=${p.copyText} .value=${this.fallbackText}></textarea>` : nothing}`
          : nothing}
      </section>
      <div class="print-only">
        <atlas-print-view lang=${this.language} .strings=${this.strings} .listings=${this.#listings()} publisher=${this.publisher} .note=${this.note} .now=${this.now}></atlas-print-view>
      </div>`;
  }
}
