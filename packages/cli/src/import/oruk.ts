// The mapping lives in core, shared with the finder's `source="oruk:…"`.
export { importOruk, ATLAS_TAXONOMY, ORUK_TEXT_HEADINGS, type OrukImportOptions, type OrukImportResult } from '@community-atlas/core/oruk';
