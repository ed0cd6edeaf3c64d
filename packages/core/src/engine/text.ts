/**
 * Text search: the MiniSearch index of listings' words, need words read from a
 * query ("lonely" → befriending…), matching, highlighting terms and suggestions.
 *
 * The finder's first screen (results, filters, no words typed) needs none of
 * this, so `createEngine` loads this module with `import()` only when someone
 * types, asks for suggestions or passes a prebuilt index, or in idle time once
 * the first results are on screen. The worker, Node (`atlas build`) and the
 * benchmarks use `EngineCore` (full.ts), which has it built in.
 */
import MiniSearch from 'minisearch';
import type { Options as MiniSearchOptions, Query, SearchOptions } from 'minisearch';
import type { AtlasListing } from '../feed/normalised.js';
import { wholeListings } from '../feed/ready-parts.js';
import { text } from '../feed/values.js';
import { allVariants, fold, humanise, idWords } from '../text/index.js';
import { terms as textTerms } from '../text/terms.js';
import { needLabel } from '../vocabulary/needs.js';
import { expandQuery, needSearchPhrases, vocabularyOf } from '../vocabulary/synonyms.js';
import type { Vocabulary } from '../vocabulary/synonyms.js';
// Only types from the core: a value imported from it would make the bundler
// split modules the core shares with the finder into a chunk of their own.
import type { FilterCore, TextMatches, TextSearch } from './core.js';
import { MAX_QUERY_LENGTH } from './types.js';
import type { Suggestion } from './types.js';

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

export const INDEX_FORMAT = 'community-atlas-index';
/** 2: the index carries a hash of the text it was built from (`content`), not of the keys alone. */
export const INDEX_VERSION = 2;

/** Text matches kept for the last few queries. */
const TEXT_CACHE_SIZE = 16;

/** Listings added to the index per slice of building. */
const LISTINGS_PER_SLICE = 20;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.length > 0) : [];
const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/**
 * A hash of strings in order (two 32-bit FNV-1a lanes, one of them over the
 * characters' high bytes as well), with how many there were: what decides
 * whether a prebuilt index was built from the text it is given.
 */
export function textHash(parts: Iterable<string>): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let n = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ (c >>> 8) ^ (c << 3), 0x5bd1e995);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    n++;
  }
  return `${n}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/** One searched word or need: its hits' scores by listing position, and the terms each hit was found by. */
interface TextGroup {
  /** Scores by position (NaN: not matched). */
  score: Float64Array;
  /** The matched positions. */
  members: number[];
  /** The index terms the listing at a position was found by; undefined when it was not found by words. */
  terms(p: number): readonly string[] | undefined;
}

/** The query terms a matched listing was found by, for highlighting; undefined when none. */
function matchedTerms(groups: readonly Pick<TextGroup, 'terms'>[], p: number): string[] | undefined {
  const all = new Set<string>();
  for (const g of groups) for (const t of g.terms(p) ?? []) all.add(t);
  return all.size ? [...all] : undefined;
}

/** How a need's words are searched: see `searchText`. */
const NEED_SEARCH: SearchOptions = { prefix: (term: string) => term.length >= 6, fuzzy: false, fields: [...NEED_FIELDS], boost: BOOST };

/**
 * One phrase of the need vocabulary and the listings it matches, found once per
 * feed: a need word searches 10 to 25 such phrases, and they do not change while
 * the index does not. Positions ascending; `raw` is MiniSearch's score before it
 * weighs a result by how many query terms it matched.
 */
interface PhraseHits {
  positions: Int32Array;
  raw: Float64Array;
  /** The phrase's query terms: all its words must match, so every hit has them all. */
  queryTerms: readonly string[];
  /** The index terms each hit was found by (a prefix finds longer words), in MiniSearch's order. */
  found: (readonly string[])[];
}

/** MiniSearch 7's raw query, before results are weighed and sorted: what `search` itself combines. */
interface RawResult {
  score: number;
  terms: string[];
  match: Record<string, unknown>;
}
interface MiniSearchInternals {
  executeQuery?: (query: Query, options: SearchOptions) => Map<number, RawResult>;
  _documentIds?: Map<number, unknown>;
}

function findPosition(sorted: Int32Array, p: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === p) return mid;
    if (v < p) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** The words a need part was typed as, and the English they mean when they are Welsh ("nofio": swimming). */
function typedPhrases(part: { phrase: string; says?: string }): string[] {
  return part.says ? [part.phrase, part.says] : [part.phrase];
}

/**
 * The text index of one `FilterCore`'s listings. Build it with `build()` (a
 * slice per `yield`) or give it a prebuilt index; `attach` it to the core so
 * queries with words use it.
 */
export class TextIndex implements TextSearch {
  #vocabulary: Vocabulary | undefined;
  /**
   * The need vocabulary with the built-in synonyms, read when it is first used (words searched,
   * the index built or loaded): not in the worker's constructor, before the first page, which never
   * uses it (a few hundred phrases, read by code not yet compiled: 1 to 8 ms of a 10,000-listing load).
   */
  get vocabulary(): Vocabulary {
    return (this.#vocabulary ??= vocabularyOf(this.core.vocabulary));
  }
  private search: MiniSearch<AtlasListing> | undefined;
  /**
   * Text matches for the last few queries. People type words once and then
   * tick filters, sort and page; the words' matches do not change while the
   * index does not, so only the first of those pays for the text search.
   */
  private readonly textCache = new Map<string, TextMatches | undefined>();
  /** Folded names, each with a leading space, made on the first suggestion rather than while loading. */
  private foldedNames: string[] | undefined;
  /** Need phrases' matches, by phrase (null: this MiniSearch cannot give raw results; search the usual way). */
  private readonly phraseHits = new Map<string, PhraseHits | null>();
  /** While building: each word's terms, worked out once (a feed says the same words again and again). */
  private termMemo: Map<string, string | string[] | null> | undefined;

  constructor(
    private readonly core: FilterCore,
    prebuilt?: string | object,
  ) {
    // A ready feed's index (fetched from its own file when words are first searched, feed/ready-index.ts)
    // is read as the first step of `build`, after the first page, as a built one would be.
    this.fromReady = prebuilt === undefined || prebuilt === core.readyIndex;
    if (!this.fromReady) this.load(prebuilt!);
  }

  /** Whether a ready feed's index, if it is in when `build` starts, is read rather than the listings indexed. */
  private readonly fromReady: boolean;

  /** Whether the index is built (or was loaded), so words can be searched. */
  get built(): boolean {
    return this.search !== undefined;
  }

  /** Builds the index a slice at a time; nothing to do when it was loaded prebuilt. */
  *build(): Generator<void, void, void> {
    if (this.search) return;
    // First a point to stop at: a ready feed's columns come without one, and
    // the worker answers the first page once they are in. Neither reading the
    // index nor building it is the first page's work, and building reads
    // every listing, which for a ready feed read lazily is most of its load.
    yield;
    const ready = this.fromReady && !this.search ? this.core.readyIndex : undefined;
    if (ready) this.load(ready);
    if (this.search) return;
    const search = new MiniSearch<AtlasListing>(this.indexOptions());
    const listings = wholeListings(this.core.listings);
    this.termMemo = new Map();
    for (let i = 0; i < listings.length; i += LISTINGS_PER_SLICE) {
      search.addAll(listings.slice(i, i + LISTINGS_PER_SLICE));
      yield;
    }
    this.termMemo = undefined;
    this.search = search;
  }

  /** The index as JSON, with a fingerprint of the data it was built from. */
  serialize(): string {
    for (const _ of this.build()) void _;
    return JSON.stringify({
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      content: this.contentHash(),
      needs: this.vocabulary.needs.size,
      index: this.search!.toJSON(),
    });
  }

  /**
   * An index for `core` from a prebuilt one, read a slice at a time (MiniSearch's
   * loadJSAsync), so a page given a large prebuilt index never holds for it. One
   * that does not fit the data is left out: `build()` then builds the index.
   */
  static async loaded(core: FilterCore, prebuilt: string | object): Promise<TextIndex> {
    const index = new TextIndex(core);
    const js = index.fitting(prebuilt);
    if (js) {
      try {
        index.search = await MiniSearch.loadJSAsync(js, index.indexOptions());
      } catch {
        // A damaged prebuilt index is not fatal: the engine builds its own.
        index.search = undefined;
      }
    }
    return index;
  }

  private load(prebuilt: string | object): void {
    const js = this.fitting(prebuilt);
    if (!js) return;
    try {
      this.search = MiniSearch.loadJS(js, this.indexOptions());
    } catch {
      // A damaged prebuilt index is not fatal: the engine builds its own.
      this.search = undefined;
    }
  }

  /** The MiniSearch part of a prebuilt index, when it was built from this data with this vocabulary. */
  private fitting(prebuilt: string | object): Parameters<typeof MiniSearch.loadJS>[0] | undefined {
    try {
      const parsed = (typeof prebuilt === 'string' ? JSON.parse(prebuilt) : prebuilt) as {
        format?: unknown;
        version?: unknown;
        content?: unknown;
        needs?: unknown;
        index?: unknown;
      };
      if (!parsed || parsed.format !== INDEX_FORMAT || parsed.version !== INDEX_VERSION) return undefined;
      // An index built from other data (another feed, or this one edited since `atlas build`)
      // would find listings by words they no longer have, or miss their new ones.
      // A trusted ready feed's index was checked with the whole feed (feed/ready.ts): no second pass over its text.
      if (parsed.needs !== this.vocabulary.needs.size || (prebuilt !== this.core.readyIndex && parsed.content !== this.contentHash())) return undefined;
      const js = parsed.index as Parameters<typeof MiniSearch.loadJS>[0] | undefined;
      if (!js || !Array.isArray(js.index)) return undefined;
      // MiniSearch writes its terms in the reverse of its radix tree's order
      // (its iterator takes a node's last child first) and loads them in the
      // order written, so a loaded tree's children came in another order than
      // the saved tree's. A prefix or fuzzy search walks the children in order:
      // it then found the same words in another order, added their scores in
      // another order (sums differing in the last bits, which can reorder
      // results) and listed the terms to highlight in another order. Loaded in
      // the tree's own order (the list reversed), the tree is the one saved.
      return { ...js, index: [...js.index].reverse() };
    } catch {
      return undefined;
    }
  }

  /** MiniSearch's options for this index (also what engine/index-write.ts writes an index with). @internal */
  indexOptions(): MiniSearchOptions<AtlasListing> {
    return {
      idField: 'key',
      fields: [...FIELDS],
      storeFields: [],
      tokenize: (value: string) => value.split(/[^\p{L}\p{N}'’]+/u),
      processTerm: (term: string) => {
        let processed = this.termMemo?.get(term);
        if (processed === undefined) {
          const folded = textTerms(term);
          processed = folded.length === 0 ? null : folded.length === 1 ? folded[0]! : folded;
          this.termMemo?.set(term, processed);
        }
        return processed;
      },
      extractField: (listing, field) => this.fieldText(listing, field as Field | 'key'),
    };
  }

  /**
   * A hash of everything the index reads: each listing's key and the text of
   * every field, in order. It is the same for the same feed however it was
   * read (the normaliser or the quick check, here or in `atlas build`), and
   * differs when any indexed word does.
   */
  private contentHash(): string {
    const fieldText = (listing: AtlasListing, field: Field): string => this.fieldText(listing, field);
    const listings = wholeListings(this.core.listings);
    return textHash((function* () {
      for (const listing of listings) {
        yield listing.key;
        for (const field of FIELDS) yield fieldText(listing, field);
      }
    })());
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
        for (const id of this.core.derivedNeeds(listing)) {
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
        for (const area of strings(listing.areas)) out.push(this.core.areaNames.get(area) ?? area);
        for (const session of Array.isArray(listing.schedule) ? listing.schedule : []) out.push(allVariants(session?.place));
        return out.join(' ');
      }
      default:
        return '';
    }
  }

  /**
   * Finds every need phrase's matches, a phrase per slice, so that a need word
   * is not searched as 10 to 25 phrases when it is typed. Run after `build`, in
   * time nobody is waiting for; a phrase asked for first is found then.
   */
  *warm(): Generator<void, void, void> {
    if (!this.search) return;
    for (const phrase of this.vocabulary.phrases.keys()) {
      if (this.phraseHits.has(phrase)) continue;
      this.hitsOf(phrase);
      yield;
    }
  }

  /**
   * Finds, one per step, the matches of the need phrases a search for `q` will
   * look for and that are not known yet; the search that follows is then one
   * short task rather than one long one (a need word is 10 to 25 phrases).
   */
  *prepareFor(q: string): Generator<void, void, void> {
    if (!this.search || this.textCache.has(q)) return;
    const parts = expandQuery(q.slice(0, MAX_QUERY_LENGTH), this.vocabulary, this.core.lang).parts.slice(0, MAX_QUERY_WORDS);
    for (const part of parts) {
      if (part.kind !== 'need') continue;
      for (const phrase of this.needPhrases(part)) {
        if (this.phraseHits.has(phrase)) continue;
        this.hitsOf(phrase);
        yield;
      }
    }
  }

  /** The phrases a need word is searched as: the words typed (and the English they mean), then each of its needs' phrases. */
  private needPhrases(part: { phrase: string; needs: readonly string[]; says?: string }): string[] {
    const unique = new Set<string>(typedPhrases(part));
    for (const id of part.needs) {
      const entry = this.vocabulary.needs.get(id);
      if (entry) for (const p of needSearchPhrases(entry)) unique.add(p);
    }
    return [...unique];
  }

  /**
   * A need phrase's matches, found once per feed from MiniSearch's raw query
   * (the scores and terms `search` would combine); null when this MiniSearch
   * does not offer it, and then need words are searched the usual way.
   */
  private hitsOf(phrase: string): PhraseHits | null {
    const known = this.phraseHits.get(phrase);
    if (known !== undefined) return known;
    const internals = this.search as unknown as MiniSearchInternals;
    let hits: PhraseHits | null = null;
    if (typeof internals.executeQuery === 'function' && internals._documentIds instanceof Map) {
      const raw = internals.executeQuery.call(this.search, { combineWith: 'AND', queries: [phrase] }, NEED_SEARCH);
      const rows: { p: number; score: number; found: readonly string[] }[] = [];
      let queryTerms: string[] | undefined;
      let uniform = true;
      // Found-term lists repeat (most hits are found by the same words): one array for each.
      const lists = new Map<string, readonly string[]>();
      for (const [shortId, result] of raw) {
        const p = this.core.position(internals._documentIds.get(shortId) as string);
        if (p === undefined) continue;
        queryTerms ??= result.terms;
        if (result.terms.length !== queryTerms.length || result.terms.some((t, i) => t !== queryTerms![i])) uniform = false;
        const keys = Object.keys(result.match);
        const id = keys.join('\u0000');
        let found = lists.get(id);
        if (!found) lists.set(id, (found = keys));
        rows.push({ p, score: result.score, found });
      }
      if (uniform) {
        rows.sort((a, b) => a.p - b.p);
        hits = {
          positions: Int32Array.from(rows, (r) => r.p),
          raw: Float64Array.from(rows, (r) => r.score),
          queryTerms: queryTerms ?? [],
          found: rows.map((r) => r.found),
        };
      }
    }
    this.phraseHits.set(phrase, hits);
    return hits;
  }

  /**
   * A need word's phrases searched together, from their matches found once per
   * feed: the same answer as MiniSearch's OR query over them (the same scores,
   * added in the same order, weighed by the same count of query terms, and the
   * same found terms in the same order); undefined when a phrase has no raw matches.
   */
  private needGroup(phrases: readonly string[], n: number): { score: Float64Array; members: number[]; best: number; terms: TextGroup['terms'] } | undefined {
    const all: PhraseHits[] = [];
    for (const phrase of phrases) {
      const hits = this.hitsOf(phrase);
      if (!hits) return undefined;
      all.push(hits);
    }
    // Each distinct query term is a bit: a result is weighed by how many it matched.
    const termBit = new Map<string, number>();
    for (const hits of all) for (const t of hits.queryTerms) if (!termBit.has(t)) termBit.set(t, termBit.size);
    const maskWords = Math.max(1, Math.ceil(termBit.size / 32));
    const masks = new Uint32Array(n * maskWords);
    const score = new Float64Array(n).fill(Number.NaN);
    const members: number[] = [];
    for (const hits of all) {
      const mask = new Uint32Array(maskWords);
      for (const t of hits.queryTerms) {
        const bit = termBit.get(t)!;
        mask[bit >>> 5]! |= 1 << (bit & 31);
      }
      const { positions, raw } = hits;
      for (let i = 0; i < positions.length; i++) {
        const p = positions[i]!;
        if (Number.isNaN(score[p]!)) {
          score[p] = raw[i]!;
          members.push(p);
        } else {
          score[p] = score[p]! + raw[i]!;
        }
        for (let w = 0; w < maskWords; w++) masks[p * maskWords + w]! |= mask[w]!;
      }
    }
    let best = 0;
    for (const p of members) {
      let quality = 0;
      for (let w = 0; w < maskWords; w++) quality += popcount(masks[p * maskWords + w]!);
      const s = score[p]! * (quality || 1);
      score[p] = s;
      if (s > best) best = s;
    }
    const terms = (p: number): readonly string[] | undefined => {
      // Keys of one object, as MiniSearch merges its results' found terms (Object.assign, in phrase order).
      const found: Record<string, true> = {};
      let any = false;
      for (const hits of all) {
        const i = findPosition(hits.positions, p);
        if (i < 0) continue;
        any = true;
        for (const t of hits.found[i]!) found[t] = true;
      }
      return any ? Object.keys(found) : undefined;
    };
    return { score, members, best, terms };
  }

  /** Forgets cached text matches (benchmarks measure searches from cold). Need phrases' matches are kept: they belong to the feed. */
  clearCaches(): void {
    this.textCache.clear();
  }

  /** Listings matching the words of `q`, by position; undefined when it has no searchable words or the index is not built yet. */
  matches(q: string): TextMatches | undefined {
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
    const core = this.core;
    const expansion = expandQuery(q.slice(0, MAX_QUERY_LENGTH), this.vocabulary, core.lang);
    const parts = expansion.parts.slice(0, MAX_QUERY_WORDS);
    if (parts.length === 0) return undefined;
    const typedEndsInWord = /[\p{L}\p{N}]$/u.test(q.slice(0, MAX_QUERY_LENGTH));
    const fuzzy = (term: string): number | false => (term.length >= 5 ? 0.2 : false);
    const n = core.size;
    const words = (n + 31) >>> 5;
    const groups: TextGroup[] = [];
    parts.forEach((part, partIndex) => {
      const last = partIndex === parts.length - 1;
      let query: Query;
      let options: SearchOptions;
      let phrases: string[] = [];
      if (part.kind === 'word') {
        // The last word may be half typed; other words of four letters or more
        // also match as prefixes so "walk" finds "walking" without a stemmer.
        const prefix = (last && typedEndsInWord && part.word.length >= 2) || part.word.length >= 4;
        query = part.word;
        options = { prefix, fuzzy, boost: BOOST };
      } else {
        phrases = this.needPhrases(part);
        query = {
          combineWith: 'OR',
          queries: phrases.map((p) => ({ combineWith: 'AND', queries: [p] })),
        };
        // Synonyms are the words themselves, not typing: no fuzziness, and a
        // prefix only for longer words ("befriend" → "befriending"). They are
        // looked for where a listing says what it is, not in the long
        // description, where "a friendly chat" would make everything a match.
        options = NEED_SEARCH;
      }
      const known = part.kind === 'need' ? this.needGroup(phrases, n) : undefined;
      let score: Float64Array;
      let members: number[];
      let best = 0;
      let found: TextGroup['terms'];
      if (known) {
        ({ score, members, best } = known);
        found = known.terms;
      } else {
        // Scores by position (NaN: not matched); `members` lists the matched positions.
        score = new Float64Array(n).fill(Number.NaN);
        members = [];
        const hitAt = new Int32Array(n);
        const terms: string[][] = [];
        for (const hit of search.search(query, options)) {
          const p = core.position(hit.id as string);
          if (p === undefined) continue;
          if (Number.isNaN(score[p]!)) members.push(p);
          score[p] = hit.score;
          terms.push(hit.terms);
          hitAt[p] = terms.length;
          if (hit.score > best) best = hit.score;
        }
        found = (p) => (hitAt[p] ? terms[hitAt[p]! - 1] : undefined);
      }
      if (part.kind === 'need') {
        // Listings tagged with the need (or in its categories) are found even when
        // their text uses none of the words.
        const bonus = best > 0 ? best * 0.5 : 1;
        for (const p of core.positionsWithNeeds(part.needs)) {
          if (Number.isNaN(score[p]!)) {
            members.push(p);
            score[p] = bonus;
          } else {
            score[p] = score[p]! + bonus;
          }
        }
        // The words typed count above the need's other words: "swimming" puts swimming first,
        // then the rest of physical activity (walks, chair exercise) that the need widens it to.
        // A Welsh word counts as the English word it means ("nofio": swimming), which is what most feeds say.
        const own = new Set<number>();
        for (const phrase of typedPhrases(part)) {
          for (const p of this.hitsOf(phrase)?.positions
            ?? search.search({ combineWith: 'AND', queries: [phrase] }, NEED_SEARCH).map((hit) => core.position(hit.id as string) ?? -1)) own.add(p);
        }
        for (const p of own) if (p >= 0 && !Number.isNaN(score[p]!)) score[p] = score[p]! + (best || 1);
      }
      groups.push({ score, members, terms: found });
    });
    const combine = (all: boolean): { scores: Float64Array; bits: Uint32Array; count: number } => {
      const scores = new Float64Array(n);
      const bits = new Uint32Array(words);
      let count = 0;
      if (all) {
        const [first, ...rest] = groups;
        for (const p of first!.members) {
          let total = first!.score[p]!;
          let every = true;
          for (const g of rest) {
            const other = g.score[p]!;
            if (Number.isNaN(other)) {
              every = false;
              break;
            }
            total += other;
          }
          if (every) {
            scores[p] = total;
            bits[p >>> 5]! |= 1 << (p & 31);
            count++;
          }
        }
      } else {
        for (const g of groups) {
          for (const p of g.members) {
            if (bits[p >>> 5]! & (1 << (p & 31))) {
              scores[p] = scores[p]! + g.score[p]!;
            } else {
              scores[p] = g.score[p]!;
              bits[p >>> 5]! |= 1 << (p & 31);
              count++;
            }
          }
        }
      }
      return { scores, bits, count };
    };
    // Every word must match; when that finds nothing (a long sentence typed as a
    // question), any word may, best matches first.
    let combined = combine(true);
    if (combined.count === 0 && groups.length > 1) combined = combine(false);
    const found = groups.map(({ terms }) => ({ terms }));
    return {
      bits: combined.bits,
      scores: combined.scores,
      terms: (p) => matchedTerms(found, p),
      expandedTerms: expansion.expandedTerms,
    };
  }

  /** Needs, categories and listing names for the search box, matching what has been typed so far. */
  suggest(prefix: string, limit = 8): Suggestion[] {
    const core = this.core;
    if (!core.filtersReady) core.prepareAll();
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
    for (const [phrase, ids] of this.vocabulary.phrases) {
      if (!startsWord(phrase)) continue;
      for (const id of ids) {
        // Offer only needs this feed has listings for.
        if (core.tables.get('need')!.lookup(id) === undefined) continue;
        add({ text: needLabel(this.vocabulary.needs.get(id), core.lang), type: 'need' });
      }
    }
    for (const category of core.tables.get('category')!.values) {
      if (startsWord(fold(idWords(category)))) add({ text: humanise(category), type: 'category' });
    }
    const n = core.size;
    // Every listing's name: read them all at once, not one by one.
    if (!this.foldedNames) wholeListings(core.listings);
    this.foldedNames ??= Array.from({ length: n }, (_, p) => ` ${textTerms(allVariants(core.docs[p]!.listing.name)).join(' ')}`);
    for (let p = 0; p < n && out.length < max; p++) {
      if (this.foldedNames[p]!.includes(` ${typed}`)) {
        const { listing } = core.docs[p]!;
        add({ text: text(listing.name, core.lang), type: 'listing', key: listing.key });
      }
    }
    return out;
  }
}
