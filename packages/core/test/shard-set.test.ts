// A sharded directory searched in the worker (engine/shard-set.ts): a state
// loads only the shards it needs (a place's rings, the shards the word index
// names, an open listing's own shard), and the answers over whatever set of
// shards is loaded equal a fresh engine's over the same listings, read from
// the whole feed by the plain normaliser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NATIONAL_AREAS, nationalFeed } from '../../../test/support/generate.js';
import { distanceMiles } from '../src/location/distance.js';
import { EngineCore } from '../src/engine/full.js';
import { ShardSet, shardAreaOfKey } from '../src/engine/shard-set.js';
import { countDistrict, districtShards, shardOfListing, writeGazetteerShards, writeShards } from '../src/engine/shards-write.js';
import type { FinderState } from '../src/engine/types.js';
import type { Manifest } from '../src/feed/manifest.js';
import { normaliseFeed } from '../src/feed/normalise.js';
import type { AtlasData } from '../src/feed/normalised.js';
import type { Feed } from '../src/feed/types.js';
import { randomStates } from '../../../test/support/states.js';

const NOW = new Date('2026-11-24T10:30:00Z');
const BASE = 'https://atlas.example/national/manifest.json';

function national(): Feed {
  const feed = nationalFeed(1400);
  // One listing far away, in Edinburgh, with a word no other has.
  const far = feed.listings.findIndex((l) => typeof l.location?.postcode === 'string' && l.location.postcode.startsWith('EH'));
  feed.listings[far] = { ...feed.listings[far]!, id: 'zebrafinch', name: 'Zebrafinch reading circle' };
  return feed;
}

function build(feed: Feed): { manifest: Manifest; files: Map<string, string> } {
  const files = new Map<string, string>();
  const manifest = writeShards(feed, (file) => files.set(file.path, file.content));
  return { manifest, files };
}

function serve(files: Map<string, string>, log: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const path = new URL(String(input)).pathname.replace('/national/', '');
    log.push(path);
    const body = files.get(path);
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 });
  }) as typeof fetch;
}

const areaIndex = (manifest: Manifest, area: string): number => manifest.shards.findIndex((s) => s.area === area);
const loadedAreas = (set: ShardSet): string[] => [...new Set(set.listings.map((l) => shardAreaOfKey(l.key)!))].sort();

const WORDS = ['walk', 'choir', 'lonely', 'zebrafinch', 'zebra', 'memory cafe', 'food bank', 'libary', 'tai chi', 'kn'];

const states = (data: AtlasData, count: number, seed: number): FinderState[] =>
  randomStates(data, count, seed, { words: WORDS, now: NOW, wordChance: 0.5, filters: 3, ageChance: 0.2, near: (next, pick) => {
    if (next() >= 0.5) return undefined;
    const [lat, lng] = pick(Object.values(NATIONAL_AREAS));
    return { lat: lat + next() * 0.05, lng: lng + next() * 0.05 };
  } });

test('a sharded directory answers over the shards loaded as a fresh engine over the same listings does, at every step as shards arrive', async () => {
  const feed = national();
  const { manifest, files } = build(feed);
  const whole = normaliseFeed(feed);
  const byKey = new Map(whole.listings.map((l) => [l.key, l]));
  const set = new ShardSet(manifest, BASE, { fetch: serve(files), now: () => NOW });
  const arrived: string[][] = [];
  set.onArrive = (keys) => arrived.push(keys);
  // Shards arrive in an order no state would ask for, a few at a time.
  const order = manifest.shards.map((_, i) => i).sort((a, b) => ((a * 7) % 5) - ((b * 7) % 5) || b - a);
  let compared = 0;
  let found = 0;
  for (const step of [order.slice(0, 1), order.slice(1, 3), order.slice(3)]) {
    await set.load(step);
    // The fresh engine: the whole feed read by the normaliser, the same listings in the same order, keys with their shard.
    const fresh = set.listings.map((l) => {
      const own = byKey.get(l.key.slice(l.key.indexOf('~') + 1));
      assert.ok(own, l.key);
      return { ...own, key: l.key };
    });
    assert.deepEqual(set.listings, fresh, 'the shards hold the listings the plain normaliser reads from the feed');
    const reference = new EngineCore({ ...whole, listings: fresh }, { now: () => NOW }).prepareAll();
    for (const state of states({ ...whole, listings: fresh }, 120, compared + 3)) {
      const expected = reference.query(state, NOW);
      if (expected.total) found++;
      assert.deepEqual(set.engine(true).query(state, NOW), expected, JSON.stringify(state));
      compared++;
    }
    for (const prefix of ['wa', 'cho', 'zeb']) assert.deepEqual(set.engine(true).suggest(prefix), reference.suggest(prefix));
  }
  assert.ok(found > compared / 3, `${found} of ${compared} states found listings`);
  assert.equal(set.loadedCount, manifest.shards.length);
  assert.deepEqual(arrived.flat(), set.listings.map((l) => l.key), 'every key was announced, in order');
});

test('a place loads the shards whose box holds it, then those within 10 miles, then 25; words load the shards that hold them; a link to a listing loads its shard alone', async () => {
  const { manifest, files } = build(national());
  const log: string[] = [];
  const fresh = (): ShardSet => new ShardSet(manifest, BASE, { fetch: serve(files, log), now: () => NOW });

  // Nothing asked for: no shard, and the answer asks for a place or words.
  let set = fresh();
  let { coverage } = await set.prepareFor({ q: '', filters: {}, sort: 'relevance' });
  assert.equal(coverage.prompt, true);
  assert.equal(log.length, 0);

  // Birmingham: first only the shards whose box holds it (B, and the grid cell of listings with no postcode there), covering the
  // miles to the nearest other box; then Walsall (7 miles), then Coventry (17 miles).
  const near = { lat: NATIONAL_AREAS.B![0], lng: NATIONAL_AREAS.B![1] };
  const milesTo = (s: Manifest['shards'][number]): number => {
    const [south, west, north, east] = s.bbox!;
    return distanceMiles(near, { lat: Math.min(north, Math.max(south, near.lat)), lng: Math.min(east, Math.max(west, near.lng)) });
  };
  const holding = manifest.shards.filter((s) => s.bbox && milesTo(s) === 0);
  assert.deepEqual(holding.map((s) => s.area).sort(), ['B', 'g52_-2']);
  let next: number[] | undefined;
  ({ coverage, next } = await set.prepareFor({ q: '', filters: {}, sort: 'distance', near }));
  assert.deepEqual(loadedAreas(set), ['B', 'g52_-2']);
  assert.deepEqual(log.sort(), holding.map((s) => s.file).sort());
  const nearestOther = Math.min(...manifest.shards.filter((s) => s.bbox && !holding.includes(s)).map(milesTo));
  assert.ok(coverage.miles! > 0 && coverage.miles! <= nearestOther && coverage.miles! > nearestOther - 1, `covers ${coverage.miles} miles; the nearest other box is ${nearestOther} miles off`);
  assert.equal(coverage.more, true);
  assert.ok(next?.includes(areaIndex(manifest, 'WS')));
  assert.ok(!next?.includes(areaIndex(manifest, 'CV')));
  const first = set.engine().query({ q: '', filters: {}, sort: 'distance', near, limit: 5 }, NOW);
  assert.ok(first.items.length === 5 && first.items.every((item) => item.distance! <= coverage.miles!), 'the first page is within the miles it covers');
  await set.load(next!);
  ({ coverage, next } = await set.prepareFor({ q: '', filters: {}, sort: 'distance', near }));
  assert.equal(coverage.miles, 10);
  assert.equal(coverage.more, true);
  assert.deepEqual(loadedAreas(set).filter((a) => !a.startsWith('g')), ['B', 'WS']);
  assert.ok(next?.includes(areaIndex(manifest, 'CV')));
  await set.load(next!);
  ({ coverage, next } = await set.prepareFor({ q: '', filters: {}, sort: 'distance', near }));
  assert.equal(coverage.miles, 25);
  assert.equal(coverage.more, false);
  assert.equal(next, undefined);
  assert.deepEqual(loadedAreas(set).filter((a) => !a.startsWith('g')), ['B', 'CV', 'WS']);
  const result = set.engine().query({ q: '', filters: {}, sort: 'distance', near, limit: 5 }, NOW);
  assert.ok(result.items.every((item) => item.distance !== undefined && item.distance < 4), 'the nearest listings come first');

  // None of that fetched the word index: a place needs none.
  assert.ok(manifest.words && files.has(manifest.words.file));

  // A word only Edinburgh has, typed in part: the word index, then its shard, and nothing else.
  log.length = 0;
  set = fresh();
  ({ coverage } = await set.prepareFor({ q: 'zebrafin', filters: {}, sort: 'relevance' }));
  assert.deepEqual(log, [manifest.words.file, manifest.shards[areaIndex(manifest, 'EH')]!.file]);
  assert.equal(coverage.more, false);
  const found = set.engine(true).query({ q: 'zebrafin', filters: {}, sort: 'relevance' }, NOW);
  assert.deepEqual(found.items.map((i) => i.key), ['EH~zebrafinch']);

  // A word many shards hold: the first answer waits for one of them, the smallest, and the rest follow a few at a time.
  log.length = 0;
  set = fresh();
  const withWalk = (await set.words())!.shards('walk');
  assert.ok(withWalk.length > 6);
  log.length = 0;
  ({ coverage, next } = await set.prepareFor({ q: 'walk', filters: {}, sort: 'relevance' }));
  const smallest = Math.min(...withWalk.map((i) => manifest.shards[i]!.listings));
  assert.equal(log.length, 1, 'the word index is fetched once');
  assert.equal(manifest.shards.find((s) => s.file === log[0])!.listings, smallest);
  assert.equal(coverage.more, true);
  assert.equal(next?.length, 6);
  assert.ok(set.engine(true).query({ q: 'walk', filters: {}, sort: 'relevance' }, NOW).total > 0);

  // A link to that listing, on a fresh page: its shard, one request.
  log.length = 0;
  set = fresh();
  await set.prepareFor({ q: '', filters: {}, sort: 'relevance', open: 'EH~zebrafinch' });
  assert.deepEqual(log, [manifest.shards[areaIndex(manifest, 'EH')]!.file]);
  assert.equal(set.engine().listing('EH~zebrafinch')?.key, 'EH~zebrafinch');

  // A postcode placed from its area's listings.
  log.length = 0;
  set = fresh();
  const placed = await set.place('ls3 4ab');
  assert.ok(placed && Math.abs(placed.near.lat - NATIONAL_AREAS.LS![0]) < 0.1 && Math.abs(placed.near.lng - NATIONAL_AREAS.LS![1]) < 0.1, JSON.stringify(placed));
  assert.equal(placed.near.label, 'LS3 4AB');
  assert.equal(placed.attribution, undefined, 'no gazetteer in this manifest');
  assert.deepEqual(log, [manifest.shards[areaIndex(manifest, 'LS')]!.file]);
  assert.equal(await set.place('ZZ1 1ZZ'), undefined);

  // With a national gazetteer in the manifest: its one file for the area, and its attribution.
  const gazetteer = writeGazetteerShards({ districts: { LS3: [53.81, -1.57] }, sectors: { 'LS3 4': [53.805, -1.565] } }, { attribution: 'Contains OS data' }, (file) => files.set(file.path, file.content));
  log.length = 0;
  set = new ShardSet({ ...manifest, gazetteer }, BASE, { fetch: serve(files, log), now: () => NOW });
  assert.deepEqual(await set.place('ls3 4ab'), { near: { lat: 53.805, lng: -1.565, label: 'LS3 4AB' }, attribution: 'Contains OS data' });
  // Its one file for the area, and at once the shard of the postcode's district, which the search that follows needs.
  assert.deepEqual(log.sort(), [gazetteer.shards[0]!.file, manifest.shards[areaIndex(manifest, 'LS')]!.file].sort());
  await set.load([areaIndex(manifest, 'LS')]);
  assert.deepEqual(loadedAreas(set), ['LS']);
  // A postcode it does not know is placed from its area's listings, already here.
  assert.ok((await set.place('LS5 4AB'))?.near);
  assert.equal(log.length, 2);
});

test('with its word index missing or failing its hash, a search by name answers from the shards loaded and says so; the rest works', async () => {
  const { manifest, files } = build(national());
  const entry = manifest.words!;
  for (const damage of [(f: Map<string, string>) => f.delete(entry.file), (f: Map<string, string>) => f.set(entry.file, f.get(entry.file)!.replace('"walk":"', '"walks":"'))]) {
    const broken = new Map(files);
    damage(broken);
    const log: string[] = [];
    const set = new ShardSet(manifest, BASE, { fetch: serve(broken, log), now: () => NOW });
    // Nothing loaded yet: no shard to look in, and the answer says why.
    let { coverage } = await set.prepareFor({ q: 'zebrafinch', filters: {}, sort: 'relevance' });
    assert.equal(coverage.wordsUnavailable, true);
    assert.equal(coverage.prompt, undefined);
    assert.deepEqual(log, [entry.file]);
    assert.equal(set.engine(true).query({ q: 'zebrafinch', filters: {}, sort: 'relevance' }, NOW).total, 0);
    assert.deepEqual(set.head.problems.map((p) => p.code), [broken.has(entry.file) ? 'words-hash' : 'words-missing']);
    // A place works as ever, and the name is then found among the shards it loaded.
    const near = { lat: NATIONAL_AREAS.EH![0], lng: NATIONAL_AREAS.EH![1] };
    ({ coverage } = await set.prepareFor({ q: '', filters: {}, sort: 'distance', near }));
    assert.equal(coverage.wordsUnavailable, undefined);
    assert.ok(loadedAreas(set).includes('EH'));
    ({ coverage } = await set.prepareFor({ q: 'zebrafinch', filters: {}, sort: 'relevance' }));
    assert.equal(coverage.wordsUnavailable, true);
    assert.deepEqual(set.engine(true).query({ q: 'zebrafinch', filters: {}, sort: 'relevance' }, NOW).items.map((i) => i.key), ['EH~zebrafinch']);
    // Reported once, though tried again at each search by name.
    assert.equal(set.head.problems.filter((p) => p.code.startsWith('words-')).length, 1);
    assert.equal(log.filter((path) => path === entry.file).length, 2);
  }
});

test('a postcode in an area written as runs of its districts is placed from, and first answered by, the run that names its district', async () => {
  const feed = national();
  // About 20 listings a district: at most 70 a shard writes Birmingham as runs of three districts, whose boxes overlap.
  const counts = new Map<string, Map<string, number>>();
  for (const listing of feed.listings) countDistrict(counts, shardOfListing(listing));
  const files = new Map<string, string>();
  const manifest = writeShards(feed, (file) => files.set(file.path, file.content), { districts: districtShards(counts, 70) });
  const runs = manifest.shards.filter((s) => /^B\d/.test(s.area));
  assert.ok(runs.length >= 3, runs.map((s) => s.area).join(' '));
  const own = runs.find((s) => s.districts!.includes('B5'))!;
  const log: string[] = [];
  const set = new ShardSet(manifest, BASE, { fetch: serve(files, log), now: () => NOW });

  // Placed from that run's listings alone (no gazetteer in this manifest).
  const placed = await set.place('b5 7ab');
  assert.ok(placed && Math.abs(placed.near.lat - NATIONAL_AREAS.B![0]) < 0.1 && Math.abs(placed.near.lng - NATIONAL_AREAS.B![1]) < 0.1, JSON.stringify(placed));
  assert.deepEqual(log, [own.file]);

  // The first answer waits for nothing more; the other runs holding the place come next, then the rest within 10 miles, then 25.
  log.length = 0;
  const state: FinderState = { q: '', filters: {}, sort: 'distance', near: placed.near };
  let { coverage, next, core } = await set.prepareFor(state);
  assert.deepEqual(log, []);
  assert.deepEqual(loadedAreas(set), [own.area]);
  assert.equal(coverage.more, true);
  assert.equal(coverage.miles, undefined, 'the other runs hold listings as near: it claims no distance');
  const first = core.query({ ...state, limit: 5 }, NOW);
  assert.equal(first.items.length, 5);
  assert.ok(first.items.every((item) => item.key.startsWith(`${own.area}~`)));
  assert.deepEqual(next!.map((i) => manifest.shards[i]!.area).filter((a) => !a.startsWith('g')).sort(), runs.filter((s) => s !== own).map((s) => s.area).sort());
  const areas: string[][] = [];
  while (next) {
    await set.load(next);
    ({ coverage, next, core } = await set.prepareFor(state));
    areas.push(loadedAreas(set).filter((a) => !a.startsWith('g')));
  }
  assert.equal(coverage.miles, 25);
  assert.deepEqual(areas.at(-1), manifest.shards.filter((s) => /^(B|CV|WS)\d/.test(s.area)).map((s) => s.area).sort(), 'Birmingham, Walsall and Coventry');
  const nearest = core.query({ ...state, limit: 5 }, NOW);
  assert.ok(nearest.items.every((item) => item.distance! < 4), 'the nearest listings come first');
});

test('a shard that is missing or fails its hash is skipped and said to be; the rest answer', async () => {
  const { manifest, files } = build(national());
  const ws = manifest.shards[areaIndex(manifest, 'WS')]!;
  const cv = manifest.shards[areaIndex(manifest, 'CV')]!;
  files.delete(ws.file);
  files.set(cv.file, files.get(cv.file)!.replace('Community', 'Communal'));
  const set = new ShardSet(manifest, BASE, { fetch: serve(files), now: () => NOW });
  const near = { lat: NATIONAL_AREAS.B![0], lng: NATIONAL_AREAS.B![1] };
  let { next, coverage, core } = await set.prepareFor({ q: '', filters: {}, sort: 'distance', near });
  // Each step of shards in turn, as the page asks again when one has arrived.
  while (next) {
    await set.load(next);
    ({ next, coverage, core } = await set.prepareFor({ q: '', filters: {}, sort: 'distance', near }));
  }
  assert.deepEqual(coverage.skipped.sort(), ['CV', 'WS']);
  assert.equal(coverage.more, false);
  assert.ok(core.query({ q: '', filters: {}, sort: 'distance', near }, NOW).total > 100);
  assert.deepEqual(set.head.problems.map((p) => p.code).sort(), ['shard-hash', 'shard-missing']);
  assert.match(set.head.problems.find((p) => p.code === 'shard-missing')!.message, /Shard WS .* could not be loaded \(HTTP 404\)/);
});
