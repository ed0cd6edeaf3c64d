import type {
  DeliveryMode,
  Feed,
  Gazetteer,
  Listing,
  NeedDefinition,
  CategoryDefinition,
  Publisher,
  ReferralRoute,
  Session,
  AreaDefinition,
  StageDefinition,
} from './types.js';

/**
 * A listing after tolerant normalisation: every list field is an array, the
 * referral route is an array, a location is either usable or absent, and `key`
 * is unique across all the feeds that were merged.
 */
export interface AtlasListing
  extends Omit<
    Listing,
    'referral' | 'categories' | 'needs' | 'keywords' | 'accessibility' | 'languages' | 'delivery' | 'areas' | 'schedule'
  > {
  /** Unique across merged feeds. Equal to `id` unless two publishers used the same id. */
  key: string;
  /** `Publisher.id` of the feed the listing came from. */
  publisherId: string;
  referral: ReferralRoute[];
  categories: string[];
  needs: string[];
  keywords: string[];
  accessibility: string[];
  languages: string[];
  delivery: DeliveryMode[];
  areas: string[];
  schedule: Session[];
}

/** One problem found in a feed, precise enough to fix without guessing. */
export interface Problem {
  /** `error`: the listing (or the whole feed, when `listingIndex` is absent) is skipped. `warning`: kept. */
  severity: 'error' | 'warning';
  /** A short machine-readable code: `duplicate-id`, `unsafe-url`, `latlng-swapped`, `bad-postcode`… */
  code: string;
  /** JSON path of the offending value: `$.listings[3].location.lat`. */
  path: string;
  /** Id of the listing, when it has one. */
  listingId?: string;
  listingIndex?: number;
  expected: string;
  found: string;
  /** One plain sentence. */
  message: string;
  /** For a warning, what was done so the listing could be kept: `coordinates dropped`, `moved to priceNotes`. */
  fix?: string;
  /** The file or URL the feed came from, when known. */
  source?: string;
}

/** What the finder and the engine work from: one or more feeds, merged and cleaned. */
export interface AtlasData {
  publishers: Publisher[];
  /** Newest `updated` of the merged feeds. */
  updated?: string;
  licences: string[];
  languages: string[];
  needs: NeedDefinition[];
  /** Names the feeds give their category ids (absent: none given). */
  categories?: CategoryDefinition[];
  areas: AreaDefinition[];
  transferStages: Record<string, StageDefinition[]>;
  gazetteer?: Gazetteer;
  /** URL of a gazetteer to fetch on first postcode search, when the feed names one. */
  gazetteerUrl?: string;
  listings: AtlasListing[];
  problems: Problem[];
  /** Listings skipped because of errors. */
  skipped: number;
  /** The files or URLs the data came from, when known. */
  sources?: string[];
}

export type { Feed };
