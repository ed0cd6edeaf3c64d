/**
 * Registers `<atlas-listing>` when it is first needed (`listingElement` in
 * ../on-demand.ts): a finder calls this when it opens a listing; the embed entry
 * calls it as soon as the page itself has an `<atlas-listing>`.
 */
import { defineElement } from '@community-atlas/core/dom';
import { breathe } from '@community-atlas/core';
import { listingElement } from '../on-demand.js';
import { prepareElement } from '../internal/atlas-element.js';

/**
 * Resolves once `<atlas-listing>` is defined (at once if it already is). A failed load is
 * tried again on the next call. Its class is made ready (properties, style sheets) in a task
 * of its own before it is registered, not in the task that draws the first listing.
 */
export function defineListing(): Promise<void> {
  if (customElements.get('atlas-listing')) return Promise.resolve();
  return listingElement.load().then(async ({ AtlasListingDetail }) => {
    if (customElements.get('atlas-listing')) return;
    await breathe();
    prepareElement(AtlasListingDetail);
    await breathe();
    defineElement('atlas-listing', AtlasListingDetail);
  });
}
