import { en, type AtlasStrings } from './en.js';
import { setWelshDateNames } from '../internal/format.js';

export type { AtlasStrings };
export type { BodyHeadings, ListingBodyWords, ListingWords, PostcodeWords, PrescriberDetailStrings, PrescriberStrings, TransferCardWords, TransferDetailStrings, TransferDetailWords, TransferHeadings, TransferStrings } from './en.js';
export { en };

/**
 * Languages other than English load on first use, so a page in English never
 * downloads the Welsh strings (they are a tenth of the first chunk otherwise).
 * Each loader is a dynamic import, which the embed build turns into its own chunk.
 */
const LOADERS: Record<string, () => Promise<AtlasStrings>> = {
  cy: () => import('./cy.js').then((m) => {
    setWelshDateNames(m.welshDateNames);
    return m.cy;
  }),
};

export const TRANSLATIONS: Record<string, AtlasStrings> = { en };
const pending = new Map<string, Promise<AtlasStrings>>();

const primary = (lang: string | undefined): string => (lang ?? 'en').toLowerCase().split('-')[0] ?? 'en';

/**
 * Strings for a language (its primary subtag), English when the kit has none or
 * they have not loaded yet (see `loadLanguage`), with an element's overrides on top.
 */
export function stringsFor(lang: string | undefined, overrides?: Partial<AtlasStrings>): AtlasStrings {
  const base = TRANSLATIONS[primary(lang)] ?? en;
  return overrides ? { ...base, ...overrides } : base;
}

/**
 * Loads a language's strings once. Resolves `undefined` when they are already
 * here or the kit has no such language (English is then used), so callers only
 * re-render when something changed.
 */
export function loadLanguage(lang: string | undefined): Promise<AtlasStrings> | undefined {
  const key = primary(lang);
  if (TRANSLATIONS[key] || !LOADERS[key]) return undefined;
  let loading = pending.get(key);
  if (!loading) {
    loading = LOADERS[key]().then((strings) => (TRANSLATIONS[key] = strings));
    // A failed chunk load (offline, blocked) leaves English showing; allow a retry on the next render.
    loading.catch(() => pending.delete(key));
    pending.set(key, loading);
  }
  return loading;
}
