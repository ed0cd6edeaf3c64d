export { AtlasMap, OSM_TILE_URL, OSM_ATTRIBUTION } from './map/map.js';
export { AtlasSelectEvent, type AtlasSelectDetail } from './events/select.js';
export { AtlasAreaSearchEvent, type AtlasAreaSearchDetail } from './events/area-search.js';
export { AtlasHighlightEvent, type AtlasHighlightDetail } from '@community-atlas/core/dom';
export { AtlasSkipMapEvent } from './events/skip-map.js';
export { en, cy, stringsFor, type MapStrings } from './translations/index.js';
export { MAX_MARKERS } from './internal/clusters.js';
