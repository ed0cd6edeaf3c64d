import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Focus never gets lost: after the render that opens a listing, focus goes to its
 * heading (or, if the listing could not be loaded, to "Back to results"); after the
 * one that closes it, to the card of the listing just closed.
 */
export class FocusReturn implements ReactiveController {
  /** After the next render, focus the open listing's heading (`listing`), or the card of the listing with this key. */
  next?: { listing: true } | { card: string };

  /** `listingLoading`: `<atlas-listing>`'s load while it is in flight, waited for before focusing it. */
  constructor(private readonly host: Host, private readonly listingLoading: () => Promise<void> | undefined) {
    host.addController(this);
  }

  hostUpdated(): void {
    const focus = this.next;
    if (!focus) return;
    this.next = undefined;
    void (async () => {
      const root = this.host.renderRoot;
      if ('listing' in focus) {
        await this.listingLoading();
        await this.host.updateComplete;
        const detail = root.querySelector('atlas-listing');
        await detail?.updateComplete;
        // Without the listing, its "Back to results" (the heading would have had focus).
        (detail ?? root.querySelector<HTMLElement>('.state button'))?.focus();
      } else {
        // The results are drawn a task after the search box when a listing closes.
        await this.host.updateComplete;
        const results = root.querySelector('atlas-results');
        await results?.updateComplete;
        await Promise.all([...(results?.renderRoot.querySelectorAll('atlas-card') ?? [])].map((c) => c.updateComplete));
        results?.focusCard(focus.card);
        // Going back to an address with a fragment (the host page's skip link put #content there), the
        // browser moves focus to the fragment's target after we have put it on the card: put it back.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
        if (!this.host.matches(':focus-within')) results?.focusCard(focus.card);
      }
    })();
  }
}
