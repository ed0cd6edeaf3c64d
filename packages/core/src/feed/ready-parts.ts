/**
 * What a trusted ready feed (feed/ready.ts) brings beside its listings: the
 * engine's prepared columns and the text index `atlas build` wrote. Kept beside
 * the listings array rather than in the data, so nothing new travels to the
 * page or into a merge: a merged, filtered or copied list of listings is
 * another array, and the engine then works everything out itself.
 */
import type { ReadyColumns } from '../engine/core.js';

export interface ReadyParts {
  columns: ReadyColumns;
  /** The text index, as `serializeIndex` writes it (parsed), or a function that reads it when first called (feed/ready.ts's `readReadyBytes`). */
  index: object | (() => object);
}

const parts = new WeakMap<readonly unknown[], ReadyParts>();

export const readyPartsOf = (listings: readonly unknown[]): ReadyParts | undefined => parts.get(listings);

export function attachReadyParts(listings: readonly unknown[], ready: ReadyParts): void {
  parts.set(listings, ready);
}
