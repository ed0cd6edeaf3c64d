import type { AtlasData } from './normalised.js';
import { mergeGazetteers } from '../location/index.js';
import { mergeWith } from './merger.js';

/**
 * Merges feeds (a council's, the NHS's, a voluntary-sector body's) into one.
 * A listing keeps its `id` as its `key` unless an earlier feed already used that
 * key; then it becomes `${publisherId}:${id}`, so links to the first feed's
 * listings stay the same when a second feed is added. The same publisher and id
 * twice (one feed loaded twice) is a duplicate and is skipped.
 */
export function mergeFeeds(parts: AtlasData[]): AtlasData {
  return mergeWith(mergeGazetteers, parts);
}
