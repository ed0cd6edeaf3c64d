/** Registers every Community Atlas element. Import once: `import '@community-atlas/elements/define'`. */
import { defineElement } from './internal/define-element.js';
import { AtlasCard } from './card/card.js';
import { AtlasFilters } from './filters/filters.js';
import { AtlasFinder } from './finder/finder.js';
import { AtlasListingDetail } from './listing/listing.js';
import { AtlasLocation } from './location/location.js';
import { AtlasResults } from './results/results.js';
import { AtlasSearch } from './search/search.js';
import { AtlasShortlist } from './shortlist/shortlist.js';
import { AtlasPrintView } from './print/print-view.js';
import { AtlasPrescriberBar } from './shortlist/prescriber-bar.js';

defineElement('atlas-card', AtlasCard);
defineElement('atlas-search', AtlasSearch);
defineElement('atlas-filters', AtlasFilters);
defineElement('atlas-results', AtlasResults);
defineElement('atlas-listing', AtlasListingDetail);
defineElement('atlas-location', AtlasLocation);
defineElement('atlas-shortlist', AtlasShortlist);
defineElement('atlas-print-view', AtlasPrintView);
defineElement('atlas-prescriber-bar', AtlasPrescriberBar);
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
    'atlas-shortlist': AtlasShortlist;
    'atlas-print-view': AtlasPrintView;
    'atlas-prescriber-bar': AtlasPrescriberBar;
  }
}
