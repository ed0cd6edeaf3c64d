/**
 * Registers `<atlas-listing>` when it is first needed (`listingElement` in
 * ../on-demand.ts): a finder calls this when it opens a listing; the embed entry
 * calls it as soon as the page itself has an `<atlas-listing>`.
 */
import { defineElement } from '../internal/define-element.js';
import { listingElement } from '../on-demand.js';

/** Resolves once `<atlas-listing>` is defined (at once if it already is). A failed load is tried again on the next call. */
export function defineListing(): Promise<void> {
  if (customElements.get('atlas-listing')) return Promise.resolve();
  return listingElement.load().then(({ AtlasListingDetail }) => defineElement('atlas-listing', AtlasListingDetail));
}
