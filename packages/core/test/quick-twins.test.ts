// Sessions, schedules and opening hours written the same are one object in what
// the quick check gives (quick.ts's `twin`), and the engine groups listings by
// those objects before it writes any as JSON (core.ts's `readListing`). Neither
// may change an answer: the data is still the normaliser's (deep-equal, the same
// JSON), and the engine's schedule groups, columns and answers are the same as
// for the normaliser's data, where no two listings share a session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseFeed } from '../src/feed/normalise.js';
import { quickFeed } from '../src/feed/quick.js';
import { EngineCore } from '../src/engine/full.js';
import type { AtlasData } from '../src/feed/normalised.js';
import type { FinderState } from '../src/engine/types.js';
import { generateFeed, prng } from '../../../test/support/generate.js';

const NOW = new Date('2026-11-24T10:30:00Z');

const weekly = { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' };
const hours = { mo: '09:00-17:00', tu: '09:00-17:00' };
const feed = (): unknown => ({
  version: '1',
  publisher: { name: 'Northbridge Borough Council' },
  listings: [
    // Written in the normaliser's order and not: each kept or rebuilt, and the same either way.
    { id: 'a', kind: 'activity', name: 'Walk', schedule: [{ start: '10:00', end: '11:00', rrule: 'FREQ=WEEKLY;BYDAY=TU' }] },
    { id: 'b', kind: 'activity', name: 'Walk too', schedule: [weekly] },
    // The same session twice in one list: two sessions, as the normaliser keeps them.
    { id: 'c', kind: 'activity', name: 'Twice', schedule: [weekly, { ...weekly }] },
    // A session with a place is its own.
    { id: 'd', kind: 'activity', name: 'Placed', schedule: [{ ...weekly, place: 'Hall' }] },
    { id: 'e', kind: 'asset', name: 'Hall', openingHours: hours },
    { id: 'f', kind: 'asset', name: 'Hall too', openingHours: { ...hours } },
    { id: 'g', kind: 'asset', name: 'Noted', openingHours: { ...hours, notes: 'Closed on bank holidays' } },
    { id: 'h', kind: 'asset', name: 'Both', schedule: [weekly], openingHours: hours },
    { id: 'i', kind: 'asset', name: 'Nothing' },
  ],
});

test('sessions, schedules and opening hours written the same are one object, and the data is still the normaliser\'s', () => {
  const quick = quickFeed(feed())!;
  const exact = normaliseFeed(feed());
  assert.ok(quick, 'the quick check accepts the feed');
  assert.deepStrictEqual(quick, exact);
  assert.equal(JSON.stringify(quick), JSON.stringify(exact));
  const by = new Map(quick.listings.map((l) => [l.key, l]));
  assert.equal(by.get('a')!.schedule, by.get('b')!.schedule, 'the same sessions: one list');
  assert.equal(by.get('a')!.schedule, by.get('h')!.schedule);
  assert.equal(by.get('c')!.schedule.length, 2);
  assert.equal(by.get('c')!.schedule[0], by.get('a')!.schedule[0], 'the same session: one object');
  assert.equal(by.get('c')!.schedule[1], by.get('a')!.schedule[0]);
  assert.notEqual(by.get('d')!.schedule[0], by.get('a')!.schedule[0], 'a session with a place is its own');
  assert.equal(by.get('e')!.openingHours, by.get('f')!.openingHours, 'the same hours: one object');
  assert.notEqual(by.get('g')!.openingHours, by.get('e')!.openingHours, 'hours with notes are their own');
  assert.notEqual(by.get('i')!.schedule, by.get('e')!.schedule, 'an empty schedule is the listing\'s own');
  // The feed's own objects are not changed.
  const given = feed() as { listings: { schedule?: unknown[] }[] };
  const before = JSON.stringify(given);
  quickFeed(given);
  assert.equal(JSON.stringify(given), before);
});

/** What an engine over `data` says: its columns (schedule groups among them) and a few answers. */
function engineSays(data: AtlasData): unknown {
  const core = new EngineCore(data, { now: () => NOW }).prepareAll();
  // Two scheduled listings are in one schedule group exactly when their schedule and opening hours are the same JSON.
  const { order, group } = core.exportColumns();
  const groupOf = new Map<string, number>();
  order.forEach((i, p) => {
    if (group[p] === -1) return;
    const listing = data.listings[i]!;
    const text = JSON.stringify([listing.schedule, listing.openingHours]);
    if (!groupOf.has(text)) groupOf.set(text, group[p]!);
    assert.equal(group[p], groupOf.get(text), `${listing.key}: in the group of its schedule`);
  });
  assert.equal(new Set(groupOf.values()).size, groupOf.size, 'a group for each schedule');
  const states: FinderState[] = [
    { q: '', filters: {}, sort: 'relevance', limit: 30 },
    { q: '', filters: { when: ['today'] }, sort: 'next', limit: 30 },
    { q: '', filters: { day: ['tu', 'sa'], time: ['morning'] }, sort: 'name', limit: 30 },
  ];
  const answers = states.map((state) => core.query(state, NOW));
  return JSON.parse(JSON.stringify({ columns: core.exportColumns({ slots: true }), answers }));
}

test('the engine groups listings by shared schedules exactly as by their JSON: the same columns and answers as for the normaliser\'s data', () => {
  for (const json of [feed(), generateFeed(600), generateFeed(1500, 7)]) {
    const quick = quickFeed(structuredClone(json));
    assert.ok(quick, 'the quick check accepts the feed');
    assert.deepStrictEqual(engineSays(quick), engineSays(normaliseFeed(structuredClone(json))));
  }
});

test('an engine given data made in code, with schedules shared, copied or empty in other ways, groups as by JSON', () => {
  const next = prng(1207);
  const session = (): Record<string, string> => ({ start: next() < 0.5 ? '10:00' : '18:30', end: '20:00', rrule: next() < 0.5 ? 'FREQ=WEEKLY;BYDAY=MO' : 'FREQ=WEEKLY;BYDAY=SA' });
  const shared = [session(), session()];
  const sharedHours = { we: '09:00-12:00' };
  const listings = Array.from({ length: 300 }, (_, i) => {
    const pick = next();
    const schedule = pick < 0.3 ? shared : pick < 0.5 ? shared.map((s) => ({ ...s })) : pick < 0.7 ? [] : pick < 0.8 ? undefined : [session()];
    const openingHours = next() < 0.3 ? sharedHours : next() < 0.5 ? { ...sharedHours } : undefined;
    return { key: `k${i}`, id: `k${i}`, kind: 'activity', name: `Listing ${i}`, ...(schedule ? { schedule } : {}), ...(openingHours ? { openingHours } : {}) };
  });
  const data = { ...normaliseFeed({ version: '1', publisher: { name: 'Test' }, listings: [{ id: 'x', kind: 'asset', name: 'X' }] }), listings } as unknown as AtlasData;
  // Every listing its own copies: grouped by JSON alone.
  const copied = { ...data, listings: structuredClone(listings) } as unknown as AtlasData;
  assert.deepStrictEqual(engineSays(data), engineSays(copied));
});
