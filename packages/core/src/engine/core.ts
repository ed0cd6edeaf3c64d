/**
 * The search engine's synchronous core for everything but words: filters, live
 * facet counts, sorting and next sessions, which is all a finder's first screen
 * (results and filters, nothing typed) needs. Text search (the MiniSearch index,
 * need words, suggestions) is in `text.ts`, attached with `attachText` once it is
 * loaded: `createEngine` drives this core on the main thread in slices and loads
 * the text part on demand; the Web Worker and Node use `EngineCore` (full.ts),
 * which has both. Deadlines of asset transfers come the same way (`attachDeadlines`),
 * so a directory without transfers never loads the code that reads them.
 * What only other states need (the sorts by distance, next session and
 * deadline, distances from a point, the age and map-area filters, the hints for
 * zero results) is in `extras.ts`, attached with `attachExtras`: the first
 * screen (no filters, default sort, nothing typed) never runs it.
 */
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import { text } from '../feed/values.js';
import { isOnNow, nextSession, weeklySlots, weeklySlotsHold } from '../schedule/index.js';
import { londonInstant, londonParts } from '../schedule/zone.js';
import { isValidLatLng } from '../location/index.js';
import { allVariants } from '../text/index.js';
import { buildNeedTable } from '../vocabulary/needs.js';
import type { NeedTable } from '../vocabulary/needs.js';
import { FACET_IDS } from './types.js';
// Kept here too for the URL state, which reads it from the core.
export { MAX_QUERY_LENGTH } from './types.js';
import type { FacetCount, FacetId, FinderState, NextSession, QueryResult } from './types.js';
import { readyPartsOf, wholeListings, type LazyListings, type ReadyParts } from '../feed/ready-parts.js';
import { fetchReadyIndex } from '../feed/ready-index.js';
import type { QuickParts } from '../feed/quick.js';

/** A community asset transfer: of kind `transfer`, or with a `transfer` block. */
function isTransferListing(listing: AtlasListing): boolean {
  return listing.kind === 'transfer' || !!listing.transfer;
}

/** Whether any listing is a transfer, so its deadlines need reading (`attachDeadlines`). */
export function hasTransferListings(data: AtlasData): boolean {
  return Array.isArray(data?.listings) && data.listings.some((l) => !!l && typeof l === 'object' && isTransferListing(l));
}

export interface EngineOptions {
  /** The clock, for "on now", "today" and deadlines. Default `() => new Date()`. */
  now?: () => Date;
  /** Page language (`en`, `cy`): name order, need labels, suggestions. Default `en`. */
  lang?: string;
  /** Output of `serializeIndex` for the same data: the finder skips building the text index. */
  prebuiltIndex?: string | object;
  /**
   * The listings are a feed's as parsed, not yet through the quick check, and are
   * read as the check would give them (feed/quick.ts's `quickParts`): the search
   * worker answers its first page before the whole check has run. Once it has
   * passed, `adoptChecked` swaps in the listings it gave. @internal
   */
  asChecked?: AsChecked;
}

/** What the engine reads of a feed's listings as parsed, as the quick check gives them (see `EngineOptions.asChecked`). */
type AsChecked = Pick<QuickParts, 'keys' | 'times' | 'inPerson'>;

/** One result before it is joined to its listing: what the worker sends back. */
export interface CoreItem {
  key: string;
  score: number;
  distance?: number;
  next?: NextSession;
  terms?: string[];
}

export interface CoreResult extends Omit<QueryResult, 'items'> {
  items: CoreItem[];
}

import { COST_VALUES, DISTANCE_BANDS, LOW_COST_POUNDS } from './types.js';
export { COST_VALUES, DISTANCE_BANDS, LOW_COST_POUNDS };

/** Facets whose values are a fixed list, shown in this order; any other value is ignored. */
export const FIXED_VALUES: Partial<Record<FacetId, readonly string[]>> = {
  kind: ['activity', 'asset', 'transfer'],
  cost: COST_VALUES,
  day: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'],
  time: ['morning', 'afternoon', 'evening'],
  when: ['now', 'today', 'this-week'],
  referral: ['self', 'drop-in', 'professional'],
  delivery: ['in-person', 'online', 'phone'],
  distance: DISTANCE_BANDS,
  status: ['proposed', 'available', 'under-offer', 'transferred', 'withdrawn'],
  assetType: ['community-centre', 'hall', 'library', 'pavilion', 'school', 'land', 'open-space', 'other'],
  tenure: ['freehold', 'leasehold', 'licence'],
  deadline: ['open', 'closing-soon'],
};

export type StaticFacet = 'kind' | 'category' | 'need' | 'cost' | 'access' | 'referral' | 'language' | 'delivery' | 'area' | 'status' | 'assetType' | 'tenure';
export const STATIC_FACETS: readonly StaticFacet[] = ['kind', 'category', 'need', 'cost', 'access', 'referral', 'language', 'delivery', 'area', 'status', 'assetType', 'tenure'];

/**
 * What preparation reads from the listings, by their index in the order given:
 * per static facet (STATIC_FACETS order) and value id, the indexes that have it;
 * and columns of numbers. Turned into columns by position once the name order is known.
 */
class ListingFacts {
  /**
   * Per static facet and value id: the listings that have it, a bit per index (made when the value is first
   * given). A value a listing repeats sets its bit again: no test, no list to grow (a list of indexes per value,
   * with the last index given to skip repeats, was most of reading a listing's facets).
   */
  readonly has: Uint32Array[][] = STATIC_FACETS.map(() => []);
  private readonly words: number;
  private readonly tables: ValueTable[];
  private readonly fixed: boolean[];
  /** Weekly slots as bits: bit (day index × 3 + part index). */
  readonly slots: Int32Array;
  /** Schedule group (see Columns.scheduleGroup); -1 when nothing is scheduled. */
  readonly group: Int32Array;
  readonly scheduled: Uint8Array;
  readonly transfer: Uint8Array;
  readonly lat: Float64Array;
  readonly lng: Float64Array;
  readonly ageMin: Float64Array;
  readonly ageMax: Float64Array;
  constructor(n: number, tables: Map<FacetId, ValueTable>) {
    this.tables = STATIC_FACETS.map((facet) => tables.get(facet)!);
    this.fixed = STATIC_FACETS.map((facet) => !!FIXED_VALUES[facet]);
    this.words = (n + 31) >>> 5;
    this.slots = new Int32Array(n);
    this.group = new Int32Array(n).fill(-1);
    this.scheduled = new Uint8Array(n);
    this.transfer = new Uint8Array(n);
    this.lat = new Float64Array(n);
    this.lng = new Float64Array(n);
    this.ageMin = new Float64Array(n);
    this.ageMax = new Float64Array(n);
  }
  /** Listing `i` has `value` of static facet `f` (a value outside a fixed list is ignored). */
  add(f: number, value: string, i: number): void {
    const table = this.tables[f]!;
    // A fixed facet's table holds its fixed values from the start, and nothing else is ever given an id in it.
    const id = this.fixed[f] ? table.lookup(value) : table.id(value);
    if (id === undefined) return;
    const bits = (this.has[f]![id] ??= new Uint32Array(this.words));
    bits[i >>> 5]! |= 1 << (i & 31);
  }
}

/**
 * Sets of listings as bits, one per listing position (name order). Filtering and
 * facet counting are word-wide AND and population counts over these, so a query
 * on 100,000 listings touches about 3,000 words per set instead of calling a test
 * per listing.
 */
export type Bits = Uint32Array;

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

export function countBits(a: Bits): number {
  let n = 0;
  for (let w = 0; w < a.length; w++) if (a[w]) n += popcount(a[w]!);
  return n;
}

/**
 * `bits` as text for a ready feed's columns: its words' bytes, each word
 * little-endian, in base64. At 100,000 listings a facet value is 17 KB of
 * text whoever has it, where a list of positions was up to 600 KB (the
 * columns' bit lists: 6.4 MB as positions, 1.2 MB as this; 0.31 MB gzip
 * against 2.5 MB).
 */
export function bitsText(bits: Bits): string {
  let binary = '';
  // In runs, so that no call is given more arguments than an engine takes.
  for (let w = 0; w < bits.length; w += 2048) {
    const run: number[] = [];
    for (let k = w; k < Math.min(bits.length, w + 2048); k++) {
      const x = bits[k]!;
      run.push(x & 255, (x >>> 8) & 255, (x >>> 16) & 255, x >>> 24);
    }
    binary += String.fromCharCode(...run);
  }
  return btoa(binary);
}

/** What `bitsText` wrote, as a set of `words` words; undefined when it is not that (another length, not base64). */
export function bitsOfText(text: unknown, words: number): Bits | undefined {
  // Decoded already (`decodeReadyBits`).
  if (text instanceof Uint32Array) return text.length === words ? text : undefined;
  if (typeof text !== 'string') return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  if (binary.length !== words * 4) return undefined;
  const bits = new Uint32Array(words);
  for (let w = 0, i = 0; w < words; w++, i += 4) {
    bits[w] = binary.charCodeAt(i) | (binary.charCodeAt(i + 1) << 8) | (binary.charCodeAt(i + 2) << 16) | (binary.charCodeAt(i + 3) << 24);
  }
  return bits;
}

/**
 * A ready feed's facet bits (`ReadyColumns.bits`, for `n` listings) decoded in place, each set that
 * decodes: the worker does it once the part before the listings is in and sealed (feed/ready.ts's
 * `readReadyHeadEarly`), while the listings still arrive, so that taking the columns after the last
 * byte (`adoptColumns`, or the kinds' columns) decodes nothing. Any that do not decode are left as
 * text, for those to refuse as ever.
 */
export function decodeReadyBits(columns: Partial<ReadyColumns> | undefined, n: number): void {
  const bits = columns?.bits;
  if (!bits || typeof bits !== 'object') return;
  const words = (n + 31) >>> 5;
  for (const facet of STATIC_FACETS) {
    const sets = bits[facet];
    if (Array.isArray(sets)) for (let k = 0; k < sets.length; k++) sets[k] = bitsOfText(sets[k], words) ?? sets[k]!;
  }
}

function countBoth(a: Bits, b: Bits): number {
  let n = 0;
  for (let w = 0; w < a.length; w++) {
    const x = a[w]! & b[w]!;
    if (x) n += popcount(x);
  }
  return n;
}

/** The listings in any of `sets`. */
export function union(words: number, sets: Bits[]): Bits {
  const bits = new Uint32Array(words);
  for (const s of sets) for (let w = 0; w < words; w++) bits[w]! |= s[w]!;
  return bits;
}

/** The positions in `bits`, ascending. */
export function positionsOf(bits: Bits, count: number): Int32Array {
  const out = new Int32Array(count);
  let k = 0;
  for (let w = 0; w < bits.length; w++) {
    let x = bits[w]!;
    while (x) {
      const low = x & -x;
      out[k++] = (w << 5) | (31 - Math.clz32(low));
      x ^= low;
    }
  }
  return out;
}

/** A listing's weekly slots at `now` (`weeklySlots`), a bit each as `SLOT_BIT` numbers them. */
function slotBitsOf(listing: AtlasListing, now: Date): number {
  let bits = 0;
  for (const slot of weeklySlots(listing, now)) {
    const bit = SLOT_BIT.get(slot);
    if (bit !== undefined) bits |= 1 << bit;
  }
  return bits;
}

/** Bit number of each weekly slot `weeklySlots` names (`tu-morning`): day index × 3 + part index. */
const SLOT_BIT = new Map<string, number>(
  ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].flatMap((day, d) => ['morning', 'afternoon', 'evening'].map((part, p) => [`${day}-${part}`, d * 3 + p] as const)),
);
/** Slot bits of one weekday (all three parts), and of one part (all seven days). */
const DAY_SLOTS = Array.from({ length: 7 }, (_, d) => 7 << (d * 3));
const PART_SLOTS = Array.from({ length: 3 }, (_, p) => 0b001001001001001001001 << p);

/** Interns a facet's values so counting is array arithmetic, not string maps. */
class ValueTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(fixed?: readonly string[]) {
    for (const v of fixed ?? []) this.id(v);
  }
  id(value: string): number {
    let found = this.index.get(value);
    if (found === undefined) {
      found = this.values.length;
      this.values.push(value);
      this.index.set(value, found);
    }
    return found;
  }
  lookup(value: string): number | undefined {
    return this.index.get(value);
  }
}

export interface Unit {
  id: FacetId | 'q' | 'age' | 'bounds' | 'slot';
  facets: FacetId[];
  /** The listings this filter keeps. */
  bits: Bits;
}

export const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];

/** Listings matching a query's words, by position, from the text index. */
export interface TextMatches {
  bits: Bits;
  /** Score by listing position (0 where not matched). */
  scores: Float64Array;
  /** The query terms the listing at a position was found by, for highlighting; undefined when none. */
  terms(p: number): string[] | undefined;
  expandedTerms: string[];
}

/** What a core asks of its text index (text.ts). */
export interface TextSearch {
  /** Matches for the words of `q`; undefined when it has no searchable words or the index is not built yet. */
  matches(q: string): TextMatches | undefined;
  clearCaches(): void;
}

/** A name's sort key: folded to lower case without accents, digit runs padded to compare as numbers. */
function sortKey(name: string): string {
  // A name all in ASCII (most are) comes out the same without the Unicode steps: NFKD leaves it as it is, it has
  // no accents to drop, and after lower-casing its letters and digits are a to z and 0 to 9. Several times faster.
  if (!BEYOND_ASCII.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().replace(/\d+/g, padDigits);
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\d+/g, padDigits);
}
const BEYOND_ASCII = /[\u0080-\uffff]/;
const padDigits = (digits: string): string => digits.padStart(8, '0');

/**
 * Version of the columns `exportColumns` writes: a ready feed's columns from another version are worked out again.
 * 2: each facet value's listings as a set of bits (`bitsText`); 1 had a list of positions.
 */
const COLUMNS_VERSION = 2;

/** Prepared columns as JSON (see `FilterCore.exportColumns`); positions are in name order. */
export interface ReadyColumns {
  version: number;
  lang: string;
  /** Each position's listing, as an index into the listings. */
  order: number[];
  /** Each static facet's values, in id order. */
  values: Record<StaticFacet, string[]>;
  /**
   * Per static facet, per value id: the positions that have it, as a set of bits (`bitsText`); or the
   * set itself, decoded from that text in the worker before the body's last byte (`decodeReadyBits`).
   */
  bits: Record<StaticFacet, (string | Bits)[]>;
  /** By position; null: none (no point, no age limit). */
  lat: (number | null)[];
  lng: (number | null)[];
  ageMin: (number | null)[];
  ageMax: (number | null)[];
  /** Positions of transfers. */
  transfer: number[];
  /**
   * Each transfer's (in `transfer`'s order) deadline and status, as its
   * listing writes them (`transfer.dates.eoiDeadline`, `transfer.status`;
   * null when not text): all the deadline facts read of a transfer, so the
   * first answer reads none of a ready feed's transfers whole. Absent from
   * feeds written before. When the deadline can be read, atlas build adds the
   * instant it closes, when closing soon begins and whether the status closes it
   * (transfer/deadline.ts): the engine then reads no date (`deadlineTimes`).
   */
  deadlines?: [deadline: string | null, status: string | null, closes?: number, soon?: number, closed?: 0 | 1][];
  /** Schedule group by position (-1: nothing scheduled), and each group's first listing as an index into the listings. */
  group: number[];
  groups: number[];
  /**
   * Each schedule group's weekly slots (a bit per slot, as `SLOT_BIT` numbers
   * them) worked out at `from` (milliseconds), and until when each holds
   * (`weeklySlotsHold`): the engine takes a group's slots when `from` ≤ now <
   * its `until`, and works them out otherwise. `atlas build` writes them;
   * shards (whose names must not change with the day they were written) and
   * feeds written before do not.
   */
  slots?: { from: number; bits: number[]; until: number[] };
  /**
   * Each schedule group's current or next session as `nextSession` gave it at
   * `from` (milliseconds): its start and end (null: none, or no end), and until
   * when that answer holds, as the engine keeps it (`nextStart`): the engine
   * takes a group's while `from` ≤ now < its `until`, and asks `nextSession`
   * otherwise. Written with `slots`, so that a fresh worker's first answer (its
   * "on now / today / this week" counts) runs no schedule code.
   */
  next?: { from: number; until: number[]; start: (number | null)[]; end: (number | null)[] };
}

/** Per-listing facts as columns by position, and a set of listings per facet value; built once per feed. */
interface Columns {
  /** Words per set of listings. */
  words: number;
  all: Bits;
  /** Per static facet: a set per value id. */
  valueBits: Record<StaticFacet, Bits[]>;
  /** A set per weekly slot (day × 3 + part). */
  slotBits: Bits[];
  lat: Float64Array;
  lng: Float64Array;
  ageMin: Float64Array;
  ageMax: Float64Array;
  scheduled: Uint8Array;
  transfer: Uint8Array;
  /** By position, for transfers of a ready feed that wrote them (`ReadyColumns.deadlines`): what the deadline facts read of the listing. */
  deadlineOf?: (Pick<AtlasListing, 'transfer'> | undefined)[];
  /** By position, for transfers of a ready feed whose deadlines atlas build read (`ReadyColumns.deadlines`): when each closes (NaN: not read), when closing soon begins, and whether its status closes it. */
  deadlineTimes?: { closes: Float64Array; soon: Float64Array; closed: Uint8Array };
  /**
   * Listings whose schedule and opening hours are written the same have the
   * same sessions: each scheduled listing's group, and one listing per group
   * (-1: nothing scheduled). A town's weekly sessions and opening hours repeat
   * a lot, so "what is on next" is worked out once per group, not per listing.
   */
  scheduleGroup: Int32Array;
  /** Use `groupAt`: a trusted ready feed's are read only when a group's sessions must be worked out (a hole until then). */
  groupListing: AtlasListing[];
  /** A ready feed's first listing of each group, as an index into the listings (`ReadyColumns.groups`). */
  groupSource?: readonly number[];
}

/**
 * "On now / today / this week" and deadline states, per listing position.
 * `whenBits`: who is on now, today, this week (the `when` facet's values, in order).
 * `deadline`: 1 open, 2 closing soon, 4 closed, 0 none; `deadlineBits`: open (closing soon included), closing soon.
 */
interface TimeFacts {
  minute: number;
  deadline: Uint8Array;
  deadlineAt: Float64Array;
  whenBits: Bits[];
  deadlineBits: Bits[];
}

/** The part of the engine only some states need (extras.ts), as `attachExtras` takes it. */
export interface CoreExtras {
  /** Miles from `near` to each listing (NaN without coordinates), and who is within each of DISTANCE_BANDS. */
  distances(core: FilterCore, near: { lat: number; lng: number }): { miles: Float64Array; bands: Bits[] };
  /** The age and map-area filters `state` asks for, as units over positions. */
  limits(core: FilterCore, state: FinderState): Unit[];
  /** Orders the matches by distance, next session or deadline; `relevance` settles ties. */
  sort(core: FilterCore, matches: Int32Array, sort: 'distance' | 'next' | 'deadline', relevance: (a: number, b: number) => number, miles: Float64Array | undefined, now: Date): void;
  /** Positions of the listings tagged with any of these needs (or in their categories), ascending. */
  positionsWithNeeds(core: FilterCore, needs: readonly string[]): Int32Array;
  /**
   * The chosen facets' filters as units over positions (day and time as one, on
   * the weekly slots in `slots`), in the order chosen. `time` gives the on-now and
   * deadline facts.
   */
  units(
    core: FilterCore,
    selected: Map<FacetId, Set<number>>,
    selectedRaw: Map<FacetId, string[]>,
    distance: { bands: Bits[] } | undefined,
    time: () => TimeFacts,
    slots: number,
  ): Unit[];
  /** The listings that pass every unit, and those that pass all but one (for each facet's counts). */
  combine(units: Unit[], all: Bits): { matched: Bits; allBut: (u: number) => Bits };
  /** Adds to `counts` (per value) the listings in `set` (of `size`, fewer than its words) in each of `sets`. */
  countFew(set: Bits, size: number, sets: Bits[], counts: Int32Array): void;
  /** The hints for zero results: which filters, dropped or widened, would bring results back. */
  relax(units: Unit[], allBut: (u: number) => Bits, selectedRaw: Map<FacetId, string[]>, facets: Partial<Record<FacetId, FacetCount[]>>): NonNullable<QueryResult['relax']>;
}

/** What answering a state takes besides filters, facets and sorting (see `planFor`). */
interface Plan {
  /** The text index: the state has words. */
  text: boolean;
  /** The extras (extras.ts): every state but the first screen's (no words, no filters, default or name sort, no place, age or map area). */
  extras: boolean;
}

/**
 * What `state` needs loaded before a core can answer it, worked out from the
 * state alone before any work starts: the page's engine loads that, then asks
 * once (it never asks, fails and asks again). It may say the extras are needed
 * when the answer turns out not to use them (a filter value no listing has, a
 * place that is not one), never the other way round.
 */
export function planFor(state: FinderState): Plan {
  const text = typeof state?.q === 'string' && state.q.trim() !== '';
  const filters: unknown = state && typeof state.filters === 'object' && state.filters ? state.filters : {};
  const filtered = Object.values(filters as object).some((v) => Array.isArray(v) && v.length > 0);
  const sort = state?.sort;
  const extras = text || filtered || sort === 'distance' || sort === 'next' || sort === 'deadline'
    || state?.near !== undefined || state?.age !== undefined || state?.bounds !== undefined;
  return { text, extras };
}

/**
 * A listing's place in name order when its listing is read as it is first
 * asked for (a trusted ready feed read in the worker: feed/ready-parts.ts's
 * `LazyListings`): the first page reads only the listings it needs.
 */
class LazyDoc {
  constructor(
    readonly key: string,
    private readonly index: number,
    private readonly lazy: LazyListings,
  ) {}

  get listing(): AtlasListing {
    return this.lazy.at(this.index);
  }
}

/** Reads the transfers' deadline states into `facts` for `now`, whose UK day is `today` (deadlines.ts). */
export type ReadDeadlines = (core: FilterCore, facts: TimeFacts, now: Date, today: number) => void;

/**
 * A tree of maps, one level per part of a listing's sessions and opening hours
 * as parsed (each session's fields and values in order, then the hours'), with
 * the schedule group at `GROUP` where they end: listings written the same reach
 * the same map, with no JSON written for each. At most MAX_TIMES_NODES maps.
 */
interface TimesTree {
  root: Map<unknown, unknown>;
  nodes: number;
}
const MAX_TIMES_NODES = 16_384;
/** Where `TimesTree` keeps a group, and what ends a list or an object in it (no key or value of JSON is either). */
const GROUP = {};
const END = {};
const ABSENT = {};

/**
 * The map at the end of `schedule` and `hours` in `tree`, made as needed; undefined when they
 * are not lists and objects of plain values (a session's exceptions, say), or the tree is full.
 */
function timesLeaf(tree: TimesTree, schedule: unknown, hours: unknown): Map<unknown, unknown> | undefined {
  let at: Map<unknown, unknown> | undefined = tree.root;
  if (schedule === undefined) at = timesStep(tree, at, ABSENT);
  else if (Array.isArray(schedule)) {
    at = timesStep(tree, at, schedule.length);
    for (let k = 0; k < schedule.length && at; k++) at = timesFields(tree, at, schedule[k]);
  } else return undefined;
  return hours === undefined ? timesStep(tree, at, ABSENT) : timesFields(tree, at, hours);
}

/** The next map of `tree` after `at` for `part`, made if need be. */
function timesStep(tree: TimesTree, at: Map<unknown, unknown> | undefined, part: unknown): Map<unknown, unknown> | undefined {
  if (!at) return undefined;
  let next = at.get(part) as Map<unknown, unknown> | undefined;
  if (next === undefined) {
    if (tree.nodes >= MAX_TIMES_NODES) return undefined;
    tree.nodes++;
    at.set(part, (next = new Map()));
  }
  return next;
}

/** `timesStep` through the fields and values of a plain object of plain values, in order (as JSON writes them), and its end. */
function timesFields(tree: TimesTree, at: Map<unknown, unknown> | undefined, o: unknown): Map<unknown, unknown> | undefined {
  if (typeof o !== 'object' || o === null || Object.getPrototypeOf(o) !== Object.prototype) return undefined;
  for (const key in o) {
    if (!Object.hasOwn(o, key)) return undefined;
    const v = (o as Record<string, unknown>)[key];
    if (v === undefined || (typeof v === 'object' && v !== null) || typeof v === 'function') return undefined;
    at = timesStep(tree, timesStep(tree, at, key), v);
  }
  return timesStep(tree, at, END);
}

/** A lone string as a list of one, when `lone` (as the quick check reads one); otherwise `values` as given. */
const listOf = (values: unknown, lone: boolean): unknown => (lone && typeof values === 'string' ? [values] : values);

/** Whether `values` is a list with text in it. */
function anyText(values: unknown): boolean {
  if (!Array.isArray(values)) return false;
  for (let k = 0; k < values.length; k++) {
    const v: unknown = values[k];
    if (typeof v === 'string' && v.length > 0) return true;
  }
  return false;
}

/** Each text of the list `given` (see `listOf`) as a value of static facet `f` of listing `i`. */
function addEach(read: ListingFacts, f: number, given: unknown, i: number, lone: boolean): void {
  if (typeof given === 'string') {
    if (lone && given.length > 0) read.add(f, given, i);
    return;
  }
  if (!Array.isArray(given)) return;
  for (let k = 0; k < given.length; k++) {
    const v: unknown = given[k];
    if (typeof v === 'string' && v.length > 0) read.add(f, v, i);
  }
}

/** 0, 1, … n - 1. */
const indexes = (n: number): Int32Array => {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
};

/** Every empty schedule, as `readListing` groups listings by their schedule objects. */
const NO_SESSIONS = {};
/** An empty list, which JSON writes as `[]` whichever list it is. */
const emptyList = (v: unknown): boolean => Array.isArray(v) && v.length === 0 && (v as { toJSON?: unknown }).toJSON === undefined;

/** How long "nothing scheduled" is trusted, as the schedule module does: it looks five years ahead, so an hour is safe. */
const NOTHING_SCHEDULED_MS = 3_600_000;

/**
 * A listing's current or next session at `t` as `nextSession` gives it (start and end, NaN when none or
 * no end), and until when no other can have started first: its end, its start when it has none, or for
 * a listing with nothing to come, an hour (`FilterCore.nextStart` keeps it that long).
 */
function sessionAt(listing: AtlasListing, t: number): { start: number; end: number; until: number } {
  const next = nextSession(listing, new Date(t));
  const start = next ? next.start.getTime() : Number.NaN;
  const end = next?.end ? next.end.getTime() : Number.NaN;
  return { start, end, until: next ? (next.end ? end : start) : t + NOTHING_SCHEDULED_MS };
}

export class FilterCore {
  readonly lang: string;
  /** Need labels and the needs each category meets (the built-in synonyms load with text search). */
  readonly vocabulary: NeedTable;
  readonly now: () => Date;
  /** The listings with a key, in the order given (what the text index indexes). */
  readonly listings: readonly AtlasListing[];
  /** Each kept listing's index in `data.listings` (entries without a key are dropped). */
  protected readonly sourceIndex: Int32Array;
  /** Listings in name order: a listing's position here is its id everywhere below. @internal */
  docs: { listing: AtlasListing; key: string }[] = [];
  /** Each key's position, made when first asked (see `keyMap`): the first page is answered without. */
  private byKey: Map<string, number> | undefined = new Map<string, number>();
  /** @internal */
  readonly tables = new Map<FacetId, ValueTable>();
  /** Each feed area's name, in every language it has. @internal */
  readonly areaNames = new Map<string, string>();
  #collator: Intl.Collator | undefined;
  /** Made when first compared with (making one can take tens of milliseconds, so not in the constructor's task). */
  private get collator(): Intl.Collator {
    return (this.#collator ??= new Intl.Collator(this.lang.toLowerCase().startsWith('cy') ? 'cy' : 'en-GB', { sensitivity: 'base', numeric: true }));
  }
  private text: TextSearch | undefined;
  private extras: CoreExtras | undefined;
  /** Reads transfers' deadlines into the time facts (deadlines.ts), once attached; until then every transfer has none. */
  private deadlines: ReadDeadlines | undefined;
  private docsReady = false;
  /** @internal */
  columns!: Columns;
  /** Each schedule group's current or next session, as `nextSession` gives it, kept until it is over (see `nextStart`). */
  private nextMemo!: { from: Float64Array; until: Float64Array; start: Float64Array; end: Float64Array };
  /** Each transfer's deadline state as deadlineState gave it, with the UK day and side of the deadline it was read on (deadlines.ts). @internal */
  deadlineMemo: { day: Float64Array; past: Uint8Array; state: Uint8Array; at: Float64Array } | undefined;
  /** @internal */
  distanceCache: { key: string; miles: Float64Array; bands: Bits[] } | undefined;
  private timeCache: TimeFacts | undefined;
  /**
   * Schedule groups while preparing: the first listing and weekly slot bits of
   * each, by schedule and opening hours as JSON, and by the schedule and opening
   * hours objects themselves (an empty schedule as NO_SESSIONS) once written as JSON.
   */
  private readonly schedules = { byText: new Map<string, number>(), byObject: new Map<unknown, Map<unknown, number>>(), listing: [] as AtlasListing[], slots: [] as number[] };
  /** Facet values in the collator's order, per facet, for sorting counts without comparing strings per query. */
  private readonly valueOrder = new Map<FacetId, Int32Array>();
  /** What `atlas build` prebuilt for these listings, when they came from a ready feed whose hash matched (feed/ready.ts). */
  private readonly readyParts: ReadyParts | undefined;
  /** Each listing's position by its index in `listings`, once worked out here: what `keyMap` is made from. */
  private positionOf: Int32Array | undefined;
  /** Schedule groups of listings as parsed, by what their sessions and opening hours are made of (see `timesLeaf`). */
  private readonly timesTree: TimesTree = { root: new Map(), nodes: 0 };
  /** Until `adoptChecked`: the listings are a feed's as parsed, read as the quick check gives them. */
  private asChecked: AsChecked | undefined;

  constructor(data: AtlasData, options: EngineOptions = {}) {
    const given: unknown[] = Array.isArray(data?.listings) ? data.listings : [];
    const ready = readyPartsOf(given);
    const asChecked = !ready && options.asChecked?.keys.length === given.length ? options.asChecked : undefined;
    if (asChecked) {
      // Every listing, each with the key the check gives it.
      this.listings = given as AtlasListing[];
      this.sourceIndex = indexes(given.length);
      this.asChecked = asChecked;
      this.readyParts = undefined;
    } else if (ready?.lazy) {
      // A trusted ready feed whose listings are read as they are asked for: each has its key,
      // and the array itself is kept, so that each listing read is seen here too.
      this.listings = given as AtlasListing[];
      this.sourceIndex = indexes(given.length);
      this.readyParts = ready;
    } else {
      const kept: number[] = [];
      given.forEach((l, i) => {
        if (l && typeof l === 'object' && typeof (l as AtlasListing).key === 'string') kept.push(i);
      });
      this.listings = kept.map((i) => given[i] as AtlasListing);
      this.sourceIndex = Int32Array.from(kept);
      this.readyParts = kept.length === given.length ? ready : undefined;
    }
    this.lang = typeof options.lang === 'string' && options.lang ? options.lang : 'en';
    this.now = typeof options.now === 'function' ? options.now : () => new Date();
    this.vocabulary = buildNeedTable(Array.isArray(data?.needs) ? data.needs : []);
    for (const area of Array.isArray(data?.areas) ? data.areas : []) {
      if (area && typeof area.id === 'string') this.areaNames.set(area.id, allVariants(area.name));
    }
    for (const facet of FACET_IDS) this.tables.set(facet, new ValueTable(FIXED_VALUES[facet]));
  }

  /** The prebuilt text index of a trusted ready feed, already known to fit these listings, once it is in. @internal */
  get readyIndex(): object | undefined {
    return this.readyParts?.index;
  }

  /**
   * Fetches a trusted ready feed's text index file (feed/ready-index.ts), once;
   * undefined when there is none to fetch. Resolves, never rejects, whether or
   * not it came: without it, the text index is built from the listings. @internal
   */
  fetchReadyIndex(): Promise<void> | undefined {
    return this.readyParts ? fetchReadyIndex(this.readyParts) : undefined;
  }

  /** Whether a trusted ready feed names a text index file that is not in yet and can be fetched. @internal */
  get readyIndexToFetch(): boolean {
    return !!this.readyParts?.indexFile?.url && !this.readyParts.index;
  }

  get size(): number {
    return this.listings.length;
  }

  get filtersReady(): boolean {
    return this.docsReady;
  }

  /** The index in the data given of the listing at position `p` in name order, once prepared. @internal */
  indexAt(p: number): number {
    return this.sourceIndex[p]!;
  }

  /** The key of the listing at `i` in `listings`. */
  private keyOf(i: number): string {
    return this.asChecked ? this.asChecked.keys[i]! : this.listings[i]!.key;
  }

  /**
   * The listings the quick check gave for the parsed ones the engine was made
   * from (`EngineOptions.asChecked`), once it has passed: the same listings in the
   * same order, which the columns were already made from as the check gives them. @internal
   */
  adoptChecked(checked: readonly AtlasListing[]): void {
    if (!this.asChecked || checked.length !== this.listings.length) throw new Error('Community Atlas: these are not the checked listings this engine was made from');
    if (!this.docsReady) this.prepareAll();
    const listings = this.listings as AtlasListing[];
    for (let i = 0; i < listings.length; i++) listings[i] = checked[i]!;
    for (let p = 0; p < this.docs.length; p++) this.docs[p]!.listing = checked[this.sourceIndex[p]!]!;
    this.asChecked = undefined;
  }

  /** Queries with words are answered with `text` from now on. */
  attachText(text: TextSearch): void {
    this.text = text;
    this.text.clearCaches();
  }

  /** The sorts, filters and hints only some states need (extras.ts). */
  attachExtras(extras: CoreExtras): void {
    this.extras = extras;
  }

  /** The extras, which the caller attached first for any state that needs them (see `planFor`). */
  private more(): CoreExtras {
    if (!this.extras) throw new Error('Community Atlas: this search needs the engine\'s extras, which were not loaded (see planFor)');
    return this.extras;
  }

  /**
   * Transfers' deadlines (the `deadline` facet and sort), read by deadlines.ts with
   * transfer/deadline.ts's `deadlineState`: the page's engine loads them only for
   * data with transfer listings (see `hasTransferListings`) and attaches them before preparing.
   */
  attachDeadlines(read: ReadDeadlines): void {
    this.deadlines = read;
    this.timeCache = undefined;
    this.deadlineMemo = undefined;
  }

  /** Position (in name order) of the listing with this key, once prepared. */
  position(key: string): number | undefined {
    return this.keyMap().get(key);
  }

  private keyMap(): Map<string, number> {
    if (!this.byKey) {
      const byKey = (this.byKey = new Map());
      const at = this.positionOf;
      // In the order given, as ever: of listings made in code with one key, the last given is the one found.
      if (at) for (let i = 0; i < at.length; i++) byKey.set(this.keyOf(i), at[i]!);
      else this.docs.forEach((d, p) => byKey.set(d.key, p));
    }
    return this.byKey;
  }

  /** Positions of the listings tagged with any of these needs (or in their categories), ascending: for text search, which loads the extras. */
  positionsWithNeeds(needs: readonly string[]): Int32Array {
    return this.more().positionsWithNeeds(this, needs);
  }

  listing(key: string): AtlasListing | undefined {
    const p = this.keyMap().get(key);
    return p === undefined ? undefined : this.docs[p]?.listing;
  }

  /**
   * Prepares the engine a slice at a time: each `yield` is a point where the
   * caller may hand the thread back (to keep every main-thread task short).
   * Facets and sorting come first, so a page can show results before the text
   * index exists.
   */
  *prepare(): Generator<void, void, void> {
    // A trusted ready feed brings its columns: nothing to work out but the weekly slots.
    if (!this.docsReady && this.readyParts) this.adoptColumns(this.readyParts.columns);
    if (!this.docsReady) {
      // Working the columns out reads every listing.
      wholeListings(this.listings);
      const n = this.listings.length;
      // One walk over the listings in the order given (so value ids are given
      // out in the same order as ever), writing what each has into columns by
      // its index and lists of indexes per facet value: no object per listing,
      // whose garbage was most of what preparing a large feed cost.
      const read = new ListingFacts(n, this.tables);
      for (let i = 0; i < n; i++) {
        this.readListing(this.listings[i]!, i, read);
        // A listing's weekly slots can take a fraction of a millisecond: a few at a time.
        if (i % 25 === 24) yield;
      }
      yield;
      const order = this.nameOrder(this.listings.map((l) => text(l.name, this.lang)), this.asChecked ? this.asChecked.keys : this.listings.map((l) => l.key));
      yield;
      // From here on a listing is known by its position in name order, so the
      // matches of any filter come out of a set of bits already sorted by name.
      const position = new Int32Array(n);
      order.forEach((i, p) => {
        position[i] = p;
      });
      // Each key's position is looked up only when a key is asked about (`position`, `listing`).
      this.positionOf = position;
      this.byKey = undefined;
      const sourceIndex = new Int32Array(n);
      for (let p = 0; p < n; p++) sourceIndex[p] = this.sourceIndex[order[p]!]!;
      this.sourceIndex.set(sourceIndex);
      this.columns = this.makeColumns(read, order, position);
      // Only the listing and key are kept per listing; the rest lives in the
      // columns (a large feed's worker holds far fewer small objects).
      this.docs = order.map((i) => ({ listing: this.listings[i]!, key: this.keyOf(i) }));
      this.schedules.byText.clear();
      this.schedules.byObject.clear();
      this.columnsDone();
      yield;
      // Each schedule group's current or next session, a few groups at a time: the
      // first answer's "on now / today / this week" counts then only compare.
      // Kept as `nextStart` keeps them (a later or earlier time asks again).
      const now = this.now();
      const t = now instanceof Date ? now.getTime() : Number.NaN;
      const { scheduled } = this.columns;
      if (Number.isFinite(t)) {
        for (let p = 0; p < n; p++) {
          if (scheduled[p]) this.nextStart(p, t);
          if (p % 50 === 49) yield;
        }
      }
    }
  }

  /** Columns by position (name order) from what the walk read by index (`order`: index by position, `position`: its inverse). */
  private makeColumns(read: ListingFacts, order: readonly number[], position: Int32Array): Columns {
    const n = order.length;
    const words = (n + 31) >>> 5;
    const all = new Uint32Array(words).fill(0xffffffff);
    if (n & 31) all[words - 1] = (1 << (n & 31)) - 1;
    if (n === 0) all.fill(0);
    const valueBits = {} as Columns['valueBits'];
    STATIC_FACETS.forEach((facet, f) => {
      const lists = read.has[f]!;
      valueBits[facet] = this.tables.get(facet)!.values.map((_, v) => {
        const bits = new Uint32Array(words);
        const byIndex = lists[v];
        if (byIndex) {
          for (let w = 0; w < byIndex.length; w++) {
            for (let x = byIndex[w]!; x; x &= x - 1) {
              const p = position[(w << 5) | (31 - Math.clz32(x & -x))]!;
              bits[p >>> 5]! |= 1 << (p & 31);
            }
          }
        }
        return bits;
      });
    });
    const slotBits = Array.from({ length: 21 }, () => new Uint32Array(words));
    const byPosition = (column: Float64Array): Float64Array => {
      const out = new Float64Array(n);
      for (let p = 0; p < n; p++) out[p] = column[order[p]!]!;
      return out;
    };
    const scheduled = new Uint8Array(n);
    const transfer = new Uint8Array(n);
    const scheduleGroup = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      const slots = read.slots[i]!;
      if (slots) for (let s = 0; s < 21; s++) if (slots & (1 << s)) slotBits[s]![p >>> 5]! |= 1 << (p & 31);
      scheduleGroup[p] = read.group[i]!;
      scheduled[p] = read.scheduled[i]!;
      transfer[p] = read.transfer[i]!;
    }
    return {
      words, all, valueBits, slotBits,
      lat: byPosition(read.lat), lng: byPosition(read.lng), ageMin: byPosition(read.ageMin), ageMax: byPosition(read.ageMax),
      scheduled, transfer, scheduleGroup, groupListing: this.schedules.listing,
    };
  }

  /** Everything at once: for the worker, Node and tests. */
  prepareAll(): this {
    for (const _ of this.prepare()) void _;
    return this;
  }

  /**
   * The prepared columns as JSON, for a ready feed (`atlas build`): the name
   * order, each static facet's values and who has them, coordinates, ages,
   * transfers and schedule groups. With `slots`, each group's weekly slots as
   * worked out now, with until when they hold (they depend on the day they are
   * worked out: a one-off session passes); without, or once they no longer
   * hold, `adoptColumns` works them out again, once per schedule group.
   */
  exportColumns(options: { slots?: boolean } = {}): ReadyColumns {
    // `prepare`, not `prepareAll`: the search warm-up (full.ts) adds nothing to what is written.
    for (const _ of this.prepare()) void _;
    const n = this.docs.length;
    const transfers = Array.from({ length: n }, (_, p) => p).filter((p) => this.columns.transfer[p]);
    const maybe = (column: Float64Array): (number | null)[] => Array.from(column, (v) => (Number.isFinite(v) ? v : null));
    const values = {} as ReadyColumns['values'];
    const bits = {} as ReadyColumns['bits'];
    for (const facet of STATIC_FACETS) {
      values[facet] = [...this.tables.get(facet)!.values];
      bits[facet] = this.columns.valueBits[facet].map(bitsText);
    }
    const given = new Map(this.listings.map((l, i) => [l, i]));
    return {
      version: COLUMNS_VERSION,
      lang: this.lang,
      order: Array.from(this.sourceIndex),
      values,
      bits,
      lat: maybe(this.columns.lat),
      lng: maybe(this.columns.lng),
      ageMin: maybe(this.columns.ageMin),
      ageMax: maybe(this.columns.ageMax),
      transfer: transfers,
      deadlines: transfers.map((p) => {
        const transfer = this.docs[p]!.listing.transfer;
        const deadline: unknown = transfer?.dates?.eoiDeadline;
        const status: unknown = transfer?.status;
        return [typeof deadline === 'string' ? deadline : null, typeof status === 'string' ? status : null];
      }),
      group: Array.from(this.columns.scheduleGroup),
      groups: this.groupListings().map((l) => given.get(l)!),
      ...(options.slots ? { slots: this.slotsNow(), next: this.nextNow() } : {}),
    };
  }

  /** Each schedule group's current or next session at the clock's time, as `nextStart` keeps it (`ReadyColumns.next`). */
  private nextNow(): NonNullable<ReadyColumns['next']> {
    const t = this.now().getTime();
    const at = this.groupListings().map((listing) => sessionAt(listing, t));
    const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);
    return { from: t, until: at.map((s) => s.until), start: at.map((s) => finite(s.start)), end: at.map((s) => finite(s.end)) };
  }

  /** Each schedule group's weekly slots at the clock's time, and until when they hold (`ReadyColumns.slots`). */
  private slotsNow(): NonNullable<ReadyColumns['slots']> {
    const now = this.now();
    const groups = this.groupListings();
    return { from: now.getTime(), bits: groups.map((l) => slotBitsOf(l, now)), until: groups.map((l) => weeklySlotsHold(l, now)) };
  }

  /**
   * Takes columns `exportColumns` wrote for these listings in this language,
   * instead of working them out; false (and nothing changed) when they were
   * written for another language, by another version of the engine, or do not
   * fit the listings' count.
   */
  private adoptColumns(c: ReadyColumns): boolean {
    const n = this.listings.length;
    if (!c || c.version !== COLUMNS_VERSION || c.lang !== this.lang || c.order?.length !== n || c.group?.length !== n) return false;
    // Read when first used (below): each a list of one value per listing.
    if (![c.lat, c.lng, c.ageMin, c.ageMax].every((a) => Array.isArray(a) && a.length === n)) return false;
    const words = (n + 31) >>> 5;
    const all = new Uint32Array(words).fill(0xffffffff);
    if (n & 31) all[words - 1] = (1 << (n & 31)) - 1;
    if (n === 0) all.fill(0);
    const column = (values: readonly (number | null)[], absent: number): Float64Array => {
      const out = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        out[i] = v === null ? absent : (v as number);
      }
      return out;
    };
    const valueBits = {} as Columns['valueBits'];
    for (const facet of STATIC_FACETS) {
      const sets: Bits[] = [];
      for (const text of c.bits?.[facet] ?? []) {
        const set = bitsOfText(text, words);
        // Bits past the last listing would be listings that are not there.
        if (!set || (words && set[words - 1]! & ~all[words - 1]!)) return false;
        sets.push(set);
      }
      if (sets.length !== c.values?.[facet]?.length) return false;
      valueBits[facet] = sets;
    }
    for (const facet of STATIC_FACETS) {
      const table = this.tables.get(facet)!;
      for (const v of c.values[facet]) table.id(v);
    }
    const lazy = this.readyParts?.lazy;
    // A group's first listing is read only if its slots or next session must be worked out (`groupAt`):
    // while the build's hold, the first answer reads none.
    const groups = c.groups.length;
    const groupListing = lazy ? new Array<AtlasListing>(groups) : c.groups.map((i) => this.listings[i]!);
    const now = this.now();
    // Slots written by the build are taken while they hold (a feed written before has none).
    const t = now.getTime();
    const written = c.slots;
    const from = written && Array.isArray(written.bits) && written.bits.length === groups && Array.isArray(written.until) && written.until.length === groups ? written.from : Number.NaN;
    const groupSlots: number[] = [];
    for (let g = 0; g < groups; g++) {
      const bits = written?.bits[g];
      groupSlots.push(from <= t && t < written!.until[g]! && Number.isInteger(bits) ? bits! : slotBitsOf(lazy ? (groupListing[g] ??= lazy.at(c.groups[g]!)) : groupListing[g]!, now));
    }
    const slotBits = Array.from({ length: 21 }, () => new Uint32Array(words));
    const scheduled = new Uint8Array(n);
    const scheduleGroup = Int32Array.from(c.group);
    for (let p = 0; p < n; p++) {
      const g = scheduleGroup[p]!;
      if (g < 0) continue;
      scheduled[p] = 1;
      // Only the slots the group has (a few of the 21).
      for (let slots = groupSlots[g]! & 0x1fffff; slots; slots &= slots - 1) slotBits[31 - Math.clz32(slots & -slots)]![p >>> 5]! |= 1 << (p & 31);
    }
    const transfer = new Uint8Array(n);
    for (const p of c.transfer) transfer[p] = 1;
    // Each transfer's deadline and status, as deadlineState reads them of the listing.
    const deadlines = Array.isArray(c.deadlines) && c.deadlines.length === c.transfer.length ? c.deadlines : undefined;
    const deadlineOf = deadlines && new Array<Pick<AtlasListing, 'transfer'> | undefined>(n);
    let deadlineTimes: Columns['deadlineTimes'];
    if (deadlines) {
      c.transfer.forEach((p, k) => {
        const [deadline, status, closes, soon, closed] = deadlines[k] ?? [null, null];
        deadlineOf![p] = { transfer: { ...(status === null ? {} : { status }), ...(deadline === null ? {} : { dates: { eoiDeadline: deadline } }) } as AtlasListing['transfer'] };
        if (typeof closes !== 'number' || typeof soon !== 'number' || !Number.isFinite(closes) || !Number.isFinite(soon)) return;
        deadlineTimes ??= { closes: new Float64Array(n).fill(Number.NaN), soon: new Float64Array(n), closed: new Uint8Array(n) };
        deadlineTimes.closes[p] = closes;
        deadlineTimes.soon[p] = soon;
        deadlineTimes.closed[p] = closed === 1 ? 1 : 0;
      });
    }
    // Coordinates and ages are made into columns when first read: only a place, an age or the map reads them, not the first page.
    const made: Partial<Record<'lat' | 'lng' | 'ageMin' | 'ageMax', Float64Array>> = {};
    this.columns = {
      words, all, valueBits, slotBits,
      get lat() {
        return (made.lat ??= column(c.lat, Number.NaN));
      },
      get lng() {
        return (made.lng ??= column(c.lng, Number.NaN));
      },
      get ageMin() {
        return (made.ageMin ??= column(c.ageMin, -Infinity));
      },
      get ageMax() {
        return (made.ageMax ??= column(c.ageMax, Infinity));
      },
      scheduled, transfer, scheduleGroup, groupListing, ...(lazy ? { groupSource: c.groups } : {}), ...(deadlineOf ? { deadlineOf } : {}), ...(deadlineTimes ? { deadlineTimes } : {}),
    };
    this.docs = lazy ? c.order.map((i) => new LazyDoc(lazy.keys[i]!, i, lazy)) : c.order.map((i) => ({ listing: this.listings[i]!, key: this.listings[i]!.key }));
    // Each key's position is looked up only when a key is asked about (`position`, `listing`): the first page is answered without.
    this.byKey = undefined;
    this.sourceIndex.set(c.order);
    this.columnsDone();
    // Each group's next session as the build found it, kept as `nextStart` keeps its own: for as long as it holds.
    const next = c.next;
    const fits = (a: unknown): a is unknown[] => Array.isArray(a) && a.length === groups;
    if (next && Number.isFinite(next.from) && fits(next.until) && fits(next.start) && fits(next.end)) {
      const memo = this.nextMemo;
      const value = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
      for (let g = 0; g < groups; g++) {
        const until = value(next.until[g]);
        // A group's start is known or none; a memo of nonsense (an until before from) is not taken.
        if (!(until > next.from)) continue;
        memo.from[g] = next.from;
        memo.until[g] = until;
        memo.start[g] = value(next.start[g]);
        memo.end[g] = value(next.end[g]);
      }
    }
    return true;
  }

  /**
   * Positions of `names` in name order. Sorting 10,000 names with Intl.Collator
   * takes a tenth of a second; a folded key (no case, no accents, numbers padded
   * so "Hall 2" comes before "Hall 10") compares as cheaply as plain strings and
   * gives the same order for names. The collator settles ties of the key between
   * names that differ, and then `keys` (each name's key, compared as strings; the
   * order given when there are none) the rest. Such ties are rare, and the collator
   * is made only for one: its first use loads the browser's collation data, a task
   * of 10 to 20 ms on the page (issue 18, item 7).
   */
  private nameOrder(names: readonly string[], keys?: readonly string[]): number[] {
    // Names that repeat (a town's regular sessions, a chain's branches: 547 names among the generated 10,000
    // listings) are gathered first, each name's listings in the order given; then each name is keyed once and
    // its listings put in key order on their own. The order is the one a single sort by key, then collator,
    // then key gives, with far fewer comparisons in script, each of two strings (10,000 listings in a fresh
    // worker: about 30 ms of CPU before runs of one key were sorted apart, and 9 more before names were).
    const byName = new Map<string, number | number[]>();
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const had = byName.get(name);
      if (had === undefined) byName.set(name, i);
      else if (typeof had === 'number') byName.set(name, [had, i]);
      else had.push(i);
    }
    const byKey = new Map<string, string | string[]>();
    for (const name of byName.keys()) {
      const key = sortKey(name);
      const had = byKey.get(key);
      if (had === undefined) byKey.set(key, name);
      else if (typeof had === 'string') byKey.set(key, [had, name]);
      else had.push(name);
    }
    // Listings of one name, or of names the collator holds equal, by key (the order given when keys tie).
    const tie = keys ? (a: number, b: number): number => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b) : (a: number, b: number): number => a - b;
    const order: number[] = [];
    /** A run of listings, of one name (in the order given) or of several (`mixed`), in order. */
    const put = (run: number[], mixed: boolean): void => {
      if (keys || mixed) run.sort(tie);
      for (let k = 0; k < run.length; k++) order.push(run[k]!);
    };
    // Sorted as strings, by UTF-16 code units: what `<` compares.
    for (const key of [...byKey.keys()].sort()) {
      const same = byKey.get(key)!;
      if (typeof same === 'string') {
        const run = byName.get(same)!;
        if (typeof run === 'number') order.push(run);
        else put(run, false);
        continue;
      }
      same.sort((a, b) => this.collator.compare(a, b));
      for (let s = 0; s < same.length;) {
        let e = s + 1;
        while (e < same.length && this.collator.compare(same[s]!, same[e]!) === 0) e++;
        const run: number[] = [];
        for (let t = s; t < e; t++) {
          const of = byName.get(same[t]!)!;
          if (typeof of === 'number') run.push(of);
          else for (let k = 0; k < of.length; k++) run.push(of[k]!);
        }
        put(run, e - s > 1);
        s = e;
      }
    }
    return order;
  }

  /**
   * The last step once the columns are in place, built or read from a ready
   * feed: an empty next-session memo per schedule group, and each facet's
   * values in name order.
   */
  private columnsDone(): void {
    const groupNan = (): Float64Array => new Float64Array(this.columns.groupListing.length).fill(Number.NaN);
    this.nextMemo = { from: groupNan(), until: groupNan(), start: groupNan(), end: groupNan() };
    for (const [facet, table] of this.tables) {
      if (FIXED_VALUES[facet]) continue;
      const byName = this.nameOrder(table.values);
      const rank = new Int32Array(byName.length);
      byName.forEach((v, r) => {
        rank[v] = r;
      });
      this.valueOrder.set(facet, rank);
    }
    this.docsReady = true;
  }

  /** The listing's own needs, and the needs whose linked categories it is in. */
  derivedNeeds(listing: AtlasListing): string[] {
    const out = new Set(strings(listing.needs));
    for (const category of strings(listing.categories)) {
      for (const id of this.vocabulary.byCategory.get(category) ?? []) out.add(id);
    }
    return [...out];
  }

  /** Reads what the columns need of the listing at index `i` into `read` (in STATIC_FACETS order, each facet's values in the listing's order, as value ids are given out). */
  private readListing(listing: AtlasListing, i: number, read: ListingFacts): void {
    const asChecked = this.asChecked;
    // The check reads a lone string as a list of one.
    const lone = !!asChecked;
    if (typeof listing.kind === 'string') read.add(0, listing.kind, i);
    addEach(read, 1, listing.categories, i, lone);
    // Needs: the listing's own, then those its categories meet (derivedNeeds).
    addEach(read, 2, listing.needs, i, lone);
    const categories = listOf(listing.categories, lone);
    if (Array.isArray(categories)) {
      for (const category of categories as unknown[]) {
        if (typeof category !== 'string' || !category) continue;
        for (const id of this.vocabulary.byCategory.get(category) ?? []) read.add(2, id, i);
      }
    }
    const cost = listing.cost;
    if (cost && typeof cost === 'object') {
      const amount = finite(cost.amount) ? cost.amount : undefined;
      if (cost.free === true || amount === 0) read.add(3, 'free', i);
      else if (
        (amount !== undefined && amount <= LOW_COST_POUNDS && (cost.per === undefined || cost.per === 'session' || cost.per === 'visit')) ||
        /\blow[- ]cost\b|\bpay what you can\b|\bdonations?\b|\bcost isel\b/i.test(allVariants(cost.description))
      ) {
        read.add(3, 'low-cost', i);
      }
      if (allVariants(cost.help).trim()) read.add(3, 'help', i);
      if (cost.personalBudget === true) read.add(3, 'personal-budget', i);
    }
    addEach(read, 4, listing.accessibility, i, lone);
    addEach(read, 5, listing.referral, i, lone);
    const languages = listOf(listing.languages, lone);
    if (Array.isArray(languages)) {
      for (const v of languages as unknown[]) if (typeof v === 'string' && v.length > 0) read.add(6, v.toLowerCase(), i);
    }
    const location = listing.location;
    const hasPoint = isValidLatLng(location as { lat: number; lng: number } | undefined);
    const delivery = listOf(listing.delivery, lone);
    if (anyText(delivery)) addEach(read, 7, delivery, i, lone);
    // The check gives a listing with a location and no way named `delivery: ['in-person']`.
    else if (asChecked ? asChecked.inPerson(listing) : hasPoint) read.add(7, 'in-person', i);
    addEach(read, 8, listing.areas, i, lone);
    const transfer = listing.transfer;
    if (typeof transfer?.status === 'string') read.add(9, transfer.status, i);
    if (typeof transfer?.assetType === 'string') read.add(10, transfer.assetType, i);
    if (typeof transfer?.tenure?.type === 'string') read.add(11, transfer.tenure.type, i);
    if (asChecked) this.readTimesAsChecked(listing, i, read, asChecked);
    else if ((Array.isArray(listing.schedule) && listing.schedule.length > 0) || listing.openingHours) {
      read.scheduled[i] = 1;
      // weeklySlots and nextSession read only the schedule and opening hours,
      // so listings that write them the same share a group and its answers.
      const schedules = this.schedules;
      // The schedule and opening hours objects of a listing read before (the quick check gives
      // sessions and hours written the same as one object) are in its group: no JSON to write.
      const sessions = emptyList(listing.schedule) ? NO_SESSIONS : listing.schedule;
      const byHours = schedules.byObject.get(sessions);
      let group = byHours?.get(listing.openingHours);
      if (group === undefined) {
        let same: string | undefined;
        try {
          same = JSON.stringify([listing.schedule, listing.openingHours]);
        } catch {
          // Data that is not JSON (a cycle, made in code) keeps a group of its own.
        }
        group = same === undefined ? undefined : schedules.byText.get(same);
        if (group === undefined) {
          group = schedules.listing.length;
          schedules.listing.push(listing);
          schedules.slots.push(slotBitsOf(listing, this.now()));
          if (same !== undefined) schedules.byText.set(same, group);
        }
        if (same !== undefined) {
          if (byHours) byHours.set(listing.openingHours, group);
          else schedules.byObject.set(sessions, new Map([[listing.openingHours, group]]));
        }
      }
      read.group[i] = group;
      read.slots[i] = schedules.slots[group]!;
    }
    read.lat[i] = hasPoint ? location!.lat! : Number.NaN;
    read.lng[i] = hasPoint ? location!.lng! : Number.NaN;
    const audience = listing.audience;
    read.ageMin[i] = finite(audience?.ageMin) ? audience.ageMin : -Infinity;
    read.ageMax[i] = finite(audience?.ageMax) ? audience.ageMax : Infinity;
    if (isTransferListing(listing)) read.transfer[i] = 1;
  }

  /**
   * `readListing`'s schedule group of a listing as parsed (`asChecked`): by its sessions and opening
   * hours as JSON, each group's sessions and hours as the check gives them (all the group's
   * listings give the same). Listings the check gives nothing the finder can use are in none.
   */
  private readTimesAsChecked(listing: AtlasListing, i: number, read: ListingFacts, asChecked: AsChecked): void {
    if (listing.schedule === undefined && listing.openingHours === undefined) return;
    const schedules = this.schedules;
    // By what they are made of, with no text written (most listings), or else by their JSON.
    const leaf = timesLeaf(this.timesTree, listing.schedule, listing.openingHours);
    let same: string | undefined;
    if (!leaf) {
      try {
        same = JSON.stringify([listing.schedule, listing.openingHours]);
      } catch {
        // Not JSON: the check fails on it (and the engine is made again from the normaliser's data).
      }
    }
    let group = leaf ? (leaf.get(GROUP) as number | undefined) : same === undefined ? undefined : schedules.byText.get(same);
    if (group === undefined) {
      group = -1;
      const times = asChecked.times(listing);
      if (times && ((times.schedule?.length ?? 0) > 0 || times.openingHours)) {
        // What the schedule reads of a listing: its sessions and opening hours.
        group = schedules.listing.length;
        schedules.listing.push(times as AtlasListing);
        schedules.slots.push(slotBitsOf(times as AtlasListing, this.now()));
      }
      if (leaf) leaf.set(GROUP, group);
      else if (same !== undefined) schedules.byText.set(same, group);
    }
    if (group < 0) return;
    read.scheduled[i] = 1;
    read.group[i] = group;
    read.slots[i] = schedules.slots[group]!;
  }

  /** Every schedule group's first listing, each read now if it was not. */
  private groupListings(): AtlasListing[] {
    return Array.from({ length: this.columns.groupListing.length }, (_, g) => this.groupAt(g));
  }

  /** Schedule group `g`'s first listing, read now if it was not (a trusted ready feed's are read when first needed). */
  private groupAt(g: number): AtlasListing {
    const { groupListing, groupSource } = this.columns;
    return (groupListing[g] ??= this.listings[groupSource![g]!] ?? this.readyParts!.lazy!.at(groupSource![g]!));
  }

  /**
   * Start of a scheduled listing's current or next session (NaN when none),
   * exactly as `nextSession` answers, asked once per schedule group and again
   * only once the session found is over: until then no other can have started
   * first. Kept in columns, so the once-a-minute "on now / today / this week"
   * pass over every listing is a comparison per listing.
   */
  /** @internal */
  nextStart(p: number, t: number): number {
    return this.groupStart(this.columns.scheduleGroup[p]!, t);
  }

  /** `nextStart` of schedule group `g`'s listings. */
  private groupStart(g: number, t: number): number {
    const memo = this.nextMemo;
    if (!(t >= memo.from[g]! && t < memo.until[g]!)) {
      const { start, end, until } = sessionAt(this.groupAt(g), t);
      memo.from[g] = t;
      memo.until[g] = until;
      memo.start[g] = start;
      memo.end[g] = end;
    }
    return memo.start[g]!;
  }

  /**
   * "On now / today / this week" and deadline states, per listing, recomputed at
   * most once a minute: the answers only change when a session starts or ends.
   */
  /** @internal */
  timeFacts(now: Date): TimeFacts {
    const minute = Math.floor(now.getTime() / 60_000);
    if (this.timeCache?.minute === minute) return this.timeCache;
    const t = now.getTime();
    const today = londonParts(t).day;
    const endOfToday = londonInstant(today + 1, 0);
    // "This week" is the next seven days, not the rest of a calendar week: on a
    // Saturday a resident asking what is on this week means the days ahead.
    const endOfWeek = londonInstant(today + 7, 0);
    const n = this.docs.length;
    const { scheduled, words } = this.columns;
    const whenBits = [new Uint32Array(words), new Uint32Array(words), new Uint32Array(words)];
    const facts: TimeFacts = {
      minute,
      deadline: new Uint8Array(n),
      deadlineAt: new Float64Array(n).fill(Number.NaN),
      whenBits,
      deadlineBits: [new Uint32Array(words), new Uint32Array(words)],
    };
    // Once per schedule group (its listings write the same sessions, so have the same answers), then a look-up per listing.
    const { scheduleGroup } = this.columns;
    const groupBits = new Uint8Array(this.columns.groupListing.length);
    for (let g = 0; g < groupBits.length; g++) {
      // As hasSessionBetween(now, end of week / end of today) and isOnNow, which all ask nextSession(now).
      const start = this.groupStart(g, t);
      let bits = 0;
      if (start < endOfWeek) {
        bits |= 4;
        if (start < endOfToday) {
          bits |= 2;
          const end = this.nextMemo.end[g]!;
          const on = Number.isNaN(end) ? start === t && isOnNow(this.groupAt(g), now) : start <= t;
          if (on) bits |= 1;
        }
      }
      groupBits[g] = bits;
    }
    for (let p = 0; p < n; p++) {
      if (!scheduled[p]) continue;
      const bits = groupBits[scheduleGroup[p]!]!;
      if (!bits) continue;
      const word = p >>> 5;
      const bit = 1 << (p & 31);
      if (bits & 1) whenBits[0]![word]! |= bit;
      if (bits & 2) whenBits[1]![word]! |= bit;
      if (bits & 4) whenBits[2]![word]! |= bit;
    }
    this.deadlines?.(this, facts, now, today);
    this.timeCache = facts;
    return this.timeCache;
  }

  /** Forgets cached answers (benchmarks measure searches from cold). */
  clearCaches(): void {
    this.text?.clearCaches();
    this.distanceCache = undefined;
    this.timeCache = undefined;
  }

  /** Answers one finder state. Call `prepareAll` (or drive `prepare`) first. */
  query(state: FinderState, nowArg?: Date): CoreResult {
    const { matches, ...answer } = this.answer(state, nowArg);
    const docs = this.docs;
    const keys = new Array<string>(matches.length);
    for (let k = 0; k < matches.length; k++) keys[k] = docs[matches[k]!]!.key;
    const result: CoreResult = { total: answer.total, items: answer.items, keys, facets: answer.facets };
    if (answer.expandedTerms) result.expandedTerms = answer.expandedTerms;
    if (answer.relax) result.relax = answer.relax;
    return result;
  }

  /**
   * The same answer as `query` with the matches as indexes into the `data.listings`
   * the engine was given, instead of keys: what the worker sends the page, whose
   * listings are in the same order, in a buffer it can hand over without a copy.
   */
  queryIndexes(state: FinderState, nowArg?: Date): { result: Omit<CoreResult, 'keys'>; indexes: Int32Array } {
    const { matches, ...result } = this.answer(state, nowArg);
    const indexes = new Int32Array(matches.length);
    for (let k = 0; k < matches.length; k++) indexes[k] = this.sourceIndex[matches[k]!]!;
    return { result, indexes };
  }

  protected answer(state: FinderState, nowArg?: Date): Omit<CoreResult, 'keys'> & { matches: Int32Array } {
    if (!this.docsReady) this.prepareAll();
    const now = nowArg instanceof Date && Number.isFinite(nowArg.getTime()) ? nowArg : this.now();
    const docs = this.docs;
    const columns = this.columns;
    const words = columns.words;
    const filters = state && typeof state.filters === 'object' && state.filters ? state.filters : {};
    const q = typeof state?.q === 'string' ? state.q.trim() : '';
    const near = state?.near && isValidLatLng(state.near) ? state.near : undefined;
    const sort = state?.sort;
    const otherSort = sort === 'distance' || sort === 'next' || sort === 'deadline' ? sort : undefined;
    // The first screen needs none of the extras; any other state that does asks for them before the work starts.
    const extras = otherSort || near || state?.age !== undefined || state?.bounds !== undefined ? this.more() : undefined;
    const distance = near ? extras!.distances(this, near) : undefined;
    const miles = distance?.miles;
    let time: TimeFacts | undefined;
    const timeFacts = (): TimeFacts => (time ??= this.timeFacts(now));

    // Selected value ids per facet; unknown facet ids and values outside a fixed
    // list are dropped, so a hand-edited link never breaks the finder.
    const selected = new Map<FacetId, Set<number>>();
    const selectedRaw = new Map<FacetId, string[]>();
    for (const facet of FACET_IDS) {
      const raw = strings((filters as Record<string, unknown>)[facet]);
      const fixed = FIXED_VALUES[facet];
      const values = fixed ? raw.filter((v) => fixed.includes(v)) : raw;
      if (facet === 'distance' && (!miles || values.length === 0)) continue;
      if (values.length === 0) continue;
      const table = this.tables.get(facet)!;
      // Distance is one radius: the widest chosen band.
      const kept = facet === 'distance' ? [String(Math.max(...values.map(Number)))] : values;
      selectedRaw.set(facet, kept);
      // A value no listing has still filters (to nothing), so the count shows 0 and the person can untick it.
      selected.set(facet, new Set(kept.map((v) => table.lookup(v) ?? -1 - table.values.length)));
    }

    // Filters are the extras' work: the first screen has none.
    const filtering = selected.size ? this.more() : undefined;

    // Without a text index (createEngine attaches one before it answers words;
    // only a disposed engine answers without) the words are not searched.
    const text = q && this.text ? this.text.matches(q) : undefined;
    const units: Unit[] = [];
    if (text) units.push({ id: 'q', facets: [], bits: text.bits });
    const days = selected.get('day');
    const parts = selected.get('time');
    // Slot bits wanted by the chosen days and times of day (all of either when none is chosen).
    let daySlots = 0;
    for (let d = 0; d < 7; d++) if (!days || days.has(d)) daySlots |= DAY_SLOTS[d]!;
    let partSlots = 0;
    for (let p = 0; p < 3; p++) if (!parts || parts.has(p)) partSlots |= PART_SLOTS[p]!;
    if (filtering) units.push(...filtering.units(this, selected, selectedRaw, distance, timeFacts, daySlots & partSlots));
    if (extras) units.push(...extras.limits(this, state));

    // The matches pass every filter; each facet is counted over the listings
    // that pass every filter but its own (disjunctive faceting: see the extras' combine).
    const k = units.length;
    const { matched, allBut } = k ? this.more().combine(units, columns.all) : { matched: columns.all, allBut: () => columns.all };
    const total = countBits(matched);
    // Zero results after filtering: the hints need the extras.
    const relax = total === 0 && k ? this.more() : undefined;

    const counts = new Map<FacetId, Int32Array>();
    for (const facet of FACET_IDS) counts.set(facet, new Int32Array(this.tables.get(facet)!.values.length));
    const countOver = (facet: FacetId, set: Bits, size: number): void => {
      const c = counts.get(facet)!;
      switch (facet) {
        case 'day':
          for (let d = 0; d < 7; d++) c[d] = countSlots(set, DAY_SLOTS[d]! & partSlots);
          return;
        case 'time':
          for (let p = 0; p < 3; p++) c[p] = countSlots(set, PART_SLOTS[p]! & daySlots);
          return;
        case 'when':
          for (let v = 0; v < 3; v++) c[v] = countBoth(set, timeFacts().whenBits[v]!);
          return;
        case 'deadline':
          for (let v = 0; v < 2; v++) c[v] = countBoth(set, timeFacts().deadlineBits[v]!);
          return;
        case 'distance':
          if (distance) for (let b = 0; b < c.length; b++) c[b] = countBoth(set, distance.bands[b]!);
          return;
        default: {
          const sets = columns.valueBits[facet as StaticFacet];
          // Population counts over every word while the matches are many; a
          // bit test per match and value when they are fewer than the words.
          if (size >= words) {
            for (let v = 0; v < c.length; v++) c[v] = countBoth(set, sets[v]!);
          } else {
            this.more().countFew(set, size, sets, c);
          }
        }
      }
    };
    /** Listings in `set` with a weekly slot among `slots`. */
    const countSlots = (set: Bits, slots: number): number => {
      const sets: Bits[] = [];
      for (let s = 0; s < 21; s++) if (slots & (1 << s)) sets.push(columns.slotBits[s]!);
      return sets.length ? countBoth(set, union(words, sets)) : 0;
    };
    const ownUnit = new Map<FacetId, number>();
    units.forEach((unit, u) => {
      for (const facet of unit.facets) ownUnit.set(facet, u);
    });
    const others = new Map<number, { set: Bits; size: number }>();
    for (const facet of FACET_IDS) {
      const u = ownUnit.get(facet);
      if (u === undefined) {
        countOver(facet, matched, total);
        continue;
      }
      let set = others.get(u);
      if (!set) {
        const bits = allBut(u);
        others.set(u, (set = { set: bits, size: countBits(bits) }));
      }
      countOver(facet, set.set, set.size);
    }

    const facets: Partial<Record<FacetId, FacetCount[]>> = {};
    for (const facet of FACET_IDS) {
      const table = this.tables.get(facet)!;
      const c = counts.get(facet)!;
      let list: FacetCount[] = table.values.map((value, v) => ({ value, count: c[v]! }));
      if (facet === 'distance' && !miles) list = list.map((f) => ({ ...f, count: 0 }));
      let extra = false;
      for (const value of selectedRaw.get(facet) ?? []) {
        if (table.lookup(value) === undefined) {
          list.push({ value, count: 0 });
          extra = true;
        }
      }
      if (!FIXED_VALUES[facet]) {
        const order = this.valueOrder.get(facet);
        if (order && !extra) {
          const ranked = list.map((f, v) => ({ f, r: order[v]! }));
          ranked.sort((a, b) => b.f.count - a.f.count || a.r - b.r);
          list = ranked.map((x) => x.f);
        } else {
          list.sort((a, b) => b.count - a.count || this.collator.compare(a.value, b.value));
        }
      }
      facets[facet] = list;
    }

    const matches = positionsOf(matched, total);
    if (sort !== 'name') {
      // A listing's position is its place in name order, in which the matches arrive: the answer for relevance without words.
      const scores = text?.scores;
      const relevance = scores ? (a: number, b: number): number => scores[b]! - scores[a]! || a - b : (a: number, b: number): number => a - b;
      if (otherSort) extras!.sort(this, matches, otherSort, relevance, miles, now);
      else if (scores) matches.sort(relevance);
    }
    const limit = finite(state?.limit) && state.limit > 0 ? Math.floor(state.limit) : matches.length;
    const items: CoreItem[] = [];
    const { scheduled } = columns;
    for (let j = 0; j < Math.min(limit, matches.length); j++) {
      const p = matches[j]!;
      const item: CoreItem = { key: docs[p]!.key, score: text ? text.scores[p]! : 0 };
      const d = miles?.[p];
      if (d !== undefined && Number.isFinite(d)) item.distance = d;
      if (scheduled[p]) {
        // The group's session as `nextSession` gives it (see `nextStart`): no listing read, no schedule compiled.
        const start = this.nextStart(p, now.getTime());
        if (!Number.isNaN(start)) {
          const end = this.nextMemo.end[columns.scheduleGroup[p]!]!;
          item.next = Number.isNaN(end) ? { start: new Date(start) } : { start: new Date(start), end: new Date(end) };
        }
      }
      const t = text ? text.terms(p) : undefined;
      if (t) item.terms = t;
      items.push(item);
    }

    const result: Omit<CoreResult, 'keys'> & { matches: Int32Array } = { total, items, facets, matches };
    if (text && text.expandedTerms.length) result.expandedTerms = text.expandedTerms;
    if (relax) result.relax = relax.relax(units, allBut, selectedRaw, facets);
    return result;
  }
}
