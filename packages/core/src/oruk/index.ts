/**
 * Open Referral UK → Community Atlas, shared by `atlas import oruk` and the
 * finder's `source="oruk:…"`. Not part of the main core entry: the finder loads
 * it with a dynamic import only when a page asks for an ORUK API, so it costs
 * nothing in the first chunk.
 */
export { importOruk, ATLAS_TAXONOMY, ORUK_TEXT_HEADINGS, type OrukImportOptions, type OrukImportResult } from './import.js';
export {
  fetchOrukPages, orukPageInfo, OrukPageError, readOrukApi, isFullRecord,
  type OrukFetchOptions, type OrukFetchResult, type OrukApiOptions, type OrukApiResult, type OrukReadProblem, type OrukReadProgress,
} from './fetch.js';
export { Tally, type TallyLine } from './tally.js';
// Reading loosely typed JSON, for the CLI's ORUK export. `text` here strips markup from any JSON value; it is
// exported as `jsonText` so that it cannot be confused with the main entry's `text` (a feed's Text in a language).
export {
  asArray, clock, coordinates, isObject, isoDate, num, objects, plain, postcode, POSTCODE_IN_TEXT, safeId,
  text as jsonText, unique, weekdayCode, type Json,
} from './helpers.js';
