export { AtlasStateChangeEvent, type AtlasStateChangeDetail } from './state-change.js';
export { AtlasOpenEvent } from './open.js';
export { AtlasCloseEvent } from './close.js';
export { AtlasLoadEvent } from './load.js';
