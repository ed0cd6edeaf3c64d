export interface AtlasHighlightDetail {
  /** Key of the listing under the pointer or keyboard focus, or undefined when it left. */
  key: string | undefined;
}

/**
 * The person pointed at or focused a listing (or left it): a card in the list or
 * a single-listing marker on the map, so the other can highlight the same one.
 * Defined once here, because both the elements and the map fire it and neither
 * may import the other's code; the finder handles both alike.
 */
export class AtlasHighlightEvent extends CustomEvent<AtlasHighlightDetail> {
  static readonly eventName = 'atlas-highlight';
  constructor(detail: AtlasHighlightDetail) {
    super(AtlasHighlightEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-highlight': AtlasHighlightEvent;
  }
}
