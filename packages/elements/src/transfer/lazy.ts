/**
 * Loads the transfer parts once, on first use; the embed build puts each in its
 * own chunk. The card's (transfer.ts: status, deadline and terms on a card, the
 * transfer filter order) only for data with transfer listings: the finder loads
 * it beside the feed, so a directory of groups and activities never fetches it and
 * an asset-transfer page draws its first cards with their deadlines. The detail
 * (detail.ts) only when a transfer is opened.
 */
import type * as Cards from './transfer.js';
import type * as Detail from './detail.js';

type DetailModule = typeof Detail;
type CardsModule = typeof Cards;

/** One module loaded on demand: `get` it if it has arrived, `load` to start (or join) the load. */
function onDemand<M>(importer: () => Promise<M>): { get: () => M | undefined; load: () => Promise<M> } {
  let loaded: M | undefined;
  let pending: Promise<M> | undefined;
  return {
    get: () => loaded,
    // A failed load (offline, blocked chunk) can be tried again on the next call.
    load: () =>
      (pending ??= importer().then(
        (m) => (loaded = m),
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      )),
  };
}

const detail = onDemand(() => import('./detail.js'));
const cards = onDemand(() => import('./transfer.js'));

/** The module if it has loaded, for rendering without waiting. */
export function transferDetailModule(): DetailModule | undefined {
  return detail.get();
}

/** Starts (or joins) the load. A failed load (offline, blocked chunk) can be tried again on the next call. */
export function loadTransferDetail(): Promise<DetailModule> {
  return detail.load();
}

/** The card's transfer parts if they have loaded, for rendering without waiting. */
export function transferCardsModule(): CardsModule | undefined {
  return cards.get();
}

/** Starts (or joins) the load of the card's transfer parts; a failed load can be tried again. */
export function loadTransferCards(): Promise<CardsModule> {
  return cards.load();
}
