/**
 * `src="oruk:https://api.example.org"`: the finder reads a council's live Open
 * Referral UK API instead of a feed file. The feed loader fetches every source
 * through one `fetch`; this wraps it so that an `oruk:` address is answered by
 * reading the API's pages politely and mapping them to a feed, while every other
 * address goes through untouched. The finder imports this module, and the mapping
 * with it, only when an `oruk:` source is used, so it costs nothing in the first chunk.
 */
import { fetchOrukPages, importOruk } from '@community-atlas/core/oruk';

const ORUK = /^oruk:/i;

/** Most pages read from one API (100 services each): a directory larger than this is better built with `atlas import oruk`. */
const ORUK_MAX_PAGES = 50;
/** Pause between pages, so a finder on a busy page does not hammer a council's API. */
const ORUK_PAGE_DELAY_MS = 200;
/** Reading many pages takes longer than one feed file: allow this long in all. */
const ORUK_TIMEOUT_MS = 120_000;

const isOrukSource = (url: string): boolean => ORUK.test(url);

/** How long the loader waits: longer when an `oruk:` source has several pages to read. */
export function loadTimeout(urls: readonly string[], timeout: number): number {
  return urls.some(isOrukSource) ? Math.max(timeout, ORUK_TIMEOUT_MS) : timeout;
}

/** A `fetch` that reads `oruk:` addresses as Open Referral UK APIs and passes everything else to `base`. */
export function withOrukSources(base?: typeof fetch): typeof fetch {
  const doFetch = base ?? globalThis.fetch.bind(globalThis);
  return (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!isOrukSource(url)) return doFetch(input, init);
    const api = url.replace(ORUK, '');
    if (!/^https?:\/\/[^/]/i.test(api)) throw new Error(`${url} is not an http(s) address of an Open Referral UK API`);
    const signal = init?.signal ?? undefined;
    const read = await fetchOrukPages(api, {
      fetch: doFetch,
      maxPages: ORUK_MAX_PAGES,
      delay: ORUK_PAGE_DELAY_MS,
      // One retry: a resident waiting on a page load is better told than kept waiting through a long backoff.
      retries: 1,
      ...(signal ? { signal } : {}),
    });
    if (read.truncated) console.warn(`Community Atlas: read the first ${ORUK_MAX_PAGES} pages of ${api}; the rest are not shown. Build a feed with atlas import oruk for a directory this large.`);
    const { feed, notes, skipped } = importOruk(read.documents, { publisher: new URL(api).hostname, today: new Date().toISOString().slice(0, 10) });
    if (skipped.length || notes.length) console.info(`Community Atlas: ${api}: not everything mapped`, { skipped, notes });
    return new Response(JSON.stringify(feed), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
}
