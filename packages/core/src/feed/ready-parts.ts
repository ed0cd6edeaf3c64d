/**
 * What a trusted ready feed (feed/ready.ts) brings beside its listings: the
 * engine's prepared columns and the text index `atlas build` wrote. Kept beside
 * the listings array rather than in the data, so nothing new travels to the
 * page or into a merge: a merged, filtered or copied list of listings is
 * another array, and the engine then works everything out itself.
 */
import type { ReadyColumns } from '../engine/core.js';
import type { AtlasListing } from './normalised.js';
import type { ListingSummary } from '../engine/types.js';

export interface ReadyParts {
  columns: ReadyColumns;
  /**
   * The text index, as `serializeIndex` writes it (parsed), once it is in:
   * fetched from `indexFile` when words are first searched, or after the
   * first page (feed/ready-index.ts). Never set when that file could not be
   * had, or failed its seal: the engine then indexes the listings itself.
   */
  index?: object;
  /** The ready feed's text index file, as its header names it. */
  indexFile?: ReadyIndexFile;
  /**
   * Listings not all read yet (`readReadyBytes` asked for `lazy`): the
   * listings array has a hole where a listing is not read, and this reads it.
   */
  lazy?: LazyListings;
}

/**
 * A trusted ready feed's listings read from its bytes as they are asked for:
 * one by one (an answer's page, a schedule group's first listing, a
 * transfer's deadline), or the rest a slice at a time. What the first page
 * needs of the others (keys, summary, columns) came with the columns.
 */
export interface LazyListings {
  /** Every listing's key, in order. */
  readonly keys: string[];
  /** `summarise(listings, false)`, as atlas build worked it out. */
  readonly summary: ListingSummary;
  /** Listing `i`, read now if it was not (and kept in the listings array). */
  at(i: number): AtlasListing;
  /** Reads listings not read yet, a few hundred at a time, until `until` (a `performance.now()` time); true when every listing is read. */
  readSome(until: number): boolean;
  /** Every listing read: the listings array has no holes. */
  readonly whole: boolean;
}

/** A ready feed's text index file (feed/ready.ts's header `textIndex`). */
export interface ReadyIndexFile {
  /** Its name, relative to the feed's address. */
  file: string;
  /** `readySeal` of its bytes. */
  seal: string;
  /** Its length in bytes. */
  bytes: number;
  /** Its address, resolved against the feed's; none when the feed's address cannot resolve it (a blob: URL). */
  url?: string;
}

const parts = new WeakMap<readonly unknown[], ReadyParts>();

export const readyPartsOf = (listings: readonly unknown[]): ReadyParts | undefined => parts.get(listings);

export function attachReadyParts(listings: readonly unknown[], ready: ReadyParts): void {
  parts.set(listings, ready);
}

/** `listings` with every listing read (see `LazyListings`): for whatever reads them all. */
export function wholeListings<T extends readonly unknown[]>(listings: T): T {
  parts.get(listings)?.lazy?.readSome(Infinity);
  return listings;
}
