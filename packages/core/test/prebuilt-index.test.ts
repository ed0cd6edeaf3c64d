// A prebuilt text index (what `atlas build` writes as index.json) must answer
// exactly as the index the engine builds itself: the same results in the same
// order, the same scores to the last bit, the same terms to highlight in the
// same order, the same suggestions. Half-typed and misspelt words matter most
// here: they are answered from the words the index finds by prefix and by
// fuzziness, in the order its tree holds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateFeed } from '../../../test/support/generate.js';
import { createEngine } from '../src/engine/engine.js';
import { EngineCore, serializeIndex } from '../src/engine/full.js';
import type { FinderState } from '../src/engine/types.js';
import { normaliseFeed } from '../src/feed/index.js';
import type { AtlasData } from '../src/feed/normalised.js';
import { randomStates } from '../../../test/support/states.js';
import { withoutListings } from '../../../test/support/engine.js';

const demo = normaliseFeed(JSON.parse(readFileSync(new URL('../../../demo/feed.json', import.meta.url), 'utf8')));
const generated = normaliseFeed(generateFeed(2000, 7));
const NOW = new Date('2026-11-24T10:30:00Z');

/** Whole words, need words, half-typed words (found by prefix), typos (found by fuzziness), Welsh, sentences. */
const WORDS = [
  'lonely', 'walk', 'walking', 'kniting', 'tai chi', 'money advice', 'memory cafe', 'choir', 'low mood', 'carer', 'caring for someone',
  'befriend', 'food bank', 'caffi', 'library', 'hall', 'i feel lonely and want to walk', 'unig', 'cerdded', 'garden', 'debt', 'men’s shed',
  're', 'lo', 'wa', 'ca', 'co', 'me', 'st', 'ri', 'gr', 'ch', 'ar', 'sup', 'bereav', 'yog', 'danc', 'comunity', 'walkng', 'libary', 'alotment',
];

const states = (data: AtlasData, count: number, seed: number): FinderState[] =>
  randomStates(data, count, seed, { words: WORDS, now: NOW, wordChance: 0.85, secondWordChance: 0.2, filters: 2.5 });

const plain = withoutListings;

const cases: [string, AtlasData, string][] = [
  ['the demo feed', demo, 'en'],
  ['the demo feed', demo, 'cy'],
  ['a generated feed of 2,000 listings', generated, 'en'],
];

for (const [name, data, lang] of cases) {
  test(`${name} (${lang}): a prebuilt index answers exactly as a freshly built one, read whole or in slices`, async () => {
    const json = serializeIndex(data, { lang });
    const fresh = new EngineCore(data, { lang, now: () => NOW }).prepareAll();
    // Read whole (MiniSearch's loadJS: the worker, Node) ...
    const prebuilt = new EngineCore(data, { lang, now: () => NOW, prebuiltIndex: json }).prepareAll();
    // ... and in slices (loadJSAsync: the page), given the parsed object as the finder gives it.
    const page = createEngine(data, { lang, now: () => NOW, prebuiltIndex: JSON.parse(json) as object });
    try {
      let withWords = 0;
      for (const state of states(data, 400, lang === 'en' ? 41 : 42)) {
        const expected = fresh.query(state, NOW);
        if (state.q && expected.total > 0) withWords++;
        assert.deepEqual(prebuilt.query(state, NOW), expected, JSON.stringify(state));
        assert.deepEqual(plain(await page.query(state, NOW)), expected, JSON.stringify(state));
      }
      // The states searched words that found something, not only empty answers.
      assert.ok(withWords > 200, `${withWords} states with words found listings`);
      for (const prefix of ['lo', 'lon', 'wal', 'carer', 'mem', 'cerd', 'ar', 're', 'hall', 'knit']) {
        assert.deepEqual(prebuilt.suggest(prefix), fresh.suggest(prefix), prefix);
        assert.deepEqual(await page.suggest(prefix), fresh.suggest(prefix), prefix);
      }
    } finally {
      page.dispose();
    }
  });
}

// The same JSON means the same tree of words, children in the same order, so
// every search walks it as it walks the index it was written from.
test('an index read back and written again is the index that was written, character for character', () => {
  for (const data of [demo, generated]) {
    const json = serializeIndex(data);
    assert.ok(new EngineCore(data, { prebuiltIndex: json }).serialize() === json, 'the index came back with its words in another order');
  }
});
