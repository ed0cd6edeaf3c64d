// Node tests: a plain feed's body cut wherever it stopped arriving (feed/so-far.ts, what the search
// worker reads the listings so far from) is the feed with exactly the listings whose last byte had
// arrived: strings holding brackets, quotes, escapes and the word "listings", text beyond ASCII
// cut mid-character, and pieces of every size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { feedSoFar } from '../src/feed/so-far.js';

const feed = {
  version: '1',
  publisher: { name: 'Caerdydd “listings”: [not] {these}', url: 'https://example.org' },
  note: 'listings',
  areas: [{ id: 'a', name: 'Área ] }' }],
  listings: [
    { id: 'one', kind: 'asset', name: 'Hall \\"}]', summary: 'A "listings": [ here' },
    { id: 'two', kind: 'activity', name: 'Taith iechyd – glan yr afon ✓', tags: [[1, 2], { a: [] }] },
    { id: 'three', kind: 'asset', name: 'Café {', nested: { listings: [{ id: 'no' }] } },
    { id: 'four', kind: 'transfer', name: 'Old library' },
  ],
  after: { listings: [] },
};
const text = '\uFEFF ' + JSON.stringify(feed, null, 1);
const bytes = new TextEncoder().encode(text);
/** Where the member after the listings starts, in `bytes` (the text after it is all ASCII). */
const afterAt = bytes.length - (text.length - text.lastIndexOf('"after"'));

const pieces = (upTo: number, size: number): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let at = 0; at < upTo; at += size) out.push(bytes.slice(at, Math.min(upTo, at + size)));
  return out;
};

test('every cut of the body gives the feed with the listings wholly arrived, and nothing when none has or all have', () => {
  const whole = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof feed;
  let seen = 0;
  let last = 0;
  for (let upTo = 1; upTo <= bytes.length; upTo++) {
    for (const size of [1, 3, 7, 64, bytes.length]) {
      const cut = feedSoFar(pieces(upTo, size));
      if (!cut) {
        if (size === 1) assert.ok(last === 0 || upTo > afterAt - 6, `nothing at ${upTo} after ${last} listings`);
        continue;
      }
      const read = JSON.parse(new TextDecoder().decode(cut.bytes).replace(/^\uFEFF/, '')) as typeof feed;
      assert.equal(read.listings.length, cut.listings);
      assert.deepEqual(read.listings, whole.listings.slice(0, cut.listings));
      assert.deepEqual(read.publisher, whole.publisher);
      assert.deepEqual(read.areas, whole.areas);
      assert.equal('after' in read, false);
      if (size === 1) {
        assert.ok(cut.listings >= last, 'never fewer listings as more arrives');
        last = cut.listings;
        seen = Math.max(seen, cut.listings);
      }
    }
  }
  // Up to the last listing, before its array closed: the body is as good as whole after that.
  assert.equal(seen, feed.listings.length);
  assert.equal(feedSoFar([bytes]), undefined);
});

test('bytes that do not start as a feed give nothing', () => {
  assert.equal(feedSoFar([new TextEncoder().encode('[{"id":"a"},')]), undefined);
  assert.equal(feedSoFar([new TextEncoder().encode('<!doctype html>')]), undefined);
  assert.equal(feedSoFar([new TextEncoder().encode('{"listing": [{"id":"a"},{"id":"b"}')]), undefined);
  assert.equal(feedSoFar([]), undefined);
});

test('at most so many listings, cut after the last of them', () => {
  const whole = JSON.parse(text.replace(/^\uFEFF/, '')) as typeof feed;
  for (const most of [1, 2, 3]) {
    const cut = feedSoFar([bytes.slice(0, afterAt - 10)], most)!;
    assert.equal(cut.listings, most);
    assert.deepEqual((JSON.parse(new TextDecoder().decode(cut.bytes).replace(/^\uFEFF/, '')) as typeof feed).listings, whole.listings.slice(0, most));
  }
});
