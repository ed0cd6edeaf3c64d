import { expect, waitUntil } from '@open-wc/testing';
import { loadFinder } from './load.js';

// A page of its own (web-test-runner runs each file in a fresh page), so nothing has loaded the worker's code before.
const workerUrl = new URL('./worker.ts', import.meta.url);
const asked = (name: string): boolean => performance.getEntriesByType('resource').some((e) => e.name.includes(name));

describe('loadFinder on a slow link', () => {
  it('fetches the code that talks to the worker while a large feed is still downloading, not after it', async () => {
    const feed = new TextEncoder().encode(JSON.stringify({ version: '1', listings: [] }));
    let finish!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // The headers and the first bytes now; the rest when the test lets it arrive.
        controller.enqueue(feed.subarray(0, 5));
        finish = () => {
          controller.enqueue(feed.subarray(5));
          controller.close();
        };
      },
    });
    // 300 KB compressed: a feed of about 2 MB or more once decoded.
    const headers = { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': '300000' };
    const fetch = (): Promise<Response> => Promise.resolve(new Response(body, { headers }));
    expect(asked('in-worker'), 'not loaded before').to.equal(false);
    const loading = loadFinder(['big.json'], { fetch, workerUrl });
    await waitUntil(() => asked('in-worker'), 'the worker code was not asked for while the feed downloaded', { timeout: 3000 });
    finish();
    const { engine } = await loading;
    expect(engine.size).to.equal(0);
    engine.dispose();
  });
});
