import type { Text } from '@community-atlas/core';

/** A feed `Text` in the wanted language, falling back to English, then to any language given. */
export function textIn(text: Text | undefined, lang: string): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return text[lang] ?? text['en'] ?? Object.values(text)[0];
}
