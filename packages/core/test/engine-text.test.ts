// The page engine loads text search on demand (engine/text.ts); the worker and
// Node use EngineCore, with it built in. Both must give the same answers, and
// splitting the need vocabulary (labels with the finder, synonyms with text
// search) must not change what a need word finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/engine/engine.js';
import { EngineCore, serializeIndex } from '../src/engine/full.js';
import type { FinderState } from '../src/engine/types.js';
import { normaliseFeed } from '../src/feed/index.js';
import type { AtlasData } from '../src/feed/normalised.js';
import { DEFAULT_NEEDS, buildNeedTable } from '../src/vocabulary/needs.js';
import { NEED_SYNONYMS, buildVocabulary, expandQuery } from '../src/vocabulary/synonyms.js';
import { randomStates } from '../../../test/support/states.js';
import { withoutListings } from '../../../test/support/engine.js';

const demo = normaliseFeed(JSON.parse(readFileSync(new URL('../../../demo/feed.json', import.meta.url), 'utf8')));
const NOW = new Date('2026-11-24T10:30:00Z');

/** Words people type: need words and phrases, half-typed words, typos, Welsh, sentences, punctuation. */
const WORDS = [
  'lonely', 'walk', 'walking', 'kniting', 'tai chi', 'money advice', 'memory cafe', 'choir', 'low mood', 'exercise', 'carer',
  'caring for someone', 'isolated', 'befriend', 'food bank', 'caffi', 're', 'lo', 'library', 'hall', 'i feel lonely and want to walk',
  'mental health', 'unig', 'cerdded', 'garden', 'benefits', 'cost of living', '?!', 'community centre', 'debt', 'men’s shed', 'bereavement',
];

const states = (data: AtlasData, count: number, seed: number): FinderState[] =>
  randomStates(data, count, seed, { words: WORDS, now: NOW, wordChance: 0.65, secondWordChance: 0.15, filters: 3.5, twoValueChance: 0.3, extraValue: 'not-a-value', ageChance: 0.1 });

const plain = withoutListings;

for (const lang of ['en', 'cy']) {
  test(`the page engine, loading text search on demand, answers ${lang} queries exactly as the engine with it built in`, async () => {
    const core = new EngineCore(demo, { lang, now: () => NOW }).prepareAll();
    const page = createEngine(demo, { lang, now: () => NOW });
    const prebuilt = createEngine(demo, { lang, now: () => NOW, prebuiltIndex: serializeIndex(demo, { lang }) });
    try {
      for (const state of states(demo, 300, lang === 'en' ? 1 : 2)) {
        const expected = core.query(state, NOW);
        assert.deepEqual(plain(await page.query(state, NOW)), expected, JSON.stringify(state));
        assert.deepEqual((await prebuilt.query(state, NOW)).keys, expected.keys, JSON.stringify(state));
      }
      for (const prefix of ['lo', 'lon', 'wal', 'carer', 'mem', 'cerd', 'ar', 'hall']) {
        assert.deepEqual(await page.suggest(prefix), core.suggest(prefix), prefix);
      }
    } finally {
      page.dispose();
      prebuilt.dispose();
    }
  });
}

test('need words found from each phrase\'s matches (kept per feed) answer exactly as MiniSearch\'s own search of all the phrases', () => {
  const fast = new EngineCore(demo, { now: () => NOW }).prepareAll();
  // The same engine told that no phrase has raw matches (as with a MiniSearch
  // without its raw query) searches need words the usual way, with MiniSearch's search.
  const usual = new EngineCore(demo, { now: () => NOW });
  (usual as unknown as { textIndex: { hitsOf(): null } }).textIndex.hitsOf = () => null;
  usual.prepareAll();
  const needWords = [...buildVocabulary(demo.needs).phrases.keys()];
  assert.ok(needWords.length > 300);
  for (const q of [...needWords, 'lonely walk', 'tai chi cerdded', 'walking football', 'caring for someone money']) {
    const state: FinderState = { q, filters: {}, sort: 'relevance' };
    assert.deepEqual(fast.query(state, NOW), usual.query(state, NOW), q);
  }
});

test('a need word typed puts the listings that say it first, then what the need widens it to', () => {
  // "swimming" is one of physical activity's words: walks and chair exercise are found too, after the swimming.
  const engine = new EngineCore(demo, { now: () => NOW }).prepareAll();
  const result = engine.query({ q: 'swimming', filters: {}, sort: 'relevance', limit: 10 }, NOW);
  const names = result.keys.slice(0, 10).map((key) => {
    const name = demo.listings.find((l) => l.key === key)!.name;
    return typeof name === 'string' ? name : name.en ?? '';
  });
  const swims = names.filter((n) => /swim/i.test(n)).length;
  assert.ok(swims >= 5, names.join(' | '));
  assert.ok(names.slice(0, swims).every((n) => /swim/i.test(n)), names.join(' | '));
  assert.ok(result.total > swims, 'the need still widens the search');
});

test('every listing the need filter finds is found by typing the need word, which says what else it searched for', async () => {
  const page = createEngine(demo, { now: () => NOW });
  const first = await page.query({ q: '', filters: { need: ['loneliness'] }, sort: 'relevance', limit: 5 }, NOW);
  assert.ok(first.total > 0);
  const lonely = await page.query({ q: 'lonely', filters: {}, sort: 'relevance' }, NOW);
  assert.ok(lonely.expandedTerms?.includes('befriending'), 'a need word says what else it searched for');
  // Every listing tagged with the need is found by the need's word.
  assert.ok(first.keys.every((key) => lonely.keys.includes(key)));
  page.dispose();
});

test('a feed that extends a built-in need adds its synonyms after the built-in ones, and a new need has only its own', () => {
  const needs = [
    { id: 'loneliness', label: 'Feeling alone', synonyms: ['hermit', 'lonely'], categories: ['crafts'] },
    { id: 'loneliness', label: null as unknown as string, synonyms: ['recluse'] },
    { id: 'boats', label: { en: 'Boats', cy: 'Cychod' }, synonyms: ['sailing'], categories: ['music'] },
  ];
  const vocabulary = buildVocabulary(needs);
  assert.deepEqual(vocabulary.needs.get('loneliness')?.synonyms, [...NEED_SYNONYMS.loneliness!, 'hermit', 'recluse']);
  assert.equal(vocabulary.needs.get('loneliness')?.label, 'Feeling alone');
  assert.deepEqual(vocabulary.needs.get('boats')?.synonyms, ['sailing']);
  assert.deepEqual(expandQuery('hermit', vocabulary).needs, ['loneliness']);
  assert.deepEqual(expandQuery('sailing', vocabulary).needs, ['boats']);
  // The table the finder loads first has the same needs, labels and categories.
  const table = buildNeedTable(needs);
  assert.deepEqual([...table.needs.keys()], [...vocabulary.needs.keys()]);
  assert.deepEqual([...table.byCategory], [...vocabulary.byCategory]);
  assert.deepEqual(table.needs.get('loneliness')?.categories, vocabulary.needs.get('loneliness')?.categories);
});

test('"also searching for" lists the words of the page\'s language: Welsh ones on a Welsh page, English ones on an English page, a publisher\'s own on both', () => {
  const vocabulary = buildVocabulary([{ id: 'loneliness', label: 'Loneliness', synonyms: ['hiraeth club'] }]);
  const welsh = expandQuery('unig', vocabulary, 'cy').expandedTerms;
  const english = expandQuery('lonely', vocabulary, 'en').expandedTerms;
  for (const word of ['cyfeillio', 'bore coffi', 'clwb cinio']) assert.ok(welsh.includes(word), `${word} on the Welsh page: ${welsh.join(', ')}`);
  for (const word of ['befriending', 'lunch club', 'lonely']) assert.ok(!welsh.includes(word), `no ${word} on the Welsh page: ${welsh.join(', ')}`);
  for (const word of ['befriending', 'lunch club']) assert.ok(english.includes(word), `${word} on the English page`);
  for (const word of ['cyfeillio', 'bore coffi', 'unig']) assert.ok(!english.includes(word), `no ${word} on the English page: ${english.join(', ')}`);
  assert.ok(welsh.includes('hiraeth club') && english.includes('hiraeth club'), "the publisher's own word on both");
  // A word the need's label already says is not listed again after it.
  const builtIn = buildVocabulary();
  const lonely = expandQuery('lonely', builtIn, 'en').expandedTerms;
  assert.equal(lonely[0], 'loneliness and isolation');
  for (const word of ['loneliness', 'isolation']) assert.ok(!lonely.includes(word), `${word} is in the label: ${lonely.join(', ')}`);
  assert.ok(lonely.includes('isolated') && lonely.includes('befriending'));
  const unig = expandQuery('unig', builtIn, 'cy').expandedTerms;
  assert.ok(!unig.includes('unigrwydd'), `unigrwydd is in the Welsh label: ${unig.join(', ')}`);
  // The words of both languages are still searched for: a Welsh page's query finds English listings.
  assert.deepEqual(expandQuery('befriending', vocabulary, 'cy').needs, ['loneliness']);
  assert.deepEqual(expandQuery('cyfeillio', vocabulary, 'en').needs, ['loneliness']);
});

test('every built-in need has synonyms, and every synonym list belongs to a built-in need', () => {
  assert.deepEqual(Object.keys(NEED_SYNONYMS).sort(), DEFAULT_NEEDS.map((n) => n.id).sort());
  for (const need of DEFAULT_NEEDS) assert.ok(NEED_SYNONYMS[need.id]!.length > 0, need.id);
});
