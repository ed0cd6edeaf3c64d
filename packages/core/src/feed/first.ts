/**
 * A ready feed's first screen: what a finder draws for the default state (no
 * words, no filters, no place, the default sort, the feed's language) before
 * the rest of the feed is in. `atlas build` writes it at the start of the
 * body, on a line of its own right after the header line:
 *
 *     {"format":"community-atlas-ready",…,"first":{"length":N,"seal":"…"},…,"seals":[…],
 *     "screen":{…},
 *     "kindScreens":{…},
 *     "data":{…},…
 *
 * so that on a slow link the first page of results is on screen a few
 * kilobytes into a feed of megabytes. `kindScreens` (written when the feed
 * has more than one kind) holds the first screens of a finder given `kinds`
 * that keep some of them; a finder without `kinds` does not wait for it.
 * The header's `first` says how long each line's JSON is and seals it
 * (`readyHashBytes`), with the feed's kinds: a screen from another build,
 * or edited by hand, is not used. What it says is what the engine answers for
 * that state, except what depends on the clock, which it leaves out: the next
 * session of each result, and the counts of `when`, `day`, `time`, `deadline`
 * (and `distance`, which needs a place). The engine's answer replaces it.
 *
 * Nothing here reads the rest of the feed: this module is on the page from the
 * start, and small.
 */
import type { AtlasListing } from './normalised.js';
import type { AreaDefinition, CategoryDefinition, ListingKind, Publisher, StageDefinition, Text } from './types.js';
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
  /**
   * What a listing's full view names besides the listing, for a listing opened
   * from this screen (or the kinds' screens) before the engine is in: the
   * publishers their listings name, with the feed's first (the view's
   * fallback), in the feed's order; the transfer stage lists their transfers
   * name, with `default`. Licences are named by no listing view.
   */
  publishers?: Publisher[];
  transferStages?: Record<string, StageDefinition[]>;
}

/**
 * The first screens of a finder whose `kinds` keep some of the feed's kinds
 * and not others (a council page's "asset activity"), on a line of their own
 * after the first screen (`"kindScreens":`), sealed in the header beside it:
 * by those kinds (`kindsKey`), what differs from the screen for every kind.
 * `readFirstScreen` gives the screen for the kinds asked for.
 */
export interface KindScreens {
  byKinds: Record<string, KindsScreen>;
  /** The listings of `byKinds`' first pages that are not on the first screen. */
  more: AtlasListing[];
}

/** A first screen for some kinds: see `KindScreens`. */
interface KindsScreen {
  total: number;
  kinds: ListingKind[];
  /** Places in the first screen's `listings` followed by `more`. */
  listings: number[];
  facets: FirstScreen['facets'];
}

/** How a set of kinds is named in `KindScreens.byKinds`: in alphabetical order, a space between two. */
export const kindsKey = (kinds: readonly string[]): string => [...kinds].sort().join(' ');

/** The facets a first screen counts: those whose counts need neither the clock nor a place. */
export const SCREEN_FACETS: readonly FacetId[] = ['kind', 'need', 'category', 'cost', 'access', 'referral', 'language', 'delivery', 'area', 'status', 'assetType', 'tenure'];

/** A ready feed's `format` (feed/ready.ts re-exports it; here so that the first chunk can check it without ready.ts). */
export const READY_FORMAT = 'community-atlas-ready';

/** How the first screen starts the body, right after the header line. */
export const SCREEN_KEY = '"screen":';
/** How the kinds' first screens start the line after it (`KindScreens`). */
export const KIND_SCREENS_KEY = '"kindScreens":';
/** What ends each screen's line. */
const LINE_END = ',\n';

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
 * match, or none for `kinds`: a finder's kinds, which keep only those listings).
 * Copies only the bytes it reads.
 */
export function readFirstScreen(parts: readonly Uint8Array[], kinds?: readonly string[]): FirstScreen | null | undefined {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const start = joined(parts, Math.min(size, HEADER_MAX));
  const bom = start[0] === 0xef ? 3 : 0;
  const end = start.indexOf(0x0a);
  if (end < 0) return size >= HEADER_MAX ? null : undefined;
  const decoder = new TextDecoder();
  type Sealed = { length?: unknown; seal?: unknown };
  let header: { format?: unknown; relative?: unknown; first?: Sealed & { kinds?: unknown; byKinds?: Sealed } };
  try {
    header = JSON.parse(`${decoder.decode(start.subarray(bom, end)).replace(/,\s*$/, '')}}`) as typeof header;
  } catch {
    return null;
  }
  const first = header.first;
  const sealed = <T extends Sealed>(s: T | undefined): s is T & { length: number; seal: string } => typeof s?.length === 'number' && typeof s.seal === 'string';
  if (header.format !== READY_FORMAT || header.relative !== false || !sealed(first)) return null;
  const from = end + 1 + SCREEN_KEY.length;
  // A finder whose kinds leave out some of the feed's needs the kinds' screens too (the header says which kinds it has).
  const some = !!kinds?.length && Array.isArray(first.kinds) && first.kinds.some((k) => !kinds.includes(k as string));
  const byKinds = some && sealed(first.byKinds) ? first.byKinds : undefined;
  if (some && !byKinds) return null;
  const kindsFrom = from + first.length + LINE_END.length + KIND_SCREENS_KEY.length;
  const to = byKinds ? kindsFrom + byKinds.length : from + first.length;
  if (size < to) return undefined;
  const bytes = joined(parts, to);
  const text = (a: number, b: number): string => decoder.decode(bytes.subarray(a, b));
  if (text(end + 1, from) !== SCREEN_KEY) return null;
  const screen = bytes.subarray(from, from + first.length);
  if (readyHashBytes(screen) !== first.seal) return null;
  const others = byKinds ? bytes.subarray(kindsFrom, to) : undefined;
  if (others && (text(from + first.length, kindsFrom) !== LINE_END + KIND_SCREENS_KEY || readyHashBytes(others) !== byKinds!.seal)) return null;
  try {
    return forKinds(JSON.parse(decoder.decode(screen)) as FirstScreen, kinds, others && (JSON.parse(decoder.decode(others)) as KindScreens));
  } catch {
    return null;
  }
}

/** The screen for a finder's `kinds` (none: every kind); null when there is none for them (no listing of those kinds). */
function forKinds(screen: FirstScreen, kinds: readonly string[] | undefined, others: KindScreens | undefined): FirstScreen | null {
  const kept = kinds?.length ? screen.kinds.filter((k) => kinds.includes(k)) : screen.kinds;
  if (kept.length === screen.kinds.length) return screen;
  const some = others?.byKinds[kindsKey(kept)];
  const pool = [...screen.listings, ...(others?.more ?? [])];
  const listings = some?.listings.map((i) => pool[i]!);
  if (!some || !listings || listings.some((l) => !l)) return null;
  return { ...screen, total: some.total, kinds: some.kinds, facets: some.facets, listings };
}
