import { en, type AtlasStrings } from './en.js';
import { welsh } from '../on-demand.js';

export type { AtlasStrings };
export type { BodyHeadings, ListingBodyWords, ListingWords, PostcodeWords, PrescriberDetailStrings, PrescriberStrings, TransferCardWords, TransferDetailStrings, TransferDetailWords, TransferHeadings, TransferStrings } from './en.js';
export { en };

const primary = (lang: string | undefined): string => (lang ?? 'en').toLowerCase().split('-')[0] ?? 'en';

/**
 * Strings for a language (its primary subtag), English when the kit has none or
 * they have not loaded yet (see `loadLanguage`), with an element's overrides on top.
 */
export function stringsFor(lang: string | undefined, overrides?: Partial<AtlasStrings>): AtlasStrings {
  const base = (primary(lang) === 'cy' && welsh.module) || en;
  return overrides ? { ...base, ...overrides } : base;
}

/**
 * Loads a language's strings (`welsh` in ../on-demand.ts; a page in English never
 * downloads them). Resolves `undefined` when they are already here or the kit has
 * no such language (English is then used), so callers only re-render when
 * something changed. A failed load is tried again on the next call.
 */
export function loadLanguage(lang: string | undefined): Promise<AtlasStrings> | undefined {
  return primary(lang) === 'cy' && !welsh.module ? welsh.load() : undefined;
}
