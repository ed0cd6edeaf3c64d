export interface AtlasHighlightDetail {
  /** Key of the listing under the pointer or keyboard focus, or undefined when it left. */
  key: string | undefined;
}

/**
 * The user pointed at or focused a card (or left it), so a map beside the list
 * can highlight the same listing. `<atlas-map>` fires an event of the same name
 * and shape for its markers, and the finder handles both alike. (The map
 * package declares the event in HTMLElementEventMap; declaring it here as well
 * would clash, and the map is only ever loaded on demand.)
 */
export class AtlasHighlightEvent extends CustomEvent<AtlasHighlightDetail> {
  static readonly eventName = 'atlas-highlight';
  constructor(detail: AtlasHighlightDetail) {
    super(AtlasHighlightEvent.eventName, { detail, bubbles: true, composed: true });
  }
}

/**
 * Makes an element report the listing it shows when it is pointed at or
 * focused, and report undefined when the pointer or focus leaves it.
 * Focus moving between two controls inside it reports nothing in between.
 */
export function reportHighlight(host: HTMLElement, key: () => string | undefined): void {
  const send = (k: string | undefined): void => {
    host.dispatchEvent(new AtlasHighlightEvent({ key: k }));
  };
  host.addEventListener('pointerenter', () => send(key()));
  host.addEventListener('pointerleave', () => {
    if (!host.matches(':focus-within')) send(undefined);
  });
  host.addEventListener('focusin', () => send(key()));
  host.addEventListener('focusout', (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to && (host.contains(to) || host.shadowRoot?.contains(to))) return;
    send(undefined);
  });
}
