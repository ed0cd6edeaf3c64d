/**
 * Registers the parts a finder's first screen shows. Called by both entries: `define`
 * (which adds `<atlas-listing>` at once) and the embed bundle (which adds it on demand).
 * Nothing happens on import, so a bundler honouring `sideEffects` keeps it only where called.
 */
import { defineElement } from '@community-atlas/core/dom';
import { AtlasCard } from '../card/card.js';
import { AtlasFilters } from '../filters/filters.js';
import { AtlasFinder } from '../finder/finder.js';
import { AtlasLocation } from '../location/location.js';
import { AtlasResults } from '../results/results.js';
import { AtlasSearch } from '../search/search.js';

export function defineFirstScreenParts(): void {
  defineElement('atlas-card', AtlasCard);
  defineElement('atlas-search', AtlasSearch);
  defineElement('atlas-filters', AtlasFilters);
  defineElement('atlas-results', AtlasResults);
  defineElement('atlas-location', AtlasLocation);
  defineElement('atlas-finder', AtlasFinder);
}
