// The finder's A to Z order (and the order of a facet's values): case, accents and
// punctuation do not count, a number counts by its value ("Hall 2" before "Hall 10"),
// and a name in plain ASCII sorts among accented ones as if it were written the same
// way. Names in ASCII take a shorter road to their sort key (core.ts's `sortKey`):
// the order must be the one the Unicode steps give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineCore } from '../src/engine/full.js';
import { normaliseFeed } from '../src/feed/index.js';
import { prng } from '../../../test/support/generate.js';

const NOW = new Date('2026-11-24T10:30:00Z');

/** The sort key the Unicode way, for every name: what the order must follow. */
const key = (name: string): string =>
  name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().replace(/\d+/g, (d) => d.padStart(8, '0'));

function namesInOrder(names: string[], categories: string[][] = names.map(() => [])): { listings: string[]; categories: string[] } {
  const data = normaliseFeed({
    version: '1',
    publisher: { name: 'Test' },
    listings: names.map((name, i) => ({ id: `l${i}`, kind: 'activity', name, categories: categories[i] })),
  });
  const core = new EngineCore(data, { now: () => NOW }).prepareAll();
  const result = core.query({ q: '', filters: {}, sort: 'name', limit: names.length }, NOW);
  return {
    listings: result.items.map((item) => core.listing(item.key)!.name as string),
    categories: (result.facets.category ?? []).map((f) => f.value),
  };
}

test('names sort by their letters and numbers: case, accents and punctuation aside, "Hall 2" before "Hall 10"', () => {
  const { listings } = namesInOrder(['hall 10', 'Hall 2', 'Café Nero', 'cafe bar', 'Ásda', 'asda walk', "St. Mary's", 'st marys hall', 'Zumba', '10 Pin', 'Ëel club', '  ', 'A--B', 'a b c']);
  assert.deepEqual(listings, ['10 Pin', 'A--B', 'a b c', 'Ásda', 'asda walk', 'cafe bar', 'Café Nero', 'Ëel club', 'Hall 2', 'hall 10', "St. Mary's", 'st marys hall', 'Zumba']);
});

test('names in ASCII and with accents, made at random, come out in the order of their Unicode sort keys', () => {
  const next = prng(16);
  const alphabet = ['a', 'B', 'é', 'E', 'e', '1', '2', '0', ' ', '-', "'", '.', 'ß', 'Ø', 'z', 'Z', '\t', '~', 'ñ', 'N'];
  const names = Array.from({ length: 400 }, (_, i) => {
    let s = String(i % 7 === 0 ? '' : 'x');
    for (let j = Math.floor(next() * 8) + 1; j > 0; j--) s += alphabet[Math.floor(next() * alphabet.length)];
    return s;
  });
  const categories = names.map((name) => [name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'none']);
  const { listings } = namesInOrder(names, categories);
  const keys = listings.map(key);
  for (let i = 1; i < keys.length; i++) assert.ok(keys[i - 1]! <= keys[i]!, `${JSON.stringify(listings[i - 1])} before ${JSON.stringify(listings[i])}`);
});

test('listings with the same name, or names the collator holds equal, keep the order of one sort by key, then collator, then listing id', () => {
  const next = prng(37);
  const pool = ['Walking group', 'walking group', 'Walking Group!', 'Café', 'Cafe', 'CAFÉ', 'café', 'Hall 2', 'Hall 10', 'hall 2', 'Ásda', 'asda', 'Zumba', 'St Anne’s', "St Anne's"];
  const names = Array.from({ length: 600 }, () => pool[Math.floor(next() * pool.length)]!);
  const data = normaliseFeed({
    version: '1',
    publisher: { name: 'Test' },
    listings: names.map((name, i) => ({ id: `l${String(Math.floor(next() * 1e6)).padStart(6, '0')}-${i}`, kind: 'activity', name })),
  });
  const core = new EngineCore(data, { now: () => NOW }).prepareAll();
  const got = core.query({ q: '', filters: {}, sort: 'name', limit: names.length }, NOW).items.map((item) => item.key);
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
  const expected = data.listings
    .map((l) => ({ key: l.key, name: l.name as string }))
    .sort((a, b) => {
      const x = key(a.name);
      const y = key(b.name);
      if (x !== y) return x < y ? -1 : 1;
      return (a.name === b.name ? 0 : collator.compare(a.name, b.name)) || (a.key < b.key ? -1 : 1);
    })
    .map((l) => l.key);
  assert.deepEqual(got, expected);
});
