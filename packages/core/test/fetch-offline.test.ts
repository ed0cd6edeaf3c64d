// A feed's failure is worded in a chunk of its own (failure.ts), loaded only
// after something has failed. A page that has
// gone offline cannot load that chunk either: the finder must still get its
// plain message, the right reason and status, and the console a line saying
// what failed. Here the chunk cannot be resolved at all, as for a page that has
// lost its connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { register } from 'node:module';

register(`data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (/(^|\\/)failure\\.(js|ts)$/.test(specifier)) throw new Error('offline: ' + specifier);
  return next(specifier, context);
}`)}`);

const { fetchFeed, FeedLoadError } = await import('../src/feed/fetch.js');
const { readFeed } = await import('../src/feed/read.js');

const PLAIN = {
  http: "We couldn't load the directory just now. Please try again later.",
  timeout: "We couldn't load the directory just now: it took too long to arrive. Please check your connection and try again.",
  network: "We couldn't load the directory just now. Please check your connection and try again.",
  'not-json': "We couldn't load the directory just now. Please try again later.",
  'not-a-feed': "We couldn't load the directory just now. Please try again later.",
} as const;

const failure = async (promise: Promise<unknown>): Promise<InstanceType<typeof FeedLoadError>> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof FeedLoadError, `expected a FeedLoadError, got ${String(error)}`);
  return error;
};

test('each kind of failure tells residents the same plain words', () => {
  for (const [reason, words] of Object.entries(PLAIN)) {
    assert.equal(new FeedLoadError({ url: 'feed.json', reason: reason as keyof typeof PLAIN, detail: 'x' }).userMessage, words, reason);
  }
});

test('without the wording chunk, a failed feed still gives its plain message, reason and status, and a one-line detail', async () => {
  const url = 'https://feeds.example/feed.json';
  const missing = await failure(fetchFeed(url, { fetch: async () => new Response('gone', { status: 404, statusText: 'Not Found' }) }));
  assert.equal(missing.reason, 'http');
  assert.equal(missing.status, 404);
  assert.equal(missing.userMessage, PLAIN.http);
  assert.equal(missing.detail, `${url}: the feed could not be loaded (http, HTTP 404).`);
  assert.equal(missing.message, missing.detail);

  const refused = await failure(fetchFeed(url, { fetch: async () => { throw new TypeError('Failed to fetch'); } }));
  assert.equal(refused.reason, 'network');
  assert.equal(refused.status, undefined);
  assert.equal(refused.userMessage, PLAIN.network);
  assert.equal(refused.detail, `${url}: the feed could not be loaded (network).`);

  const slow = await failure(fetchFeed(url, { timeoutMs: 10, fetch: (_u, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))) }));
  assert.equal(slow.reason, 'timeout');
  assert.equal(slow.userMessage, PLAIN.timeout);

  const notFeed = await failure(readFeed({ url, text: '{"version": "1"}', status: 200 }));
  assert.equal(notFeed.reason, 'not-a-feed');
  assert.equal(notFeed.userMessage, PLAIN['not-a-feed']);
  assert.equal(notFeed.detail, `${url}: the feed could not be loaded (not-a-feed, HTTP 200).`);
});

test('an aborted load still rejects with the abort reason, not a FeedLoadError', async () => {
  const controller = new AbortController();
  const reason = new Error('the finder left the page');
  const pending = fetchFeed('feed.json', {
    signal: controller.signal,
    fetch: (_u, init) => new Promise((_r, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted')))),
  });
  controller.abort(reason);
  await assert.rejects(pending, (e) => e === reason);
});
