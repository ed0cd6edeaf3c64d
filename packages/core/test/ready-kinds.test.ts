// A finder's `kinds` over a trusted ready feed: kinds that keep every listing keep
// its prebuilt parts as they are; kinds that drop some narrow its columns to the
// listings kept. Either way the answers are exactly those of the plain feed's
// listings of those kinds, indexed afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateFeed } from '../../../test/support/generate.js';
import { FilterCore } from '../src/engine/core.js';
import { EngineCore } from '../src/engine/full.js';
import { serializeReady } from '../src/engine/ready-write.js';
import { summarise } from '../src/engine/types.js';
import type { FetchedFeed } from '../src/feed/fetch.js';
import { readFetchedFeed, readFetchedFeedQuickFirst } from '../src/feed/load.js';
import { keepKinds } from '../src/feed/ready-kinds.js';
import { readyPartsOf, wholeListings } from '../src/feed/ready-parts.js';
import { LISTING_KINDS, type Feed, type ListingKind } from '../src/feed/types.js';
import { randomStates } from '../../../test/support/states.js';

const demo = JSON.parse(readFileSync(new URL('../../../demo/feed.json', import.meta.url), 'utf8')) as Feed;
const generated = generateFeed(2000, 12) as Feed;
const NOW = new Date('2026-11-24T10:30:00Z');
const SOURCE = 'https://council.example/atlas/ready.json';
const WORDS = ['lonely', 'walk', 'kniting', 'tai chi', 'memory cafe', 'choir', 'carer', 'food bank', 'library', 'hall', 'unig', 'cerdded', 're', 'lo', 'wa'];

/** Every non-empty set of kinds. */
const KIND_SETS: ListingKind[][] = [1, 2, 3, 4, 5, 6, 7].map((mask) => LISTING_KINDS.filter((_, k) => mask & (1 << k)));

/** A feed's text as the worker is handed it: bytes, in pieces. */
const asBytes = (text: string): FetchedFeed => {
  const bytes = new TextEncoder().encode(text);
  const cuts = [0, 1000, bytes.length >>> 1, bytes.length];
  return { url: SOURCE, text: '', status: 200, parts: cuts.slice(1).map((end, i) => bytes.slice(cuts[i]!, end)) };
};

for (const [name, feed] of [['the demo feed', demo], ['a generated feed of 2,000 listings', generated]] as const) {
  // Built at NOW: the weekly slots it writes (narrowed with the rest) are what the engine takes.
  const ready = serializeReady(feed, { now: NOW });
  const plain = readFetchedFeed({ url: SOURCE, text: JSON.stringify(feed), status: 200 });
  for (const lang of ['en', 'cy']) {
    for (const lazy of [true, false]) {
      test(`${name} (${lang}, ${lazy ? 'listings read as asked for, as in the worker' : 'read whole, as on the page'}): every set of kinds answers from the ready feed's columns as the plain feed's listings of those kinds`, () => {
        let narrowedSets = 0;
        for (const kinds of KIND_SETS) {
          const what = kinds.join(' ');
          const data = readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: lazy });
          const kept = keepKinds(data, kinds);
          const fresh = { ...plain, listings: plain.listings.filter((l) => kinds.includes(l.kind)) };
          const parts = readyPartsOf(kept.listings);
          assert.ok(parts, `${what}: the prebuilt columns went with the listings kept`);
          if (fresh.listings.length === plain.listings.length) {
            assert.equal(kept, data, `${what}: kinds that keep every listing keep the data as it is`);
          } else {
            narrowedSets++;
            assert.equal(kept.listings.length, fresh.listings.length);
            if (lazy) {
              assert.ok(parts.lazy, `${what}: the listings kept are read as they are asked for`);
              assert.deepEqual(parts.lazy.keys, fresh.listings.map((l) => l.key));
              assert.deepEqual(parts.lazy.summary, summarise(fresh.listings, false));
              assert.equal(Object.keys(kept.listings).length, 0, `${what}: a listing was read to keep its kind`);
            }
          }
          // In English the columns are taken (nothing to work out); in Welsh names sort another way and they are worked out again.
          const filters = new FilterCore(kept, { lang, now: () => NOW });
          const steps = [...filters.prepare()].length;
          if (lang === 'en') assert.equal(steps, 0, `${what}: the columns were worked out, not taken`);
          assert.deepEqual(filters.query({ q: '', filters: {}, sort: 'relevance', limit: 20 }, NOW), new FilterCore(fresh, { lang, now: () => NOW }).query({ q: '', filters: {}, sort: 'relevance', limit: 20 }, NOW), what);
          const core = new EngineCore(kept, { lang, now: () => NOW }).prepareAll();
          const reference = new EngineCore(fresh, { lang, now: () => NOW }).prepareAll();
          for (const state of randomStates(fresh, 150, 21, { words: WORDS, now: NOW, wordChance: 0.4, filters: 3, ageChance: 0.2, extraValue: 'nobody-has-this' })) {
            assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), `${what}: ${JSON.stringify(state)}`);
          }
          for (const prefix of ['lo', 'wal', 'carer', 'cerd']) assert.deepEqual(core.suggest(prefix), reference.suggest(prefix), what);
          assert.deepEqual(wholeListings(kept.listings), fresh.listings, what);
        }
        assert.ok(narrowedSets >= 4, `only ${narrowedSets} sets of kinds dropped listings`);
      });
    }
  }
}

test('kinds over ready columns that cannot say which listing is which kind (damaged) keep listings one by one, with the same answers', () => {
  const ready = serializeReady(demo);
  const data = readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: true });
  const columns = readyPartsOf(data.listings)!.columns;
  columns.bits.kind = columns.bits.kind.map(() => 'not base64!');
  const kept = keepKinds(data, ['activity']);
  const plain = readFetchedFeed({ url: SOURCE, text: JSON.stringify(demo), status: 200 });
  const fresh = { ...plain, listings: plain.listings.filter((l) => l.kind === 'activity') };
  assert.deepEqual(kept.listings, fresh.listings);
  const core = new EngineCore(kept, { now: () => NOW }).prepareAll();
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  for (const state of randomStates(fresh, 50, 22, { words: WORDS, now: NOW, wordChance: 0.4, filters: 3 })) assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
});
