// The mapping lives in core, shared with the finder's `source="oruk:…"`.
export { importOruk, ATLAS_TAXONOMY, type OrukImportOptions, type OrukImportResult } from '@community-atlas/core/oruk';
