/**
 * The user activated "Skip the map" and the map has no `skip-target`: the host
 * should move focus past the map (usually to the list of results).
 */
export class AtlasSkipMapEvent extends Event {
  static readonly eventName = 'atlas-skip-map';
  constructor() {
    super(AtlasSkipMapEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-skip-map': AtlasSkipMapEvent;
  }
}
