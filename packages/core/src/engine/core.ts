/**
 * The search engine's synchronous core: the text index, filters, live facet
 * counts, sorting and suggestions. `createEngine` drives it on the main thread in
 * slices; the Web Worker drives the same code off the main thread.
 */
import MiniSearch from 'minisearch';
import type { Options as MiniSearchOptions, Query, SearchOptions } from 'minisearch';
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import { text } from '../feed/values.js';
import { hasSessionBetween, isOnNow, nextSession, weeklySlots } from '../schedule/index.js';
import { londonInstant, londonParts } from '../schedule/zone.js';
import { distanceMiles, isValidLatLng } from '../location/index.js';
import { deadlineState } from '../transfer/index.js';
import { allVariants, fold, humanise, idWords, terms as textTerms } from '../text/index.js';
import { buildVocabulary, expandQuery, needLabel, needSearchPhrases } from '../vocabulary/needs.js';
import type { Vocabulary } from '../vocabulary/needs.js';
import { FACET_IDS } from './types.js';
import type { FacetCount, FacetId, FinderState, NextSession, QueryResult, Suggestion } from './types.js';

export interface EngineOptions {
  /** The clock, for "on now", "today" and deadlines. Default `() => new Date()`. */
  now?: () => Date;
  /** Page language (`en`, `cy`): name order, need labels, suggestions. Default `en`. */
  lang?: string;
  /** Output of `serializeIndex` for the same data: the finder skips building the text index. */
  prebuiltIndex?: string | object;
}

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

/** Longest query the engine reads. A 5,000-character paste is cut, not searched word by word. */
export const MAX_QUERY_LENGTH = 200;
/** At most this many words of a query are searched. */
const MAX_QUERY_WORDS = 12;

const FIELDS = ['name', 'keywords', 'needs', 'categories', 'summary', 'organisation', 'place', 'description'] as const;
/** Where need synonyms are looked for. */
const NEED_FIELDS = ['name', 'keywords', 'needs', 'categories', 'summary'] as const;
type Field = (typeof FIELDS)[number];
/** The name matters most; a word buried in a long description least. */
const BOOST: Record<Field, number> = {
  name: 4,
  keywords: 2,
  needs: 2,
  categories: 2,
  summary: 1.5,
  organisation: 1.2,
  place: 1,
  description: 0.6,
};

export const DISTANCE_BANDS = ['1', '2', '5', '10'] as const;
export const COST_VALUES = ['free', 'low-cost', 'help', 'personal-budget'] as const;
/** "Low cost" is at most this many pounds a session. */
export const LOW_COST_POUNDS = 5;

/** Facets whose values are a fixed list, shown in this order; any other value is ignored. */
const FIXED_VALUES: Partial<Record<FacetId, readonly string[]>> = {
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

type StaticFacet = 'kind' | 'category' | 'need' | 'cost' | 'access' | 'referral' | 'language' | 'delivery' | 'area' | 'status' | 'assetType' | 'tenure';
const STATIC_FACETS: readonly StaticFacet[] = ['kind', 'category', 'need', 'cost', 'access', 'referral', 'language', 'delivery', 'area', 'status', 'assetType', 'tenure'];

interface Doc {
  listing: AtlasListing;
  key: string;
  /** Position in name order. */
  rank: number;
  values: Record<StaticFacet, number[]>;
  /** Weekly slots as day index × 3 + part index. */
  slots: number[];
  lat: number;
  lng: number;
  ageMin: number;
  ageMax: number;
  scheduled: boolean;
  transfer: boolean;
  /** Folded name, with a leading space, for suggestions. */
  foldedName: string;
}

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

interface Unit {
  id: FacetId | 'q' | 'age' | 'bounds' | 'slot';
  facets: FacetId[];
  test: (i: number) => boolean;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];

/** Deterministic hash of the listing keys, so a prebuilt index is only used with the data it was built from. */
function keysHash(keys: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return `${keys.length}:${(h >>> 0).toString(36)}`;
}

const INDEX_FORMAT = 'community-atlas-index';
const INDEX_VERSION = 1;

type TextMatches = { scores: Map<number, number>; terms: Map<number, string[]>; expandedTerms: string[] };
const TEXT_CACHE_SIZE = 16;

/** A name's sort key: folded to lower case without accents, digit runs padded to compare as numbers. */
function sortKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/\d+/g, (digits) => digits.padStart(8, '0'));
}

export class EngineCore {
  readonly lang: string;
  readonly vocabulary: Vocabulary;
  readonly now: () => Date;
  private readonly listings: AtlasListing[];
  private docs: Doc[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly tables = new Map<FacetId, ValueTable>();
  private readonly areaNames = new Map<string, string>();
  private readonly collator: Intl.Collator;
  private search: MiniSearch<AtlasListing> | undefined;
  private docsReady = false;
  /** Listing indexes in name order. */
  private nameOrder = new Int32Array(0);
  private distanceCache: { key: string; miles: Float64Array } | undefined;
  private timeCache: { minute: number; when: Uint8Array; deadline: Uint8Array; deadlineAt: Float64Array } | undefined;

  constructor(data: AtlasData, options: EngineOptions = {}) {
    this.listings = Array.isArray(data?.listings) ? data.listings.filter((l) => l && typeof l === 'object' && typeof l.key === 'string') : [];
    this.lang = typeof options.lang === 'string' && options.lang ? options.lang : 'en';
    this.now = typeof options.now === 'function' ? options.now : () => new Date();
    this.vocabulary = buildVocabulary(Array.isArray(data?.needs) ? data.needs : []);
    this.collator = new Intl.Collator(this.lang.toLowerCase().startsWith('cy') ? 'cy' : 'en-GB', { sensitivity: 'base', numeric: true });
    for (const area of Array.isArray(data?.areas) ? data.areas : []) {
      if (area && typeof area.id === 'string') this.areaNames.set(area.id, allVariants(area.name));
    }
    for (const facet of FACET_IDS) this.tables.set(facet, new ValueTable(FIXED_VALUES[facet]));
    if (options.prebuiltIndex !== undefined) this.loadIndex(options.prebuiltIndex);
  }

  get size(): number {
    return this.listings.length;
  }

  get ready(): boolean {
    return this.docsReady && this.search !== undefined;
  }

  get filtersReady(): boolean {
    return this.docsReady;
  }

  listing(key: string): AtlasListing | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.docs[i]?.listing;
  }

  /**
   * Prepares the engine a slice at a time: each `yield` is a point where the
   * caller may hand the thread back (to keep every main-thread task short).
   * Facets and sorting come first, so a page can show results before the text
   * index exists.
   */
  *prepare(): Generator<void, void, void> {
    if (!this.docsReady) {
      const docs: Doc[] = new Array<Doc>(this.listings.length);
      for (let i = 0; i < this.listings.length; i++) {
        docs[i] = this.makeDoc(this.listings[i]!);
        this.byKey.set(docs[i]!.key, i);
        if (i % 250 === 249) yield;
      }
      const order = docs.map((_, i) => i);
      // Sorting 10,000 names with Intl.Collator takes a tenth of a second; a
      // folded key (no case, no accents, numbers padded so "Hall 2" comes
      // before "Hall 10") compares as cheaply as plain strings and gives the
      // same order for names. The collator settles exact ties of the key.
      const names = docs.map((d) => text(d.listing.name, this.lang));
      const keys = names.map(sortKey);
      order.sort((a, b) => {
        const x = keys[a]!;
        const y = keys[b]!;
        if (x !== y) return x < y ? -1 : 1;
        return this.collator.compare(names[a]!, names[b]!) || (docs[a]!.key < docs[b]!.key ? -1 : 1);
      });
      order.forEach((docIndex, rank) => {
        docs[docIndex]!.rank = rank;
      });
      this.nameOrder = Int32Array.from(order);
      this.docs = docs;
      this.docsReady = true;
      yield;
    }
    if (!this.search) {
      const search = new MiniSearch<AtlasListing>(this.indexOptions());
      for (let i = 0; i < this.listings.length; i += 100) {
        search.addAll(this.listings.slice(i, i + 100));
        yield;
      }
      this.search = search;
    }
  }

  /** Everything at once: for the worker, Node and tests. */
  prepareAll(): this {
    for (const _ of this.prepare()) void _;
    return this;
  }

  /** The text index as JSON, with a fingerprint of the data it was built from. */
  serialize(): string {
    this.prepareAll();
    return JSON.stringify({
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      keys: keysHash(this.listings.map((l) => l.key)),
      needs: this.vocabulary.needs.size,
      index: this.search!.toJSON(),
    });
  }

  private loadIndex(prebuilt: string | object): void {
    try {
      const parsed = (typeof prebuilt === 'string' ? JSON.parse(prebuilt) : prebuilt) as {
        format?: unknown;
        version?: unknown;
        keys?: unknown;
        needs?: unknown;
        index?: unknown;
      };
      if (!parsed || parsed.format !== INDEX_FORMAT || parsed.version !== INDEX_VERSION) return;
      // An index built from other data would return keys this finder does not hold.
      if (parsed.keys !== keysHash(this.listings.map((l) => l.key)) || parsed.needs !== this.vocabulary.needs.size) return;
      this.search = MiniSearch.loadJS(parsed.index as Parameters<typeof MiniSearch.loadJS>[0], this.indexOptions());
    } catch {
      // A damaged prebuilt index is not fatal: the engine builds its own.
      this.search = undefined;
    }
  }

  private indexOptions(): MiniSearchOptions<AtlasListing> {
    return {
      idField: 'key',
      fields: [...FIELDS],
      storeFields: [],
      tokenize: (value: string) => value.split(/[^\p{L}\p{N}'’]+/u),
      processTerm: (term: string) => {
        const folded = textTerms(term);
        return folded.length === 0 ? null : folded.length === 1 ? folded[0]! : folded;
      },
      extractField: (listing, field) => this.fieldText(listing, field as Field | 'key'),
    };
  }

  private fieldText(listing: AtlasListing, field: Field | 'key'): string {
    switch (field) {
      case 'key':
        return listing.key;
      case 'name':
        return allVariants(listing.name);
      case 'summary':
        return allVariants(listing.summary);
      case 'description':
        return allVariants(listing.description);
      case 'keywords':
        return strings(listing.keywords).join(' ');
      case 'categories':
        return strings(listing.categories).map(idWords).join(' ');
      case 'needs': {
        const out: string[] = [];
        for (const id of this.derivedNeeds(listing)) {
          const entry = this.vocabulary.needs.get(id);
          out.push(idWords(id));
          if (entry) out.push(typeof entry.label === 'string' ? entry.label : allVariants(entry.label));
        }
        return out.join(' ');
      }
      case 'organisation':
        return allVariants(listing.organisation?.name);
      case 'place': {
        const loc = listing.location;
        const out = [allVariants(loc?.name), ...strings(loc?.address), typeof loc?.postcode === 'string' ? loc.postcode : ''];
        for (const area of strings(listing.areas)) out.push(this.areaNames.get(area) ?? area);
        for (const session of Array.isArray(listing.schedule) ? listing.schedule : []) out.push(allVariants(session?.place));
        return out.join(' ');
      }
      default:
        return '';
    }
  }

  /** The listing's own needs, and the needs whose linked categories it is in. */
  private derivedNeeds(listing: AtlasListing): string[] {
    const out = new Set(strings(listing.needs));
    for (const category of strings(listing.categories)) {
      for (const id of this.vocabulary.byCategory.get(category) ?? []) out.add(id);
    }
    return [...out];
  }

  private makeDoc(listing: AtlasListing): Doc {
    const ids = (facet: FacetId, values: Iterable<string>): number[] => {
      const table = this.tables.get(facet)!;
      const fixed = FIXED_VALUES[facet];
      const out: number[] = [];
      for (const v of values) {
        if (fixed && !fixed.includes(v)) continue;
        const id = table.id(v);
        if (!out.includes(id)) out.push(id);
      }
      return out;
    };
    const cost = listing.cost;
    const costValues: string[] = [];
    if (cost && typeof cost === 'object') {
      const amount = finite(cost.amount) ? cost.amount : undefined;
      if (cost.free === true || amount === 0) costValues.push('free');
      else if (
        (amount !== undefined && amount <= LOW_COST_POUNDS && (cost.per === undefined || cost.per === 'session' || cost.per === 'visit')) ||
        /\blow[- ]cost\b|\bpay what you can\b|\bdonations?\b|\bcost isel\b/i.test(allVariants(cost.description))
      ) {
        costValues.push('low-cost');
      }
      if (allVariants(cost.help).trim()) costValues.push('help');
      if (cost.personalBudget === true) costValues.push('personal-budget');
    }
    const transfer = listing.transfer;
    const location = listing.location;
    const hasPoint = isValidLatLng(location as { lat: number; lng: number } | undefined);
    const delivery = strings(listing.delivery);
    const slots: number[] = [];
    let scheduled = false;
    if ((Array.isArray(listing.schedule) && listing.schedule.length > 0) || listing.openingHours) {
      scheduled = true;
      const days = FIXED_VALUES.day!;
      const parts = FIXED_VALUES.time!;
      for (const slot of weeklySlots(listing)) {
        const [day, part] = slot.split('-');
        const d = days.indexOf(day ?? '');
        const p = parts.indexOf(part ?? '');
        if (d >= 0 && p >= 0) slots.push(d * 3 + p);
      }
    }
    const audience = listing.audience;
    return {
      listing,
      key: listing.key,
      rank: 0,
      values: {
        kind: ids('kind', typeof listing.kind === 'string' ? [listing.kind] : []),
        category: ids('category', strings(listing.categories)),
        need: ids('need', this.derivedNeeds(listing)),
        cost: ids('cost', costValues),
        access: ids('access', strings(listing.accessibility)),
        referral: ids('referral', strings(listing.referral)),
        language: ids('language', strings(listing.languages).map((l) => l.toLowerCase())),
        delivery: ids('delivery', delivery.length ? delivery : hasPoint ? ['in-person'] : []),
        area: ids('area', strings(listing.areas)),
        status: ids('status', typeof transfer?.status === 'string' ? [transfer.status] : []),
        assetType: ids('assetType', typeof transfer?.assetType === 'string' ? [transfer.assetType] : []),
        tenure: ids('tenure', typeof transfer?.tenure?.type === 'string' ? [transfer.tenure.type] : []),
      },
      slots,
      lat: hasPoint ? location!.lat! : Number.NaN,
      lng: hasPoint ? location!.lng! : Number.NaN,
      ageMin: finite(audience?.ageMin) ? audience.ageMin : -Infinity,
      ageMax: finite(audience?.ageMax) ? audience.ageMax : Infinity,
      scheduled,
      transfer: listing.kind === 'transfer' || !!transfer,
      foldedName: ` ${textTerms(allVariants(listing.name)).join(' ')}`,
    };
  }

  /** Miles from a point to every listing (NaN for a listing with no coordinates), cached per point. */
  private distances(near: { lat: number; lng: number }): Float64Array {
    const key = `${near.lat},${near.lng}`;
    if (this.distanceCache?.key === key) return this.distanceCache.miles;
    const miles = new Float64Array(this.docs.length);
    const point = { lat: near.lat, lng: near.lng };
    for (let i = 0; i < this.docs.length; i++) {
      const d = this.docs[i]!;
      miles[i] = Number.isNaN(d.lat) ? Number.NaN : distanceMiles(point, { lat: d.lat, lng: d.lng });
    }
    this.distanceCache = { key, miles };
    return miles;
  }

  /**
   * "On now / today / this week" and deadline states, per listing, recomputed at
   * most once a minute: the answers only change when a session starts or ends.
   * `when` bits: 1 now, 2 today, 4 this week. `deadline`: 1 open, 2 closing soon, 4 closed, 0 none.
   */
  private timeFacts(now: Date): NonNullable<EngineCore['timeCache']> {
    const minute = Math.floor(now.getTime() / 60_000);
    if (this.timeCache?.minute === minute) return this.timeCache;
    const t = now.getTime();
    const today = londonParts(t).day;
    const endOfToday = new Date(londonInstant(today + 1, 0));
    // "This week" is the next seven days, not the rest of a calendar week: on a
    // Saturday a resident asking what is on this week means the days ahead.
    const endOfWeek = new Date(londonInstant(today + 7, 0));
    const when = new Uint8Array(this.docs.length);
    const deadline = new Uint8Array(this.docs.length);
    const deadlineAt = new Float64Array(this.docs.length).fill(Number.NaN);
    for (let i = 0; i < this.docs.length; i++) {
      const d = this.docs[i]!;
      if (d.scheduled) {
        let bits = 0;
        if (hasSessionBetween(d.listing, now, endOfWeek)) {
          bits |= 4;
          if (hasSessionBetween(d.listing, now, endOfToday)) {
            bits |= 2;
            if (isOnNow(d.listing, now)) bits |= 1;
          }
        }
        when[i] = bits;
      }
      if (d.transfer) {
        const state = deadlineState(d.listing, now);
        deadline[i] = state.state === 'open' ? 1 : state.state === 'closing-soon' ? 2 : state.state === 'closed' ? 4 : 0;
        if (state.deadline) deadlineAt[i] = state.deadline.getTime();
      }
    }
    this.timeCache = { minute, when, deadline, deadlineAt };
    return this.timeCache;
  }

  /** Text search: listing index to score and matched terms; undefined when the query has no searchable words. */
  /**
   * Text matches for the last few queries. People type words once and then
   * tick filters, sort and page; the words' matches do not change while the
   * index does not, so only the first of those pays for the text search.
   */
  private readonly textCache = new Map<string, TextMatches | undefined>();

  /** Forgets cached text matches (benchmarks measure searches from cold). */
  clearCaches(): void {
    this.textCache.clear();
    this.distanceCache = undefined;
    this.timeCache = undefined;
  }

  private textMatches(q: string): TextMatches | undefined {
    if (!this.search) return undefined;
    const cached = this.textCache.get(q);
    if (cached !== undefined || this.textCache.has(q)) {
      // Most recently used last.
      this.textCache.delete(q);
      this.textCache.set(q, cached);
      return cached;
    }
    const result = this.searchText(q);
    this.textCache.set(q, result);
    if (this.textCache.size > TEXT_CACHE_SIZE) this.textCache.delete(this.textCache.keys().next().value!);
    return result;
  }

  private searchText(q: string): TextMatches | undefined {
    const search = this.search;
    if (!search) return undefined;
    const expansion = expandQuery(q.slice(0, MAX_QUERY_LENGTH), this.vocabulary, this.lang);
    const parts = expansion.parts.slice(0, MAX_QUERY_WORDS);
    if (parts.length === 0) return undefined;
    const typedEndsInWord = /[\p{L}\p{N}]$/u.test(q.slice(0, MAX_QUERY_LENGTH));
    const fuzzy = (term: string): number | false => (term.length >= 5 ? 0.2 : false);
    const groups: { scores: Map<number, number>; terms: Map<number, string[]> }[] = [];
    parts.forEach((part, n) => {
      const last = n === parts.length - 1;
      let query: Query;
      let options: SearchOptions;
      if (part.kind === 'word') {
        // The last word may be half typed; other words of four letters or more
        // also match as prefixes so "walk" finds "walking" without a stemmer.
        const prefix = (last && typedEndsInWord && part.word.length >= 2) || part.word.length >= 4;
        query = part.word;
        options = { prefix, fuzzy };
      } else {
        const phrases = new Set<string>([part.phrase]);
        for (const id of part.needs) {
          const entry = this.vocabulary.needs.get(id);
          if (entry) for (const p of needSearchPhrases(entry)) phrases.add(p);
        }
        query = {
          combineWith: 'OR',
          queries: [...phrases].map((p) => ({ combineWith: 'AND', queries: [p] })),
        };
        // Synonyms are the words themselves, not typing: no fuzziness, and a
        // prefix only for longer words ("befriend" → "befriending"). They are
        // looked for where a listing says what it is, not in the long
        // description, where "a friendly chat" would make everything a match.
        options = { prefix: (term: string) => term.length >= 6, fuzzy: false, fields: [...NEED_FIELDS] };
      }
      const scores = new Map<number, number>();
      const matched = new Map<number, string[]>();
      let best = 0;
      for (const hit of search.search(query, { ...options, boost: BOOST })) {
        const i = this.byKey.get(hit.id as string);
        if (i === undefined) continue;
        scores.set(i, hit.score);
        matched.set(i, hit.terms);
        if (hit.score > best) best = hit.score;
      }
      if (part.kind === 'need') {
        // Listings tagged with the need (or in its categories) are found even when
        // their text uses none of the words.
        const table = this.tables.get('need')!;
        const wanted = part.needs.map((id) => table.lookup(id)).filter((v): v is number => v !== undefined);
        const bonus = best > 0 ? best * 0.5 : 1;
        if (wanted.length) {
          for (let i = 0; i < this.docs.length; i++) {
            if (this.docs[i]!.values.need.some((v) => wanted.includes(v))) scores.set(i, (scores.get(i) ?? 0) + bonus);
          }
        }
      }
      groups.push({ scores, terms: matched });
    });
    const combine = (and: boolean): Map<number, number> => {
      const out = new Map<number, number>();
      if (and) {
        const [first, ...rest] = groups;
        for (const [i, s] of first!.scores) {
          let total = s;
          let all = true;
          for (const g of rest) {
            const other = g.scores.get(i);
            if (other === undefined) {
              all = false;
              break;
            }
            total += other;
          }
          if (all) out.set(i, total);
        }
      } else {
        for (const g of groups) for (const [i, s] of g.scores) out.set(i, (out.get(i) ?? 0) + s);
      }
      return out;
    };
    // Every word must match; when that finds nothing (a long sentence typed as a
    // question), any word may, best matches first.
    let scores = combine(true);
    if (scores.size === 0 && groups.length > 1) scores = combine(false);
    const matchedTerms = new Map<number, string[]>();
    for (const i of scores.keys()) {
      const all = new Set<string>();
      for (const g of groups) for (const t of g.terms.get(i) ?? []) all.add(t);
      if (all.size) matchedTerms.set(i, [...all]);
    }
    return { scores, terms: matchedTerms, expandedTerms: expansion.expandedTerms };
  }

  /** Answers one finder state. Call `prepareAll` (or drive `prepare`) first. */
  query(state: FinderState, nowArg?: Date): CoreResult {
    if (!this.docsReady) this.prepareAll();
    const now = nowArg instanceof Date && Number.isFinite(nowArg.getTime()) ? nowArg : this.now();
    const docs = this.docs;
    const n = docs.length;
    const filters = state && typeof state.filters === 'object' && state.filters ? state.filters : {};
    const q = typeof state?.q === 'string' ? state.q.trim() : '';
    const near = state?.near && isValidLatLng(state.near) ? state.near : undefined;
    const miles = near ? this.distances(near) : undefined;
    let time: ReturnType<EngineCore['timeFacts']> | undefined;
    const timeFacts = (): NonNullable<EngineCore['timeCache']> => (time ??= this.timeFacts(now));

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

    const text = q ? this.textMatches(q) : undefined;
    const units: Unit[] = [];
    if (text) units.push({ id: 'q', facets: [], test: (i) => text.scores.has(i) });
    const days = selected.get('day');
    const parts = selected.get('time');
    const slotMatches = (i: number, dayOk?: Set<number>, partOk?: Set<number>): boolean =>
      docs[i]!.slots.some((s) => (!dayOk || dayOk.has(Math.floor(s / 3))) && (!partOk || partOk.has(s % 3)));
    for (const [facet, values] of selected) {
      if (facet === 'day' || facet === 'time') continue;
      let test: (i: number) => boolean;
      if (facet === 'distance') {
        const radius = Number(selectedRaw.get('distance')![0]);
        test = (i) => miles![i]! <= radius;
      } else if (facet === 'when') {
        const bits = [...values].reduce((acc, v) => acc | (1 << v), 0);
        test = (i) => (timeFacts().when[i]! & bits) !== 0;
      } else if (facet === 'deadline') {
        const wantOpen = values.has(0);
        const wantSoon = values.has(1);
        test = (i) => {
          const s = timeFacts().deadline[i]!;
          return (wantOpen && (s === 1 || s === 2)) || (wantSoon && s === 2);
        };
      } else {
        const f = facet as StaticFacet;
        test = (i) => docs[i]!.values[f].some((v) => values.has(v));
      }
      units.push({ id: facet, facets: [facet], test });
    }
    if (days || parts) {
      // Day and time are one question ("Tuesday mornings"), so they filter
      // together on the listing's weekly slots.
      units.push({ id: 'slot', facets: ['day', 'time'], test: (i) => slotMatches(i, days, parts) });
    }
    const age = state?.age;
    if (finite(age) && age >= 0 && age <= 130) {
      units.push({ id: 'age', facets: [], test: (i) => docs[i]!.ageMin <= age && age <= docs[i]!.ageMax });
    }
    const bounds = state?.bounds;
    if (Array.isArray(bounds) && bounds.length === 4 && bounds.every(finite) && bounds[0] <= bounds[2] && bounds[1] <= bounds[3]) {
      const [s, w, nn, e] = bounds;
      units.push({ id: 'bounds', facets: [], test: (i) => docs[i]!.lat >= s && docs[i]!.lat <= nn && docs[i]!.lng >= w && docs[i]!.lng <= e });
    }

    const counts = new Map<FacetId, Int32Array>();
    for (const facet of FACET_IDS) counts.set(facet, new Int32Array(this.tables.get(facet)!.values.length));
    const onlyFails = new Int32Array(units.length);
    const matches: number[] = [];
    // Counting runs for every matching listing on every query, so it avoids
    // per-call lookups: the static facets' count arrays are fetched once.
    const staticCounts = STATIC_FACETS.map((f) => [f, counts.get(f)!] as const);
    const dayCounts = counts.get('day')!;
    const timeCounts = counts.get('time')!;
    const whenCounts = counts.get('when')!;
    const deadlineCounts = counts.get('deadline')!;
    const distanceCounts = counts.get('distance')!;
    const bands = DISTANCE_BANDS.map(Number);
    const countFacet = (facet: FacetId, i: number): void => {
      const doc = docs[i]!;
      switch (facet) {
        case 'day': {
          let seen = 0;
          for (const s of doc.slots) {
            const d = (s / 3) | 0;
            if ((!parts || parts.has(s % 3)) && !(seen & (1 << d))) {
              seen |= 1 << d;
              dayCounts[d]!++;
            }
          }
          return;
        }
        case 'time': {
          let seen = 0;
          for (const s of doc.slots) {
            const p = s % 3;
            if ((!days || days.has((s / 3) | 0)) && !(seen & (1 << p))) {
              seen |= 1 << p;
              timeCounts[p]!++;
            }
          }
          return;
        }
        case 'when': {
          if (!doc.scheduled) return;
          const bits = timeFacts().when[i]!;
          if (bits & 1) whenCounts[0]!++;
          if (bits & 2) whenCounts[1]!++;
          if (bits & 4) whenCounts[2]!++;
          return;
        }
        case 'deadline': {
          if (!doc.transfer) return;
          const s = timeFacts().deadline[i]!;
          if (s === 1 || s === 2) deadlineCounts[0]!++;
          if (s === 2) deadlineCounts[1]!++;
          return;
        }
        case 'distance': {
          if (!miles) return;
          const d = miles[i]!;
          for (let b = 0; b < bands.length; b++) if (d <= bands[b]!) distanceCounts[b]!++;
          return;
        }
        default: {
          const c = counts.get(facet)!;
          for (const v of doc.values[facet as StaticFacet]) c[v]!++;
        }
      }
    };
    const countAll = (i: number): void => {
      const values = docs[i]!.values;
      for (const [facet, c] of staticCounts) for (const v of values[facet]) c[v]!++;
      countFacet('day', i);
      countFacet('time', i);
      countFacet('when', i);
      countFacet('deadline', i);
      countFacet('distance', i);
    };
    const unitCount = units.length;
    const tests = units.map((u) => u.test);
    // Visiting listings in name order leaves the matches already sorted for the
    // commonest views (no words, or sorted by name), so those need no sort at all.
    const order = this.nameOrder;
    for (let o = 0; o < n; o++) {
      const i = order[o]!;
      let failed = -1;
      let failures = 0;
      for (let u = 0; u < unitCount; u++) {
        if (!tests[u]!(i)) {
          failures++;
          failed = u;
          if (failures > 1) break;
        }
      }
      if (failures === 0) {
        matches.push(i);
        countAll(i);
      } else if (failures === 1) {
        onlyFails[failed]!++;
        for (const facet of units[failed]!.facets) countFacet(facet, i);
      }
    }

    const facets: Partial<Record<FacetId, FacetCount[]>> = {};
    for (const facet of FACET_IDS) {
      const table = this.tables.get(facet)!;
      const c = counts.get(facet)!;
      let list: FacetCount[] = table.values.map((value, v) => ({ value, count: c[v]! }));
      if (facet === 'distance' && !miles) list = list.map((f) => ({ ...f, count: 0 }));
      for (const value of selectedRaw.get(facet) ?? []) {
        if (table.lookup(value) === undefined) list.push({ value, count: 0 });
      }
      if (!FIXED_VALUES[facet]) list.sort((a, b) => b.count - a.count || this.collator.compare(a.value, b.value));
      facets[facet] = list;
    }

    this.sortMatches(matches, state?.sort, text?.scores, miles, now);
    const limit = finite(state?.limit) && state.limit > 0 ? Math.floor(state.limit) : matches.length;
    const items: CoreItem[] = [];
    for (const i of matches.slice(0, limit)) {
      const item: CoreItem = { key: docs[i]!.key, score: text?.scores.get(i) ?? 0 };
      const d = miles?.[i];
      if (d !== undefined && Number.isFinite(d)) item.distance = d;
      if (docs[i]!.scheduled) {
        const next = nextSession(docs[i]!.listing, now);
        if (next) item.next = next;
      }
      const t = text?.terms.get(i);
      if (t) item.terms = t;
      items.push(item);
    }

    const result: CoreResult = { total: matches.length, items, keys: matches.map((i) => docs[i]!.key), facets };
    if (text && text.expandedTerms.length) result.expandedTerms = text.expandedTerms;
    if (matches.length === 0 && units.length) result.relax = this.relaxHints(units, onlyFails, selectedRaw, facets);
    return result;
  }

  private relaxHints(
    units: Unit[],
    onlyFails: Int32Array,
    selectedRaw: Map<FacetId, string[]>,
    facets: Partial<Record<FacetId, FacetCount[]>>,
  ): NonNullable<QueryResult['relax']> {
    const hints: NonNullable<QueryResult['relax']> = [];
    units.forEach((unit, u) => {
      if (unit.id === 'distance') {
        // Widening the radius is gentler than dropping it: offer the nearest band that finds something.
        const radius = Number(selectedRaw.get('distance')![0]);
        const wider = (facets.distance ?? []).find((f) => Number(f.value) > radius && f.count > 0);
        if (wider) {
          hints.push({ facet: 'distance', value: wider.value, total: wider.count });
          return;
        }
      }
      if (onlyFails[u]! === 0) return;
      if (unit.id === 'slot') {
        const facet: FacetId = selectedRaw.has('day') ? 'day' : 'time';
        hints.push({ facet, total: onlyFails[u]! });
        return;
      }
      const hint: NonNullable<QueryResult['relax']>[number] = { facet: unit.id as FacetId | 'q' | 'age' | 'bounds', total: onlyFails[u]! };
      const values = unit.id === 'q' || unit.id === 'age' || unit.id === 'bounds' ? undefined : selectedRaw.get(unit.id);
      if (values?.length === 1) hint.value = values[0]!;
      hints.push(hint);
    });
    return hints.sort((a, b) => b.total - a.total);
  }

  private sortMatches(
    matches: number[],
    sort: FinderState['sort'] | undefined,
    scores: Map<number, number> | undefined,
    miles: Float64Array | undefined,
    now: Date,
  ): void {
    const docs = this.docs;
    const byRank = (a: number, b: number): number => docs[a]!.rank - docs[b]!.rank;
    const byScore = (a: number, b: number): number => (scores!.get(b) ?? 0) - (scores!.get(a) ?? 0) || byRank(a, b);
    const relevance = scores ? byScore : byRank;
    // Unknown values last, whatever the order.
    const ascending = (values: Float64Array) => (a: number, b: number): number => {
      const x = values[a]!;
      const y = values[b]!;
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? relevance(a, b) : Number.isNaN(x) ? 1 : -1;
      return x - y || relevance(a, b);
    };
    // Matches arrive in name order (see query), which is already the answer here.
    if (sort === 'name' || (!scores && (sort === undefined || sort === 'relevance'))) return;
    switch (sort) {
      case 'distance':
        matches.sort(miles ? ascending(miles) : relevance);
        return;
      case 'next': {
        const starts = new Float64Array(docs.length).fill(Number.NaN);
        for (const i of matches) {
          if (!docs[i]!.scheduled) continue;
          const next = nextSession(docs[i]!.listing, now);
          if (next) starts[i] = next.start.getTime();
        }
        matches.sort(ascending(starts));
        return;
      }
      case 'deadline': {
        const facts = this.timeFacts(now);
        // Open (soonest deadline first), then transfers with no deadline, then
        // everything that is not a transfer, and closed ones last.
        const group = (i: number): number => {
          const s = facts.deadline[i]!;
          if (s === 1 || s === 2) return 0;
          if (s === 4) return 3;
          return docs[i]!.transfer ? 1 : 2;
        };
        matches.sort((a, b) => {
          const ga = group(a);
          const gb = group(b);
          if (ga !== gb) return ga - gb;
          if (ga === 0) return facts.deadlineAt[a]! - facts.deadlineAt[b]! || byRank(a, b);
          return relevance(a, b);
        });
        return;
      }
      default:
        matches.sort(relevance);
    }
  }

  /** Needs, categories and listing names for the search box, matching what has been typed so far. */
  suggest(prefix: string, limit = 8): Suggestion[] {
    if (!this.docsReady) this.prepareAll();
    const typed = textTerms(typeof prefix === 'string' ? prefix.slice(0, MAX_QUERY_LENGTH) : '').join(' ');
    const max = finite(limit) && limit > 0 ? Math.min(Math.floor(limit), 50) : 8;
    if (!typed) return [];
    const out: Suggestion[] = [];
    const seen = new Set<string>();
    const add = (s: Suggestion): void => {
      const key = `${s.type}:${fold(s.text)}`;
      if (seen.has(key) || out.length >= max) return;
      seen.add(key);
      out.push(s);
    };
    const startsWord = (haystack: string): boolean => haystack.startsWith(typed) || haystack.includes(` ${typed}`);
    const used = this.tables.get('need')!;
    for (const [phrase, ids] of this.vocabulary.phrases) {
      if (!startsWord(phrase)) continue;
      for (const id of ids) {
        // Offer only needs this feed has listings for.
        if (used.lookup(id) === undefined) continue;
        add({ text: needLabel(this.vocabulary.needs.get(id), this.lang), type: 'need' });
      }
    }
    for (const category of this.tables.get('category')!.values) {
      if (startsWord(fold(idWords(category)))) add({ text: humanise(category), type: 'category' });
    }
    for (const i of this.docsByRank()) {
      if (out.length >= max) break;
      const d = this.docs[i]!;
      if (d.foldedName.includes(` ${typed}`)) add({ text: text(d.listing.name, this.lang), type: 'listing', key: d.key });
    }
    return out;
  }

  private rankOrder: number[] | undefined;
  private docsByRank(): number[] {
    if (!this.rankOrder) {
      const order = new Array<number>(this.docs.length);
      this.docs.forEach((d, i) => {
        order[d.rank] = i;
      });
      this.rankOrder = order;
    }
    return this.rankOrder;
  }
}
