import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import type { ShardCoverage } from './shard-set.js';
import type { ListingKind, Weekday } from '../feed/types.js';
import type { MapPoints } from '../location/map-points.js';

/**
 * Facets a finder can filter on. Within one facet the chosen values are OR-ed;
 * across facets they are AND-ed, and each facet's counts ignore its own choice
 * (disjunctive faceting), so a user sees what ticking another box would give.
 */
export type FacetId =
  | 'kind'
  | 'category'
  | 'need'
  /** `free`, `low-cost`, `help`, `personal-budget` */
  | 'cost'
  /** Weekday codes `mo`…`su` */
  | 'day'
  /** `morning` (before 12:00), `afternoon` (12:00–17:00), `evening` (after 17:00) */
  | 'time'
  /** `now` (open or on now), `today`, `this-week` */
  | 'when'
  | 'access'
  /** `self`, `drop-in`, `professional` */
  | 'referral'
  | 'language'
  /** `in-person`, `online`, `phone` */
  | 'delivery'
  | 'area'
  /** Radius bands in miles: `1`, `2`, `5`, `10`. Single-valued. */
  | 'distance'
  /** Transfer status */
  | 'status'
  | 'assetType'
  | 'tenure'
  /** `open` (expressions of interest still open), `closing-soon` (within 14 days) */
  | 'deadline';

export const FACET_IDS: readonly FacetId[] = [
  'kind', 'need', 'category', 'cost', 'day', 'time', 'when', 'access', 'referral', 'language',
  'delivery', 'area', 'distance', 'status', 'assetType', 'tenure', 'deadline',
];

/** Longest query the engine reads. A 5,000-character paste is cut, not searched word by word. */
export const MAX_QUERY_LENGTH = 200;

/** The distance filter's bands, in miles. */
export const DISTANCE_BANDS = ['1', '2', '5', '10'] as const;
/** The cost filter's values. */
export const COST_VALUES = ['free', 'low-cost', 'help', 'personal-budget'] as const;
/** "Low cost" is at most this many pounds a session. */
export const LOW_COST_POUNDS = 5;

export type SortKey = 'relevance' | 'distance' | 'next' | 'name' | 'deadline';

export interface GeoPoint {
  lat: number;
  lng: number;
  /** What the user typed or chose ("NB1 2AA", "your location"), for display and the URL. */
  label?: string;
}

/** Everything on screen that a link should reopen. Mirrored to the URL. */
export interface FinderState {
  q: string;
  filters: Partial<Record<FacetId, string[]>>;
  /** The person's age: keeps listings whose age range includes it. */
  age?: number;
  near?: GeoPoint;
  /** "Search this area": [south, west, north, east]. */
  bounds?: [number, number, number, number];
  sort: SortKey;
  /** Key of the open listing. */
  open?: string;
  /** How many results are shown ("show more" raises it). */
  limit?: number;
  view?: 'list' | 'map' | 'both';
}

export const EMPTY_STATE: FinderState = Object.freeze({ q: '', filters: {}, sort: 'relevance' }) as FinderState;

export interface NextSession {
  start: Date;
  end?: Date;
}

export interface ResultItem {
  listing: AtlasListing;
  /** Relevance score; 0 when there is no query. */
  score: number;
  /** Miles from `state.near`, when both are known. */
  distance?: number;
  next?: NextSession;
  /** Query terms that matched, for highlighting. */
  terms?: string[];
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface QueryResult {
  total: number;
  /** The first `state.limit` results (all when no limit). */
  items: ResultItem[];
  /** Keys of all matching listings in order (for the map, which shows every result). */
  keys: string[];
  facets: Partial<Record<FacetId, FacetCount[]>>;
  /**
   * With zero results: the filters that, removed one at a time, would bring the
   * most results back, best first. `facet: 'q'` means the query; `facet: 'distance'`
   * means widening the radius.
   */
  relax?: { facet: FacetId | 'q' | 'age' | 'bounds'; value?: string; total: number }[];
  /** Words the need vocabulary added to the query ("lonely" → befriending…). */
  expandedTerms?: string[];
  /** A sharded directory: what the answer covers (which shards, how far from a place, whether more are coming). */
  coverage?: ShardCoverage;
  /** A feed still arriving (loadFinder's `soFar`): the answer covers only the listings that have arrived so far. */
  arriving?: boolean;
}

export interface Suggestion {
  /** What to put in the search box. */
  text: string;
  /** `need`, `category`, `listing` or `term`. */
  type: 'need' | 'category' | 'listing' | 'term';
  /** For `listing`: its key, so choosing it can open it. */
  key?: string;
}

/**
 * What a page needs to know about all the listings without holding them (a
 * large feed's listings stay in the search worker): how many, which kinds,
 * and where they are, for placing a postcode the gazetteer does not know.
 */
export interface ListingSummary {
  size: number;
  kinds: ListingKind[];
  /**
   * The listings with a location, for placing a postcode the gazetteer does not
   * know (none, and no `place` in the engine: the finder offers no postcode
   * search). Empty from a worker, which keeps them: its engine's `place` looks
   * a postcode up among them there, so the page never clones every listing's place.
   */
  places: AtlasListing[];
}

/** The summary of listings a page holds (see `ListingSummary`). */
/** `withPlaces: false`: no `places` (a worker keeps them and places postcodes itself). */
export const summarise = (listings: readonly AtlasListing[], withPlaces = true): ListingSummary => ({
  size: listings.length,
  kinds: [...new Set(listings.map((l) => l.kind))],
  places: withPlaces ? listings.filter((l) => l.location) : [],
});

/**
 * The one interface the elements use; the worker-backed engine implements it too.
 * The page holds only what it shows: the listings of the results it was given,
 * and those it asked for with `records`. `get` answers from those.
 */
export interface SearchEngine {
  query(state: FinderState, now?: Date): Promise<QueryResult>;
  suggest(prefix: string, limit?: number): Promise<Suggestion[]>;
  /** A listing the page holds (one of the results given, or asked for with `records`); undefined otherwise. */
  get(key: string): AtlasListing | undefined;
  /** The full records of these listings, in the order asked, unknown keys left out; `get` knows them afterwards. */
  records(keys: readonly string[]): Promise<AtlasListing[]>;
  /**
   * The map's points for these listings (those with a place), names in `lang`:
   * typed arrays made where the listings are, so a map of every result never
   * brings every record to the page.
   */
  points(keys: readonly string[], lang: string): Promise<MapPoints>;
  readonly size: number;
  dispose(): void;
  /**
   * A sharded directory only: called when shards a last answer was waiting on
   * have arrived (or were skipped), so asking again gives a fuller answer.
   */
  onchange?: (() => void) | undefined;
  /** A sharded directory only: the data besides listings as it now stands (needs and names from the shards, problems of shards skipped). */
  meta?(): Omit<AtlasData, 'listings'> | undefined;
  /**
   * An engine whose listings live in a worker: where a postcode is, from its
   * listings' own postcodes (undefined: not known there). For a sharded directory,
   * from the national gazetteer's shard for its area (with the `attribution` to
   * show beside the place), else from its postcode area's listings.
   */
  place?(postcode: string): Promise<{ near: GeoPoint; attribution?: string } | undefined>;
}

export type { Weekday };
