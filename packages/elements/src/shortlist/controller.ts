import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ShortlistRequestEvent } from './context.js';
import type { AtlasListing } from '@community-atlas/core';
import type { ShortlistStore } from './store.js';
import type { AtlasStrings } from '../translations/index.js';

/**
 * Finds the shortlist of the finder around a card or listing (prescriber mode
 * only) and re-renders the host when the list changes, so its "Add to
 * shortlist" button always says what pressing it will do.
 */
export class ShortlistToggleController implements ReactiveController {
  store?: ShortlistStore;
  #host: ReactiveControllerHost & HTMLElement;
  #unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    const request = new ShortlistRequestEvent();
    this.#host.dispatchEvent(request);
    this.store = request.store;
    this.#unsubscribe = this.store?.subscribe(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.store = undefined;
  }

  /** What a prescriber checks first on a card: the referral route and whether someone can come along. */
  meta(l: AtlasListing, t: AtlasStrings): TemplateResult | typeof nothing {
    if (!this.store || l.kind === 'transfer') return nothing;
    return html`${l.referral.map((r) => html`<span>${t.facetValues.referral?.[r] ?? r}</span>`)}${l.companionWelcome ? html`<span>${t.prescriber.companionShort}</span>` : nothing}`;
  }

  /** The add/remove button for one listing, or nothing outside prescriber mode. */
  button(key: string, name: string, t: AtlasStrings): TemplateResult | typeof nothing {
    const store = this.store;
    if (!store) return nothing;
    const on = store.has(key);
    const p = t.prescriber;
    // The label changes with the state (rather than aria-pressed) so it says what the press will do;
    // the accessible name starts with the visible words (WCAG 2.5.3) and adds the listing's name.
    return html`<button type="button" class="shortlist-toggle" part="shortlist-toggle" data-on=${on ? 'true' : 'false'}
      aria-label=${on ? p.removeNamed(name) : p.addNamed(name)} @click=${() => store.toggle(key)}>${on ? `✓ ${p.remove}` : `+ ${p.add}`}</button>`;
  }
}
