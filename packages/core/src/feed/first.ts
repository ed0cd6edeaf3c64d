/**
 * A ready feed's first screen: what a finder draws for the default state (no
 * words, no filters, no place, the default sort, the feed's language) before
 * the rest of the feed is in. `atlas build` writes it at the start of the
 * body, on a line of its own right after the header line:
 *
 *     {"format":"community-atlas-ready",…,"first":{"length":N,"seal":"…"},…,"seals":[…],
 *     "screen":{…},
 *     "data":{…},…
 *
 * so that on a slow link the first page of results is on screen a few
 * kilobytes into a feed of megabytes. The header's `first` says how long the
 * screen's JSON is and seals it (`screenSeal`): a screen from another build,
 * or edited by hand, is not used. What it says is what the engine answers for
 * that state, except what depends on the clock, which it leaves out: the next
 * session of each result, and the counts of `when`, `day`, `time`, `deadline`
 * (and `distance`, which needs a place). The engine's answer replaces it.
 *
 * Nothing here reads the rest of the feed: this module is on the page from the
 * start, and small.
 */
import type { AtlasListing } from './normalised.js';
import type { AreaDefinition, CategoryDefinition, ListingKind, Text } from './types.js';
import type { FacetCount, FacetId } from '../engine/types.js';

export interface FirstScreen {
  /** The page language it was worked out for (names' order, facets' order). */
  lang: string;
  /** Results in the default state: every listing. */
  total: number;
  /** Which kinds of listing the feed has. */
  kinds: ListingKind[];
  /** How many results the page shows (the finder's page size). */
  limit: number;
  /** The first `limit` results, in order, as the engine gives them. */
  listings: AtlasListing[];
  /** The counts that do not depend on the clock or a place (`SCREEN_FACETS`), as the engine gives them. */
  facets: Partial<Record<FacetId, FacetCount[]>>;
  /** What the cards and filters name values with: needs (id and label), areas and categories. */
  needs: { id: string; label: Text }[];
  areas: AreaDefinition[];
  categories?: CategoryDefinition[];
  /** Listings skipped because of errors (said under the results). */
  skipped: number;
}

/** The facets a first screen counts: those whose counts need neither the clock nor a place. */
export const SCREEN_FACETS: readonly FacetId[] = ['kind', 'need', 'category', 'cost', 'access', 'referral', 'language', 'delivery', 'area', 'status', 'assetType', 'tenure'];

/** How the first screen starts the body, right after the header line. */
export const SCREEN_KEY = '"screen":';

/**
 * A hash of bytes of ASCII text: two 32-bit FNV-1a lanes. What a ready feed's
 * `hash` is (`readyHash` gives the same for its text), and what seals its
 * first screen.
 */
export function readyHashBytes(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ (c << 3), 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/** The first `length` bytes of `parts` in one array (fewer if fewer came): the first part itself when it holds them, else a copy of those bytes only. */
export function joined(parts: readonly Uint8Array[], length: number): Uint8Array {
  if (parts.length && parts[0]!.length >= length) return parts[0]!.subarray(0, length);
  const out = new Uint8Array(Math.min(length, parts.reduce((n, p) => n + p.length, 0)));
  let at = 0;
  for (const part of parts) {
    if (at >= out.length) break;
    const piece = part.subarray(0, out.length - at);
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** A header line longer than this is not a ready feed's. */
const HEADER_MAX = 4096;

/**
 * The first screen of a ready feed from the first pieces of its body, once
 * they hold it: `undefined` while more is needed, `null` when there is none
 * to use (not a ready feed, none written, relative links, or its seal does not
 * match). Copies only the bytes it reads.
 */
export function readFirstScreen(parts: readonly Uint8Array[]): FirstScreen | null | undefined {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const start = joined(parts, Math.min(size, HEADER_MAX));
  const bom = start[0] === 0xef ? 3 : 0;
  const end = start.indexOf(0x0a);
  if (end < 0) return size >= HEADER_MAX ? null : undefined;
  const decoder = new TextDecoder();
  let header: { format?: unknown; relative?: unknown; first?: { length?: unknown; seal?: unknown } };
  try {
    header = JSON.parse(`${decoder.decode(start.subarray(bom, end)).replace(/,\s*$/, '')}}`) as typeof header;
  } catch {
    return null;
  }
  const length = header.first?.length;
  if (header.format !== 'community-atlas-ready' || header.relative !== false || typeof length !== 'number' || typeof header.first?.seal !== 'string') return null;
  const from = end + 1 + SCREEN_KEY.length;
  if (size < from + length) return undefined;
  const bytes = joined(parts, from + length);
  if (decoder.decode(bytes.subarray(end + 1, from)) !== SCREEN_KEY) return null;
  const screen = bytes.subarray(from);
  if (readyHashBytes(screen) !== header.first.seal) return null;
  try {
    return JSON.parse(decoder.decode(screen)) as FirstScreen;
  } catch {
    return null;
  }
}
