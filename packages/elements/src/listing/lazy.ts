/**
 * Loads the body of the listing detail (body.ts) once, when a listing is first
 * opened: the embed build puts it in its own chunk, so a page of results never fetches it.
 */
import type * as Detail from './body.js';

type DetailModule = typeof Detail;

/** Where the body comes from. A test swaps in a failing load to check what a listing shows without it. */
export const bodySource = { load: (): Promise<DetailModule> => import('./body.js') };

let loaded: DetailModule | undefined;
let pending: Promise<DetailModule> | undefined;

/** The module if it has loaded, for rendering without waiting. */
export function listingDetailModule(): DetailModule | undefined {
  return loaded;
}

/** Starts (or joins) the load. A failed load (offline, blocked chunk) can be tried again on the next call. */
export function loadListingDetail(): Promise<DetailModule> {
  pending ??= bodySource.load().then(
    (m) => (loaded = m),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
