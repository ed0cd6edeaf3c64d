/**
 * Text for search: folding, words and stop words, shared by the search index,
 * the need vocabulary and suggestions so that all three agree on what a word is.
 */
import type { Text } from '../feed/types.js';

/**
 * Lower case without diacritics, so "caffi" finds "caffî" and "Ysgol Gymraeg
 * Llanfair" finds "Llanfair": Welsh circumflexes (ŵ, ŷ, â) and the odd accent in an
 * English name are commonly typed without them. Curly apostrophes are dropped with
 * straight ones so "carers’" and "carers'" are the same word.
 */
export function fold(value: string): string {
  return value.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Splits text into words: runs of letters and digits. Apostrophes inside a word
 * join it ("o’r" stays one Welsh word, "carer's" becomes "carers"), everything
 * else, emoji and punctuation included, separates words.
 */
export function words(value: string): string[] {
  const out: string[] = [];
  for (const raw of value.split(/[^\p{L}\p{N}'’]+/u)) {
    const word = raw.replace(/['’]/g, '');
    if (word) out.push(word);
  }
  return out;
}

/** Whether two texts say the same words, whatever the case, accents and punctuation ("£3 a session." and "£3 a Session"). */
export function sameWords(a: string, b: string): boolean {
  return words(fold(a)).join(' ') === words(fold(b)).join(' ');
}

/** Whether `text` says `part` as whole words, whatever the case, accents and punctuation ("Alderminster: Old Road" says "old road"). */
export function saysWords(text: string, part: string): boolean {
  const wanted = words(fold(part)).join(' ');
  return wanted !== '' && ` ${words(fold(text)).join(' ')} `.includes(` ${wanted} `);
}

/** Every language variant of a feed text, joined, so the index finds a listing in English or Welsh. */
export function allVariants(value: Text | undefined | null): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return '';
  return Object.values(value)
    .filter((v): v is string => typeof v === 'string')
    .join(' \n ');
}

/** A category or need id as words: `physical-activity` → `physical activity`. */
export function idWords(id: string): string {
  return id.replace(/[-_.]+/g, ' ').trim();
}

/** A category id as a label a person reads: `physical-activity` → `Physical activity`. */
export function humanise(id: string): string {
  const words = idWords(id);
  return words.charAt(0).toUpperCase() + words.slice(1);
}
