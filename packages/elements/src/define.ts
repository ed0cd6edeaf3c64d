/** Registers every Community Atlas element. Import once: `import '@community-atlas/elements/define'`. */
import { defineElement } from './internal/define-element.js';
import { AtlasCard } from './card/card.js';
import { AtlasFilters } from './filters/filters.js';
import { AtlasFinder } from './finder/finder.js';
import { AtlasListingDetail } from './listing/listing.js';
import { AtlasLocation } from './location/location.js';
import { AtlasResults } from './results/results.js';
import { AtlasSearch } from './search/search.js';

defineElement('atlas-card', AtlasCard);
defineElement('atlas-search', AtlasSearch);
defineElement('atlas-filters', AtlasFilters);
defineElement('atlas-results', AtlasResults);
defineElement('atlas-listing', AtlasListingDetail);
defineElement('atlas-location', AtlasLocation);
defineElement('atlas-finder', AtlasFinder);

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
