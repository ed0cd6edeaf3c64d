import { cy } from './cy.js';
import { en } from './en.js';
import type { MapStrings } from './types.js';

export type { MapStrings };
export { en, cy };

/** Strings for a `lang` value: its primary subtag picks the language, English otherwise. */
export function stringsFor(lang: string | undefined): MapStrings {
  return (lang ?? '').toLowerCase().split('-')[0] === 'cy' ? cy : en;
}
