/** The feed loaded (or failed): `total` listings, `error` a plain message when nothing could be loaded. */
export class AtlasLoadEvent extends CustomEvent<{ total: number; error?: string }> {
  static readonly eventName = 'atlas-load';
  constructor(detail: { total: number; error?: string }) {
    super(AtlasLoadEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-load': AtlasLoadEvent;
  }
}
