// Node tests: names the feed chooses (stage lists, gazetteer codes) become keys of
// plain objects. "__proto__" among them must be an ordinary key the normaliser
// drops with a warning, never the object's prototype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseFeed } from '../src/feed/normalise.js';

const feed = (extra: string): unknown => ({
  version: '1', publisher: { name: 'P' },
  listings: [
    { id: 'hall', kind: 'asset', name: 'Hall' },
    { id: 'depot', kind: 'transfer', name: 'Depot', transfer: { assetType: 'land', status: 'available', stageList: 'custom' } },
  ],
  // JSON.parse, as a fetched feed is read: an object literal would set the prototype itself.
  ...(JSON.parse(extra) as object),
});

test('a stage list named "__proto__" is dropped with a warning, and the stage lists keep their prototype', () => {
  const data = normaliseFeed(feed('{"transferStages": {"__proto__": [{"id": "x", "label": "X"}], "custom": [{"id": "a", "label": "A"}]}}'));
  assert.equal(Object.getPrototypeOf(data.transferStages), Object.prototype);
  assert.deepEqual(Object.keys(data.transferStages), ['custom']);
  assert.deepEqual(data.transferStages.custom, [{ id: 'a', label: 'A' }]);
  assert.equal((data.transferStages as Record<string, unknown>).x, undefined);
  assert.deepEqual(data.listings.map((l) => l.transfer?.stageList), [undefined, 'custom']);
  const problems = data.problems.filter((p) => p.path.startsWith('$.transferStages'));
  assert.equal(problems.length, 1, JSON.stringify(data.problems));
  assert.equal(problems[0]!.severity, 'warning');
  assert.match(problems[0]!.path, /__proto__/);
  assert.match(problems[0]!.message, /__proto__/);
});

test('a gazetteer entry keyed "__proto__" is dropped with a warning, and the table keeps its prototype', () => {
  for (const part of ['districts', 'sectors', 'postcodes'] as const) {
    const data = normaliseFeed(feed(`{"gazetteer": {"${part}": {"__proto__": [52.6, -1.4], "NB1": [52.5, -1.3]}}}`));
    const table = data.gazetteer![part]!;
    assert.equal(Object.getPrototypeOf(table), Object.prototype, part);
    assert.deepEqual(Object.keys(table), ['NB1'], part);
    assert.equal((table as Record<string, unknown>)[0], undefined, part);
    const problems = data.problems.filter((p) => p.path.startsWith('$.gazetteer'));
    assert.equal(problems.length, 1, `${part}: ${JSON.stringify(data.problems)}`);
    assert.equal(problems[0]!.severity, 'warning');
    assert.match(problems[0]!.path, /__proto__/);
    assert.match(problems[0]!.message, /__proto__/);
  }
});

test('a text map with a "__proto__" language is read without it, with a warning', () => {
  const data = normaliseFeed(feed('{"listings": [{"id": "hall", "kind": "asset", "name": {"__proto__": "Neuadd", "en": "Hall"}}]}'));
  assert.deepEqual(data.listings[0]!.name, { en: 'Hall' });
  assert.equal(Object.getPrototypeOf(data.listings[0]!.name), Object.prototype);
  const problems = data.problems.filter((p) => p.path.includes('__proto__'));
  assert.equal(problems.length, 1, JSON.stringify(data.problems));
  assert.equal(problems[0]!.severity, 'warning');
});
