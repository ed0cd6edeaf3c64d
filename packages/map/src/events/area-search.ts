export interface AtlasAreaSearchDetail {
  /** The visible map area: [south, west, north, east] in degrees (WGS84). */
  bounds: [number, number, number, number];
}

/** The user pressed "Search this area". */
export class AtlasAreaSearchEvent extends CustomEvent<AtlasAreaSearchDetail> {
  static readonly eventName = 'atlas-area-search';
  constructor(detail: AtlasAreaSearchDetail) {
    super(AtlasAreaSearchEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-area-search': AtlasAreaSearchEvent;
  }
}
