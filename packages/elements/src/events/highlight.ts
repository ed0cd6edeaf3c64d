import { AtlasHighlightEvent } from '@community-atlas/core/dom';

// The event itself is defined once, in core, because <atlas-map> fires it too.
export { AtlasHighlightEvent, type AtlasHighlightDetail } from '@community-atlas/core/dom';

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
