/**
 * What reading feeds and searching on the page need (the quick check, the
 * schedule rules, the engine's core), loaded by `loadFinder` at the moment it
 * starts fetching the feeds: the embed bundle keeps it out of its first chunk,
 * and it arrives beside the feed rather than after it.
 */
export { combineRead, normaliseOnDemand, readAll, readFeed } from '../feed/read.js';
export { createEngine } from './engine.js';
export { keepKinds } from '../feed/ready-kinds.js';
