/**
 * Registers `<atlas-listing>` when it is first needed: the embed build puts the
 * element (and the schedule wording only it uses) in its own chunk, so a page of
 * results never fetches it. A finder calls this when it opens a listing; the embed
 * entry calls it as soon as the page itself has an `<atlas-listing>`.
 */
import { defineElement } from '../internal/define-element.js';

/** Where the element comes from. A test swaps in a failing load to check what a finder shows without it. */
export const listingElementSource = {
  load: () => {
    // Its words and its body are fetched beside it, not one after another as it would ask for them
    // (three round trips before the listing shows, on a slow phone). Each is asked for again where it is used.
    for (const part of [import('./listing-strings.js'), import('./body.js')]) part.catch(() => undefined);
    return import('./listing.js');
  },
};

let pending: Promise<void> | undefined;

/** Resolves once `<atlas-listing>` is defined (at once if it already is). A failed load can be tried again on the next call. */
export function defineListing(): Promise<void> {
  if (customElements.get('atlas-listing')) return Promise.resolve();
  pending ??= listingElementSource.load().then(
    ({ AtlasListingDetail }) => defineElement('atlas-listing', AtlasListingDetail),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
