import type { ShortlistAction } from '../shortlist/store.js';

/** The prescriber changed the shortlist. `keys` is the whole list after the change, in order. For the host page's own analytics. */
export class AtlasShortlistChangeEvent extends CustomEvent<{ action: ShortlistAction; keys: string[]; key?: string }> {
  static readonly eventName = 'atlas-shortlist-change';
  constructor(detail: { action: ShortlistAction; keys: string[]; key?: string }) {
    super(AtlasShortlistChangeEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-shortlist-change': AtlasShortlistChangeEvent;
  }
}
