import { DEFAULT_NEEDS, needLabel, type FacetId } from '@community-atlas/core';
import { stringsFor, type AtlasStrings } from '../translations/index.js';
import { transferCards } from '../on-demand.js';

/** The filters of asset transfers: their English words come with the transfer parts (transfer/transfer.ts). */
export const TRANSFER_FACETS: readonly FacetId[] = ['status', 'deadline', 'assetType', 'tenure'];

/** A filter's name: the kit's strings, or English for a transfer filter once its words have loaded, else its id. */
export function facetName(t: AtlasStrings, facet: string): string {
  return t.facetNames[facet] ?? transferCards.module?.enTransferFacetWords.facetNames[facet] ?? facet;
}

/**
 * The words for a filter value: the feed's own (its needs, areas and categories,
 * through `labeller`), then the kit's strings, then the built-in need vocabulary, whose
 * Welsh names load with the Welsh strings, and last the value itself made readable.
 */
export function facetLabel(
  t: AtlasStrings,
  lang: string,
  facet: FacetId,
  value: string,
  labeller?: (facet: FacetId, value: string) => string | undefined,
): string {
  const own = labeller?.(facet, value) ?? t.facetValues[facet]?.[value] ?? transferCards.module?.enTransferFacetWords.facetValues[facet]?.[value];
  if (own) return own;
  if (facet === 'need') {
    const known = DEFAULT_NEEDS.find((n) => n.id === value);
    // The kit's own names in this language even when a host replaced `facetValues`, as before they moved to the Welsh strings.
    if (known) return stringsFor(lang).facetValues.need?.[value] ?? needLabel(known, lang);
  }
  return value.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
