import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { ShortlistRequestEvent, type ShortlistParts } from './context.js';
import type { AtlasListing } from '@community-atlas/core';
import type { LoadedStrings } from '../translations/index.js';

/**
 * Finds the shortlist of the finder around a card or listing (prescriber mode
 * only) and re-renders the host when the list changes, so its "Add to
 * shortlist" button always says what pressing it will do. The button and the
 * card's prescriber facts come with the answer, from the prescriber chunk.
 */
export class ShortlistToggleController implements ReactiveController {
  #parts?: ShortlistParts;
  #host: ReactiveControllerHost & HTMLElement;
  #unsubscribe?: () => void;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  /** The finder's shortlist, in prescriber mode. */
  get store(): ShortlistParts['store'] | undefined {
    return this.#parts?.store;
  }

  hostConnected(): void {
    const request = new ShortlistRequestEvent();
    this.#host.dispatchEvent(request);
    this.#parts = request.parts;
    this.#unsubscribe = this.#parts?.store.subscribe(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#parts = undefined;
  }

  meta(l: AtlasListing, t: LoadedStrings): unknown {
    return this.#parts?.meta(l, t) ?? nothing;
  }

  button(key: string, name: string, t: LoadedStrings): unknown {
    return this.#parts?.button(key, name, t) ?? nothing;
  }
}
