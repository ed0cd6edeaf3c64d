export * from './feed/types.js';
export { DEFAULT_TRANSFER_STAGES } from './feed/stages.js';
export type * from './feed/normalised.js';
export * from './engine/types.js';
export * from './schedule/index.js';
export * from './location/index.js';
export * from './transfer/index.js';
export * from './feed/index.js';
export * from './engine/engine.js';
// Text search built in, for Node (`atlas build`), the worker and benchmarks: the finder
// never imports these, so the embed bundle leaves them and MiniSearch out of its first chunk.
export { EngineCore, serializeIndex } from './engine/full.js';
export * from './vocabulary/needs.js';
export * from './vocabulary/synonyms.js';
export { fold, words, sameWords, saysWords, humanise } from './text/index.js';
export { terms, STOP_WORDS } from './text/terms.js';
export * from './url/state.js';
export * from './engine/load.js';
