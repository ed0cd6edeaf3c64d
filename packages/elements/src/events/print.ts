/** The prescriber printed the shortlist (`count` options). Whether a note was added is not said: it is the person's. */
export class AtlasPrintEvent extends CustomEvent<{ count: number }> {
  static readonly eventName = 'atlas-print';
  constructor(detail: { count: number }) {
    super(AtlasPrintEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-print': AtlasPrintEvent;
  }
}
