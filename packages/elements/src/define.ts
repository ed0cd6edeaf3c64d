/** Registers every Community Atlas element. Import once: `import '@community-atlas/elements/define'`. */
import { defineElement } from './internal/define-element.js';
import { defineFirstScreenParts } from './internal/define-parts.js';
import type { AtlasCard } from './card/card.js';
import type { AtlasFilters } from './filters/filters.js';
import type { AtlasFinder } from './finder/finder.js';
import { AtlasListingDetail } from './listing/listing.js';
import type { AtlasLocation } from './location/location.js';
import type { AtlasResults } from './results/results.js';
import * as relax from './results/relax.js';
import type { AtlasSearch } from './search/search.js';
import { relax as relaxPart, suggestions as suggestionsPart } from './on-demand.js';
import * as suggestions from './search/suggestions.js';

// The search box's suggestion list and the zero-results hints are here from the start (the embed bundle fetches
// them when the box is first used, and when a search first finds nothing).
suggestionsPart.provide(suggestions);
relaxPart.provide(relax);
defineFirstScreenParts();
defineElement('atlas-listing', AtlasListingDetail);

declare global {
  interface HTMLElementTagNameMap {
    'atlas-card': AtlasCard;
    'atlas-search': AtlasSearch;
    'atlas-filters': AtlasFilters;
    'atlas-results': AtlasResults;
    'atlas-listing': AtlasListingDetail;
    'atlas-location': AtlasLocation;
    'atlas-finder': AtlasFinder;
  }
}
