/** Registers every Community Atlas element. Import once: `import '@community-atlas/elements/define'`. */
import { defineElement } from './internal/define-element.js';
import { defineFirstScreenParts } from './internal/define-parts.js';
import type { AtlasCard } from './card/card.js';
import type { AtlasFilters } from './filters/filters.js';
import type { AtlasFinder } from './finder/finder.js';
import { AtlasListingDetail } from './listing/listing.js';
import type { AtlasLocation } from './location/location.js';
import type { AtlasResults } from './results/results.js';
import { provideSuggestions, type AtlasSearch } from './search/search.js';
import * as suggestions from './search/suggestions.js';

// The search box's suggestion list is here from the start (the embed bundle fetches it on first focus or keystroke).
provideSuggestions(suggestions);
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
