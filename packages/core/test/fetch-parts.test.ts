// Node tests: a feed fetched as bytes is kept in the pieces it arrived in, and
// decodes to the same text as the whole body, whichever characters the pieces split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchFeed, fetchedBytesGone, fetchedSize, fetchedText } from '../src/feed/fetch.js';
import { fetchedBuffers } from '../src/engine/in-worker.js';

const BODY = '\uFEFF{"version": "1", "publisher": {"name": "Caffi ŵyr €5 🎉"}, "listings": []}';

/** A fetch whose body arrives in pieces of `size` bytes, cut wherever that falls (inside a character too). */
const inPieces = (size: number): typeof fetch => async () => {
  const bytes = new TextEncoder().encode(BODY);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json' } });
};

test('a body fetched as bytes decodes to the text fetched as text, however it was cut', async () => {
  const asText = await fetchFeed('https://feeds.example/a.json', { fetch: inPieces(1000) });
  assert.equal(asText.parts, undefined);
  for (const size of [1, 2, 3, 5, 7, 1000]) {
    const fetched = await fetchFeed('https://feeds.example/a.json', { fetch: inPieces(size), bytes: true });
    assert.equal(fetched.text, '');
    assert.ok(fetched.parts && fetched.parts.length === Math.ceil(new TextEncoder().encode(BODY).length / size), `${size}`);
    assert.equal(fetchedText(fetched), asText.text, `pieces of ${size}`);
    assert.equal(fetchedSize(fetched), new TextEncoder().encode(BODY).length);
    assert.equal(fetchedBuffers(fetched).length, fetched.parts.length);
    assert.equal(fetchedBytesGone(fetched), false);
  }
});

test('pieces sharing one buffer are handed over once, and handed-over bytes are known to be gone', () => {
  const whole = new TextEncoder().encode(BODY);
  const fetched = { url: 'a.json', text: '', status: 200, parts: [whole.subarray(0, 10), whole.subarray(10)] };
  assert.equal(fetchedBuffers(fetched).length, 1);
  assert.equal(fetchedText(fetched), new TextDecoder().decode(whole));
  structuredClone(fetched, { transfer: fetchedBuffers(fetched) });
  assert.equal(fetchedBytesGone(fetched), true);
  assert.equal(fetchedSize(fetched), 0);
});

test('a feed given as one buffer or as text still reads as before', () => {
  const bytes = new TextEncoder().encode(BODY);
  assert.equal(fetchedText({ url: 'a.json', text: '', status: 200, bytes }), new TextDecoder().decode(bytes));
  assert.equal(fetchedSize({ url: 'a.json', text: '', status: 200, bytes }), bytes.length);
  assert.equal(fetchedText({ url: 'a.json', text: 'x', status: 200 }), 'x');
  assert.equal(fetchedSize({ url: 'a.json', text: 'xyz', status: 200 }), 3);
  assert.deepEqual(fetchedBuffers({ url: 'a.json', text: 'x', status: 200 }), []);
});
