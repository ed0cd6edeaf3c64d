/**
 * The Community Atlas feed: one static JSON document a council, GP practice or
 * voluntary-sector body publishes. `feed.schema.json` is the normative form of
 * these types; keep the two in step (a test compares them on the fixtures).
 *
 * Nothing about any individual person is ever in a feed.
 */

/** A plain string, or a map of language code (BCP 47 primary subtag: `en`, `cy`) to string. */
export type Text = string | { readonly [lang: string]: string };

export type ListingKind = 'asset' | 'activity' | 'transfer';
export const LISTING_KINDS: readonly ListingKind[] = ['asset', 'activity', 'transfer'];

export interface Feed {
  /** Feed format version. Always "1" for this format. */
  version: '1';
  publisher: Publisher;
  /** When the publisher last changed the feed (ISO 8601 date or date-time). */
  updated: string;
  /** Licence of the data, an SPDX-like id such as `OGL-UK-3.0` or `CC-BY-4.0`, or a URL. */
  licence?: string;
  /** Languages the feed's text is written in, most used first. Default `["en"]`. */
  languages?: string[];
  /** Needs and synonyms that extend the default need vocabulary, and names for the feed's categories. */
  vocabulary?: VocabularyExtension;
  /** Wards, neighbourhoods or other areas that listings name in `areas`. */
  areas?: AreaDefinition[];
  /** Stage lists for transfer listings, by id; `default` replaces the built-in list. */
  transferStages?: Record<string, StageDefinition[]>;
  /**
   * Postcode centroids for the feed's area, so that a postcode search works with
   * no lookup service. Written by `atlas import --postcodes` and `atlas build`.
   */
  gazetteer?: Gazetteer | { url: string };
  listings: Listing[];
}

export interface Publisher {
  name: string;
  /** Short stable id used to keep listing ids unique when feeds are merged. Default: derived from `name`. */
  id?: string;
  url?: string;
  email?: string;
  /** Where "report something wrong" goes: a URL template with `{id}` and `{name}`, or a mailto: address. */
  feedbackUrl?: string;
}

export interface AreaDefinition {
  id: string;
  name: Text;
  /** `ward`, `neighbourhood`, `parish`, `pcn` (primary care network) or a publisher's own. */
  type?: string;
}

export interface VocabularyExtension {
  needs?: NeedDefinition[];
  /** Names for the category ids listings use, so filters and pages show words, in every language the feed has. */
  categories?: CategoryDefinition[];
}

export interface CategoryDefinition {
  /** The id listings name in `categories`: `peer-support`, `park-garden`. */
  id: string;
  /** The category as people read it: `{ "en": "Parks and gardens", "cy": "Parciau a gerddi" }`. */
  label: Text;
}

export interface NeedDefinition {
  /** Stable id, kebab-case: `loneliness`, `low-mood`. */
  id: string;
  label: Text;
  /** Words people say for this need; any of them finds listings tagged with the need. */
  synonyms?: string[];
  /** Category ids whose listings this need also finds ("exercise" finds walking groups). */
  categories?: string[];
}

export interface Gazetteer {
  /** Outcode ("NB1") to `[lat, lng]`. */
  districts?: Record<string, [number, number]>;
  /** Sector ("NB1 2") to `[lat, lng]`. */
  sectors?: Record<string, [number, number]>;
  /** Full postcode ("NB1 2AA") to `[lat, lng]`, when the publisher ships them. */
  postcodes?: Record<string, [number, number]>;
  attribution?: string;
}

export type ReferralRoute = 'self' | 'drop-in' | 'professional';

export type DeliveryMode = 'in-person' | 'online' | 'phone';

/** Accessibility features a feed may claim. Unknown values are kept and shown as given. */
export const ACCESSIBILITY_FEATURES = [
  'step-free',
  'wheelchair-accessible',
  'accessible-toilet',
  'changing-places',
  'hearing-loop',
  'bsl',
  'large-print',
  'easy-read',
  'quiet-space',
  'accessible-parking',
  'assistance-dogs',
  'dementia-friendly',
  'seating',
] as const;
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

export interface Listing {
  /** Unique within the feed. Letters, digits, `-`, `_`, `.`. */
  id: string;
  kind: ListingKind;
  /** What is it? */
  name: Text;
  summary?: Text;
  description?: Text;
  organisation?: { name: Text; url?: string; charityNumber?: string };
  /** Category ids (kebab-case), e.g. `physical-activity`, `community-centre`, `food`. */
  categories?: string[];
  /** Need ids from the vocabulary, e.g. `loneliness`, `low-mood`. */
  needs?: string[];
  /** Extra words to search on. */
  keywords?: string[];
  /** Who is it for? */
  audience?: Audience;
  /** How much does it cost, and is there help with the cost? */
  cost?: Cost;
  /** How a person joins: on their own (`self`), just turning up (`drop-in`), or through a professional. */
  referral?: ReferralRoute | ReferralRoute[];
  /** How to join, in the publisher's words ("Ring Jan on the number below before your first visit"). */
  howToJoin?: Text;
  /** Whether someone (a friend, carer or link worker) can come along. */
  companionWelcome?: boolean;
  accessibility?: string[];
  accessibilityNotes?: Text;
  /** Languages the activity or service is offered in (BCP 47), besides the feed's language. */
  languages?: string[];
  /** In person, online or by phone. Default `["in-person"]` when there is a location. */
  delivery?: DeliveryMode[];
  /** When and where? Absent for online or phone-only listings. */
  location?: Location;
  /** Area ids (from the feed's `areas`) or names the listing serves or sits in. */
  areas?: string[];
  /** Recurring or one-off sessions (activities, mobile library stops). */
  schedule?: Session[];
  /** Weekly opening hours (assets), by day. */
  openingHours?: OpeningHours;
  /** How do I get in touch? */
  contact?: Contact;
  /** The listing's own web page. */
  url?: string;
  /** When the publisher last checked that the listing is right (ISO date). */
  lastVerified?: string;
  /** Transfer-only details (community asset transfer). */
  transfer?: TransferDetails;
  /** Asset of community value (community right to bid) details; kind `transfer`. */
  acv?: AcvDetails;
}

export interface Audience {
  ageMin?: number;
  ageMax?: number;
  /** Who it is for, in words ("Carers of people living with dementia"). */
  description?: Text;
  gender?: 'any' | 'women' | 'men';
}

export interface Cost {
  free?: boolean;
  /** Price in pounds sterling for one `per`. */
  amount?: number;
  per?: 'session' | 'week' | 'month' | 'year' | 'course' | 'visit';
  /** Cost in words ("£3, first session free"). */
  description?: Text;
  /** Help with the cost: concessions, bursaries, pay-what-you-can. */
  help?: Text;
  /** Can be paid for from a personal or direct-payment budget. */
  personalBudget?: boolean;
}

export interface Location {
  /** `exact` (default) shows a pin; `approximate` shows only an area (refuges, home-visiting services). */
  precision?: 'exact' | 'approximate';
  name?: Text;
  address?: string[];
  postcode?: string;
  lat?: number;
  lng?: number;
  /** Radius of the shaded area for an approximate location, in metres. Default 1000. */
  radius?: number;
  uprn?: string;
  /**
   * How `lat`/`lng` were found: given by the source, or the centroid of the full
   * postcode, its sector or its district (written by `atlas import csv --postcodes`).
   */
  geocodePrecision?: 'postcode' | 'sector' | 'district' | 'source';
  /** Site outline, a GeoJSON Polygon or MultiPolygon in WGS84 (transfers). */
  outline?: GeoJsonPolygon | GeoJsonMultiPolygon;
  /** Getting there, in a line ("Bus 4 to the Market Square, then 2 minutes' walk"). */
  directions?: Text;
}

export interface GeoJsonPolygon {
  type: 'Polygon';
  coordinates: [number, number][][];
}
export interface GeoJsonMultiPolygon {
  type: 'MultiPolygon';
  coordinates: [number, number][][][];
}

/**
 * A recurring or one-off session. Times are local UK wall-clock times
 * (Europe/London), so "10:00" stays 10:00 across the clock change.
 */
export interface Session {
  /** A recurrence rule (RFC 5545 RRULE): `FREQ=WEEKLY;BYDAY=TU`, `FREQ=WEEKLY;INTERVAL=4`, `FREQ=MONTHLY;BYDAY=2TU`. Absent for a one-off. */
  rrule?: string;
  /** First date (ISO date). For a one-off, the date of the session. */
  date?: string;
  /** Last date a recurring session runs (ISO date, inclusive). */
  until?: string;
  /** Dates it does not run (ISO dates). */
  except?: string[];
  /** Start time `HH:MM`. */
  start: string;
  /** End time `HH:MM`. */
  end?: string;
  /** Where this session is, when not at the listing's location ("Village hall car park"). */
  place?: Text;
  lat?: number;
  lng?: number;
  notes?: Text;
}

export type Weekday = 'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su';
export const WEEKDAYS: readonly Weekday[] = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

/** Opening hours per weekday as in the public library data schema: `"09:00-13:00,14:00-17:00"`; empty or absent is closed. */
export type OpeningHours = Partial<Record<Weekday, string>> & { notes?: Text };

export interface Contact {
  name?: string;
  phone?: string;
  textphone?: string;
  email?: string;
  url?: string;
}

export type TransferAssetType =
  | 'community-centre'
  | 'hall'
  | 'library'
  | 'pavilion'
  | 'school'
  | 'land'
  | 'open-space'
  | 'other';
export const TRANSFER_ASSET_TYPES: readonly TransferAssetType[] = [
  'community-centre', 'hall', 'library', 'pavilion', 'school', 'land', 'open-space', 'other',
];

export type TransferStatus = 'proposed' | 'available' | 'under-offer' | 'transferred' | 'withdrawn';
export const TRANSFER_STATUSES: readonly TransferStatus[] = ['proposed', 'available', 'under-offer', 'transferred', 'withdrawn'];

export interface StageDefinition {
  id: string;
  label: Text;
}

/**
 * The ids of DEFAULT_TRANSFER_STAGES, in order, without their labels: what the
 * quick check (quick.ts) needs, so the first chunk does without the stages' words
 * (a test checks the two agree).
 */
export const DEFAULT_TRANSFER_STAGE_IDS: readonly string[] = [
  'notice-published', 'information-session', 'eoi-open', 'business-case', 'decision', 'call-in', 'completed',
];

// The built-in stages with their labels (English and Welsh) live in stages.ts,
// which the first chunk does without (the package index exports them).

export interface TransferDetails {
  assetType: TransferAssetType;
  status: TransferStatus;
  /** Id of a stage list in the feed's `transferStages`; default the built-in list. */
  stageList?: string;
  /** Stages reached so far, with dates; the last is the current stage unless `currentStage` says otherwise. */
  stages?: { id: string; date?: string }[];
  currentStage?: string;
  tenure?: { type: 'freehold' | 'leasehold' | 'licence'; years?: number };
  terms?: 'peppercorn' | 'nominal' | 'discounted' | 'market';
  /** Guide price in pounds (freehold). */
  guidePrice?: number;
  /** Guide rent in pounds a year (leasehold or licence). */
  guideRent?: number;
  /** Price or rent in words, as the publisher writes it ("£1", "peppercorn"). */
  priceNotes?: Text;
  floorAreaSqm?: number;
  siteAreaHa?: number;
  condition?: Text;
  currentUse?: Text;
  currentUsers?: Text;
  /** Why the asset is offered. */
  reason?: Text;
  restrictions?: Text;
  planning?: Text;
  dates?: {
    noticePublished?: string;
    informationSession?: string;
    /** Expression-of-interest deadline (ISO date or date-time; a date means end of that day, UK time). */
    eoiDeadline?: string;
    decision?: string;
  };
  documents?: TransferDocument[];
  expressionOfInterestUrl?: string;
}

export interface TransferDocument {
  title: Text;
  url: string;
  /** `pdf`, `docx`, `xlsx`, `geojson` or a media type. */
  type?: string;
  sizeBytes?: number;
}

export interface AcvDetails {
  status: 'nominated' | 'listed' | 'unsuccessful' | 'removed';
  nominatedBy?: string;
  nominatedOn?: string;
  listedOn?: string;
  /** Default: five years after `listedOn`. */
  expiresOn?: string;
  /** Date the owner gave notice of intended disposal; starts the moratoriums. */
  disposalNotifiedOn?: string;
}
