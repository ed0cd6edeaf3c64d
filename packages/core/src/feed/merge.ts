import type { AtlasData, AtlasListing } from './normalised.js';
import type { CategoryDefinition, NeedDefinition } from './types.js';
import { mergeGazetteers } from '../location/distance.js';
import { emptyData } from './fetch.js';

/**
 * Merges feeds (a council's, the NHS's, a voluntary-sector body's) into one.
 * A listing keeps its `id` as its `key` unless an earlier feed already used that
 * key; then it becomes `${publisherId}:${id}`, so links to the first feed's
 * listings stay the same when a second feed is added. The same publisher and id
 * twice (one feed loaded twice) is a duplicate and is skipped. The browser loads
 * this module with `import()` only when a finder has more than one feed (read.ts).
 */
export function mergeFeeds(parts: AtlasData[]): AtlasData {
  if (parts.length === 1) return parts[0]!;
  const out = emptyData([]);
  const keys = new Set<string>();
  const owned = new Set<string>();
  const needs = new Map<string, NeedDefinition>();
  for (const part of parts) {
    for (const publisher of part.publishers) {
      if (!out.publishers.some((p) => p.id === publisher.id)) out.publishers.push(publisher);
    }
    if (part.updated && (!out.updated || part.updated > out.updated)) out.updated = part.updated;
    for (const licence of part.licences) if (!out.licences.includes(licence)) out.licences.push(licence);
    for (const lang of part.languages) if (!out.languages.includes(lang)) out.languages.push(lang);
    for (const need of part.needs) {
      const known = needs.get(need.id);
      if (!known) {
        needs.set(need.id, { ...need });
      } else {
        // Synonyms from every publisher find the need; the first label wins.
        const synonyms = [...new Set([...(known.synonyms ?? []), ...(need.synonyms ?? [])])];
        const categories = [...new Set([...(known.categories ?? []), ...(need.categories ?? [])])];
        if (synonyms.length) known.synonyms = synonyms;
        if (categories.length) known.categories = categories;
      }
    }
    for (const area of part.areas) if (!out.areas.some((a) => a.id === area.id)) out.areas.push(area);
    for (const [id, stages] of Object.entries(part.transferStages)) if (!out.transferStages[id]) out.transferStages[id] = stages;
    if (part.gazetteer) out.gazetteer = mergeGazetteers(out.gazetteer, part.gazetteer);
    if (part.gazetteerUrl && !out.gazetteerUrl) out.gazetteerUrl = part.gazetteerUrl;
    out.problems.push(...part.problems);
    if (part.sources) out.sources = [...(out.sources ?? []), ...part.sources];
    out.skipped += part.skipped;

    for (const listing of part.listings) {
      const own = `${listing.publisherId}:${listing.id}`;
      let key = listing.id;
      if (keys.has(key)) key = own;
      if (keys.has(key) || owned.has(own)) {
        const source = part.sources?.[0];
        out.problems.push({
          severity: 'error',
          code: 'duplicate-id',
          path: '$.listings',
          listingId: listing.id,
          expected: 'an id no other feed from the same publisher uses',
          found: JSON.stringify(listing.id),
          message: `Listing "${listing.id}": publisher "${listing.publisherId}" has two listings with this id in different feeds, so the later one is skipped.`,
          ...(source ? { source } : {}),
        });
        out.skipped++;
        continue;
      }
      keys.add(key);
      owned.add(own);
      out.listings.push(key === listing.key ? listing : ({ ...listing, key } satisfies AtlasListing));
    }
  }
  out.needs = [...needs.values()];
  // A category's first name wins, as a need's first label does.
  const categories = new Map<string, CategoryDefinition>();
  for (const part of parts) for (const category of part.categories ?? []) if (!categories.has(category.id)) categories.set(category.id, category);
  if (categories.size) out.categories = [...categories.values()];
  return out;
}
