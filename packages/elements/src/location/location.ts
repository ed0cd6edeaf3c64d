import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  currentPosition,
  gazetteerFromListings,
  lookupPostcodeDetailed,
  mergeGazetteers,
  type AtlasListing,
  type Gazetteer,
  type GeoPoint,
} from '@community-atlas/core';
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
  /**
   * The feed's listings: postcodes the gazetteer does not know are looked up
   * among theirs (a listing's own postcode, or the middle of its sector or
   * district), so a feed with no gazetteer still finds what is near.
   */
  @property({ attribute: false }) listings?: readonly AtlasListing[];
  /** The place results are measured from. */
  @property({ attribute: false }) near?: GeoPoint;
  /** The Geolocation to ask (tests pass their own). */
  @property({ attribute: false }) geolocation?: Geolocation;

  @state() private message = '';
  @state() private busy = false;

  readonly #id = `atlas-location-${++nextId}`;
  /** The gazetteer with the listings' postcodes filled in, made on the first lookup and kept while both are the same. */
  #merged?: { gazetteer: Gazetteer | undefined; listings: readonly AtlasListing[]; merged: Gazetteer };

  #lookupGazetteer(): Gazetteer | undefined {
    const { gazetteer, listings } = this;
    if (!listings?.length) return gazetteer;
    if (!this.#merged || this.#merged.gazetteer !== gazetteer || this.#merged.listings !== listings) {
      this.#merged = { gazetteer, listings, merged: gazetteer ? mergeGazetteers(gazetteerFromListings(listings), gazetteer) : gazetteerFromListings(listings) };
    }
    return this.#merged.merged;
  }

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
    const gazetteer = this.#lookupGazetteer();
    const found = await lookupPostcodeDetailed(value, {
      ...(gazetteer ? { gazetteer } : {}),
      ...(this.postcodeService ? { service: this.postcodeService } : {}),
    });
    this.busy = false;
    if (found.ok) this.#set({ lat: found.place.lat, lng: found.place.lng, label: value.toUpperCase() });
    else if (found.reason !== 'aborted') {
      const t = this.t;
      // Not found with no service to ask means only that it is outside what this directory knows.
      this.message =
        found.reason === 'not-a-postcode' ? t.postcodeInvalid
        : found.reason === 'unavailable' ? t.postcodeUnavailable
        : this.postcodeService ? t.postcodeNotFound
        : t.postcodeOutsideArea;
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
