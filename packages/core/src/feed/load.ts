/**
 * Reading feeds synchronously, with the exact normaliser: for Node (the CLI),
 * the search worker and tests. The browser's finder reads through read.ts, which
 * loads the normaliser only for a feed that needs it.
 */
import { normaliseFeed, type NormaliseOptions } from './normalise.js';
import type { AtlasData } from './normalised.js';
import { quickFeed } from './quick.js';
import { readFeedJson } from './parse.js';
import { combineWith } from './combine.js';
import { mergeFeeds } from './merge.js';
import { emptyData, feedFailure, fetchFeed, fetchedBytes, fetchedText, fetchedViews, type FetchedFeed, type LoadOptions } from './fetch.js';
import { asciiJsonText } from './ascii.js';
import { usable } from './failure.js';
import { readReadyBytes, readReadyText, untrustedReady, type ReadySealer } from './ready.js';

/**
 * Reads a feed from its text: drops a byte order mark, parses, normalises. Text
 * that is not JSON (or is cut off) gives no listings and one problem saying
 * where, by line and column.
 */
export function parseFeedText(text: string, source?: string, options: { baseUrl?: string } = {}): AtlasData {
  return parseWith(normaliseFeed, text, source, options);
}

function parseWith(normalise: typeof normaliseFeed, text: string, source?: string, options: { baseUrl?: string } = {}): AtlasData {
  // A ready feed (atlas build) whose hash matches is used as it is: no quick check, no normaliser.
  const ready = readReadyText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, source, options.baseUrl);
  if (ready && 'data' in ready) return ready.data;
  if (ready && 'problem' in ready) return emptyData([ready.problem], source);
  if (ready) return normalise(untrustedReady(ready, source), { ...(source ? { source } : {}), ...options });
  const read = readFeedJson(text, source);
  if (!read.ok) return emptyData([read.problem], source);
  return normalise(read.value, { ...(source ? { source } : {}), ...options });
}

/**
 * What `normaliseFeed` gives, with the quick check first (quick.ts): a feed
 * already in normalised shape is taken as it is, in about half the time of the
 * normaliser, which runs only when the check leaves the feed to it. For the
 * search worker; the exact readers above stay the reference the tests hold it to.
 */
export function normaliseQuickFirst(json: unknown, options: NormaliseOptions = {}): AtlasData {
  return quickFeed(json, options) ?? normaliseFeed(json, options);
}

/**
 * Fetches, parses, normalises and merges feeds in the browser. One feed that
 * fails (404, timeout, network or CORS refusal, not JSON, not a feed) is reported
 * in `problems` (code `feed-http`, `feed-timeout`…, no `listingIndex`) and the
 * others are still shown. When every feed fails, rejects with a FeedLoadError.
 */
export async function loadFeeds(urls: string[], options: LoadOptions = {}): Promise<AtlasData> {
  const fetched = await Promise.allSettled(urls.map((url) => fetchFeed(url, options)));
  if (options.signal?.aborted) throw options.signal.reason;
  return combineFeeds(urls, fetched.map((result) => {
    if (result.status === 'rejected') return result;
    try {
      return { status: 'fulfilled', value: readFetchedFeed(result.value) } as const;
    } catch (reason) {
      return { status: 'rejected', reason } as const;
    }
  }));
}

/**
 * Merges the feeds that loaded and reports the ones that did not: one failure
 * among several becomes a problem and the rest are shown; when every feed failed,
 * throws a FeedLoadError. Shared by `loadFeeds` and the worker that loads large feeds.
 */
export function combineFeeds(urls: string[], results: PromiseSettledResult<AtlasData>[]): AtlasData {
  return combineWith(urls, results, mergeFeeds);
}

/**
 * Reads a fetched feed: parses and normalises it, or throws a FeedLoadError
 * when the whole feed is unusable (not JSON, no listings list).
 */
export function readFetchedFeed(fetched: FetchedFeed): AtlasData {
  return usable(fetched, parseFeedText(fetchedText(fetched), fetched.url, fetched.baseUrl ? { baseUrl: fetched.baseUrl } : {}));
}

/**
 * `readFetchedFeed` with the quick check first (see `normaliseQuickFirst`): the
 * same data, or the same error. `lazyListings`: a trusted ready feed's listings
 * are read as they are asked for (feed/ready-parts.ts's `LazyListings`), for
 * the search worker, which answers the first page before it has read them all.
 * `normalise`: what reads a parsed feed that is not a ready one (the worker's
 * own, which may answer before the whole quick check). `parsed`: the body's value,
 * parsed as it arrived (feed/arriving.ts), exactly what parsing its text gives.
 */
export function readFetchedFeedQuickFirst(
  fetched: FetchedFeed,
  { lazyListings = false, sealer, normalise = normaliseQuickFirst, parsed }: { lazyListings?: boolean; sealer?: ReadySealer; normalise?: typeof normaliseFeed; parsed?: unknown } = {},
): AtlasData {
  const options = fetched.baseUrl ? { baseUrl: fetched.baseUrl } : {};
  if (parsed !== undefined) {
    const data = normalise(parsed, { ...(fetched.url ? { source: fetched.url } : {}), ...options });
    if (!feedFailure(data)) return data;
  }
  // Bytes decoded as ASCII text (ascii.ts): the same feed, read several times faster.
  const ascii = asciiJsonText(fetched);
  if (ascii !== undefined) {
    const data = parseWith(normalise, ascii, fetched.url, options);
    // Text that is not JSON is described in its own words, where it went wrong.
    if (!feedFailure(data)) return data;
  }
  // A ready feed whose seals match, read from its bytes as they came (not joined); its text index is a file of its own.
  const ready = readReadyBytes(fetchedViews(fetched), fetched.url, { lazy: lazyListings, ...(fetched.baseUrl ? { baseUrl: fetched.baseUrl } : {}), ...(sealer ? { sealer } : {}) });
  if (ready) return ready.data;
  const bytes = fetchedBytes(fetched);
  if (bytes) fetched = { ...fetched, bytes, parts: [bytes] };
  return usable(fetched, parseWith(normalise, fetchedText(fetched), fetched.url, options));
}
