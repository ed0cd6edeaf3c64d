/**
 * A finder's `kinds` (keep only these kinds of listing) over a trusted ready
 * feed, without losing what `atlas build` prebuilt: kinds that keep every
 * listing keep the very listings (and their ready parts); kinds that drop some
 * narrow the prebuilt columns to the listings kept, bit by bit, rather than
 * working them out again from every listing. The answers are those of the
 * listings kept, worked out afresh (the differential tests hold both to it).
 * The text index (file or built) covers every listing, so a narrowed feed's is
 * built from the listings kept, as for a plain feed.
 */
import { bitsOfText, bitsText, FIXED_VALUES, STATIC_FACETS, type ReadyColumns } from '../engine/core.js';
import type { ListingSummary } from '../engine/types.js';
import type { AtlasData, AtlasListing } from './normalised.js';
import { attachReadyParts, readyPartsOf, wholeListings, type LazyListings } from './ready-parts.js';
import type { ListingKind } from './types.js';

/** `data` with only the listings of `kinds`: the same object when they keep every listing. */
export function keepKinds(data: AtlasData, kinds: readonly ListingKind[]): AtlasData {
  if (!kinds.length) return data;
  const ready = readyPartsOf(data.listings);
  const narrowed = ready ? narrowReady(data.listings, ready.columns, kinds, ready.lazy) : undefined;
  if (narrowed === 'all') return data;
  if (narrowed) return { ...data, listings: narrowed };
  const listings = wholeListings(data.listings).filter((l) => kinds.includes(l.kind));
  return listings.length === data.listings.length ? data : { ...data, listings };
}

/**
 * The listings of `kinds`, with the columns narrowed to them attached (and, for
 * listings read as they are asked for, a reader of the kept ones); 'all' when
 * every listing is of those kinds; undefined when the columns cannot say
 * (damaged, or not for these listings), and the listings are filtered one by one.
 */
function narrowReady(listings: readonly AtlasListing[], c: ReadyColumns, kinds: readonly ListingKind[], lazy: LazyListings | undefined): AtlasListing[] | 'all' | undefined {
  const n = listings.length;
  if (!c || !Array.isArray(c.order) || c.order.length !== n || !Array.isArray(c.group) || c.group.length !== n || !c.values || !c.bits) return undefined;
  const words = (n + 31) >>> 5;
  const decode = (facet: (typeof STATIC_FACETS)[number]): Uint32Array[] | undefined => {
    const texts = c.bits[facet];
    if (!Array.isArray(texts) || !Array.isArray(c.values[facet]) || texts.length !== c.values[facet].length) return undefined;
    const sets: Uint32Array[] = [];
    for (const text of texts) {
      const set = bitsOfText(text, words);
      if (!set) return undefined;
      sets.push(set);
    }
    return sets;
  };
  const kindBits = decode('kind');
  if (!kindBits) return undefined;
  // Positions (name order) kept, and listings (by index) kept.
  const keepAt = new Uint8Array(n);
  c.values.kind.forEach((kind, v) => {
    if (!kinds.includes(kind as ListingKind)) return;
    const set = kindBits[v]!;
    for (let p = 0; p < n; p++) if (set[p >>> 5]! & (1 << (p & 31))) keepAt[p] = 1;
  });
  const keepIndex = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    const i = c.order[p]!;
    if (!Number.isInteger(i) || i < 0 || i >= n) return undefined;
    if (keepAt[p]) keepIndex[i] = 1;
  }
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (keepIndex[i]) kept.push(i);
  if (kept.length === n) return 'all';
  const m = kept.length;
  const indexOf = new Int32Array(n).fill(-1);
  kept.forEach((i, j) => (indexOf[i] = j));
  const positions: number[] = [];
  const positionOf = new Int32Array(n).fill(-1);
  for (let p = 0; p < n; p++) {
    if (keepAt[p]) {
      positionOf[p] = positions.length;
      positions.push(p);
    }
  }
  const narrowWords = (m + 31) >>> 5;
  const values = {} as ReadyColumns['values'];
  const bits = {} as ReadyColumns['bits'];
  for (const facet of STATIC_FACETS) {
    const sets = facet === 'kind' ? kindBits : decode(facet);
    if (!sets) return undefined;
    values[facet] = [];
    bits[facet] = [];
    sets.forEach((set, v) => {
      const out = new Uint32Array(narrowWords);
      let any = false;
      for (let q = 0; q < m; q++) {
        const p = positions[q]!;
        if (set[p >>> 5]! & (1 << (p & 31))) {
          out[q >>> 5]! |= 1 << (q & 31);
          any = true;
        }
      }
      // A value only dropped listings have is not among the kept listings' values (a fixed list keeps all its own).
      if (!any && !FIXED_VALUES[facet]) return;
      values[facet].push(c.values[facet][v]!);
      bits[facet].push(bitsText(out));
    });
  }
  const byPosition = <T>(column: readonly T[]): T[] => positions.map((p) => column[p]!);
  // Schedule groups kept, each with one of its kept listings (every listing of a group has the same schedule).
  const groupOf = new Map<number, number>();
  const groups: number[] = [];
  /** Each kept group's number among all (for its written weekly slots). */
  const was: number[] = [];
  const group = positions.map((p) => {
    const g = c.group[p]!;
    if (g < 0) return -1;
    let kept = groupOf.get(g);
    if (kept === undefined) {
      groupOf.set(g, (kept = groups.length));
      groups.push(indexOf[c.order[p]!]!);
      was.push(g);
    }
    return kept;
  });
  // The weekly slots and next sessions written for the groups kept, numbered as they now are.
  const slots = c.slots && Array.isArray(c.slots.bits) && Array.isArray(c.slots.until)
    ? { from: c.slots.from, bits: was.map((g) => c.slots!.bits[g]!), until: was.map((g) => c.slots!.until[g]!) }
    : undefined;
  const next = c.next && Array.isArray(c.next.until) && Array.isArray(c.next.start) && Array.isArray(c.next.end)
    ? { from: c.next.from, until: was.map((g) => c.next!.until[g]!), start: was.map((g) => c.next!.start[g]!), end: was.map((g) => c.next!.end[g]!) }
    : undefined;
  const columns: ReadyColumns = {
    ...c,
    order: positions.map((p) => indexOf[c.order[p]!]!),
    values,
    bits,
    lat: byPosition(c.lat),
    lng: byPosition(c.lng),
    ageMin: byPosition(c.ageMin),
    ageMax: byPosition(c.ageMax),
    transfer: (Array.isArray(c.transfer) ? c.transfer : []).filter((p) => keepAt[p]).map((p) => positionOf[p]!),
    deadlines: Array.isArray(c.deadlines) && Array.isArray(c.transfer) ? c.deadlines.filter((_, k) => keepAt[c.transfer[k]!]) : undefined,
    group,
    groups,
    slots,
    next,
  };
  const narrowed = new Array<AtlasListing>(m);
  if (!lazy) {
    kept.forEach((i, j) => (narrowed[j] = listings[i]!));
    attachReadyParts(narrowed, { columns });
    return narrowed;
  }
  // Which kinds, in the order the kept listings first have them (as `summarise` gives them).
  const firstOf = new Map<string, number>();
  c.values.kind.forEach((kind, v) => {
    const set = kindBits[v]!;
    for (let q = 0; q < m; q++) {
      const p = positions[q]!;
      if (set[p >>> 5]! & (1 << (p & 31))) {
        const j = indexOf[c.order[p]!]!;
        if (j < (firstOf.get(kind) ?? Infinity)) firstOf.set(kind, j);
      }
    }
  });
  const summary: ListingSummary = {
    ...lazy.summary,
    size: m,
    kinds: [...firstOf.keys()].sort((a, b) => firstOf.get(a)! - firstOf.get(b)!) as ListingKind[],
  };
  let whole = false;
  const narrowLazy: LazyListings = {
    keys: kept.map((i) => lazy.keys[i]!),
    summary,
    get whole(): boolean {
      return whole;
    },
    at: (j) => (narrowed[j] ??= lazy.at(kept[j]!)),
    readSome(until) {
      if (whole) return true;
      if (!lazy.readSome(until)) return false;
      for (let j = 0; j < m; j++) narrowed[j] ??= lazy.at(kept[j]!);
      return (whole = true);
    },
  };
  attachReadyParts(narrowed, { columns, lazy: narrowLazy });
  return narrowed;
}
