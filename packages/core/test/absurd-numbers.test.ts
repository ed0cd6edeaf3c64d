// Issue 18, item 6: absurd numbers are problems, not values. A cost of 1e308 or a
// transfer outline with a corner at 1e10 degrees is a broken export, never a real
// price or place; both readers (the quick check and the normaliser) follow the one
// table in feed/rules.ts, so the quick check leaves such a feed to the normaliser,
// which drops the value and says where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseFeed } from '../src/feed/normalise.js';
import { quickFeed } from '../src/feed/quick.js';
import { MAX_COST, MAX_PRICE } from '../src/feed/rules.js';

const feedWith = (listing: Record<string, unknown>): Record<string, unknown> => ({
  version: '1',
  publisher: { name: 'Northbridge Borough Council' },
  listings: [{ id: 'x', name: 'X', ...listing }],
});

const square = (corner: [number, number]): number[][][] => [[[-1.21, 52.11], corner, [-1.2, 52.12], [-1.21, 52.11]]];

test('a cost of 1e308 or a guide price of a trillion is dropped and reported at its path; the quick check leaves it to the normaliser', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['cost 1e308', { kind: 'activity', cost: { amount: 1e308, per: 'session' } }, '$.listings[0].cost.amount'],
    ['cost one over the limit', { kind: 'activity', cost: { amount: MAX_COST + 1, per: 'year' } }, '$.listings[0].cost.amount'],
    ['guide price 1e12', { kind: 'transfer', transfer: { assetType: 'hall', status: 'available', guidePrice: 1e12 } }, '$.listings[0].transfer.guidePrice'],
    ['guide rent over the limit', { kind: 'transfer', transfer: { assetType: 'hall', status: 'available', guideRent: MAX_PRICE * 2 } }, '$.listings[0].transfer.guideRent'],
  ];
  for (const [label, listing, path] of cases) {
    const feed = feedWith(listing);
    assert.equal(quickFeed(structuredClone(feed)), undefined, `${label}: the quick check leaves it to the normaliser`);
    const data = normaliseFeed(structuredClone(feed));
    assert.equal(data.listings.length, 1, `${label}: the listing is kept`);
    const l = data.listings[0]!;
    assert.equal(l.cost?.amount ?? l.transfer?.guidePrice ?? l.transfer?.guideRent, undefined, `${label}: the number is dropped`);
    const problem = data.problems.find((p) => p.path === path);
    assert.ok(problem, `${label}: reported at ${path}; got ${JSON.stringify(data.problems)}`);
    assert.equal(problem.code, 'out-of-range');
    assert.match(problem.message, /dropped/);
  }
  // What is plausible stays as it is, down to the quick path.
  const fine = feedWith({ kind: 'activity', cost: { amount: MAX_COST, per: 'year' } });
  assert.equal(quickFeed(structuredClone(fine))?.listings[0]?.cost?.amount, MAX_COST);
  assert.deepEqual(normaliseFeed(fine).problems, []);
});

test('a transfer outline with a corner at ±1e10 degrees is dropped and reported at that corner; the quick check leaves it to the normaliser', () => {
  const place = { postcode: 'NB1 3BB', lat: 52.11, lng: -1.21 };
  const transfer = { assetType: 'land', status: 'available' };
  const cases: [string, unknown, string][] = [
    ['longitude 1e10', { type: 'Polygon', coordinates: square([1e10, 52.11]) }, '$.listings[0].location.outline.coordinates[0][1][0]'],
    ['latitude -1e10', { type: 'Polygon', coordinates: square([-1.2, -1e10]) }, '$.listings[0].location.outline.coordinates[0][1][1]'],
    ['a multipolygon corner at 1e10', { type: 'MultiPolygon', coordinates: [square([-1.2, 52.11]), square([-1.2, 1e10])] }, '$.listings[0].location.outline.coordinates[1][0][1][1]'],
    ['a corner that is not a pair of numbers', { type: 'Polygon', coordinates: [[[-1.21, 52.11], ['a', 'b'], [-1.2, 52.12], [-1.21, 52.11]]] }, '$.listings[0].location.outline.coordinates[0][1][0]'],
  ];
  for (const [label, outline, path] of cases) {
    const feed = feedWith({ kind: 'transfer', transfer, location: { ...place, outline } });
    assert.equal(quickFeed(structuredClone(feed)), undefined, `${label}: the quick check leaves it to the normaliser`);
    const data = normaliseFeed(structuredClone(feed));
    const location = data.listings[0]?.location;
    assert.ok(location, `${label}: the listing and its place are kept`);
    assert.equal(location.outline, undefined, `${label}: the outline is dropped`);
    assert.equal(location.postcode, 'NB1 3BB');
    const problem = data.problems.find((p) => p.path === path);
    assert.ok(problem, `${label}: reported at ${path}; got ${JSON.stringify(data.problems.map((p) => p.path))}`);
    assert.match(problem.message, /outline dropped/);
  }
  const fine = feedWith({ kind: 'transfer', transfer, location: { ...place, outline: { type: 'Polygon', coordinates: square([-1.2, 52.11]) } } });
  // The quick check leaves every outline to the normaliser (see quick.ts), which keeps a real one.
  const kept = normaliseFeed(fine);
  assert.deepEqual(kept.problems, []);
  assert.deepEqual(kept.listings[0]?.location?.outline, (fine.listings as { location: { outline: unknown } }[])[0]!.location.outline);
});
