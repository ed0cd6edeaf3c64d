/**
 * Reading feeds in the browser with as little code up front as the feed allows.
 * A well-formed feed is checked by `quickFeed` and used as it is; the exact
 * normaliser (with its messages) and the JSON fault finder are loaded with
 * `import()` only when a feed needs them: a listing to repair or skip, text that
 * is not JSON, and the wording of a feed that cannot be used (failure.ts) only
 * after one has failed. What comes out is what `readFetchedFeed` and
 * `combineFeeds` give for the same feeds, errors included.
 *
 * The merger (merge.ts) is loaded only when more than one of a finder's feeds
 * has arrived.
 */
import type { AtlasData } from './normalised.js';
import type { NormaliseOptions } from './normalise.js';
import { emptyData, fetchedText, fetchedViews, usableOnDemand, type FetchedFeed } from './fetch.js';
import { asciiJsonTextSliced } from './ascii.js';
import { quickFeedSliced } from './quick.js';
import { combineWith } from './combine.js';
import { readReadyBytes, readReadyText, untrustedReady } from './ready.js';
import { breathe } from '../dom/breathe.js';

/**
 * `normaliseFeed(json, options)`, loading the normaliser only for a feed the quick
 * check leaves to it. The check runs in slices with the thread handed back between
 * them: at 1,000 listings it was one task of about 100 ms.
 */
export async function normaliseOnDemand(json: unknown, options: NormaliseOptions = {}): Promise<AtlasData> {
  const quick = await quickFeedSliced(json, options, breathe);
  if (quick) return quick;
  const { normaliseFeedSliced } = await import('./normalise.js');
  await breathe();
  return normaliseFeedSliced(json, options, breathe);
}

/** What `readFetchedFeed` gives (or throws) for a fetched feed. */
export async function readFeed(fetched: FetchedFeed): Promise<AtlasData> {
  const { url, baseUrl } = fetched;
  // A ready feed whose seals match, read from its bytes as the worker reads it: not joined, decoded and hashed as
  // one text, and only what comes before the listings parsed whole. Anything else is read from its text below.
  const sealed = readReadyBytes(fetchedViews(fetched), url, baseUrl ? { baseUrl } : {});
  if (sealed) return sealed.data;
  // Bytes read as ASCII JSON text where that is exact (ascii.ts: several times faster to decode), in slices.
  const ascii = await asciiJsonTextSliced(fetched, breathe);
  const raw = ascii ?? fetchedText(fetched);
  // Parsing is a task of its own whether or not the text was rewritten (a feed all in ASCII is scanned and decoded in one).
  await breathe();
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // A ready feed (atlas build) whose hash matches is used as it is: no quick check, no normaliser.
  const ready = readReadyText(body, url, baseUrl);
  if (ready && 'data' in ready) return ready.data;
  if (ready && 'problem' in ready) return usableOnDemand(fetched, emptyData([ready.problem], url));
  let json: unknown;
  if (ready) {
    json = untrustedReady(ready, url);
  } else {
    try {
      json = JSON.parse(body);
    } catch {
      const { describeFault } = await import('./fault.js');
      // Described in the feed's own text, not its ASCII form.
      const own = ascii === undefined ? body : fetchedText(fetched).replace(/^\uFEFF/, '');
      return usableOnDemand(fetched, emptyData([describeFault(own, url)], url));
    }
  }
  await breathe();
  return usableOnDemand(fetched, await normaliseOnDemand(json, { ...(url ? { source: url } : {}), ...(baseUrl ? { baseUrl } : {}) }));
}


/** What `combineFeeds` gives (or throws), loading the merger only for more than one feed. */
export async function combineRead(urls: string[], results: PromiseSettledResult<AtlasData>[]): Promise<AtlasData> {
  const merger = results.filter((r) => r.status === 'fulfilled').length > 1 ? await import('./merge.js') : undefined;
  const data = combineWith(urls, results, (parts) => merger!.mergeFeeds(parts));
  // The engine is made next, in a task of its own.
  await breathe();
  return data;
}

/** Each fetched feed read as `readFeed` reads it, as settled results for `combineRead`. */
export function readAll(fetched: PromiseSettledResult<FetchedFeed>[]): Promise<PromiseSettledResult<AtlasData>[]> {
  return Promise.all(fetched.map(async (result): Promise<PromiseSettledResult<AtlasData>> => {
    if (result.status === 'rejected') return result;
    try {
      return { status: 'fulfilled', value: await readFeed(result.value) };
    } catch (reason) {
      return { status: 'rejected', reason };
    }
  }));
}
