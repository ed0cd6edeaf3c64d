// The page engine loads the sorts by distance, next session and deadline, the
// distance, age and map-area filters and the zero-result hints (engine/extras.ts)
// only when a state needs them; the worker and Node attach them at once. Every
// state must be answered the same either way, whether it is an engine's first
// question (the extras not yet loaded) or a later one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateFeed, prng as random } from '../../../test/support/generate.js';
import { createEngine } from '../src/engine/engine.js';
import { FilterCore, planFor } from '../src/engine/core.js';
import { EngineCore } from '../src/engine/full.js';
import { deadlineReader } from '../src/engine/deadlines.js';
import { deadlineState } from '../src/transfer/deadline.js';
import { FACET_IDS, type FinderState } from '../src/engine/types.js';
import { normaliseFeed } from '../src/feed/index.js';
import type { AtlasData } from '../src/feed/normalised.js';
import { withoutListings } from '../../../test/support/engine.js';

const demo = normaliseFeed(JSON.parse(readFileSync(new URL('../../../demo/feed.json', import.meta.url), 'utf8')));
const generated = normaliseFeed(generateFeed(1500, 11));
const NOW = new Date('2026-11-24T10:30:00Z');

const SORTS = ['relevance', 'distance', 'next', 'name', 'deadline'] as const;
const WORDS = ['walk', 'lonely', 'choir', 'hall', 'zzzqx', 'library', 'garden'];

/** States that often find nothing: several filters, values no listing has, small map areas, ages and radii. */
function states(data: AtlasData, count: number, seed: number): FinderState[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const all = new EngineCore(data, { now: () => NOW }).prepareAll().query({ q: '', filters: {}, sort: 'relevance' }, NOW);
  const values: Record<string, string[]> = {};
  for (const [facet, list] of Object.entries(all.facets)) values[facet] = [...list!.map((f) => f.value), 'not-a-value'];
  const points = data.listings.flatMap((l) => (l.location?.lat !== undefined && l.location.lng !== undefined ? [{ lat: l.location.lat, lng: l.location.lng }] : []));
  return Array.from({ length: count }, () => {
    const state: FinderState = { q: next() < 0.2 ? pick(WORDS) : '', filters: {}, sort: pick(SORTS) };
    for (let i = Math.floor(next() * 4); i > 0; i--) {
      const facet = pick(FACET_IDS);
      const options = values[facet] ?? [];
      if (options.length) state.filters[facet] = next() < 0.3 ? [pick(options), pick(options)] : [pick(options)];
    }
    const at = points.length ? pick(points) : { lat: 52.6, lng: -1.45 };
    if (next() < 0.4) state.near = { lat: at.lat + (next() - 0.5) * 0.05, lng: at.lng + (next() - 0.5) * 0.05 };
    if (next() < 0.2) state.age = Math.floor(next() * 100);
    if (next() < 0.2) {
      const size = next() * 0.05;
      state.bounds = [at.lat - size, at.lng - size, at.lat + size, at.lng + size];
    }
    if (next() < 0.6) state.limit = pick([10, 20, 50]);
    return state;
  });
}

const plain = withoutListings;

for (const [name, data] of [['demo', demo], ['generated', generated]] as const) {
  test(`the page engine, loading the extras when a state needs them, answers as the engine with them built in (${name} feed)`, async () => {
    const core = new EngineCore(data, { now: () => NOW }).prepareAll();
    const page = createEngine(data, { now: () => NOW });
    const seen = { relax: 0, sorts: new Set<string>(), near: 0, bounds: 0, age: 0 };
    try {
      const list = states(data, 250, name === 'demo' ? 3 : 4);
      for (const [i, state] of list.entries()) {
        const expected = core.query(state, NOW);
        if (expected.relax?.length) seen.relax++;
        if (expected.total > 1) seen.sorts.add(state.sort);
        if (state.near) seen.near++;
        if (state.bounds) seen.bounds++;
        if (state.age !== undefined) seen.age++;
        assert.deepEqual(plain(await page.query(state, NOW)), expected, JSON.stringify(state));
        if (i % 10 === 0) {
          // An engine's first question, before anything has loaded the extras.
          const fresh = createEngine(data, { now: () => NOW });
          try {
            assert.deepEqual(plain(await fresh.query(state, NOW)), expected, `first question: ${JSON.stringify(state)}`);
          } finally {
            fresh.dispose();
          }
        }
      }
    } finally {
      page.dispose();
    }
    // The states covered what the extras do.
    assert.ok(seen.relax >= 20, `zero results with hints: ${seen.relax}`);
    assert.deepEqual([...seen.sorts].sort(), [...SORTS].sort());
    assert.ok(seen.near >= 50 && seen.bounds >= 20 && seen.age >= 20, JSON.stringify(seen));
  });
}

test('an engine whose first question finds nothing gives the hints, and sorting by distance first gives the nearest first', async () => {
  const core = new EngineCore(demo, { now: () => NOW }).prepareAll();
  const nothing: FinderState = { q: '', filters: { cost: ['free'], kind: ['transfer'], day: ['su'] }, sort: 'relevance' };
  const expected = core.query(nothing, NOW);
  assert.equal(expected.total, 0);
  assert.ok(expected.relax && expected.relax.length > 0);
  const first = createEngine(demo, { now: () => NOW });
  assert.deepEqual((await first.query(nothing, NOW)).relax, expected.relax);
  first.dispose();

  const near: FinderState = { q: '', filters: {}, sort: 'distance', near: { lat: 52.6, lng: -1.45 } };
  const byDistance = createEngine(demo, { now: () => NOW });
  const result = await byDistance.query(near, NOW);
  byDistance.dispose();
  assert.deepEqual(result.keys, core.query(near, NOW).keys);
  const miles = result.items.map((item) => item.distance ?? Infinity);
  assert.deepEqual(miles, [...miles].sort((a, b) => a - b));
});

test('each question is planned before it is asked: a core without the extras answers every state planFor says needs none, and the plan never asks for less than the answer uses', () => {
  for (const data of [demo, generated]) {
    const full = new EngineCore(data, { now: () => NOW }).prepareAll();
    // Without extras or text: what the page's engine holds before its first answer.
    const bare = new FilterCore(data, { now: () => NOW });
    bare.attachDeadlines(deadlineReader(deadlineState));
    bare.prepareAll();
    const first: FinderState[] = [
      { q: '', filters: {}, sort: 'relevance' }, { q: '  ', filters: {}, sort: 'name' }, { q: '', filters: { day: [] }, sort: 'relevance', limit: 20 },
      { q: '', filters: {}, sort: 'relevance', open: data.listings[0]!.key },
    ];
    for (const state of first) {
      assert.deepEqual(planFor(state), { text: false, extras: false }, JSON.stringify(state));
      assert.deepEqual(bare.query(state, NOW), full.query(state, NOW), JSON.stringify(state));
    }
    let planned = 0;
    for (const state of states(data, 400, 9)) {
      const plan = planFor(state);
      if (plan.extras) {
        planned++;
        continue;
      }
      // The plan said no extras: the core without them must answer (it throws if it reaches for them).
      assert.deepEqual(bare.query(state, NOW), full.query(state, NOW), JSON.stringify(state));
    }
    assert.ok(planned > 300, `states that need the extras: ${planned}`);
    assert.equal(planFor({ q: 'walk', filters: {}, sort: 'relevance' }).text, true);
    assert.equal(planFor({ q: 'walk', filters: {}, sort: 'relevance' }).extras, true);
  }
});
