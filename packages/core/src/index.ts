/**
 * The public API of @community-atlas/core: every name is listed here on purpose
 * (no `export *`), so what the package promises is read in one place and a new
 * export is a decision. Sub-entry: `@community-atlas/core/oruk` (Open Referral UK).
 */

// The feed format: what a publisher writes (feed.schema.json is the same in JSON Schema).
export {
  ACCESSIBILITY_FEATURES, DEFAULT_TRANSFER_STAGE_IDS, LISTING_KINDS, TRANSFER_ASSET_TYPES, TRANSFER_STATUSES,
  WEEKDAYS, type AccessibilityFeature, type AcvDetails, type AreaDefinition, type Audience, type CategoryDefinition,
  type Contact, type Cost, type DeliveryMode, type Feed, type Gazetteer, type GeoJsonMultiPolygon,
  type GeoJsonPolygon, type Listing, type ListingKind, type Location, type NeedDefinition, type OpeningHours,
  type Publisher, type ReferralRoute, type Session, type StageDefinition, type Text, type TransferAssetType,
  type TransferDetails, type TransferDocument, type TransferStatus, type VocabularyExtension, type Weekday,
} from './feed/types.js';
export { DEFAULT_TRANSFER_STAGES } from './feed/stages.js';

// Loading a feed: fetch, parse, normalise (tolerant, skips and counts bad listings), merge.
export type { AtlasData, AtlasListing, Problem } from './feed/normalised.js';
export {
  checkedOverAYearAgo, combineFeeds, describeValue, feedbackHref, feedFailure, FeedLoadError, fetchFeed, isClockTime,
  isIsoDate, isIsoDateOrDateTime, isSafeUrl, loadFeeds, mergeFeeds, normaliseFeed, normalisePostcode, parseFeedText,
  readFeedJson, readFetchedFeed, SAFE_URL_SCHEMES, slugify, text, TEXT_LIMITS, type FeedLoadFailure,
  type FetchedFeed, type JsonReadResult, type LoadOptions, type NormaliseOptions,
} from './feed/index.js';
// "Report something wrong" and "suggest a listing": the links, carrying listing, page and date.
export { feedbackDate, feedbackPage, suggestHref, type FeedbackContext, type FeedbackLabels } from './feed/index.js';

// Search: the engine, its state and answers, the finder's load path.
export {
  EMPTY_STATE, FACET_IDS, MAX_QUERY_LENGTH, summarise, type FacetCount, type FacetId, type FinderState, type GeoPoint,
  type ListingSummary, type NextSession, type QueryResult, type ResultItem, type SearchEngine, type SortKey, type Suggestion,
} from './engine/types.js';
export {
  COST_VALUES, createEngine, DISTANCE_BANDS, LOW_COST_POUNDS, type CoreItem, type CoreResult, type EngineOptions,
} from './engine/engine.js';
export { breathe } from './dom/breathe.js';
export {
  createEngineAuto, loadFinder, prepareFinderLoad, WORKER_THRESHOLD_BYTES, WORKER_THRESHOLD_LISTINGS, type AutoEngineOptions,
  type EngineInput, type FinderLoad, type FinderLoadOptions,
} from './engine/load.js';
export { EngineCore, serializeIndex } from './engine/full.js';
export { serializeReady, type ReadyFeed } from './engine/ready-write.js';
export { READY_FORMAT, READY_VERSION, readReadyText, readyHash, type ReadyRead } from './feed/ready.js';
export type { FirstScreen } from './feed/first.js';
export {
  countDistrict, districtShards, manifestOf, previousShards, SHARD_LISTINGS, shardOfListing, writeGazetteerShards, writeShard, writeShards,
  type PreviousShard, type ShardFile, type WrittenShard,
} from './engine/shards-write.js';
export {
  GAZETTEER_FORMAT, GAZETTEER_VERSION, MANIFEST_FORMAT, MANIFEST_VERSION, ManifestError, WORDS_FORMAT, WORDS_VERSION, WordIndex, loadShards, loadWords,
  readManifest, shardsWithWord, type GazetteerShard, type GazetteerShardEntry, type Manifest, type ManifestGazetteer, type ShardEntry, type ShardType,
  type ShardsRead, type WordsEntry, type WordsFile, type WordsRead,
} from './feed/manifest.js';

// Words: folding, need vocabulary and synonyms.
export { fold, humanise, sameWords, saysWords, words } from './text/index.js';
export { STOP_WORDS, terms } from './text/terms.js';
export { buildNeedTable, DEFAULT_NEEDS, needLabel, type NeedEntry, type NeedLabels, type NeedTable } from './vocabulary/needs.js';
export {
  buildVocabulary, expandQuery, NEED_LABELS_CY, NEED_SYNONYMS, needSearchPhrases, vocabularyOf, type Expansion,
  type QueryPart, type Vocabulary,
} from './vocabulary/synonyms.js';

// Schedules: sessions and opening hours in UK wall-clock time.
export {
  checkOpeningHours, checkSchedule, DAY_NAMES, DAY_PARTS, describeOpeningHours, describeSession, describeSessionLine, formatClock, formatTimeRange,
  hasSessionBetween, isoDay, isOnNow, londonDate, londonInstant, londonMidnightAfter, londonParts, londonWeekday,
  matchesWhen, MONTH_NAMES, nextSession, parseIsoDay, parseOpeningHours, partsOfDay, parseRecurrence, upcomingSessions, weekdayOf,
  weeklySlots, type DayPart, type OpeningPeriod, type Recurrence,
} from './schedule/index.js';

// Location: distance, postcodes, gazetteers, the browser's position.
export {
  boundsOf, buildGazetteer, currentPosition, distanceMiles, gazetteerFromListings, GeolocationError, isValidLatLng,
  gazetteerShardFor, lookupPostcode, lookupPostcodeDetailed, mergeGazetteers, parsePostcodeQuery, placePostcode,
  readGazetteerShard, type CentroidRow, type GazetteerOptions, type GazetteerPlaceOptions, type GazetteerPlaceResult, type LatLng, type LookupOptions, type LookupResult, type PositionOptions,
  type PostcodePlace, type PostcodeQuery,
} from './location/index.js';
export { MAP_KINDS, mapColumnsOf, mapLabelsOf, mapPlaceOf, mapPointsOf, mapPointsTransfer, type MapColumns, type MapPoints } from './location/map-points.js';

// Transfers: deadlines, the community right to bid, stages.
export {
  acvDates, acvPhase, CLOSING_SOON_DAYS, deadlineState, parseDeadline, transferStages, type AcvDates,
  type DeadlineState, type TransferStage,
} from './transfer/index.js';

// URL state: a link reopens what was on screen.
export { decodeState, encodeState, isStateParam, STATE_PARAMS, STATE_WORDS } from './url/state.js';
