import type { TemplateResult } from 'lit';
import type { AtlasListing } from '@community-atlas/core';
import type { ShortlistStore } from './store.js';
import type { LoadedStrings } from '../translations/index.js';

/** What a card or listing shows of the shortlist: made in the prescriber chunk (toggle.ts). */
export interface ShortlistParts {
  store: ShortlistStore;
  /** What a prescriber checks first on a card: the referral route and whether someone can come along. */
  meta(l: AtlasListing, t: LoadedStrings): TemplateResult | string;
  /** The add/remove button for one listing. */
  button(key: string, name: string, t: LoadedStrings): TemplateResult;
}

/**
 * A card or listing asks the finder around it for the shortlist (the way
 * @lit/context does, without the dependency): in prescriber mode the finder
 * answers with its store and the parts that show it, and the card or listing
 * shows "Add to shortlist"; otherwise nobody answers and it shows nothing extra.
 */
export class ShortlistRequestEvent extends Event {
  static readonly eventName = 'atlas-shortlist-request';
  parts?: ShortlistParts;
  constructor() {
    super(ShortlistRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-shortlist-request': ShortlistRequestEvent;
  }
}
