// A ready feed's first screen (feed/first.ts) is what the finder draws for the
// default state before the rest of the feed is in: it must say exactly what the
// engine answers for that state, on everything it carries, whatever the time,
// and be left unused when it cannot be trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateFeed } from '../../../test/support/generate.js';
import { EngineCore } from '../src/engine/full.js';
import { serializeReady } from '../src/engine/ready-write.js';
import { FACET_IDS, summarise, type FinderState } from '../src/engine/types.js';
import { readFetchedFeed } from '../src/feed/load.js';
import { transferStages } from '../src/transfer/index.js';
import { readFirstScreen, SCREEN_FACETS, type FirstScreen } from '../src/feed/first.js';
import { LISTING_KINDS, type Feed, type ListingKind } from '../src/feed/types.js';

const demo = JSON.parse(readFileSync(new URL('../../../demo/feed.json', import.meta.url), 'utf8')) as Feed;
const SOURCE = 'https://council.example/atlas/ready.json';
const DEFAULT: FinderState = { q: '', filters: {}, sort: 'relevance', limit: 20 };
/** Times a page may be opened at: a weekday morning, a Sunday night, midnight in summer time, a year on. */
const TIMES = ['2026-11-24T10:30:00Z', '2026-11-29T23:59:00Z', '2027-06-30T23:00:00Z', '2027-11-24T10:30:00Z'].map((t) => new Date(t));

/** The bytes of a ready feed's text in pieces of `size`. */
const pieces = (text: string, size: number): Uint8Array[] => {
  const bytes = new TextEncoder().encode(text);
  return Array.from({ length: Math.ceil(bytes.length / size) }, (_, k) => bytes.slice(k * size, (k + 1) * size));
};

/** Reads the first screen as the page does, a piece at a time: undefined until the piece that completes it. */
function screenOf(text: string, size = 997, kinds?: readonly ListingKind[]): { screen: FirstScreen | null; bytes: number } {
  const parts = pieces(text, size);
  for (let n = 1; n <= parts.length; n++) {
    const screen = readFirstScreen(parts.slice(0, n), kinds);
    if (screen !== undefined) return { screen, bytes: parts.slice(0, n).reduce((b, p) => b + p.length, 0) };
  }
  return { screen: null, bytes: Infinity };
}

const feeds: [string, Feed][] = [
  ['the demo feed', demo],
  ...[[300, 1], [2000, 11], [5000, 29]].map(([count, seed]) => [`a generated feed of ${count} listings (seed ${seed})`, generateFeed(count!, seed)] as [string, Feed]),
];

for (const [name, feed] of feeds) {
  for (const lang of ['en', 'cy']) {
    test(`${name} (${lang}): the first screen is the engine's answer for the default state on everything it carries, at any time of day`, () => {
      const ready = serializeReady(feed, { lang });
      const { screen, bytes } = screenOf(ready.text);
      assert.ok(screen, 'no first screen was read');
      assert.ok(bytes < 64_000, `the first screen took ${bytes} bytes to arrive`);
      const data = readFetchedFeed({ url: SOURCE, text: JSON.stringify(feed), status: 200 });
      const core = new EngineCore(data, { lang, now: () => TIMES[0]! }).prepareAll();
      const byKey = new Map(data.listings.map((l) => [l.key, l]));
      assert.equal(screen.lang, lang);
      assert.equal(screen.limit, 20);
      assert.deepEqual(screen.kinds, summarise(data.listings).kinds);
      for (const now of TIMES) {
        const answer = core.query(DEFAULT, now);
        assert.equal(screen.total, answer.total);
        assert.equal(screen.total, data.listings.length);
        // The listings in order, as the engine gives them with its answer.
        assert.deepEqual(screen.listings, answer.items.map((item) => byKey.get(item.key)));
        for (const facet of SCREEN_FACETS) assert.deepEqual(screen.facets[facet], answer.facets[facet], facet);
      }
      // What the clock or a place decides is left to the engine.
      assert.deepEqual(Object.keys(screen.facets).sort(), [...SCREEN_FACETS].sort());
      assert.deepEqual(FACET_IDS.filter((f) => !SCREEN_FACETS.includes(f)).sort(), ['day', 'deadline', 'distance', 'time', 'when']);
      assert.deepEqual(screen.needs, data.needs.map(({ id, label }) => ({ id, label })));
      assert.deepEqual(screen.areas, data.areas);
      assert.deepEqual(screen.categories, data.categories);
      assert.equal(screen.skipped, data.skipped);
    });

    test(`${name} (${lang}): for a finder's kinds (every set of them, and names it does not know), the first screen is the engine's answer for the default state over the listings of those kinds, at any time of day`, () => {
      const ready = serializeReady(feed, { lang });
      const data = readFetchedFeed({ url: SOURCE, text: JSON.stringify(feed), status: 200 });
      const every = screenOf(ready.text).screen!;
      let some = 0;
      const sets: string[][] = [[], ['asset', 'nonsense'], ['transfer', 'transfer'], ...[1, 2, 3, 4, 5, 6, 7].map((mask) => LISTING_KINDS.filter((_, k) => mask & (1 << k)))];
      for (const kinds of sets) {
        const what = kinds.join(' ') || 'no kinds';
        const { screen, bytes } = screenOf(ready.text, 997, kinds as ListingKind[]);
        const kept = { ...data, listings: kinds.length ? data.listings.filter((l) => kinds.includes(l.kind)) : data.listings };
        if (!kept.listings.length) {
          assert.equal(screen, null, `${what}: a first screen for kinds the feed has none of`);
          continue;
        }
        assert.ok(screen, `${what}: no first screen was read`);
        assert.ok(bytes < 128_000, `${what}: the first screen took ${bytes} bytes to arrive`);
        assert.equal('byKinds' in screen || 'more' in screen, false, `${what}: the screens for other kinds came with it`);
        if (kept.listings.length === data.listings.length) assert.deepEqual(screen, every, what);
        else some++;
        const core = new EngineCore(kept, { lang, now: () => TIMES[0]! }).prepareAll();
        const byKey = new Map(kept.listings.map((l) => [l.key, l]));
        assert.equal(screen.lang, lang);
        assert.equal(screen.limit, 20);
        assert.deepEqual(screen.kinds, summarise(kept.listings).kinds, what);
        for (const now of TIMES) {
          const answer = core.query(DEFAULT, now);
          assert.equal(screen.total, answer.total, what);
          assert.equal(screen.total, kept.listings.length, what);
          assert.deepEqual(screen.listings, answer.items.map((item) => byKey.get(item.key)), what);
          for (const facet of SCREEN_FACETS) assert.deepEqual(screen.facets[facet], answer.facets[facet], `${what}: ${facet}`);
        }
        assert.deepEqual(Object.keys(screen.facets).sort(), [...SCREEN_FACETS].sort());
        // What the listing view names for each listing (to open one before the engine): the same as from the whole data.
        const publisherOf = (publishers: typeof data.publishers, l: (typeof data.listings)[number]) => publishers.find((p) => (p.id ?? '') === l.publisherId) ?? publishers[0];
        for (const l of screen.listings) {
          assert.deepEqual(publisherOf(screen.publishers ?? [], l), publisherOf(data.publishers, l), `${what}: ${l.key}'s publisher`);
          if (l.kind === 'transfer') assert.deepEqual(transferStages(l, screen.transferStages), transferStages(l, data.transferStages), `${what}: ${l.key}'s stages`);
        }
        assert.deepEqual(screen.needs, every.needs);
        assert.deepEqual(screen.areas, every.areas);
        assert.deepEqual(screen.categories, every.categories);
        assert.equal(screen.skipped, every.skipped);
      }
      const present = summarise(data.listings).kinds.length;
      assert.equal(some, 2 ** present - 2 + (present === 3 ? 2 : 0), 'sets of kinds that keep some listings and not others');
    });
  }
}

test('a first screen is left unused when it cannot be trusted, and waited for while it is arriving', () => {
  const ready = serializeReady(demo).text;
  const end = ready.indexOf('\n');
  const screenEnd = ready.indexOf('\n', end + 1);
  // Cut anywhere before its end: more is needed.
  for (const cut of [10, end, end + 1, end + 20, screenEnd - 3]) assert.equal(readFirstScreen(pieces(ready.slice(0, cut), 500)), undefined, `cut at ${cut}`);
  assert.ok(readFirstScreen(pieces(ready.slice(0, screenEnd), 500)));
  // Edited by hand after the build: a name on the first page changed in the screen.
  const { screen } = screenOf(ready);
  const name = JSON.stringify(screen!.listings[0]!.name).slice(1, -1);
  const edited = ready.slice(0, end + 1) + ready.slice(end + 1).replace(name, name.replace(/^./, 'Z'));
  assert.notEqual(edited, ready);
  assert.equal(screenOf(edited).screen, null);
  // A header from another build.
  const other = serializeReady(generateFeed(50, 3)).text;
  assert.equal(screenOf(other.slice(0, other.indexOf('\n') + 1) + ready.slice(end + 1)).screen, null);
  // A plain feed, a feed with relative links, a ready feed with a byte order mark still reads.
  assert.equal(screenOf(JSON.stringify(demo)).screen, null);
  const relative = { ...demo, listings: demo.listings.map((l, i) => (i === 0 ? { ...l, url: 'activities/one.html' } : l)) };
  assert.match(serializeReady(relative).text.slice(0, 400), /"relative":true/);
  assert.equal(screenOf(serializeReady(relative).text).screen, null);
  assert.deepEqual(screenOf(`\uFEFF${ready}`).screen, screen);
  // The kinds' screens, on the next line: a finder without kinds does not wait for them; one with kinds does,
  // and does not use them edited by hand (while the first screen, sealed on its own, is still good).
  const kindsEnd = ready.indexOf('\n', screenEnd + 1);
  assert.match(ready.slice(screenEnd + 1, kindsEnd), /^"kindScreens":/);
  assert.ok(readFirstScreen(pieces(ready.slice(0, screenEnd + 1), 500)));
  assert.ok(readFirstScreen(pieces(ready.slice(0, screenEnd + 1), 500), ['transfer', 'asset', 'activity']), 'kinds that keep every listing');
  for (const cut of [screenEnd + 1, screenEnd + 30, kindsEnd - 3]) assert.equal(readFirstScreen(pieces(ready.slice(0, cut), 500), ['asset', 'activity']), undefined, `cut at ${cut}`);
  const some = readFirstScreen(pieces(ready.slice(0, kindsEnd), 500), ['asset', 'activity']);
  assert.ok(some && some.kinds.every((k) => k !== 'transfer'));
  // A total changed by hand, its length kept.
  const total = ready.indexOf('"total":', screenEnd) + '"total":'.length;
  const editedKinds = ready.slice(0, total) + (ready[total] === '9' ? '8' : '9') + ready.slice(total + 1);
  assert.notEqual(editedKinds, ready);
  assert.equal(screenOf(editedKinds, 997, ['asset', 'activity']).screen, null);
  assert.deepEqual(screenOf(editedKinds).screen, screen);
});
