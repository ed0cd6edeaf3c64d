export * from './feed/types.js';
export type * from './feed/normalised.js';
export * from './engine/types.js';
export * from './schedule/index.js';
export * from './location/index.js';
export * from './transfer/index.js';
export * from './feed/index.js';
