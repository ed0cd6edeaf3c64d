/** The user closed the open listing and went back to the results. */
export class AtlasCloseEvent extends CustomEvent<{ key: string }> {
  static readonly eventName = 'atlas-close';
  constructor(key: string) {
    super(AtlasCloseEvent.eventName, { bubbles: true, composed: true, detail: { key } });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-close': AtlasCloseEvent;
  }
}
