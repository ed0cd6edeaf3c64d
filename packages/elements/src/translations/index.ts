import { cy } from './cy.js';
import { en, type AtlasStrings } from './en.js';

export type { AtlasStrings };
export { en, cy };

export const TRANSLATIONS: Record<string, AtlasStrings> = { en, cy };

/** Strings for a language (its primary subtag), English when the kit has none, with an element's overrides on top. */
export function stringsFor(lang: string | undefined, overrides?: Partial<AtlasStrings>): AtlasStrings {
  const base = TRANSLATIONS[(lang ?? 'en').toLowerCase().split('-')[0] ?? 'en'] ?? en;
  return overrides ? { ...base, ...overrides } : base;
}
