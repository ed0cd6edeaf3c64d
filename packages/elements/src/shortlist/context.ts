import type { ShortlistStore } from './store.js';

/**
 * A card or listing asks the finder around it for the shortlist (the way
 * @lit/context does, without the dependency): in prescriber mode the finder
 * answers with its store and the part shows "Add to shortlist"; otherwise
 * nobody answers and the part shows nothing extra.
 */
export class ShortlistRequestEvent extends Event {
  static readonly eventName = 'atlas-shortlist-request';
  store?: ShortlistStore;
  constructor() {
    super(ShortlistRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-shortlist-request': ShortlistRequestEvent;
  }
}
