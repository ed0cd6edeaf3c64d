export interface AtlasHighlightDetail {
  /** Key of the listing under the pointer or keyboard focus, or undefined when it left. */
  key: string | undefined;
}

/** The user pointed at or focused a single-listing marker (or left it), so a list can highlight the same item. */
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
