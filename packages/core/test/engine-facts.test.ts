// What the engine reads of each listing before its first page (core.ts's ListingFacts and
// nameOrder), for data made in code, which the normaliser never saw: a value a listing
// gives twice counts once, a value outside a fixed facet's list is no value of it, and
// listings of one name (or names the collator holds equal) come in the order of their keys.
// Counted and filtered against a plain reading of the listings, over more listings than
// one word of bits holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineCore } from '../src/engine/full.js';
import type { AtlasData, AtlasListing } from '../src/feed/normalised.js';
import { prng } from '../../../test/support/generate.js';

const NOW = new Date('2026-11-24T10:30:00Z');

function made(count: number, seed: number): AtlasData {
  const next = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const names = ['Hall', 'hall', 'Café', 'Cafe', 'CAFÉ', 'Walking group', 'Zumba', 'Hall 2', 'Hall 10'];
  const listings = Array.from({ length: count }, (_, i): AtlasListing => {
    const category = pick(['arts', 'sport', 'food', 'money']);
    return {
      // Keys out of their index order, so that a name's listings must be put in key order.
      key: `k${String(Math.floor(next() * 1e6)).padStart(7, '0')}-${i}`,
      publisherId: 'p',
      kind: pick(['activity', 'asset']),
      name: pick(names),
      // A value given twice, now and then; a referral outside the fixed list, now and then.
      categories: next() < 0.3 ? [category, category] : [category],
      needs: [],
      keywords: [],
      accessibility: [],
      languages: [],
      referral: next() < 0.2 ? ['self', 'carrier pigeon', 'self'] : [pick(['self', 'professional', 'drop-in'])],
      delivery: [],
      areas: [],
      schedule: [],
    } as unknown as AtlasListing;
  });
  return { publishers: [{ name: 'Test', id: 'p' }], licences: [], languages: ['en'], needs: [], areas: [], transferStages: {}, listings, problems: [], skipped: 0 } as unknown as AtlasData;
}

test('a value a listing gives twice counts once, and one outside a fixed facet\'s list is no value of it', () => {
  const data = made(203, 5);
  const core = new EngineCore(data, { now: () => NOW }).prepareAll();
  const all = core.query({ q: '', filters: {}, sort: 'name', limit: 1000 }, NOW);
  const count = (facet: 'category' | 'referral', value: string): number => all.facets[facet]!.find((f) => f.value === value)?.count ?? -1;
  for (const value of ['arts', 'sport', 'food', 'money']) {
    assert.equal(count('category', value), data.listings.filter((l) => l.categories.includes(value)).length, value);
  }
  for (const value of ['self', 'professional', 'drop-in']) {
    assert.equal(count('referral', value), data.listings.filter((l) => (l.referral as string[]).includes(value)).length, value);
  }
  assert.deepEqual(all.facets.referral!.map((f) => f.value), ['self', 'drop-in', 'professional']);
  for (const value of ['arts', 'money']) {
    const found = core.query({ q: '', filters: { category: [value] }, sort: 'name', limit: 1000 }, NOW);
    assert.deepEqual(new Set(found.items.map((item) => item.key)), new Set(data.listings.filter((l) => l.categories.includes(value)).map((l) => l.key)), value);
  }
});

test('listings of one name, or of names the collator holds equal, come in the order of their keys', () => {
  const data = made(203, 9);
  const core = new EngineCore(data, { now: () => NOW }).prepareAll();
  const got = core.query({ q: '', filters: {}, sort: 'name', limit: 1000 }, NOW).items.map((item) => item.key);
  const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });
  const fold = (name: string): string => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\d+/g, (d) => d.padStart(8, '0'));
  const expected = data.listings
    .map((l) => ({ key: l.key, name: l.name as string }))
    .sort((a, b) => (fold(a.name) < fold(b.name) ? -1 : fold(a.name) > fold(b.name) ? 1 : 0) || (a.name === b.name ? 0 : collator.compare(a.name, b.name)) || (a.key < b.key ? -1 : 1))
    .map((l) => l.key);
  assert.deepEqual(got, expected);
});
