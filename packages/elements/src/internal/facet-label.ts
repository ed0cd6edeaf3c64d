import { DEFAULT_NEEDS, needLabel, type FacetId } from '@community-atlas/core';
import type { AtlasStrings } from '../translations/index.js';

/**
 * The words for a filter value: the kit's own strings, then the feed's (its needs
 * and areas, through `labeller`), then the built-in need vocabulary, which has
 * English and Welsh names for every common need, and last the value itself made readable.
 */
export function facetLabel(
  t: AtlasStrings,
  lang: string,
  facet: FacetId,
  value: string,
  labeller?: (facet: FacetId, value: string) => string | undefined,
): string {
  const own = t.facetValues[facet]?.[value] ?? labeller?.(facet, value);
  if (own) return own;
  if (facet === 'need') {
    const known = DEFAULT_NEEDS.find((n) => n.id === value);
    if (known) return needLabel(known, lang);
  }
  return value.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
