/**
 * A search found nothing: `query` is the words searched for (never who searched),
 * so a host can see what people look for and the directory lacks.
 * Fired once per query, not on every key press of it. In prescriber mode `query`
 * is empty: a link worker types the person's needs, which stay in the finder.
 */
export class AtlasZeroResultsEvent extends CustomEvent<{ query: string }> {
  static readonly eventName = 'atlas-zero-results';
  constructor(query: string) {
    super(AtlasZeroResultsEvent.eventName, { bubbles: true, composed: true, detail: { query } });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-zero-results': AtlasZeroResultsEvent;
  }
}
