/**
 * Loads the transfer detail (detail.ts) once, on first use: the embed build puts
 * it in its own chunk, so pages of results and non-transfer listings never fetch it.
 */
import type * as Detail from './detail.js';

type DetailModule = typeof Detail;

let loaded: DetailModule | undefined;
let pending: Promise<DetailModule> | undefined;

/** The module if it has loaded, for rendering without waiting. */
export function transferDetailModule(): DetailModule | undefined {
  return loaded;
}

/** Starts (or joins) the load. A failed load (offline, blocked chunk) can be tried again on the next call. */
export function loadTransferDetail(): Promise<DetailModule> {
  pending ??= import('./detail.js').then(
    (m) => (loaded = m),
    (error: unknown) => {
      pending = undefined;
      throw error;
    },
  );
  return pending;
}
