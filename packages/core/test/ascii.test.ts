// Node tests: a feed's bytes read as ASCII JSON text (feed/ascii.ts, what the
// search worker parses) give exactly the value the decoded text gives, and
// the reader falls back to the decoded text whenever that cannot be exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiJsonText, asciiJsonTextSliced } from '../src/feed/ascii.js';
import { readFetchedFeed, readFetchedFeedQuickFirst } from '../src/feed/load.js';
import { FeedLoadError, type FetchedFeed } from '../src/feed/fetch.js';
import { serializeReady } from '../src/engine/ready-write.js';
import { generateFeed } from '../../../test/support/generate.js';
import type { Feed } from '../src/feed/types.js';

const URL = 'https://feeds.example/feed.json';
/**
 * The bytes of `text` as a fetched feed, cut into pieces of `size` bytes (inside a character too);
 * `shift`: each piece starts that many bytes into a buffer of its own (not on a four-byte boundary).
 */
const fetched = (bytes: Uint8Array, size = bytes.length, shift = 0): FetchedFeed => {
  const parts: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    const piece = bytes.slice(i, i + size);
    const buffer = new Uint8Array(piece.length + shift + 3);
    buffer.set(piece, shift);
    parts.push(buffer.subarray(shift, shift + piece.length));
  }
  return { url: URL, text: '', parts, status: 200 };
};
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
/** Whether every character of `text` is ASCII. */
const isAscii = (text: string): boolean => [...text].every((c) => c.charCodeAt(0) < 0x80);

/** A small random generator, so a failure can be run again. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const CHARS = ['a', ' ', '"', '\\', '\n', '’', 'é', 'ŵ', '€', '\u2028', '\uFEFF', '🎉', '𝄞', '\u00a0', '\u007f', '\u0080', '\uffff'];

test('bytes read as ASCII JSON text parse to the value the decoded text parses to, however they are cut', () => {
  const next = random(16);
  for (let round = 0; round < 300; round++) {
    const words = Array.from({ length: 1 + Math.floor(next() * 8) }, () =>
      Array.from({ length: Math.floor(next() * 12) }, () => CHARS[Math.floor(next() * CHARS.length)]).join(''));
    const value = { listings: words.map((w, i) => ({ [`k${w}`]: w, i, pad: 'a'.repeat(Math.floor(next() * 40)) })), name: words.join('') };
    const text = `${round % 3 === 0 ? '\uFEFF' : ''}${JSON.stringify(value, null, round % 2 ? 1 : 0)}`;
    const bytes = encode(text);
    // Small pieces, and long ones read four bytes at a time, from any offset in their buffers.
    const size = round % 4 === 3 ? 5 + Math.floor(next() * 40) : 1 + Math.floor(next() * 9);
    const ascii = asciiJsonText(fetched(bytes, size, round % 4));
    const wide = !isAscii(text.replace(/^\uFEFF/, ''));
    if (!wide && !text.startsWith('\uFEFF')) {
      assert.equal(ascii, undefined, 'all ASCII already: nothing to do');
      continue;
    }
    // Well-formed UTF-8, however it is cut: always rewritten.
    assert.ok(ascii !== undefined, 'rewritten');
    assert.ok(isAscii(ascii), 'only ASCII');
    assert.deepEqual(JSON.parse(ascii), JSON.parse(text.replace(/^\uFEFF/, '')));
  }
});

test('read in slices, a feed gives the same text and hands the thread back between slices (issue 18, item 7)', async () => {
  // A megabyte with a wide character every few hundred bytes, as in a feed of Welsh names and curly apostrophes.
  const text = JSON.stringify({ listings: Array.from({ length: 4000 }, (_, i) => ({ id: `l${i}`, name: `Caffi’r Dref ${i}`, description: 'Te a choffi, croeso cynnes i bawb. '.repeat(7) })) });
  const bytes = encode(text);
  assert.ok(bytes.length > 1_000_000);
  let pauses = 0;
  // A slice of 0 ms: every point where the reader may stop is a pause.
  const sliced = await asciiJsonTextSliced(fetched(bytes, 4096), async () => void pauses++, 0);
  assert.equal(sliced, asciiJsonText(fetched(bytes, 4096)));
  assert.ok(pauses >= 10, `a megabyte was read in ${pauses + 1} slices`);
  // Where the sync reader gives up (bytes that are not UTF-8), so does the sliced one.
  assert.equal(await asciiJsonTextSliced(fetched(Uint8Array.from([0x22, 0xc3, 0x22])), async () => undefined, 0), undefined);
});

test('bytes that are not well-formed UTF-8, text, and ready feeds are left to the usual decoding', () => {
  for (const bad of [[0x22, 0xc3, 0x22], [0x22, 0xe2, 0x80, 0x22], [0x22, 0xed, 0xa0, 0x80, 0x22], [0x22, 0xc0, 0xaf, 0x22], [0x22, 0xf5, 0x80, 0x80, 0x80, 0x22], [0x22, 0x80, 0x22], [0x22, 0xf0, 0x82, 0x82, 0xac, 0x22]]) {
    assert.equal(asciiJsonText(fetched(Uint8Array.from(bad))), undefined, bad.join(' '));
  }
  assert.equal(asciiJsonText({ url: URL, text: '{"name":"é"}', status: 200 }), undefined);
  // A ready feed's hash covers its text as written.
  assert.equal(asciiJsonText(fetched(encode('{"format":"community-atlas-ready","x":"é"}'))), undefined);
  assert.equal(asciiJsonText(fetched(encode('\uFEFF{"format":"community-atlas-ready","x":"é"}'), 3)), undefined);
  assert.notEqual(asciiJsonText(fetched(encode('{"format":"community-atlas","x":"é"}'))), undefined);
  const ready = serializeReady({ ...(generateFeed(20) as Feed), publisher: { name: 'Caffi’r Dref é' } } as Feed);
  assert.ok(isAscii(ready.text), 'atlas build writes its ready feed in ASCII');
});

test('a backslash just before a character beyond ASCII is not made into an escape: that text is not JSON, and says so as its decoded text does', () => {
  const text = '{"version":"1","publisher":{"name":"Caffi\\é"},"listings":[{"id":"a","kind":"asset","name":"A"}]}';
  assert.equal(asciiJsonText(fetched(encode(text), 7)), undefined);
  const expected = (() => {
    try {
      readFetchedFeed({ url: URL, text, status: 200 });
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  assert.ok(expected instanceof FeedLoadError && expected.reason === 'not-json');
  assert.throws(() => readFetchedFeedQuickFirst(fetched(encode(text), 7)), (error: unknown) => error instanceof FeedLoadError && error.detail === expected.detail);
  // Two backslashes (one escaped backslash) before it are JSON both ways, and the same feed.
  const twice = text.replace('\\é', '\\\\é');
  assert.notEqual(asciiJsonText(fetched(encode(twice), 7)), undefined);
  assert.deepEqual(readFetchedFeedQuickFirst(fetched(encode(twice), 7)), readFetchedFeed({ url: URL, text: twice, status: 200 }));
});

test('a feed read from ASCII text is the feed read from its decoded text, and one that is not JSON is described in its own words', () => {
  const feed = generateFeed(200) as Feed;
  const text = JSON.stringify({ ...feed, publisher: { ...(feed.publisher as object), name: 'Caffi’r Dref – ŵyr 🎉' } });
  assert.ok(asciiJsonText(fetched(encode(text), 4096)) !== undefined);
  assert.deepEqual(readFetchedFeedQuickFirst(fetched(encode(text), 4096)), readFetchedFeed({ url: URL, text, status: 200 }));
  const broken = `${text.slice(0, 5000)}’ oops`;
  const expected = (() => {
    try {
      readFetchedFeed({ url: URL, text: broken, status: 200 });
    } catch (error) {
      return error;
    }
    return undefined;
  })();
  assert.ok(expected instanceof FeedLoadError);
  assert.throws(() => readFetchedFeedQuickFirst(fetched(encode(broken), 4096)), (error: unknown) => error instanceof FeedLoadError && error.detail === expected.detail);
});
