import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  currentPosition,
  gazetteerFromListings,
  lookupPostcodeDetailed,
  parsePostcodeQuery,
  type AtlasListing,
  type Gazetteer,
  type GeoPoint,
  type LookupResult,
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
  /** Gazetteers read from the listings, a district at a time, made on the first lookup there. */
  #fromListings = new Map<string, Gazetteer>();
  #fromListingsOf?: readonly AtlasListing[];

  /** A postcode the feed's gazetteer (and the service) could not place, placed from the listings' own postcodes. */
  async #lookupAmongListings(value: string): Promise<LookupResult | undefined> {
    const query = parsePostcodeQuery(value);
    const listings = this.listings;
    if (!query || !listings?.length) return undefined;
    if (this.#fromListingsOf !== listings) {
      this.#fromListings.clear();
      this.#fromListingsOf = listings;
    }
    const district = query.kind === 'district' ? query.value : (query.value.split(' ')[0] ?? '');
    let gazetteer = this.#fromListings.get(district);
    if (!gazetteer) this.#fromListings.set(district, (gazetteer = gazetteerFromListings(listings, district)));
    const found = await lookupPostcodeDetailed(value, { gazetteer });
    return found.ok ? found : undefined;
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
    let found = await lookupPostcodeDetailed(value, {
      ...(this.gazetteer ? { gazetteer: this.gazetteer } : {}),
      ...(this.postcodeService ? { service: this.postcodeService } : {}),
    });
    // Not known to the feed's gazetteer and no service to say it does not exist (or the service is down):
    // the listings' own postcodes may know it. A postcode the service says does not exist stays not found.
    if (!found.ok && (found.reason === 'unavailable' || (found.reason === 'not-found' && !this.postcodeService))) {
      found = (await this.#lookupAmongListings(value)) ?? found;
    }
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
