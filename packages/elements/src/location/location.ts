import { html, nothing } from 'lit';
import type { AtlasListing, Gazetteer, GeoPoint } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { postcodeLookup } from '../on-demand.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { locationStyles } from './location.styles.js';
import type { ListingGazetteers } from './lookup.js';

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

  static override properties = {
    postcodeService: { attribute: 'postcode-service' },
    gazetteer: { attribute: false },
    listings: { attribute: false },
    placer: { attribute: false },
    near: { attribute: false },
    geolocation: { attribute: false },
    message: { state: true },
    busy: { state: true },
  };

  /** Base URL of a postcodes.io-compatible service; absent means only the feed's gazetteer is used. */
  postcodeService = '';
  gazetteer?: Gazetteer;
  /**
   * The feed's listings: postcodes the gazetteer does not know are looked up
   * among theirs (a listing's own postcode, or the middle of its sector or
   * district), so a feed with no gazetteer still finds what is near.
   */
  listings?: readonly AtlasListing[];
  /** A sharded directory's own way to place a postcode (its area's shard): asked when the gazetteer and service cannot. */
  placer?: (postcode: string) => Promise<GeoPoint | undefined>;
  /** The place results are measured from. */
  near?: GeoPoint;
  /** The Geolocation to ask (tests pass their own). */
  geolocation?: Geolocation;

  private message = '';
  private busy = false;

  readonly #id = `atlas-location-${++nextId}`;
  #fromListings: ListingGazetteers = { byDistrict: new Map() };
  /** A lookup in progress; updateComplete waits for it, so hosts and tests see what it found or why not. */
  #pending?: Promise<void>;

  #set(near: GeoPoint | undefined): void {
    this.message = '';
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { near, sort: near ? 'distance' : 'relevance', limit: undefined }, history: 'push' }));
  }

  /** Runs a lookup with the field and buttons busy until it has an answer, then acts on the answer. */
  #run<T>(lookup: () => Promise<T>, then: (answer: T) => void): void {
    this.busy = true;
    this.#pending = lookup().then((answer) => {
      this.busy = false;
      then(answer);
    }).finally(() => (this.#pending = undefined));
  }

  /** "Clear location" was pressed: focus goes to the postcode field when it comes back, not to the page. */
  #refocus = false;

  /** The first draw is a task of its own, after the finder's: a finder's first screen drew its every part in one task. */
  protected override drawsLater(): boolean {
    return !this.hasUpdated;
  }

  protected override updated(): void {
    if (this.#refocus && !this.near) {
      this.#refocus = false;
      this.renderRoot.querySelector('input')?.focus();
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.#pending;
    return super.getUpdateComplete();
  }

  /**
   * The postcode search's code is fetched when the field is first focused or typed in, in a task
   * of its own, not when the postcode is sent: asked for then, its fetch was a round trip (and its
   * import a few ms of CPU time of the Enter key's task, on a slow phone) before the lookup could
   * begin. A page whose field is never used never fetches it. A failed fetch is tried again, and
   * reported, when the postcode is sent.
   */
  #warm = (): void => {
    if (this.#warmed || postcodeLookup.module) return;
    this.#warmed = true;
    setTimeout(() => postcodeLookup.load().catch(() => undefined), 0);
  };

  #warmed = false;

  #submit(e: SubmitEvent): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    const value = input.value.trim();
    if (!value) return;
    this.#run(async () => {
      try {
        const { placePostcode } = await postcodeLookup.load();
        return await placePostcode(value, {
          gazetteer: this.gazetteer, service: this.postcodeService, listings: this.listings, fromListings: this.#fromListings,
          ...(this.placer ? { placer: this.placer } : {}),
        }, this.t);
      } catch (error) {
        // Left the page while it placed the postcode (the finder's search engine went with it): nothing to say.
        if (!this.isConnected) return undefined;
        postcodeLookup.report(error, console.error);
        return { message: this.t.postcodeUnavailable };
      }
    }, (outcome) => {
      if (outcome && 'near' in outcome) this.#set(outcome.near);
      else if (outcome) {
        this.message = outcome.message;
        input.focus();
      }
    });
  }

  #locate(): void {
    this.message = this.t.locating;
    this.#run(
      // The position code loads with the postcode search's chunk; a chunk that cannot load is a location we could not get.
      () => postcodeLookup.load().then(({ currentPosition }) => currentPosition(this.geolocation ? { geolocation: this.geolocation } : {})).catch(() => undefined),
      (point) => {
        if (point) this.#set({ lat: point.lat, lng: point.lng, label: this.t.yourLocation });
        else this.message = this.t.locationUnavailable;
      },
    );
  }

  protected override render(): unknown {
    const t = this.t;
    const error = this.message && this.message !== t.locating;
    // Once a place is set it shows as one line with one button: a keyboard passes it with one Tab.
    // Clearing it brings the postcode field back, with focus in it.
    return html`
      <form @submit=${(e: SubmitEvent) => this.#submit(e)} ?hidden=${!!this.near}>
        <div class="field">
          <label for=${this.#id}>${t.postcodeLabel}</label>
          <span class="hint" id="${this.#id}-hint">${t.postcodeHint}</span>
          <input id=${this.#id} part="input" type="text" autocomplete="postal-code" spellcheck="false"
            aria-describedby="${this.#id}-hint ${this.#id}-msg" aria-invalid=${error ? 'true' : 'false'} @focus=${this.#warm} @input=${this.#warm} />
        </div>
        <button type="submit" ?disabled=${this.busy}>${t.findPostcode}</button>
        ${'geolocation' in navigator || this.geolocation
          ? html`<button type="button" ?disabled=${this.busy} @click=${() => this.#locate()}>${t.useMyLocation}</button>`
          : nothing}
      </form>
      <p id="${this.#id}-msg" class="message ${error ? 'error' : ''}" role="status">${this.message}</p>
      ${this.near
        ? html`<p class="near">
            <span>${t.nearLabel(this.near.label ?? t.yourLocation)}</span>
            <button type="button" class="link-button" @click=${() => {
              this.#refocus = true;
              this.#set(undefined);
            }}>${t.clearLocation}</button>
          </p>`
        : nothing}
    `;
  }
}
