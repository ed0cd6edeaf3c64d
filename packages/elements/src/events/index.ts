export { AtlasStateChangeEvent, type AtlasStateChangeDetail } from './state-change.js';
export { AtlasOpenEvent } from './open.js';
export { AtlasCloseEvent } from './close.js';
export { AtlasLoadEvent } from './load.js';
export { AtlasShortlistChangeEvent } from './shortlist-change.js';
export { AtlasPrintEvent } from './print.js';
export { AtlasShareEvent } from './share.js';
export { AtlasZeroResultsEvent } from './zero-results.js';
export { AtlasHighlightEvent, type AtlasHighlightDetail } from './highlight.js';
