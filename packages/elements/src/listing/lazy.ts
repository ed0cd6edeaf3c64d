/**
 * Loads the body of the listing detail (detail.ts) once, when a listing is first
 * opened: the embed build puts it in its own chunk, so a page of results never fetches it.
 */
import type * as Detail from './body.js';

type DetailModule = typeof Detail;

let loaded: DetailModule | undefined;
let pending: Promise<DetailModule> | undefined;

/** The module if it has loaded, for rendering without waiting. */
export function listingDetailModule(): DetailModule | undefined {
  return loaded;
}

/** Starts (or joins) the load. A failed load (offline, blocked chunk) can be tried again on the next call. */
export function loadListingDetail(): Promise<DetailModule> {
  pending ??= import('./body.js').then(
    (m) => (loaded = m),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
