/**
 * Every part of the kit that loads on demand: what it brings, what makes it load,
 * and what a page shows while it is missing or if it cannot be had (offline, a
 * blocked chunk). Each is loaded once; a failed load is named in the console and
 * tried again the next time the part is needed. The embed bundle puts each in a
 * chunk of its own, fetched only by a page that needs it; `define` (the npm entry)
 * imports some at once. Elements ask for a part with `AtlasElement.need(part)`,
 * which re-renders them when it arrives and makes `updateComplete` wait for it.
 *
 * Core loads its own parts (text search and its index, the engine's extras, the
 * exact-message normaliser, the merger, the failure wording, the JSON fault
 * finder, the search worker): see the core README, "Large feeds".
 */
import { OnDemand } from './internal/on-demand.js';
import { setWelshDateNames } from './internal/format.js';

/**
 * The Welsh strings, with the Welsh day and month names for dates (where the browser's Intl has none).
 * Loads: a Welsh element's first update (its `lang`, or the nearest `lang` in the page, is `cy`).
 * Missing: English.
 */
export const welsh = new OnDemand('the Welsh strings', () => import('./translations/cy.js').then((m) => {
  setWelshDateNames(m.welshDateNames);
  return m.cy;
}));

/**
 * The search box's suggestion list (code and styles). Loads: first focus or keystroke in a search box.
 * Missing: the box searches without suggestions.
 */
export const suggestions = new OnDemand('suggestions', () => import('./search/suggestions.js'));

/**
 * Ways to widen a search that found nothing. Loads: the first search with no results.
 * Missing: "no results" without the hints.
 */
export const relax = new OnDemand('search hints', () => import('./results/relax.js'));

/**
 * A transfer's status, deadline and terms on a card, the transfer filters' order and words, their styles.
 * Loads: beside a feed with transfers (before its first results), or when a card or filter first shows one.
 * Missing: cards without status and deadline.
 */
export const transferCards = new OnDemand('transfer cards', () => import('./transfer/transfer.js'));

/**
 * A transfer's detail: stages, dates, documents, expression of interest (code, words, styles).
 * Loads: when a transfer is opened. Missing: the listing shows when, where and contact details only.
 */
export const transferDetail = new OnDemand('transfer details', () => import('./transfer/detail.js'));

/**
 * The body of an opened listing: sessions, opening hours, cost, access (code, words, styles).
 * Loads: when a listing is opened. Missing: when, where and contact details only.
 */
export const listingBody = new OnDemand('listing details', () => import('./listing/body.js'));

/**
 * `<atlas-listing>` itself (code, styles, its words). Loads: when a finder opens a listing, a link
 * opens one, or the page has an `<atlas-listing>` of its own. Missing: the finder says the listing
 * cannot be shown, with "Back to results".
 */
export const listingElement = new OnDemand('the listing', () => {
  // Its words and its body are fetched beside it, not one after another as it would ask for them
  // (three round trips before the listing shows, on a slow phone).
  for (const part of [import('./listing/listing-strings.js'), listingBody.load()]) part.catch(() => undefined);
  return import('./listing/listing.js');
});

/**
 * Prescriber mode: shortlist, print, share, keyboard shortcuts (code, words, styles).
 * Loads: beside the feed when `mode="prescriber"` or the address has a shared list (`?list=`);
 * keys pressed before it arrives are kept. Missing: the finder works as a resident's.
 */
export const prescriber = new OnDemand('the shortlist', () => import('./shortlist/prescriber.js'));

/**
 * A ready theme's styles (`theme="gov"` or `"nhs"`). Loads: beside the feed, before the first results.
 * Missing: the host page's font and colours (what `theme="none"` gives).
 */
export const theme = new OnDemand('the theme', () => import('./finder/themes.js'));

/**
 * `<atlas-map>` (Leaflet and its styles, clustering) and the finder's map view. Loads: when a finder's
 * `view` is `map` or `both`, or a link asks for it. Missing: "The map is not available", the list as always.
 */
export const map = new OnDemand('the map', () =>
  Promise.all([import('@community-atlas/map/define'), import('./finder/map-view.js')]).then(([, view]) => view));

/**
 * Postcode lookups and "Use my location". Loads: the first postcode search or location request.
 * Missing: "Postcode search is not available" / "could not get your location".
 */
export const postcodeLookup = new OnDemand('postcode search', () => import('./location/lookup.js'));

/**
 * The reader of `atlas build`'s prebuilt search index. Loads: beside the feed when `index` is set.
 * Missing: the finder indexes the feed itself.
 */
export const prebuiltIndex = new OnDemand('the index reader', () => import('./finder/prebuilt-index.js'));

/**
 * The Open Referral UK reader. Loads: beside the feed when `src` has an `oruk:` source.
 * Missing: the feed cannot be loaded, said as for any feed.
 */
export const orukSource = new OnDemand('the ORUK reader', () => import('./finder/oruk-source.js'));
