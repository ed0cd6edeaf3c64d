// The default needs' Welsh labels load apart from their English ones (the
// finder's first chunk carries only English): text search and the Welsh strings
// add them back, and a feed's own label still wins.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineCore } from '../src/engine/full.js';
import { normaliseFeed } from '../src/feed/index.js';
import { NEED_LABELS_CY } from '../src/vocabulary/needs-cy.js';
import { DEFAULT_NEEDS, buildNeedTable, needLabel } from '../src/vocabulary/needs.js';
import { buildVocabulary, expandQuery } from '../src/vocabulary/synonyms.js';

test('every default need has a Welsh label, and every Welsh label names a default need', () => {
  assert.deepEqual(Object.keys(NEED_LABELS_CY).sort(), DEFAULT_NEEDS.map((n) => n.id).sort());
  for (const need of DEFAULT_NEEDS) assert.notEqual(NEED_LABELS_CY[need.id], needLabel(need, 'en'), need.id);
});

test('text search names the default needs in Welsh, finds them by their Welsh labels, and keeps a feed’s own label', () => {
  const vocabulary = buildVocabulary([
    { id: 'loneliness', label: { en: 'Feeling alone' } },
    { id: 'sleep', label: null as unknown as string, synonyms: ['insomnia'] },
  ]);
  assert.equal(needLabel(vocabulary.needs.get('carers'), 'cy'), 'Gofalu am rywun');
  assert.equal(needLabel(vocabulary.needs.get('carers'), 'cy-GB'), 'Gofalu am rywun');
  assert.equal(needLabel(vocabulary.needs.get('carers'), 'en'), 'Caring for someone');
  // A feed need with a known id and no label keeps the default's, Welsh included.
  assert.equal(needLabel(vocabulary.needs.get('sleep'), 'cy'), 'Cwsg');
  // A feed's relabel stands as written: English only, so Welsh pages show its English.
  assert.equal(needLabel(vocabulary.needs.get('loneliness'), 'cy'), 'Feeling alone');
  assert.deepEqual(expandQuery('gofalu am rywun', vocabulary).needs, ['carers']);
  assert.deepEqual(expandQuery('profedigaeth a cholled', vocabulary, 'cy').needs, ['bereavement']);
});

test('the table the finder loads first has no Welsh labels', () => {
  for (const entry of buildNeedTable().needs.values()) assert.equal(needLabel(entry, 'cy'), needLabel(entry, 'en'), entry.id);
});

test('Welsh suggestions name needs in Welsh', () => {
  const data = normaliseFeed({
    publisher: { name: 'Test' },
    listings: [{ id: 'a', kind: 'asset', name: 'Carers’ café', description: 'A place for carers.', needs: ['carers'], location: { address: 'Hall', lat: 52.4, lng: -1.5 } }],
  });
  const suggestions = new EngineCore(data, { lang: 'cy' }).prepareAll().suggest('gofal');
  assert.ok(suggestions.some((s) => s.type === 'need' && s.text === 'Gofalu am rywun'), JSON.stringify(suggestions));
});

test('a Welsh resident’s everyday words for what they want to do name the same need as the English words', () => {
  const vocabulary = buildVocabulary([]);
  const pairs: [string, string][] = [
    ['nofio', 'swimming'], ['ioga', 'yoga'], ['dawnsio', 'dance'], ['beicio', 'cycling'], ['campfa', 'gym'], ['cadw’n heini', 'keep fit'],
    ['bore coffi', 'coffee morning'], ['clwb cinio', 'lunch club'], ['crefftau', 'crafts'], ['gwau', 'knitting'], ['rhandir', 'allotment'],
    ['llyfrgell', 'library'], ['darllen', 'reading'], ['aros a chwarae', 'stay and play'], ['ffôn clyfar', 'smartphone'], ['caffi cof', 'memory cafe'],
    ['costau byw', 'cost of living'], ['oergell gymunedol', 'community fridge'],
  ];
  for (const [cy, en] of pairs) {
    const needs = expandQuery(en, vocabulary).needs;
    assert.ok(needs.length, en);
    assert.deepEqual(expandQuery(cy, vocabulary, 'cy').needs, needs, `${cy} and ${en}`);
  }
});

test('on a Welsh page, “nofio” finds an English-only feed’s swimming first, then the rest of physical activity, as “swimming” does', () => {
  const place = { address: 'Hall', lat: 52.4, lng: -1.5 };
  const data = normaliseFeed({
    publisher: { name: 'Test' },
    listings: [
      { id: 'aqua', kind: 'activity', name: 'Aqua fit', summary: 'Gentle swimming exercises at the leisure centre.', location: place },
      { id: 'chair', kind: 'activity', name: 'Chair exercise', description: 'Seated exercise for all.', location: place },
      { id: 'debt', kind: 'asset', name: 'Debt advice', description: 'Help with bills.', location: place },
      { id: 'swim', kind: 'activity', name: 'Swimming for over-60s', description: 'Lengths at the pool.', location: place },
      { id: 'walk', kind: 'activity', name: 'Abbey health walk', description: 'A walk of an hour.', location: place },
    ],
  });
  const ids = (q: string, lang: string): string[] => {
    const engine = new EngineCore(data, { lang }).prepareAll();
    return engine.query({ q, filters: {}, sort: 'relevance', limit: 10 }).keys.map((key) => data.listings.find((l) => l.key === key)!.id);
  };
  const welsh = ids('nofio', 'cy');
  assert.deepEqual(welsh.slice(0, 2).sort(), ['aqua', 'swim'], welsh.join(' '));
  assert.deepEqual(welsh.slice(2).sort(), ['chair', 'walk'], welsh.join(' '));
  assert.deepEqual(welsh, ids('swimming', 'en'));
});
