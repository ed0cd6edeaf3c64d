/** The user opened a listing (from a card or a suggestion). Cancelable: a host may show it its own way. */
export class AtlasOpenEvent extends CustomEvent<{ key: string }> {
  static readonly eventName = 'atlas-open';
  constructor(key: string) {
    super(AtlasOpenEvent.eventName, { bubbles: true, composed: true, cancelable: true, detail: { key } });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-open': AtlasOpenEvent;
  }
}
