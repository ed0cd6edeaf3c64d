/**
 * Open Referral UK → Community Atlas, shared by `atlas import oruk` and the
 * finder's `source="oruk:…"`. Not part of the main core entry: the finder loads
 * it with a dynamic import only when a page asks for an ORUK API, so it costs
 * nothing in the first chunk.
 */
export { importOruk, ATLAS_TAXONOMY, ORUK_TEXT_HEADINGS, type OrukImportOptions, type OrukImportResult } from './import.js';
export { fetchOrukPages, orukPageInfo, OrukPageError, type OrukFetchOptions, type OrukFetchResult } from './fetch.js';
export { Tally, type TallyLine } from './tally.js';
export * from './helpers.js';
