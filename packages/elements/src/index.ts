export { AtlasCard } from './card/card.js';
export { AtlasFilters } from './filters/filters.js';
export { AtlasFinder } from './finder/finder.js';
export { AtlasListingDetail } from './listing/listing.js';
export { AtlasLocation } from './location/location.js';
export { AtlasResults } from './results/results.js';
export { AtlasSearch } from './search/search.js';
export * from './events/index.js';
export { en, cy, stringsFor, type AtlasStrings } from './translations/index.js';
