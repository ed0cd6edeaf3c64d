/** The prescriber shared the shortlist: copied the link, copied it as text, or opened an email. */
export class AtlasShareEvent extends CustomEvent<{ method: 'link' | 'text' | 'email'; count: number }> {
  static readonly eventName = 'atlas-share';
  constructor(detail: { method: 'link' | 'text' | 'email'; count: number }) {
    super(AtlasShareEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-share': AtlasShareEvent;
  }
}
