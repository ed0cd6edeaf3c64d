/**
 * Search terms: the stop words and the folded terms of a text, used by text search
 * and the need vocabulary, which load on demand. A module of its own so that the
 * finder's first chunk, which uses the folding and word splitting in index.ts, does
 * not carry the stop word list.
 */
import { fold, words } from './index.js';

/**
 * Words too common to help a search, in English and Welsh. Kept short on
 * purpose: "who", "near" and Welsh "ar" ("on") are ordinary words a listing's
 * name may need, so only glue words are here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'with', 'or', 'is', 'are', 'be',
  'my', 'me', 'i', 'im', 'it', 'its', 'our', 'your', 'this', 'that', 'from', 'as', 'some', 'any',
  // Welsh: articles, "and", common prepositions and "my/your"
  'y', 'yr', 'ac', 'o', 'yn', 'ym', 'yng', 'gyda', 'efo', 'am', 'fy', 'dy', 'ei', 'eu', 'ein', 'eich', 'mae', 'sy', 'sydd',
]);

/** Folded search terms of a text, without stop words. */
export function terms(value: string): string[] {
  return words(fold(value)).filter((w) => !STOP_WORDS.has(w));
}

