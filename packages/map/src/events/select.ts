export interface AtlasSelectDetail {
  /** `AtlasListing.key` of the chosen listing. */
  key: string;
}

/** The user chose a listing on the map: a marker, or a button in a same-place list. */
export class AtlasSelectEvent extends CustomEvent<AtlasSelectDetail> {
  static readonly eventName = 'atlas-select';
  constructor(detail: AtlasSelectDetail) {
    super(AtlasSelectEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-select': AtlasSelectEvent;
  }
}
