// Node tests: a feed fetched as bytes is kept in the pieces it arrived in, and
// decodes to the same text as the whole body, whichever characters the pieces split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchFeed, fetchedBytesGone, fetchedSize, fetchedText, readOn } from '../src/feed/fetch.js';
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

test('a large ready feed sent with no length is known by the length its first line states, and the rest of its body left for the worker', async () => {
  const header = '{"format":"community-atlas-ready","version":2,"hash":"0123456789abcdef","length":3000000,"lang":"en","relative":false,';
  /** A body in pieces of 1,000 bytes (the first its first line), with no Content-Length, as a server sends a file it compresses. */
  const chunked = (first: string): typeof fetch => async () => {
    const bytes = new TextEncoder().encode(`${first}\n${'x'.repeat(50_000)}`);
    return new Response(new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, first.length + 1));
        for (let i = first.length + 1; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const ready = await fetchFeed('https://feeds.example/ready.json', { fetch: chunked(header), bytes: true, handOffBytes: 2_000_000 });
  assert.equal(ready.parts!.length, 1, 'handed on after its first line');
  assert.ok(ready.rest, 'the rest left to read');
  await readOn(ready);
  assert.equal(fetchedSize(ready), header.length + 1 + 50_000);
  // A plain feed (or a ready feed saying it is small) is read on to its end, or to the first 2 MB.
  for (const first of ['{"version":"1","listings":[', header.replace('3000000', '50000')]) {
    const fetched = await fetchFeed('https://feeds.example/feed.json', { fetch: chunked(first), bytes: true, handOffBytes: 2_000_000 });
    assert.equal(fetched.rest, undefined, first);
    assert.equal(fetchedSize(fetched), first.length + 1 + 50_000);
  }
});

test('a body whose length says it is for the worker is not read on the page: it is taken whole as a Blob, unless its first pieces are watched', async () => {
  const text = `{"version":"1","listings":[${'"x",'.repeat(600_000)}"x"]}`;
  let pulled = 0;
  /** A body in pieces of 100,000 bytes that says its length, counting the pieces read from it. */
  const sized = (): typeof fetch => async () => {
    const bytes = new TextEncoder().encode(text);
    let at = 0;
    return new Response(new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(bytes.slice(at, (at += 100_000)));
        if (at >= bytes.length) controller.close();
      },
    }), { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } });
  };
  const whole = await fetchFeed('https://feeds.example/big.json', { fetch: sized(), bytes: true, handOffBytes: 2_000_000, blobBytes: 2_000_000 });
  assert.equal(fetchedSize(whole), 0, 'no piece read before the hand-off');
  assert.ok(whole.rest, 'handed off at once');
  await readOn(whole);
  assert.equal(whole.rest, undefined);
  assert.ok(whole.blob);
  assert.equal(await whole.blob.text(), text);
  assert.equal(fetchedSize(whole), 0, 'the body is the Blob, not pieces on the page');
  assert.equal(fetchedBuffers(whole).length, 0);
  assert.equal(fetchedBytesGone(whole), true, 'a page that must read it after all fetches it again');
  // Watched (a ready feed's first screen), or shorter than it says the worker needs, or with no blobBytes: read in pieces as before.
  for (const options of [{ watch: () => undefined, blobBytes: 2_000_000 }, { blobBytes: 5_000_000 }, {}]) {
    pulled = 0;
    const read = await fetchFeed('https://feeds.example/big.json', { fetch: sized(), bytes: true, handOffBytes: 2_000_000, ...options });
    assert.ok(pulled > 0, JSON.stringify(options));
    await readOn(read);
    assert.equal(read.blob, undefined);
    assert.equal(fetchedText(read), text);
  }
});

test('a compressed body is said to be large by its length, before the page has read that much of it; one not compressed, by its bytes', async () => {
  const HAND_OFF = 2_000_000;
  /** How many bytes the page had read when the body was said to be large, for a body of 2.6 MB sent with these headers. */
  const readWhenLarge = async (headers: Record<string, string>): Promise<number> => {
    const served = (async () => new Response(new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new Uint8Array(65_536).fill(0x20));
        controller.close();
      },
    }), { status: 200, headers })) as typeof fetch;
    let read = 0;
    let then = -1;
    const fetched = await fetchFeed('https://feeds.example/big.json', {
      fetch: served, bytes: true, handOffBytes: HAND_OFF,
      watch: (parts) => (read = parts.reduce((sum, part) => sum + part.byteLength, 0)),
      large: () => (then = read),
    });
    // Handed off by its bytes either way, as before: a compressed length alone does not say the body is that large.
    assert.ok(fetchedSize(fetched) >= HAND_OFF);
    await readOn(fetched);
    return then;
  };
  // 600 KB of gzip is at least 2.4 MB of JSON.
  assert.equal(await readWhenLarge({ 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': '600000' }), 0);
  assert.ok(await readWhenLarge({ 'content-type': 'application/json', 'content-length': '600000' }) >= HAND_OFF, 'not compressed: 600 KB');
  assert.ok(await readWhenLarge({ 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': '400000' }) >= HAND_OFF, 'compressed, but short');
});
