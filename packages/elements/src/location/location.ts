import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { currentPosition, lookupPostcodeDetailed, type Gazetteer, type GeoPoint } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { locationStyles } from './location.styles.js';

let nextId = 0;

/**
 * @tagname atlas-location
 * @summary A postcode field and a "Use my location" button. Nothing leaves the page unless `postcode-service` is set: postcodes are looked up in the feed's own gazetteer first.
 *
 * @csspart input - The postcode field.
 * @fires atlas-state-change - `{ patch: { near, sort }, history: 'push' }` when a place is found or cleared.
 */
export class AtlasLocation extends AtlasElement {
  static override styles = [baseStyles, locationStyles];

  /** Base URL of a postcodes.io-compatible service; absent means only the feed's gazetteer is used. */
  @property({ attribute: 'postcode-service' }) postcodeService = '';
  @property({ attribute: false }) gazetteer?: Gazetteer;
  /** The place results are measured from. */
  @property({ attribute: false }) near?: GeoPoint;
  /** The Geolocation to ask (tests pass their own). */
  @property({ attribute: false }) geolocation?: Geolocation;

  @state() private message = '';
  @state() private busy = false;

  readonly #id = `atlas-location-${++nextId}`;

  #set(near: GeoPoint | undefined): void {
    this.message = '';
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { near, sort: near ? 'distance' : 'relevance', limit: undefined }, history: 'push' }));
  }

  async #submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    const value = input.value.trim();
    if (!value) return;
    this.busy = true;
    const found = await lookupPostcodeDetailed(value, {
      ...(this.gazetteer ? { gazetteer: this.gazetteer } : {}),
      ...(this.postcodeService ? { service: this.postcodeService } : {}),
    });
    this.busy = false;
    if (found.ok) this.#set({ lat: found.place.lat, lng: found.place.lng, label: value.toUpperCase() });
    else {
      this.message = this.t.postcodeNotFound;
      input.focus();
    }
  }

  async #locate(): Promise<void> {
    this.busy = true;
    this.message = this.t.locating;
    try {
      const point = await currentPosition(this.geolocation ? { geolocation: this.geolocation } : {});
      this.#set({ lat: point.lat, lng: point.lng, label: this.t.yourLocation });
    } catch {
      this.message = this.t.locationUnavailable;
    } finally {
      this.busy = false;
    }
  }

  protected override render(): unknown {
    const t = this.t;
    const error = this.message && this.message !== t.locating;
    return html`
      <form @submit=${(e: SubmitEvent) => void this.#submit(e)}>
        <div class="field">
          <label for=${this.#id}>${t.postcodeLabel}</label>
          <span class="hint" id="${this.#id}-hint">${t.postcodeHint}</span>
          <input id=${this.#id} part="input" type="text" autocomplete="postal-code" spellcheck="false"
            aria-describedby="${this.#id}-hint ${this.#id}-msg" aria-invalid=${error ? 'true' : 'false'} />
        </div>
        <button type="submit" ?disabled=${this.busy}>${t.findPostcode}</button>
        ${'geolocation' in navigator || this.geolocation
          ? html`<button type="button" ?disabled=${this.busy} @click=${() => void this.#locate()}>${t.useMyLocation}</button>`
          : nothing}
      </form>
      <p id="${this.#id}-msg" class="message ${error ? 'error' : ''}" role="status">${this.message}</p>
      ${this.near
        ? html`<p class="near">
            <span>${t.nearLabel(this.near.label ?? t.yourLocation)}</span>
            <button type="button" class="link-button" @click=${() => this.#set(undefined)}>${t.clearLocation}</button>
          </p>`
        : nothing}
    `;
  }
}
