/**
 * The one script-tag entry: `<script type="module" src="…/atlas.js"></script>`.
 * Registers the finder and the parts of its first screen, in the tasks after the script
 * has run. The rest arrives in chunks of its own when needed: `<atlas-listing>` when a
 * finder opens a listing or the page has one of its own, the map when a finder shows it.
 */
import { defineFirstScreenParts } from './internal/define-parts.js';
import { defineListing } from './listing/define-listing.js';
import { listingElement } from './on-demand.js';

// In tasks of their own after the one that evaluates this script: the finder, then its parts.
defineFirstScreenParts((define) => setTimeout(define, 0));

/** A page that shows `<atlas-listing>` itself (outside a finder) gets it as soon as one is in the page, now or later. */
function defineListingWhenInPage(): void {
  const load = (): void => {
    defineListing().catch((error: unknown) => listingElement.report(error, console.error));
  };
  if (document.getElementsByTagName('atlas-listing').length) return load();
  const watch = new MutationObserver((records) => {
    const added = records.some((r) => [...r.addedNodes].some((n) => n instanceof Element && (n.localName === 'atlas-listing' || !!n.getElementsByTagName('atlas-listing').length)));
    if (added || customElements.get('atlas-listing')) watch.disconnect();
    if (added) load();
  });
  watch.observe(document, { childList: true, subtree: true });
}
defineListingWhenInPage();
