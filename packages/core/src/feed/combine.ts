import { FeedLoadError, emptyData } from './fetch.js';
import type { AtlasData } from './normalised.js';

/**
 * Merges the feeds that loaded with `merge` (called only for more than one) and
 * reports the ones that did not: one failure among several becomes a problem and
 * the rest are shown; when every feed failed, throws a FeedLoadError. What
 * `combineFeeds` (load.ts) and the finder's reading (read.ts) share.
 */
export function combineWith(urls: string[], results: PromiseSettledResult<AtlasData>[], merge: (parts: AtlasData[]) => AtlasData): AtlasData {
  const loaded: AtlasData[] = [];
  const failures: FeedLoadError[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') loaded.push(result.value);
    else if (result.reason instanceof FeedLoadError) failures.push(result.reason);
    else throw result.reason;
  }
  if (failures.length && !loaded.length) {
    if (failures.length === 1) throw failures[0]!;
    throw new FeedLoadError({
      url: urls.join(' '),
      reason: failures[0]!.reason,
      detail: `None of the ${failures.length} feeds could be loaded:\n${failures.map((f) => `- ${f.detail}`).join('\n')}`,
      failures,
    });
  }
  if (!loaded.length) return emptyData([]);
  const data = loaded.length > 1 ? merge(loaded) : loaded[0]!;
  if (failures.length) {
    // A lone feed is used as it is: copy before adding, so the caller's object is not changed behind it.
    return { ...data, problems: [...failures.map((f) => f.toProblem()), ...data.problems] };
  }
  return data;
}
