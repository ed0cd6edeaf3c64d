// The quick check's promise, tested: whenever quickFeed accepts a feed,
// normaliseFeed gives the same data (deep-equal) and no problems. Checked on every
// feed fixture in the repository and on thousands of random mutations of them
// (wrong types, whitespace, long text, bad and hostile links, off-globe
// coordinates, duplicate ids, missing, unknown and empty fields, loose dates,
// times, postcodes and enumerated values), and on what `atlas build` writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseFeed, type NormaliseOptions } from '../src/feed/normalise.js';
import { quickFeed, quickParts } from '../src/feed/quick.js';
import { prng as random } from '../../../test/support/generate.js';
import { EngineCore } from '../src/engine/full.js';
import { summarise, type FinderState } from '../src/engine/types.js';
import type { AtlasData } from '../src/feed/normalised.js';
import { mapColumnsOf } from '../src/location/map-points.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Feedish = { [key: string]: Json } & { listings: Json[] };

async function jsonFiles(dir: string): Promise<[string, Json][]> {
  const out: [string, Json][] = [];
  for (const name of (await readdir(join(root, dir))).filter((f) => f.endsWith('.json')).sort()) {
    try {
      out.push([`${dir}/${name}`, JSON.parse((await readFile(join(root, dir, name), 'utf8')).replace(/^\uFEFF/, '')) as Json]);
    } catch {
      // not-json.json and truncated.json: the fault finder's business, not this check's.
    }
  }
  return out;
}

const fixtures = async (): Promise<[string, Json][]> => [
  ...(await jsonFiles('test/fixtures/feeds')),
  ...(await jsonFiles('packages/elements/test-fixtures')),
  ['demo/feed.json', JSON.parse(await readFile(join(root, 'demo/feed.json'), 'utf8')) as Json],
];

const OPTIONS: NormaliseOptions[] = [{}, { source: 'feeds/northbridge.json' }, { source: 'https://example.org/feeds/x.json', baseUrl: 'https://example.org/feeds/x.json' }];

/** Checks the promise for one input; true when quickFeed accepted it. */
function holds(input: unknown, options: NormaliseOptions, label: string): boolean {
  const quick = quickFeed(structuredClone(input), options);
  if (!quick) return false;
  const exact = normaliseFeed(structuredClone(input), options);
  assert.deepEqual(exact.problems, [], `${label}: quickFeed accepted a feed the normaliser reports problems in`);
  assert.deepStrictEqual(quick, exact, `${label}: quickFeed's data differs from normaliseFeed's`);
  // The same keys in the same order, so JSON of the data is the same too.
  assert.equal(JSON.stringify(quick), JSON.stringify(exact), `${label}: key order differs`);
  partsHold(structuredClone(input), options, quick, label);
  return true;
}

const PARTS_NOW = new Date('2026-11-24T10:30:00Z');
/** What the worker asks before the whole check has settled: pages of results with no words (engine/worker.ts). */
const EARLY_STATES: FinderState[] = [
  { q: '', filters: {}, sort: 'relevance' },
  { q: '', filters: {}, sort: 'next' },
  { q: '', filters: {}, sort: 'distance', near: { lat: 52.24, lng: -0.89 } },
  { q: '', filters: {}, sort: 'name', age: 30 },
  { q: '', filters: { delivery: ['in-person'], when: ['week'] }, sort: 'relevance' },
];
/** The engine's preparation up to its first answer, as the worker drives it (the text index after). */
const filtersOf = (core: EngineCore): EngineCore => {
  for (const steps = core.prepare(); !core.filtersReady && !steps.next().done;);
  return core;
};

/**
 * The worker's first answers for a feed the check accepts (`quickParts`): an engine made from the
 * listings as parsed, read as the check gives them, answers as one made from the checked listings;
 * each listing checked alone is the checked one; and once the engine takes the checked listings, it
 * holds them. `checked`: quickFeed's data for `json`.
 */
function partsHold(json: unknown, options: NormaliseOptions, checked: AtlasData, label: string): void {
  const parts = quickParts(json, options);
  assert.ok(parts, `${label}: quickParts gave nothing for a feed the check accepts`);
  const { listings: _parsed, ...head } = parts.data;
  const { listings, ...checkedHead } = checked;
  assert.deepStrictEqual(head, checkedHead, `${label}: the data besides listings`);
  assert.deepEqual(parts.keys, listings.map((l) => l.key), `${label}: keys`);
  assert.deepEqual(parts.kinds, summarise(listings).kinds, `${label}: kinds`);
  listings.forEach((l, i) => assert.deepStrictEqual(parts.one(i), l, `${label}: listing ${i} checked alone`));
  const early = filtersOf(new EngineCore(parts.data, { now: () => PARTS_NOW, asChecked: parts }));
  const exact = filtersOf(new EngineCore(checked, { now: () => PARTS_NOW }));
  for (const state of EARLY_STATES) assert.deepStrictEqual(early.query(state, PARTS_NOW), exact.query(state, PARTS_NOW), `${label}: ${JSON.stringify(state)} before the whole check`);
  early.adoptChecked(listings);
  // The text index, then, as the worker builds it: from the checked listings.
  for (const core of [early, exact]) for (const _ of core.prepare()) void _;
  for (const l of listings) assert.equal(early.listing(l.key), l, `${label}: ${l.key} once checked`);
  assert.deepStrictEqual(early.query({ q: 'a', filters: {}, sort: 'relevance' }, PARTS_NOW), exact.query({ q: 'a', filters: {}, sort: 'relevance' }, PARTS_NOW), `${label}: words once checked`);
}

/**
 * The map's points before the whole check has settled (`places`, what the worker sends), with `steps`
 * of the check run: when every listing is placed, each is one the normaliser keeps (never one it skips),
 * with the same point, whether or not the whole check passes. True when every listing was placed.
 */
function placesHold(json: unknown, options: NormaliseOptions, label: string, steps = 0): boolean {
  const parts = quickParts(structuredClone(json), options);
  for (let k = 0; k < steps; k++) parts?.steps.next();
  const placed = parts?.places(parts.keys.map((_, i) => i));
  if (!placed) return false;
  const exact = normaliseFeed(structuredClone(json), options);
  const byKey = new Map(exact.listings.map((l) => [l.key, l]));
  const kept = placed.map((p) => byKey.get(p.key)!);
  assert.deepEqual(placed.filter((_, k) => !kept[k]).map((p) => p.key), [], `${label}: placed before the whole check, but skipped by the normaliser`);
  assert.deepStrictEqual(mapColumnsOf(placed), mapColumnsOf(kept), `${label}: the points before the whole check are the normaliser's`);
  return true;
}

// Every field name the normaliser reads, so mutations reach fields a fixture lacks.
const FIELDS = [
  'version', 'publisher', 'name', 'id', 'url', 'email', 'feedbackUrl', 'updated', 'licence', 'languages', 'vocabulary', 'needs', 'categories',
  'label', 'synonyms', 'areas', 'type', 'transferStages', 'default', 'gazetteer', 'districts', 'sectors', 'postcodes', 'attribution', 'listings',
  'kind', 'summary', 'description', 'organisation', 'charityNumber', 'keywords', 'audience', 'ageMin', 'ageMax', 'gender', 'cost', 'free', 'amount',
  'per', 'help', 'personalBudget', 'referral', 'howToJoin', 'companionWelcome', 'accessibility', 'accessibilityNotes', 'delivery', 'location',
  'precision', 'address', 'postcode', 'lat', 'lng', 'radius', 'uprn', 'outline', 'coordinates', 'directions', 'schedule', 'rrule', 'date', 'until',
  'except', 'start', 'end', 'place', 'notes', 'openingHours', 'mo', 'tu', 'sa', 'su', 'contact', 'phone', 'textphone', 'lastVerified', 'transfer',
  'assetType', 'status', 'stageList', 'stages', 'currentStage', 'tenure', 'years', 'terms', 'guidePrice', 'guideRent', 'priceNotes', 'floorAreaSqm',
  'siteAreaHa', 'condition', 'currentUse', 'currentUsers', 'reason', 'restrictions', 'planning', 'dates', 'noticePublished', 'informationSession',
  'eoiDeadline', 'decision', 'documents', 'title', 'sizeBytes', 'expressionOfInterestUrl', 'acv', 'nominatedBy', 'nominatedOn', 'listedOn',
  'expiresOn', 'disposalNotifiedOn', 'key', 'publisherId', '__proto__', 'constructor', 'extra',
];

// Values that are right somewhere and wrong elsewhere, or wrong in a way the normaliser repairs.
const VALUES: Json[] = [
  null, true, false, 0, -0, 1, -3, 12, 52.5, -1.5, 91, -181, 60.9, 49, 2.2, -9, 120, 121, 999, 1000, 100001, 1e21, '12', ' 12 ', '£1',
  '', ' ', 'x', ' x', 'x ', 'x\n', '\u00a0x', 'Hall', '<img src=x onerror=alert(1)>', 'x'.repeat(199), 'x'.repeat(200), 'x'.repeat(201),
  'x'.repeat(300), 'x'.repeat(301), 'x'.repeat(1000), 'x'.repeat(1001), 'x'.repeat(10_000), 'x'.repeat(10_001), `${'x'.repeat(299)}😀`,
  'https://example.org/a', 'HTTP://X', 'mailto:a@b.org', 'tel:01234', 'docs/pack.pdf', '/a:b', 'a:b', 'javascript:alert(1)', ' java\tscript:x',
  '\u0001javascript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'https://example.org/report?id={id}',
  '2026-11-01', '2026-02-29', '2024-02-29', '2026-13-01', '14/09/2026', '2026-09-14T18:00', '2026-09-14T18:00:00Z', '2026-09-14 18:00',
  '09:30', '9:30', '24:00', '23:59', '25:00', '10.00', '09:00-13:00,14:00-17:00', '10:00-00:00', '9am-5pm', '09:00-13:00 ',
  'FREQ=WEEKLY;BYDAY=TU', 'FREQ=MONTHLY;BYDAY=2TU', 'FREQ=WEEKLY;INTERVAL=4', 'FREQ=DAILY;COUNT=x', 'FREQ=YEARLY',
  'NB1 2AA', 'nb12aa', 'SW1A 1AA', 'SW1A1AA', ' SW1A 1AA', 'TBC', 'a@b.org', 'a @b.org', 'not an email',
  'asset', 'activity', 'transfer', 'event', 'Asset', 'self', 'Self', ' self', 'drop-in', 'professional', 'in-person', 'online', 'phone',
  'exact', 'approximate', 'women', 'any', 'session', 'hall', 'library', 'castle', 'available', 'proposed', 'done', 'leasehold', 'freehold',
  'peppercorn', 'listed', 'nominated', 'notice-published', 'completed', 'haggling', 'default', 'custom', 'bad id!', 'ok.id-1_2',
  [], [''], ['x'], ['x', 'x'], ['self', 'drop-in'], ['Self'], [null], [1], ['2026-11-01'], ['2026-11-01', '2026-11-01'], [52.5, -1.5], [91, 0],
  [{ start: '10:00', rrule: 'FREQ=WEEKLY;BYDAY=TU' }], [{ start: '10:00' }], [{ id: 'completed', date: '2026-01-01' }], ['completed'],
  [{ title: 'Pack', url: 'https://example.org/pack.pdf' }], [{ url: 'pack.pdf' }], [{ id: 'a', label: 'A' }], [{ id: 'a' }],
  {}, { en: 'Hall' }, { en: 'Hall', cy: 'Neuadd' }, { en: ' Hall' }, { en: '' }, { en: 1 }, { __proto__: 'x' } as unknown as Json,
  { name: 'Hall' }, { name: '' }, { lat: 52.5, lng: -1.5 }, { lat: -1.5, lng: 52.5 }, { lat: 0, lng: 0 }, { lat: 52.5 }, { postcode: 'nb12aa' },
  { type: 'Polygon', coordinates: [] }, { type: 'Point', coordinates: [] }, { url: 'https://example.org/gaz.json' }, { url: '' },
  { districts: { NB1: [52.6, -1.4] } }, { districts: { NB1: [91, 0] } }, { districts: {} }, { free: true }, { amount: '£3' }, { ageMin: 18, ageMax: 11 },
  { type: 'leasehold' }, { type: 'leasehold', years: 25 }, { assetType: 'hall', status: 'available' }, { status: 'listed' }, { status: 'listed', listedOn: '2025-01-01' },
  { mo: '09:00-17:00' }, { mo: ' 09:00-17:00' }, { mo: '' }, { xx: '09:00-17:00' }, { phone: '01234 567890' }, { email: 'a@b.org' }, { email: 'a' },
  { needs: [{ id: 'x', label: 'X', synonyms: ['y'] }] }, { needs: [] }, { custom: [{ id: 'a', label: 'A' }] }, { default: [{ id: 'a', label: 'A' }] }, { custom: [] },
  { noticePublished: '2026-10-01', eoiDeadline: '2026-09-01' }, { noticePublished: '2026-10-01', eoiDeadline: '2026-11-01' },
];

const DATES: Json[] = ['2026-11-01', '2026-09-01', '2026-10-01', '2026-02-29', '14/09/2026', '2026-11-01T10:00', '2026-09-30T23:00Z', '2026-10-01 09:00', '', 20261101];
const TIMES: Json[] = ['10:00', '11:30', '24:00', '23:59', '00:00', '9:30', '10.00', '25:00', ' 10:00', ''];
const SESSIONS: Json[] = [
  { start: '10:00', rrule: 'FREQ=WEEKLY;BYDAY=TU' }, { start: '10:00', rrule: 'FREQ=WEEKLY;INTERVAL=4' }, { start: '10:00', date: '2026-11-01' },
  { start: '10:00', rrule: 'FREQ=WEEKLY;BYDAY=TU', date: '2026-11-01', until: '2026-10-01' }, { start: '10:00', rrule: 'FREQ=YEARLY' },
  { start: '10:00', rrule: 'FREQ=WEEKLY;BYDAY=XX' }, { start: '10:00', end: '09:00', rrule: 'FREQ=WEEKLY;BYDAY=TU' }, { start: '10:00' },
  { start: '10:00', rrule: 'FREQ=MONTHLY;BYDAY=2TU', lat: 52.5, lng: -1.5 }, { start: '10:00', date: '2026-11-01', lat: -1.5, lng: 52.5 },
];
/** Values worth trying in each field: right ones, near misses the normaliser repairs, and outright wrong ones. */
const POOLS: Record<string, Json[]> = {
  lat: [52.5, 49, 61, 48.9, 61.1, -1.5, 0, -0, 91, -91, '52.5', 40.7],
  lng: [-1.5, -9, 2.2, 2.3, -9.1, 52.5, 0, 181, -181, -74, '-1.5'],
  radius: [0, 0.5, 1, 500, 100_000, 100_001, -1, '500'],
  ageMin: [0, 11, 18, 120, 121, -1, 65.5, '18'], ageMax: [0, 11, 18, 120, 121, -1, '11'],
  amount: [0, 3, -3, 2.5, '3', '£3', 'free'], guidePrice: [0, 1, -1, '£1', 'peppercorn', '100'], guideRent: [0, 1, -1, '£1', 'peppercorn'],
  years: [0, 25, 999, 1000, -1, '25'], sizeBytes: [0, 1024, -1, '1024'], floorAreaSqm: [0, 10, -1], siteAreaHa: [0, 0.5, -0.5],
  start: TIMES, end: TIMES, date: DATES, until: DATES, except: [DATES[0]!, [DATES[0]!], [DATES[0]!, DATES[0]!], ['2026-02-29'], [], [DATES[5]!]],
  lastVerified: DATES, updated: DATES, noticePublished: DATES, informationSession: DATES, eoiDeadline: DATES, decision: DATES,
  nominatedOn: DATES, listedOn: DATES, expiresOn: DATES, disposalNotifiedOn: DATES,
  rrule: ['FREQ=WEEKLY;BYDAY=TU', 'FREQ=WEEKLY;INTERVAL=4', 'FREQ=MONTHLY;BYDAY=2TU', 'FREQ=YEARLY', 'FREQ=WEEKLY;BYDAY=XX', ' FREQ=WEEKLY;BYDAY=TU', ''],
  schedule: [[], SESSIONS[0]!, [SESSIONS[0]!, SESSIONS[0]!], ...SESSIONS.map((x) => [x])],
  email: ['a@b.org', 'a @b.org', 'a', 'x@', '@x', 'a@b@c', ' a@b.org', 7],
  phone: ['01234 567890', ' 01234', 1234567, ''], uprn: ['100012345', 100012345, ''], charityNumber: ['1234567', 1234567],
  postcode: ['NB1 2AA', 'nb1 2aa', 'NB12AA', 'SW1A 1AA', 'BT1 1AA', ' NB1 2AA', 'TBC', '', 12],
  kind: ['asset', 'activity', 'transfer', 'Asset', 'event', ''],
  id: ['a', 'hall-1', 'ok.id_2', 'bad id', ' a', 7, '', 'walk-riverside-tue', 'constructor'],
  referral: ['self', 'Self', ['self', 'self'], ['self', 'professional'], ['drop-in'], 'walk-in', []],
  delivery: ['online', ['online', 'phone'], ['in-person'], [], 'Online', ['post']],
  precision: ['exact', 'approximate', 'Approximate', 'rough'], gender: ['any', 'women', 'Women', 'nobody'], per: ['session', 'week', 'Week', 'day'],
  assetType: ['hall', 'library', 'Hall', 'castle', ''], status: ['available', 'proposed', 'listed', 'nominated', 'done', 'Available'],
  terms: ['peppercorn', 'market', 'free'], type: ['leasehold', 'freehold', 'licence', 'ward', 'pdf', 'Polygon', 'MultiPolygon', 'Point'],
  currentStage: ['completed', 'eoi-open', 'haggling', 'a', 'b'], stageList: ['custom', 'default', 'constructor', 'x', ''],
  stages: [[{ id: 'completed' }], [{ id: 'a' }], [{ id: 'haggling' }], ['completed'], [{ id: 'eoi-open', date: '2026-01-01T10:00' }], []],
  transferStages: [JSON.parse('{"__proto__": [{"id": "a", "label": "A"}]}') as Json, { custom: [{ id: 'a', label: 'A' }] }, { default: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }, { custom: [] }, {}],
  transfer: [{ assetType: 'hall', status: 'available' }, { assetType: 'hall', status: 'available', stageList: 'custom', currentStage: 'a' }, { assetType: 'hall' }],
  acv: [{ status: 'listed' }, { status: 'listed', listedOn: '2025-01-01' }, { listedOn: '2025-01-01' }, {}],
  tenure: [{ type: 'leasehold' }, { type: 'leasehold', years: 25 }, { type: 'freehold' }, { years: 25 }, {}],
  dates: [{ noticePublished: '2026-10-01', eoiDeadline: '2026-09-01' }, { noticePublished: '2026-10-01T10:00', eoiDeadline: '2026-10-01' }, { eoiDeadline: '2026-09-01' }, {}],
  documents: [[{ title: 'Pack', url: 'https://example.org/pack.pdf' }], [{ url: 'pack.pdf' }], [{ title: 'Pack' }], [{ title: 'Pack', url: '' }], []],
  location: [{ lat: 52.5, lng: -1.5 }, { lat: -1.5, lng: 52.5 }, { lat: 0, lng: 0 }, { lat: 52.5 }, { postcode: 'nb12aa' }, {}, { name: 'Hall', lat: 52.5, lng: -1.5 }],
  contact: [{}, { phone: '01234 567890' }, { email: 'a' }, { email: 'a@b.org' }, { url: 'javascript:alert(1)' }],
  cost: [{}, { free: true }, { free: 'true' }, { amount: '£3' }], audience: [{}, { ageMin: 18, ageMax: 11 }, { ageMin: 11, ageMax: 18 }],
  openingHours: [{}, { mo: '09:00-17:00' }, { mo: ' 09:00-17:00' }, { mo: '' }, { xx: '09:00-17:00' }, { mo: '9am-5pm' }, { su: '10:00-00:00' }],
  mo: ['09:00-17:00', '', ' 09:00-17:00', '09:00-13:00,14:00-17:00', '25:00-26:00', 9], gazetteer: [{}, { url: 'gaz.json' }, { url: '' }, { districts: {} }, { districts: { NB1: [52.6, -1.4] } }, { districts: { NB1: [91, 0] } }],
  districts: [JSON.parse('{"__proto__": [52.6, -1.4]}') as Json, {}, { NB1: [52.6, -1.4] }, { NB1: [91, 0] }, { NB1: [52.6] }, { NB1: ['52.6', -1.4] }],
  url: ['https://example.org/a', 'docs/pack.pdf', 'javascript:alert(1)', ' java\tscript:x', '', ' https://x', 'HTTP://X', 'a:b', '/a:b', 'mailto:a@b.org'],
};
const FIELD_NAMES = [...new Set([...FIELDS, ...Object.keys(POOLS)])];

type Container = Json[] | { [key: string]: Json };
/** Every object and list in a value. */
function containers(value: Json, out: Container[] = []): Container[] {
  if (value && typeof value === 'object') {
    out.push(value);
    for (const v of Object.values(value)) containers(v, out);
  }
  return out;
}

function mutate(feed: Feedish, next: () => number): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const node = pick(containers(feed));
  const keys = Object.keys(node);
  const choice = next();
  if (Array.isArray(node)) {
    if (choice < 0.3 && node.length) node.splice(Math.floor(next() * node.length), 1);
    else if (choice < 0.5 && node.length) node.push(structuredClone(pick(node)));
    else if (choice < 0.7) node.push(pick(VALUES));
    else if (node.length) node[Math.floor(next() * node.length)] = structuredClone(pick(VALUES));
    return;
  }
  if (choice < 0.35) {
    // A field the feed already has, given a value worth trying there.
    const fields = containers(feed).flatMap((n) => (Array.isArray(n) ? [] : Object.keys(n).filter((k) => POOLS[k]).map((k) => [n, k] as const)));
    if (fields.length) {
      const [n, k] = pick(fields);
      n[k] = structuredClone(pick(POOLS[k]!));
    }
  } else if (choice < 0.45 && keys.length) {
    delete node[pick(keys)];
  } else if (choice < 0.55 && keys.length) {
    const key = pick(keys);
    const old = node[key];
    // Small changes to what is there: spaces, case, length, numbers as text, a neighbouring value.
    if (typeof old === 'string') node[key] = pick([` ${old}`, `${old} `, old.toUpperCase(), old.toLowerCase(), old + 'x'.repeat(pick([1, 100, 250, 900, 9000])), old.slice(1), '']);
    else if (typeof old === 'number') node[key] = pick([String(old), -old, old + 0.5, old * 100, -old * 100, 0]);
    else node[key] = structuredClone(pick(VALUES));
  } else if (choice < 0.6 && Array.isArray(feed.listings) && feed.listings.length > 1) {
    // A duplicate id.
    const [a, b] = [pick(feed.listings), pick(feed.listings)];
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) a.id = b.id ?? null;
  } else if (choice < 0.65 && 'lat' in node && 'lng' in node) {
    [node.lat, node.lng] = [node.lng!, node.lat!];
  } else {
    const field = pick(FIELD_NAMES);
    const pool = POOLS[field];
    const value = pool && next() < 0.8 ? pick(pool) : pick(VALUES);
    Object.defineProperty(node, field, { value: structuredClone(value), enumerable: true, configurable: true, writable: true });
  }
}

test('quickFeed accepts the valid fixtures and the demo feed, and keeps its promise on every fixture', async () => {
  const accepted: string[] = [];
  for (const [name, json] of await fixtures()) {
    for (const options of OPTIONS) if (holds(json, options, name) && options === OPTIONS[0]) accepted.push(name);
  }
  assert.ok(accepted.includes('demo/feed.json'), 'the demo feed takes the fast path');
  assert.ok(accepted.includes('test/fixtures/feeds/valid.json'), 'the valid fixture takes the fast path');
  assert.ok(accepted.includes('packages/elements/test-fixtures/small-feed.json'), 'the small fixture takes the fast path');
  for (const bad of ['wrong-types', 'javascript-urls', 'duplicate-ids', 'swapped-coordinates', 'empty-listings', 'no-listings', 'hostile-feed']) {
    assert.ok(!accepted.some((name) => name.includes(bad)), `${bad} goes to the normaliser`);
  }
});

test('quickFeed keeps its promise on thousands of mutated feeds', async () => {
  const sources = await fixtures();
  const seed = Number(process.env.QUICK_SEED ?? 20261126);
  const next = random(seed);
  let accepted = 0;
  let tried = 0;
  /** Feeds whose every listing was placed before the whole check, though the whole check then fails. */
  let placedOnly = 0;
  for (let round = 0; round < 15_000; round++) {
    const [name, json] = sources[Math.floor(next() * sources.length)]!;
    if (!json || typeof json !== 'object' || Array.isArray(json) || !Array.isArray(json.listings)) continue;
    // A few listings at a time, so that one harmless mutation can leave the whole feed acceptable.
    const all = json.listings;
    const listings = all.length > 3 ? Array.from({ length: 1 + Math.floor(next() * 3) }, () => all[Math.floor(next() * all.length)]!) : all;
    const feed = structuredClone({ ...json, listings: [...new Set(listings)] }) as Feedish;
    const times = 1 + Math.floor(next() * 3);
    for (let i = 0; i < times; i++) mutate(feed, next);
    tried++;
    const options = OPTIONS[Math.floor(next() * OPTIONS.length)]!;
    const label = `${name}, round ${round} (seed ${seed})`;
    const held = holds(feed, options, label);
    if (held) accepted++;
    // Before the check starts, or part of the way through it (it reads 25 listings a step).
    if (placesHold(feed, options, label, round % 3 === 0 ? 0 : 1 + Math.floor(next() * 2)) && !held) placedOnly++;
  }
  // Enough of both answers that the promise was tested, not just the refusals.
  if (process.env.QUICK_SEED) console.log({ accepted, tried, placedOnly });
  assert.ok(placedOnly > tried / 20, `only ${placedOnly} of ${tried} mutated feeds were placed where the whole check fails`);
  assert.ok(accepted > tried / 10, `only ${accepted} of ${tried} mutated feeds were accepted`);
  assert.ok(accepted < tried * 0.9, `${accepted} of ${tried} mutated feeds were accepted`);
});

test('values a script can hand createEngineAuto but JSON cannot hold are left to the normaliser', () => {
  const feed = (listing: Record<string, unknown>): unknown => ({ version: '1', publisher: { name: 'P' }, listings: [{ id: 'a', kind: 'asset', name: 'A', ...listing }] });
  const sparse: unknown[] = ['self'];
  sparse[2] = 'drop-in';
  const hole: unknown[] = [];
  hole[1] = 52;
  for (const odd of [
    { location: { lat: Number.NaN, lng: -1 } }, { location: { lat: Infinity, lng: -1 } }, { cost: { amount: -Infinity } }, { referral: sparse },
    { summary: new Date() }, { cost: new Date() }, { name: Object.assign(Object.create({ en: 'inherited' }) as object, { cy: 'A' }) },
  ]) {
    holds(feed(odd), {}, JSON.stringify(odd));
  }
  const gazetteer = { version: '1', publisher: { name: 'P' }, listings: [{ id: 'a', kind: 'asset', name: 'A' }], gazetteer: { districts: { NB1: hole } } };
  assert.equal(quickFeed(gazetteer), undefined);
  holds(gazetteer, {}, 'a gazetteer point with a hole');
});

test('a feed made in code whose listings share lists and objects is read as the normaliser reads it, and is left as it was given', () => {
  // The check keeps a feed's own lists and objects where they are already as the normaliser gives them: it must never change them.
  const delivery: string[] = [];
  const location = { postcode: 'NB1 2AA', lat: 52.1, lng: -1.2 };
  const name = { en: 'Hall', cy: 'Neuadd' };
  const schedule = [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }];
  const feed = {
    version: '1',
    publisher: { name: 'P' },
    listings: [
      { id: 'a', kind: 'asset', name, delivery, location, categories: ['halls'] },
      { id: 'b', kind: 'activity', name, delivery, location, schedule },
      { id: 'c', kind: 'activity', name: 'Online', delivery: ['online'], schedule },
    ],
  };
  const given = structuredClone(feed);
  assert.ok(holds(feed, {}, 'shared lists and objects'), 'the feed takes the fast path');
  const data = quickFeed(feed)!;
  assert.deepEqual(feed, given, 'the feed handed over is unchanged');
  assert.deepEqual(data.listings.map((l) => l.delivery), [['in-person'], ['in-person'], ['online']]);
});

test('objects whose keys come in the same order are read as the normaliser reads each, whatever their values, and a field added to Object.prototype is seen as it sees it', async () => {
  // The check learns what an order of keys means once (its shape) and reads later objects of that order by it.
  const session = (start: string, extra: Record<string, Json> = {}): Json => ({ rrule: 'FREQ=WEEKLY;BYDAY=TU', start, end: '11:00', ...extra });
  const feed: Feedish = {
    version: '1',
    publisher: { name: 'P' },
    listings: [
      { id: 'a', kind: 'activity', name: 'A', location: { name: 'Hall', lat: 52.1, lng: -1.2 }, schedule: [session('10:00')], url: 'https://example.org/a' },
      { id: 'b', kind: 'activity', name: 'B', location: { name: 'Hall', lat: 52.2, lng: -1.3 }, schedule: [session('09:00')], url: 'b.html' },
      { id: 'c', kind: 'activity', name: 'C', location: { name: 'Hall', lat: 52.3, lng: -1.4 }, schedule: [session('08:00', { notes: 'Bring a mat' })], url: 'https://example.org/c' },
    ],
  };
  for (const options of OPTIONS) assert.ok(holds(feed, options, 'one order of keys'), 'takes the fast path');
  const fixture = (await fixtures()).find(([name]) => name === 'demo/feed.json')![1];
  for (const [field, enumerable] of [['summary', false], ['summary', true], ['lastVerified', true], ['colour', true]] as const) {
    Object.defineProperty(Object.prototype, field, { value: field === 'lastVerified' ? '2026-01-01' : 'Inherited', enumerable, configurable: true, writable: true });
    try {
      for (const input of [feed, fixture]) holds(input, {}, `Object.prototype.${field}, enumerable: ${enumerable}`);
    } finally {
      delete (Object.prototype as Record<string, unknown>)[field];
    }
  }
});

test('what atlas build writes takes the fast path', async () => {
  const { main } = await import('../../cli/src/main.js');
  const out = join(await mkdtemp(join(tmpdir(), 'atlas-quick-')), 'site');
  const io = { cwd: root, out() {}, err() {} };
  const sectors = 'demo/data/northbridge-postcode-sectors.csv';
  const districts = 'demo/data/northbridge-postcode-districts.csv';
  assert.equal(await main(['build', 'demo/feed.json', '--out', out, '--postcodes', sectors, '--postcodes', districts], io), 0);
  const built = JSON.parse(await readFile(join(out, 'feed.json'), 'utf8')) as Json;
  assert.ok(holds(built, { source: 'feed.json' }, 'atlas build feed.json'), 'atlas build output is accepted');
});

// Real UK data (never copied into the repository), imported with the kit's own
// tools; see the project README on ATLAS_REAL_DATA.
const realData = process.env.ATLAS_REAL_DATA;

test('real UK feeds keep the promise, and how many of their listings take the fast path', { skip: !realData && 'ATLAS_REAL_DATA is not set' }, async (t) => {
  const { main } = await import('../../cli/src/main.js');
  const dir = await mkdtemp(join(tmpdir(), 'atlas-quick-real-'));
  const io = { cwd: realData!, out() {}, err() {} };
  const imported: [string, string[]][] = [
    ['libraries', ['import', 'csv', 'libraries/libraries_uk_schema_geocoded.csv', '--map', join(root, 'packages/cli/mappings/libraries.json'), '--today', '2026-11-01']],
    ['openactive', ['import', 'openactive', 'openactive/everyone-active_rpde_page_20200106.json']],
    ...(await readdir(join(realData!, 'mobile-libraries'))).filter((f) => f.endsWith('.csv')).sort().map((f): [string, string[]] => [
      `mobile-libraries/${f}`, ['import', 'csv', `mobile-libraries/${f}`, '--map', join(root, 'packages/cli/mappings/mobile-libraries.json'), '--today', '2026-11-01'],
    ]),
  ];
  const totals = new Map<string, [number, number]>();
  let wholeFeeds = 0;
  for (const [name, args] of imported) {
    const out = join(dir, `${name.replace(/\W/g, '-')}.json`);
    assert.equal(await main([...args, '--out', out], io), 0, name);
    const feed = JSON.parse(await readFile(out, 'utf8')) as Feedish;
    if (holds(feed, { source: out }, name)) wholeFeeds++;
    // Listing by listing: one listing the normaliser would change sends a whole feed to it.
    const group = name.split('/')[0]!;
    const [passed, all] = totals.get(group) ?? [0, 0];
    const fast = feed.listings.filter((l, i) => holds({ ...feed, listings: [l] }, { source: out }, `${name} listing ${i}`)).length;
    totals.set(group, [passed + fast, all + feed.listings.length]);
  }
  for (const [group, [passed, all]] of totals) t.diagnostic(`${group}: ${passed} of ${all} listings pass the quick check`);
  t.diagnostic(`${wholeFeeds} of ${imported.length} imported feeds pass it whole`);
  assert.ok([...totals.values()].every(([passed, all]) => passed > all / 2), 'most real listings take the fast path');
});

test('near misses the normaliser would change, drop or question are left to it, whatever the random seed', async () => {
  const valid = JSON.parse(await readFile(join(root, 'test/fixtures/feeds/valid.json'), 'utf8')) as Feedish;
  type Change = (feed: Feedish, l: Record<string, Record<string, unknown>>) => void;
  const cases: [string, Change][] = [
    ['an unknown stage list', (_f, l) => { l.hall!.transfer = { ...l.hall!.transfer as object, stageList: 'custom', stages: undefined, currentStage: undefined }; }],
    ['a stage list named like an inherited property', (_f, l) => { l.hall!.transfer = { ...l.hall!.transfer as object, stageList: 'constructor' }; }],
    ['a session starting at 24:00', (_f, l) => { l.walk!.schedule = [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '24:00' }] as never; }],
    ['a session with neither rule nor date', (_f, l) => { l.walk!.schedule = [{ start: '10:00' }] as never; }],
    ['latitude 0, longitude 0', (_f, l) => { l.walk!.location = { lat: 0, lng: 0 }; }],
    ['swapped coordinates', (_f, l) => { l.walk!.location = { lat: -1.2, lng: 52.1 }; }],
    ['a radius under a metre', (_f, l) => { l.refuge!.location = { ...l.refuge!.location as object, radius: 0.5 }; }],
    ['a date-time where a date belongs', (_f, l) => { l.walk!.lastVerified = '2026-09-14T10:00' as never; }],
    ['an email with a space', (_f, l) => { l.walk!.contact = { email: 'walks @example.org' }; }],
    ['a deadline before the notice', (_f, l) => { l.hall!.transfer = { ...l.hall!.transfer as object, dates: { noticePublished: '2026-10-01', eoiDeadline: '2026-09-01' } }; }],
    ['ageMin over ageMax', (_f, l) => { l.walk!.audience = { ageMin: 50, ageMax: 18 }; }],
    ['a lease with no length', (_f, l) => { l.hall!.transfer = { ...l.hall!.transfer as object, tenure: { type: 'leasehold' } }; }],
    ['transfer details on an asset', (_f, l) => { l.refuge!.transfer = { assetType: 'hall', status: 'available' }; }],
    ['a duplicate id', (_f, l) => { l.refuge!.id = 'walk-riverside-tue' as never; }],
    ['a referral route in capitals', (_f, l) => { l.walk!.referral = 'Self' as never; }],
    ['a javascript: link', (_f, l) => { l.befriending!.url = 'javascript:alert(1)' as never; }],
    ['a name with a trailing space', (_f, l) => { l.refuge!.name = 'Safe Haven ' as never; }],
    ['a summary over 1,000 characters', (_f, l) => { l.refuge!.summary = 'x'.repeat(1001) as never; }],
    ['a postcode in lower case', (_f, l) => { l.walk!.location = { ...l.walk!.location as object, postcode: 'nb1 2aa' }; }],
    ['opening hours with a leading space', (_f, l) => { l.refuge!.openingHours = { mo: ' 09:00-17:00' }; }],
    ['a number where text belongs', (_f, l) => { l.walk!.contact = { phone: 1234567 }; }],
    ['a listing that is not an object', (f) => { f.listings.push('a string, not a listing'); }],
  ];
  for (const [label, change] of cases) {
    const feed = structuredClone(valid);
    const [walk, refuge, befriending, hall] = feed.listings as Record<string, Record<string, unknown>>[];
    change(feed, { walk: walk!, refuge: refuge!, befriending: befriending!, hall: hall! });
    for (const options of OPTIONS) {
      assert.equal(quickFeed(structuredClone(feed), options), undefined, `${label}: left to the normaliser`);
    }
  }
  // Keys the normaliser copies with plain assignment, where "__proto__" would change an object's prototype.
  for (const extra of ['{"transferStages": {"__proto__": [{"id": "a", "label": "A"}]}}', '{"gazetteer": {"districts": {"__proto__": [52.6, -1.4]}}}']) {
    const feed = { ...structuredClone(valid), ...(JSON.parse(extra) as Feedish) };
    assert.equal(quickFeed(feed), undefined, extra);
  }
});

test('the sliced quick check gives what the whole one gives, hands the thread back through a 1,000-listing feed, and two checks in slices side by side do not mix', async () => {
  const { quickFeedSliced } = await import('../src/feed/quick.js');
  const { generateFeed } = await import('../../../test/support/generate.js');
  const feeds: [string, Json][] = [...(await fixtures()), ['generated 1,000', generateFeed(1000, 5) as unknown as Json]];
  for (const [name, json] of feeds) {
    for (const options of OPTIONS) {
      let pauses = 0;
      const sliced = await quickFeedSliced(json, options, async () => void pauses++, 0);
      assert.deepEqual(sliced, quickFeed(json, options), `${name} ${JSON.stringify(options)}`);
      if (name === 'generated 1,000') assert.ok(pauses >= 1000 / 25 - 1, `pauses: ${pauses}`);
    }
  }
  // Two feeds read at once (a finder with two src): each slice resumes with its own base address, ids seen and publisher.
  const demo = feeds.find(([name]) => name === 'demo/feed.json')![1];
  const other = feeds.at(-1)![1];
  const a = { baseUrl: 'https://a.example/feeds/a.json', source: 'a.json' };
  const b = { baseUrl: 'https://b.example/x/b.json', source: 'b.json' };
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const [both1, both2, twice] = await Promise.all([quickFeedSliced(demo, a, tick, 0), quickFeedSliced(other, b, tick, 0), quickFeedSliced(demo, b, tick, 0)]);
  assert.deepEqual(both1, quickFeed(demo, a));
  assert.deepEqual(both2, quickFeed(other, b));
  assert.deepEqual(twice, quickFeed(demo, b));
  assert.ok(both1 && both2, 'both feeds pass the quick check');
});

test('the sliced normaliser gives what the whole one gives, problems included, hands the thread back through 1,000 listings to repair, and two runs side by side do not mix', async () => {
  const { normaliseFeedSliced } = await import('../src/feed/normalise.js');
  const { generateFeed } = await import('../../../test/support/generate.js');
  // Every listing's name with spaces around it and a description over the length the finder shows: all need the normaliser.
  const repair = generateFeed(1000, 7) as unknown as Feedish;
  repair.listings = repair.listings.map((l) => ({ ...(l as Record<string, Json>), name: `  ${String((l as Record<string, Json>).name)}  `, description: 'words '.repeat(2500) }));
  const feeds: [string, Json][] = [...(await fixtures()), ['repairs 1,000', repair]];
  for (const [name, json] of feeds) {
    for (const options of OPTIONS) {
      let pauses = 0;
      const sliced = await normaliseFeedSliced(json, options, async () => void pauses++, 0);
      assert.deepEqual(sliced, normaliseFeed(json, options), `${name} ${JSON.stringify(options)}`);
      if (name === 'repairs 1,000') {
        assert.ok(pauses >= 999, `pauses: ${pauses}`);
        assert.equal(sliced.problems.filter((p) => p.code === 'text-too-long').length, 1000);
      }
    }
  }
  const demo = feeds.find(([name]) => name === 'demo/feed.json')![1];
  const a = { baseUrl: 'https://a.example/feeds/a.json', source: 'a.json' };
  const b = { baseUrl: 'https://b.example/x/b.json', source: 'b.json' };
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const [both1, both2] = await Promise.all([normaliseFeedSliced(demo, a, tick, 0), normaliseFeedSliced(repair, b, tick, 0)]);
  assert.deepEqual(both1, normaliseFeed(demo, a));
  assert.deepEqual(both2, normaliseFeed(repair, b));
});

test('an engine made from a feed as parsed, read as the check gives it, answers as one made from the checked feed, where the two are written differently', async () => {
  const { generateFeed } = await import('../../../test/support/generate.js');
  const { randomStates } = await import('../../../test/support/states.js');
  const feed = generateFeed(600, 3) as unknown as Feedish;
  // What the check reads and gives back written otherwise: a lone string for a list, a location with no point and
  // no way named (in person), opening hours of no day, sessions with fields in another order and fields it leaves out.
  feed.listings.forEach((json, i) => {
    const l = json as Record<string, Json>;
    const categories = l.categories as string[];
    if (i % 5 === 0) l.categories = categories[0]!;
    if (i % 7 === 0) l.needs = (l.needs as string[])[0] ?? 'loneliness';
    if (i % 6 === 0) l.languages = 'en';
    if (i % 9 === 0) l.delivery = 'online';
    if (i % 11 === 0) l.areas = (l.areas as string[])[0]!;
    if (i % 4 === 1) l.location = { name: `Hall ${i}`, postcode: 'NN1 1AB' };
    if (i % 8 === 2) l.location = { directions: 'Behind the church' };
    if (i % 13 === 0) l.openingHours = { note: 'ask' };
    if (i % 17 === 0) l.openingHours = { sa: '10:00-12:00', mo: '09:00-10:00', unknown: 1 };
    const schedule = l.schedule as Record<string, Json>[] | undefined;
    if (schedule && i % 3 === 0) l.schedule = schedule.map(({ start, end, rrule, ...rest }) => ({ end: end!, start: start!, rrule: rrule!, ...rest, room: 'Upstairs' }));
    if (schedule && i % 10 === 1) l.schedule = schedule.map((s) => ({ ...s, except: '2026-12-01' }));
    if (i % 19 === 0) l.schedule = [];
  });
  const checked = quickFeed(structuredClone(feed));
  assert.ok(checked, 'the check accepts the feed as written');
  // Each way of writing the feed differently is there, or this test tests nothing.
  assert.ok(checked.listings.some((l, i) => i % 4 === 1 && l.delivery?.[0] === 'in-person' && l.location?.lat === undefined));
  partsHold(structuredClone(feed), {}, checked, 'written differently');
  const parts = quickParts(structuredClone(feed))!;
  const early = filtersOf(new EngineCore(parts.data, { now: () => PARTS_NOW, asChecked: parts }));
  const exact = new EngineCore(checked, { now: () => PARTS_NOW }).prepareAll();
  const states = randomStates(checked, 400, 5, { words: ['walk', 'lunch', 'hall'], now: PARTS_NOW, wordChance: 0, filters: 4, ageChance: 0.2 });
  for (const state of states) assert.deepStrictEqual(early.query(state, PARTS_NOW), exact.query(state, PARTS_NOW), JSON.stringify(state));
  early.adoptChecked(checked.listings);
  early.prepareAll();
  for (const state of randomStates(checked, 200, 6, { words: ['walk', 'lunch', 'hall', 'tai'], now: PARTS_NOW, wordChance: 0.6, filters: 3 })) {
    assert.deepStrictEqual(early.query(state, PARTS_NOW), exact.query(state, PARTS_NOW), JSON.stringify(state));
  }
});

test('two ids the same once the normaliser trims them: the later is never shown, alone or on the map, before the whole check', () => {
  const feed = { version: '1', publisher: { name: 'P' }, listings: [
    { id: ' a', kind: 'asset', name: 'A', location: { lat: 52.1, lng: -1.2 } },
    { id: 'a', kind: 'asset', name: 'A again', location: { lat: 52.3, lng: -1.4 } },
    { id: 'b', kind: 'asset', name: 'B', location: { lat: 52.2, lng: -1.3 } },
  ] };
  assert.deepEqual(normaliseFeed(structuredClone(feed)).listings.map((l) => l.name), ['A', 'B'], 'the normaliser skips the later a');
  const parts = quickParts(structuredClone(feed))!;
  assert.deepEqual([0, 1, 2].map((i) => parts.one(i)), [undefined, undefined, undefined]);
  assert.equal(parts.places([1]), undefined);
  assert.equal(parts.places([2]), undefined);
});

test('the map\'s points before the whole check: each listing\'s place and kind as the normaliser keeps them, whatever else the check fails on', () => {
  const feed = { version: '1', publisher: { name: 'P' }, listings: [
    { id: 'a', kind: 'asset', name: 'A', url: 'javascript:alert(1)', location: { name: 'Hall ', lat: 52.1, lng: -1.2 } },
    { id: 'b', kind: 'activity', name: 'B', location: { lat: 52.2, lng: -1.3, precision: 'approximate', radius: 500 } },
    { id: 'c', kind: 'asset', name: 'C', delivery: ['online'] },
    { id: 'd', kind: 'asset', location: { lat: 52.4, lng: -1.5 } },
    { id: 'b', kind: 'asset', name: 'B again', location: { lat: 52.5, lng: -1.6 } },
    { id: 'e', kind: 'asset', name: 'E', location: { lat: -1.2, lng: 52.1 } },
    { id: 'f', kind: 'asset', name: 'F', location: { lat: 52.1 } },
    { id: 'g', kind: 'asset', name: 'G', location: { lat: 52.1, lng: -1.2, radius: 0.5 } },
  ] };
  assert.equal(quickFeed(structuredClone(feed)), undefined, 'the whole check fails');
  const parts = quickParts(structuredClone(feed))!;
  // a (an unsafe link, a name with a space: the normaliser keeps a, and its place), b and c (no place).
  assert.ok(placesHold({ ...feed, listings: feed.listings.slice(0, 3) }, {}, 'a to c'));
  assert.deepEqual(parts.places([0, 1, 2])?.map((p) => [p.key, p.kind, p.location?.lat]), [['a', 'asset', 52.1], ['b', 'activity', 52.2], ['c', 'asset', undefined]]);
  // d has no name (skipped), the second b is skipped, e's place is swapped, f's dropped and g's radius dropped by the normaliser.
  for (const i of [3, 4, 5, 6, 7]) assert.equal(parts.places([0, i]), undefined, feed.listings[i]!.id);
});

test('the map\'s points part of the way through the whole check: those it passed as it gave them, and the rest checked for their points', () => {
  const listings: Record<string, unknown>[] = Array.from({ length: 100 }, (_, i) => ({
    id: `l${i}`, kind: i % 2 ? 'asset' : 'activity', name: `L ${i}`, location: { name: `Hall ${i}`, lat: 52 + i / 1000, lng: -1 - i / 1000 },
  }));
  listings[60] = { ...listings[60], summary: ' untrimmed' };
  const feed = { version: '1', publisher: { name: 'P' }, listings };
  const all = listings.map((_, i) => i);
  for (let steps = 0; steps <= 5; steps++) assert.ok(placesHold(feed, {}, `${steps} steps`, steps), `${steps} steps: every listing placed`);
  const later = (change: (l: Record<string, unknown>[]) => void): typeof feed => {
    const copy = structuredClone(feed);
    change(copy.listings);
    return copy;
  };
  // Ids the normaliser skips as another's: as written, and once trimmed; and a listing with no name.
  for (const [label, hurt] of [
    ['the id of one the check passed', later((l) => (l[80]!.id = 'l5'))],
    ['the id, untrimmed, of one the check passed', later((l) => (l[80]!.id = ' l5'))],
    ['no name', later((l) => delete l[80]!.name)],
  ] as const) {
    for (let steps = 0; steps <= 3; steps++) {
      const parts = quickParts(structuredClone(hurt))!;
      for (let k = 0; k < steps; k++) parts.steps.next();
      assert.equal(parts.places(all), undefined, `${label}, ${steps} steps`);
      // (An id the normaliser trims leaves every listing after the check's place to it.)
      if (!label.includes('untrimmed')) assert.ok(parts.places(all.filter((i) => i !== 80)), `${label}, ${steps} steps: the others are placed`);
      placesHold({ ...hurt, listings: hurt.listings.filter((_, i) => i !== 80) }, {}, `${label} left out`, steps);
    }
  }
});

test('a listing the whole check fails on fails it alone too, and one whose id an earlier listing has', () => {
  const feed = { version: '1', publisher: { name: 'P' }, listings: [
    { id: 'a', kind: 'asset', name: 'A', url: 'https://example.org/a' },
    { id: 'b', kind: 'asset', name: 'B', url: 'javascript:alert(1)' },
    { id: 'c', kind: 'asset', name: 'C ' },
    { id: 'a', kind: 'asset', name: 'A again' },
    { id: 'd', kind: 'asset', name: 'D' },
  ] };
  const parts = quickParts(feed)!;
  assert.deepEqual([0, 1, 2, 3, 4].map((i) => parts.one(i)?.key), ['a', undefined, undefined, undefined, 'd']);
  assert.equal(quickFeed(feed), undefined);
  let step = parts.steps.next();
  while (!step.done) step = parts.steps.next();
  assert.equal(step.value, undefined, 'the whole check fails');
  // Not a feed the check reads at all: no parts.
  assert.equal(quickParts({ ...feed, publisher: {} }), undefined);
  assert.equal(quickParts({ ...feed, listings: [{ kind: 'asset', name: 'No id' }] }), undefined);
});
