// A ready feed (what `atlas build` writes as ready.json) must answer exactly as
// the plain feed it was built from: trusted, it brings the engine's columns
// and text index and skips the quick check; edited after the build, it is read
// as a plain feed and indexed afresh; cut off or of another version, it says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generateFeed } from '../../../test/support/generate.js';
import { createEngine } from '../src/engine/engine.js';
import { EngineCore } from '../src/engine/full.js';
import { serializeReady } from '../src/engine/ready-write.js';
import { summarise, type FinderState } from '../src/engine/types.js';
import { FeedLoadError, type FetchedFeed } from '../src/feed/fetch.js';
import { parseFeedText, readFetchedFeed, readFetchedFeedQuickFirst } from '../src/feed/load.js';
import { readFeed } from '../src/feed/read.js';
import type { AtlasData } from '../src/feed/normalised.js';
import { attachReadyParts, readyPartsOf, wholeListings } from '../src/feed/ready-parts.js';
import { ReadySealer, readReadyHeadEarly, readySeal } from '../src/feed/ready.js';
import { fetchReadyIndex } from '../src/feed/ready-index.js';
import type { Feed } from '../src/feed/types.js';
import { matchesWhen, nextSession } from '../src/schedule/index.js';
import { randomStates } from '../../../test/support/states.js';
import { withoutListings } from '../../../test/support/engine.js';
import { decodeReadyBits, FilterCore } from '../src/engine/core.js';
import { keepKinds } from '../src/feed/ready-kinds.js';
import { deadlineReader } from '../src/engine/deadlines.js';
import { extras } from '../src/engine/extras.js';
import { closingSoonFrom, deadlineState, parseDeadline } from '../src/transfer/deadline.js';

const demo = JSON.parse(readFileSync(new URL('../../../demo/feed.json', import.meta.url), 'utf8')) as Feed;
const generated = generateFeed(2000, 11) as Feed;
const NOW = new Date('2026-11-24T10:30:00Z');
const SOURCE = 'https://council.example/atlas/ready.json';

const WORDS = ['lonely', 'walk', 'kniting', 'tai chi', 'memory cafe', 'choir', 'low mood', 'carer', 'food bank', 'library', 'hall', 'unig', 'cerdded', 're', 'lo', 'wa', 'ca', 'sup', 'bereav', 'walkng', 'libary'];

const states = (data: AtlasData, count: number, seed: number): FinderState[] =>
  randomStates(data, count, seed, { words: WORDS, now: NOW, wordChance: 0.5, filters: 3, ageChance: 0.2 });

const plain = withoutListings;

/** What the ready feeds' text index files are served as, by address (fetch is this, in this file): anything else is a 404. */
const served = new Map<string, string>();
const asked: string[] = [];
globalThis.fetch = (async (input: RequestInfo | URL) => {
  const url = String(input);
  asked.push(url);
  const body = served.get(url);
  return body === undefined ? new Response('not here', { status: 404 }) : new Response(body, { status: 200 });
}) as typeof fetch;

/** Serves `ready`'s text index file beside SOURCE, as atlas build writes it beside ready.json. */
const serveIndex = (ready: ReturnType<typeof serializeReady>): ReturnType<typeof serializeReady> => {
  served.set(new URL(ready.index!.path, SOURCE).href, ready.index!.text);
  return ready;
};

/** The text index file fetched for `data` (a trusted ready feed's), as the engine does before words. */
const fetchIndex = async (data: AtlasData): Promise<object | undefined> => {
  const parts = readyPartsOf(data.listings)!;
  await fetchReadyIndex(parts);
  return parts.index;
};

for (const [name, feed] of [['the demo feed', demo], ['a generated feed of 2,000 listings', generated]] as const) {
  for (const lang of ['en', 'cy']) {
    test(`${name} (${lang}): a trusted ready feed gives the plain feed's data and the same answers on 400 random states, reading only its index file`, async () => {
      // Built at NOW: the weekly slots it writes are what the engine takes.
      const ready = serveIndex(serializeReady(feed, { indexFile: true, now: NOW }));
      const trusted = readFetchedFeedQuickFirst({ url: SOURCE, text: ready.text, status: 200 });
      const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(feed), status: 200 });
      assert.deepEqual(trusted, fresh);
      assert.ok(readyPartsOf(trusted.listings), 'the prebuilt parts came with the listings');
      assert.ok(await fetchIndex(trusted), 'the text index file was fetched');
      const prebuilt = new EngineCore(trusted, { lang, now: () => NOW });
      const steps = [...prebuilt.prepare()].length;
      // In English the columns and the index are taken as they are; in Welsh names sort
      // another way, so the columns are worked out again and only the index is taken.
      if (lang === 'en') assert.equal(steps, 1, 'preparing took more than reading the index');
      else assert.ok(steps > 0 && steps < [...new EngineCore(fresh, { lang, now: () => NOW }).prepare()].length);
      assert.deepEqual(prebuilt.exportColumns(), new EngineCore(fresh, { lang, now: () => NOW }).exportColumns());
      const reference = new EngineCore(fresh, { lang, now: () => NOW }).prepareAll();
      const page = createEngine(trusted, { lang, now: () => NOW });
      try {
        let found = 0;
        for (const state of states(fresh, 400, lang === 'en' ? 5 : 6)) {
          const expected = reference.query(state, NOW);
          if (expected.total) found++;
          assert.deepEqual(prebuilt.query(state, NOW), expected, JSON.stringify(state));
          assert.deepEqual(plain(await page.query(state, NOW)), expected, JSON.stringify(state));
        }
        assert.ok(found > 150, `${found} states found listings`);
        for (const prefix of ['lo', 'wal', 'carer', 'cerd', 're']) assert.deepEqual(prebuilt.suggest(prefix), reference.suggest(prefix));
      } finally {
        page.dispose();
      }
    });
  }
}

test('a ready feed edited after the build is read as the plain feed it now holds and indexed afresh', () => {
  const ready = serializeReady(demo, { indexFile: true });
  const first = demo.listings[0]!;
  const firstName = typeof first.name === 'string' ? first.name : first.name.en!;
  const edited = ready.text.replace(JSON.stringify(firstName), JSON.stringify('Zebrafinch aviary'));
  assert.notEqual(edited, ready.text);
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => void warnings.push(message);
  let data: AtlasData;
  try {
    data = readFetchedFeedQuickFirst({ url: SOURCE, text: edited, status: 200 });
  } finally {
    console.warn = warn;
  }
  assert.match(warnings.join('\n'), /read as a plain feed.*does not match its hash/);
  assert.equal(readyPartsOf(data.listings), undefined, 'the prebuilt parts were trusted');
  const renamed = { ...demo, listings: demo.listings.map((l) => (l === first ? { ...l, name: typeof first.name === 'string' ? 'Zebrafinch aviary' : { ...first.name, en: 'Zebrafinch aviary' } } : l)) };
  assert.deepEqual(data, readFetchedFeed({ url: SOURCE, text: JSON.stringify(renamed), status: 200 }));
  const engine = new EngineCore(data, { now: () => NOW }).prepareAll();
  assert.deepEqual(engine.query({ q: 'zebrafinch', filters: {}, sort: 'relevance' }, NOW).keys, [data.listings[0]!.key]);
  const reference = new EngineCore(readFetchedFeed({ url: SOURCE, text: JSON.stringify(renamed), status: 200 }), { now: () => NOW }).prepareAll();
  for (const state of states(data, 100, 9)) assert.deepEqual(engine.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
});

test('a ready feed cut off, or of another format version, is refused with a message saying which and what to do', () => {
  const { text } = serializeReady(demo, { indexFile: true });
  const read = (body: string): string => {
    try {
      readFetchedFeed({ url: SOURCE, text: body, status: 200 });
    } catch (error) {
      assert.ok(error instanceof FeedLoadError);
      return error.detail;
    }
    assert.fail('read without an error');
  };
  assert.match(read(text.slice(0, Math.floor(text.length / 2))), /ready\.json: This ready feed is cut off: it has \d+ of the \d+ characters atlas build wrote after its header/);
  assert.match(read(text.slice(0, 40)), /This ready feed's first line \(its header\) is cut off/);
  assert.match(read(text.replace('"version":3,', '"version":4,')), /format version 4, and this version of Community Atlas reads version 3: update the kit/);
  // Version 1 (the listings first, no keys or sizes before them) and 2 (the text index inside), as the build wrote them before.
  for (const version of [1, 2]) {
    assert.match(parseFeedText(text.replace('"version":3,', `"version":${version},`), 'ready.json').problems[0]!.message, new RegExp(`format version ${version}.*rebuild it with this version of atlas build`));
  }
});

/** A feed's text as the worker is handed it: bytes, in the pieces they arrived in. */
const asBytes = (text: string): FetchedFeed => {
  const bytes = new TextEncoder().encode(text);
  const cuts = [0, 1000, bytes.length >>> 1, bytes.length];
  return { url: SOURCE, text: '', status: 200, parts: cuts.slice(1).map((end, i) => bytes.slice(cuts[i]!, end)) };
};

test('a trusted ready feed read from its bytes (as the worker is handed it) gives the data read from its text, and fetches its text index file only when asked', async () => {
  const ready = serveIndex(serializeReady(generated, { indexFile: true }));
  const fromText = readFetchedFeedQuickFirst({ url: SOURCE, text: ready.text, status: 200 });
  asked.length = 0;
  const fromBytes = readFetchedFeedQuickFirst(asBytes(ready.text));
  assert.deepEqual(fromBytes, fromText);
  assert.deepEqual(asked, [], 'the text index file was fetched with the feed');
  assert.equal(readyPartsOf(fromBytes.listings)?.index, undefined);
  assert.deepEqual(readyPartsOf(fromBytes.listings)?.indexFile, { ...readyPartsOf(fromText.listings)!.indexFile, url: `https://council.example/atlas/${ready.index!.path}` });
  assert.deepEqual(await fetchIndex(fromBytes), JSON.parse(ready.index!.text));
  assert.deepEqual(asked, [`https://council.example/atlas/${ready.index!.path}`]);
  const prebuilt = new EngineCore(fromBytes, { now: () => NOW });
  assert.equal([...prebuilt.prepare()].length, 1, 'preparing took more than reading the index');
  const reference = new EngineCore(readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 }), { now: () => NOW }).prepareAll();
  for (const state of states(fromText, 200, 12)) assert.deepEqual(prebuilt.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
});

test('a trusted ready feed read from its bytes for the worker answers its first page with only the listings that page needs read, and every state as the plain feed', async () => {
  const ready = serveIndex(serializeReady(generated, { indexFile: true }));
  const data = readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: true });
  await fetchIndex(data);
  const lazy = readyPartsOf(data.listings)?.lazy;
  assert.ok(lazy, 'the listings are read as they are asked for');
  assert.deepEqual(lazy.keys, generated.listings.map((l) => l.id));
  assert.deepEqual(lazy.summary, summarise(readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 }).listings, false));
  const unread = (): number => data.listings.length - Object.keys(data.listings).length;
  assert.equal(unread(), generated.listings.length, 'a listing was read before it was asked for');
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 });
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  const core = new EngineCore(data, { now: () => NOW });
  assert.equal([...core.prepare()].length, 1, 'preparing took more than reading the index');
  const first = core.query({ q: '', filters: {}, sort: 'relevance', limit: 20 }, NOW);
  assert.deepEqual(first, reference.query({ q: '', filters: {}, sort: 'relevance', limit: 20 }, NOW));
  // The first page's listings and each schedule group's first; not the transfers, whose deadlines the columns hold.
  assert.ok(unread() > generated.listings.length * 0.6, `${generated.listings.length - unread()} of ${generated.listings.length} listings were read for the first page`);
  const needed = new Set([...ready.columns.groups, ...first.items.map((item) => lazy.keys.indexOf(item.key))]);
  const transfers = generated.listings.filter((l) => l.kind === 'transfer').length;
  assert.ok(transfers > 20, `${transfers} transfers`);
  for (const i of Object.keys(data.listings).map(Number)) assert.ok(needed.has(i), `listing ${i} (${generated.listings[i]!.kind}) was read for the first page`);
  for (const item of first.items) assert.deepEqual(core.listing(item.key), fresh.listings.find((l) => l.key === item.key));
  // The rest a slice at a time: then the data is what reading it all at once gives.
  let slices = 0;
  while (!lazy.readSome(0)) slices++;
  assert.ok(slices > 1, 'the listings were read in one slice');
  assert.equal(unread(), 0);
  for (const state of states(fresh, 200, 14)) assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
  assert.deepEqual(data, readFetchedFeedQuickFirst({ url: SOURCE, text: ready.text, status: 200 }));
  for (const prefix of ['lo', 'wal', 'carer']) assert.deepEqual(core.suggest(prefix), reference.suggest(prefix));
});

test('a trusted ready feed without a text index file (as atlas build writes it), read from its bytes for the worker, has its filters ready with few of its listings read: building the text index, which reads them all, comes after the first page', () => {
  const ready = serializeReady(generated);
  assert.equal(ready.index, undefined);
  const data = readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: true });
  const unread = (): number => data.listings.length - Object.keys(data.listings).length;
  const core = new EngineCore(data, { now: () => NOW });
  // As the worker does before it says it is ready for the first question.
  const steps = core.prepare();
  while (!core.filtersReady && !steps.next().done);
  // Only each schedule group's first listing and the transfers (for their deadlines), as the columns name them.
  assert.ok(unread() > generated.listings.length * 0.6, `${generated.listings.length - unread()} of ${generated.listings.length} listings were read before the first question`);
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 });
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  const first = core.query({ q: '', filters: {}, sort: 'relevance', limit: 20 }, NOW);
  assert.deepEqual(first, reference.query({ q: '', filters: {}, sort: 'relevance', limit: 20 }, NOW));
  assert.ok(unread() > generated.listings.length * 0.6, `${generated.listings.length - unread()} of ${generated.listings.length} listings were read for the first page`);
  // Then the text index, built from every listing, answers as the plain feed's.
  while (!steps.next().done);
  assert.equal(unread(), 0);
  for (const state of states(fresh, 100, 16)) assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
});

test('a trusted ready feed built at the time it is asked (its weekly slots and next sessions hold) answers its first page with only that page\'s listings read, the next sessions on it as the plain feed gives them', () => {
  // A build at NOW: what it worked out for the clock holds, so no schedule group's listing is read for its sessions.
  const ready = serializeReady(generated, { now: NOW });
  const data = readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: true });
  const lazy = readyPartsOf(data.listings)!.lazy!;
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 });
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  const core = new EngineCore(data, { now: () => NOW });
  const steps = core.prepare();
  while (!core.filtersReady && !steps.next().done);
  for (const sort of ['relevance', 'name'] as const) {
    const first = core.query({ q: '', filters: {}, sort, limit: 20 }, NOW);
    assert.deepEqual(first, reference.query({ q: '', filters: {}, sort, limit: 20 }, NOW));
    assert.ok(first.items.filter((item) => item.next).length > 5, 'the first page has next sessions');
    const onPage = new Set(first.items.map((item) => lazy.keys.indexOf(item.key)));
    for (const i of Object.keys(data.listings).map(Number)) assert.ok(onPage.has(i), `listing ${i} (${generated.listings[i]!.kind}), not on the first page, was read for it`);
  }
});

test('the "on now / today / this week" counts and the next session on each result are those of the schedule functions, listing by listing, at times through a week, for a trusted ready feed and the plain feed', () => {
  const ready = serializeReady(generated, { now: NOW });
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 });
  const engines = [
    new EngineCore(readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: true }), { now: () => NOW }).prepareAll(),
    new EngineCore(fresh, { now: () => NOW }).prepareAll(),
  ];
  const byKey = new Map(fresh.listings.map((l) => [l.key, l]));
  // The build's time, then on through the week: on the hour, on the half hour and between.
  const times = [0, 30, 31, 60 * 7 + 30, 60 * 24 + 17, 60 * 50 + 30, 60 * 24 * 6 + 45].map((m) => new Date(NOW.getTime() + m * 60_000));
  for (const now of times) {
    const expected = ['now', 'today', 'this-week'].map((when) => fresh.listings.filter((l) => matchesWhen(l, when, now)).length);
    assert.ok(expected[2]! > 0, `nothing on in the week from ${now.toISOString()}`);
    for (const core of engines) {
      core.clearCaches();
      const answer = core.query({ q: '', filters: {}, sort: 'relevance', limit: 40 }, now);
      const counts = Object.fromEntries(answer.facets.when!.map((f) => [f.value, f.count]));
      assert.deepEqual([counts.now, counts.today, counts['this-week']], expected, now.toISOString());
      for (const item of answer.items) assert.deepEqual(item.next, nextSession(byKey.get(item.key)!, now), `${item.key} at ${now.toISOString()}`);
    }
  }
});

test('a trusted ready feed\'s transfers are open, closing soon or closed as the plain feed\'s at every moment around their deadlines and the clocks\' changes, with no date read: atlas build read them', () => {
  const deadlines = ['2027-03-28', '2027-04-11', '2027-10-31', '2027-11-14', '2027-06-30T17:00', '2027-06-30T17:00:00+01:00', '2027-01-15T00:00:00Z', '2027-13-01', 'soon', ''];
  const statuses = ['available', 'proposed', 'under-offer', 'withdrawn', 'transferred'];
  const listings = deadlines.flatMap((deadline, d) => statuses.map((status, k) => ({
    id: `t${d}-${k}`, kind: 'transfer', name: `Hall ${d} ${k}`,
    transfer: { assetType: 'hall', status, ...(deadline ? { dates: { eoiDeadline: deadline } } : {}) },
  })));
  const feed = { version: '1', publisher: { name: 'P' }, listings } as unknown as Feed;
  const ready = serializeReady(feed, { now: NOW });
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(feed), status: 200 });
  let read = 0;
  const counting = (listing: Parameters<typeof deadlineState>[0], now: Date): ReturnType<typeof deadlineState> => {
    read++;
    return deadlineState(listing, now);
  };
  const trusted = new FilterCore(readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: true }), { now: () => NOW });
  trusted.attachDeadlines(deadlineReader(counting));
  trusted.attachExtras(extras);
  const plainCore = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  for (const steps = trusted.prepare(); !steps.next().done;);
  // Each deadline to the millisecond, each start of closing soon, and the days the clocks change, on either side.
  const moments = new Set<number>();
  for (const deadline of deadlines) {
    const at = parseDeadline(deadline)?.getTime();
    if (at !== undefined) for (const t of [at, closingSoonFrom(at)]) for (const d of [-1, 0, 1, -3_600_000, 3_600_000]) moments.add(t + d);
  }
  for (const day of ['2027-03-27T23:30:00Z', '2027-03-28T00:30:00Z', '2027-03-28T01:30:00Z', '2027-10-30T23:30:00Z', '2027-10-31T00:30:00Z', '2027-10-31T01:30:00Z']) moments.add(Date.parse(day));
  for (const t of [...moments].sort((a, b) => a - b)) {
    const now = new Date(t);
    for (const state of [{ q: '', filters: {}, sort: 'deadline' }, { q: '', filters: { deadline: ['closing-soon'] }, sort: 'deadline' }, { q: '', filters: { deadline: ['open'] }, sort: 'relevance' }] as FinderState[]) {
      assert.deepEqual(trusted.query(state, now), plainCore.query(state, now), `${JSON.stringify(state)} at ${now.toISOString()}`);
    }
  }
  // Only the deadlines that cannot be read were read at the first answer (each is none).
  assert.ok(moments.size > 50);
  read = 0;
  trusted.clearCaches();
  trusted.query({ q: '', filters: {}, sort: 'deadline' }, new Date(NOW.getTime() + 86_400_000));
  assert.equal(read, 3 * statuses.length, 'deadlines read at the first answer');
});

test('a ready feed\'s text index file that comes after the first question (as the worker fetches it) is read, not built again from the listings', async () => {
  const ready = serveIndex(serializeReady(generated, { indexFile: true }));
  const data = readFetchedFeedQuickFirst(asBytes(ready.text), { lazyListings: true });
  const unread = (): number => data.listings.length - Object.keys(data.listings).length;
  const core = new EngineCore(data, { now: () => NOW });
  const steps = core.prepare();
  while (!core.filtersReady && !steps.next().done);
  assert.ok(core.readyIndexToFetch);
  await core.fetchReadyIndex();
  assert.ok(core.readyIndex, 'the file came');
  const before = unread();
  assert.ok(before > generated.listings.length * 0.6, `${generated.listings.length - before} of ${generated.listings.length} listings were read before the file came`);
  while (!steps.next().done);
  assert.ok(core.ready);
  assert.equal(unread(), before, 'the listings were read to build the index the file brought');
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 });
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  for (const state of states(fresh, 100, 17)) assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
});

test('a trusted ready feed whose listings are read as they are asked for gives every listing to whatever reads them all, and in Welsh (whose name order is not the columns\') reads them all to work its columns out', () => {
  const ready = serializeReady(demo);
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(demo), status: 200 });
  // In pieces of 997 bytes: many a listing read on its own is cut between two.
  const bytes = new TextEncoder().encode(ready.text);
  const parts = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, k) => bytes.slice(k * 997, (k + 1) * 997));
  for (const lang of ['en', 'cy']) {
    const data = readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts }, { lazyListings: true });
    assert.ok(readyPartsOf(data.listings)?.lazy, 'the listings are read as they are asked for');
    const core = new EngineCore(data, { lang, now: () => NOW }).prepareAll();
    const reference = new EngineCore(fresh, { lang, now: () => NOW }).prepareAll();
    for (const state of states(fresh, 100, 15)) assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
    assert.deepEqual(core.suggest('wa'), reference.suggest('wa'));
    assert.deepEqual(wholeListings(data.listings), fresh.listings);
  }
});

test('a ready feed\'s bytes edited after the build, or with their hash changed, are read as the plain feed they hold and indexed afresh', () => {
  const ready = serializeReady(demo);
  const first = demo.listings[0]!;
  const firstName = typeof first.name === 'string' ? first.name : first.name.en!;
  const renamed = { ...demo, listings: demo.listings.map((l) => (l === first ? { ...l, name: typeof first.name === 'string' ? 'Zebrafinch aviary' : { ...first.name, en: 'Zebrafinch aviary' } } : l)) };
  const hash = /"hash":"([0-9a-f]+)"/.exec(ready.text)![1]!;
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    for (const [text, feed] of [
      [ready.text.replace(JSON.stringify(firstName), JSON.stringify('Zebrafinch aviary')), renamed],
      [ready.text.replace(`"hash":"${hash}"`, `"hash":"${hash.replace(/^./, (c) => (c === '0' ? '1' : '0'))}"`), demo],
    ] as const) {
      const data = readFetchedFeedQuickFirst(asBytes(text));
      assert.equal(readyPartsOf(data.listings), undefined, 'the prebuilt parts were trusted');
      assert.deepEqual(data, readFetchedFeed({ url: SOURCE, text: JSON.stringify(feed), status: 200 }));
    }
  } finally {
    console.warn = warn;
  }
});

test('the page reads a ready feed from its bytes (sealed, as the worker does) to the same data as from its text, trusted or edited', async () => {
  const ready = serializeReady(demo);
  const first = demo.listings[0]!;
  const firstName = typeof first.name === 'string' ? first.name : first.name.en!;
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    for (const [text, trusted] of [[ready.text, true], [ready.text.replace(JSON.stringify(firstName), JSON.stringify('Zebrafinch aviary')), false]] as const) {
      const fromBytes = await readFeed(asBytes(text));
      assert.equal(!!readyPartsOf(fromBytes.listings), trusted);
      assert.deepEqual(fromBytes, await readFeed({ url: SOURCE, text, status: 200 }));
      assert.deepEqual(fromBytes, readFetchedFeed({ url: SOURCE, text, status: 200 }));
    }
  } finally {
    console.warn = warn;
  }
});

test('a ready feed whose header has no seals is read from its text, and still names its text index file', () => {
  const ready = serializeReady(demo, { indexFile: true });
  const older = ready.text.replace(/,"seals":\[[^\]]*\]/, '');
  assert.notEqual(older, ready.text);
  const data = readFetchedFeedQuickFirst(asBytes(older));
  assert.deepEqual(data, readFetchedFeedQuickFirst({ url: SOURCE, text: ready.text, status: 200 }));
  assert.equal(readyPartsOf(data.listings)?.indexFile?.file, ready.index!.path);
});

test('a ready feed\'s seal is the same however its bytes are cut into pieces, and changes with any byte', () => {
  const bytes = new TextEncoder().encode(serializeReady(demo, { indexFile: true }).text);
  const whole = readySeal([bytes]);
  let seed = 7;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let t = 0; t < 50; t++) {
    // Pieces at odd offsets inside larger buffers, as a stream's chunks may come.
    const cuts = [...new Set([0, bytes.length, ...Array.from({ length: 1 + random(20) }, () => random(bytes.length))])].sort((a, b) => a - b);
    const pieces = cuts.slice(1).map((end, i) => {
      const start = cuts[i]!;
      const pad = random(4);
      const buffer = new Uint8Array(end - start + pad + 3);
      buffer.set(bytes.subarray(start, end), pad);
      return buffer.subarray(pad, pad + end - start);
    });
    assert.equal(readySeal(pieces), whole);
  }
  for (let t = 0; t < 50; t++) {
    const changed = bytes.slice();
    const at = random(bytes.length);
    changed[at] = changed[at]! ^ (1 << random(8));
    assert.notEqual(readySeal([changed]), whole, `byte ${at}`);
  }
  assert.notEqual(readySeal([bytes.subarray(0, -1)]), readySeal([bytes.subarray(0, -1), new Uint8Array(1)]), 'a zero byte more');
});

test('a ready feed sealed as its pieces arrive (as the worker is handed them, on the page first and then in the worker) reads to the very data it reads sealed at once; seals of other bytes, or of part of them, are not taken for these', () => {
  const text = serializeReady(generated).text;
  const bytes = new TextEncoder().encode(text);
  const whole = readFetchedFeedQuickFirst(asBytes(text), { lazyListings: true });
  assert.ok(readyPartsOf(whole.listings), 'the ready feed was not trusted');
  let seed = 3;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  for (let t = 0; t < 12; t++) {
    // Some first pieces shorter than the header line, which the sealer holds until the line is in.
    const cuts = [...new Set([0, bytes.length, ...(t % 3 === 0 ? [1 + random(40), 60 + random(200)] : []), ...Array.from({ length: 1 + random(12) }, () => random(bytes.length))])].sort((a, b) => a - b);
    const parts = cuts.slice(1).map((end, i) => bytes.slice(cuts[i]!, end));
    let sealer = new ReadySealer();
    // Every other time handed on after some of the pieces (perhaps before the header line is in), cloned as a message
    // is: as the page seals a body's first pieces while the worker starts, and the worker goes on from there.
    const handAt = t % 2 ? random(parts.length + 1) : -1;
    parts.forEach((part, k) => {
      if (k === handAt) sealer = ReadySealer.from(structuredClone(sealer.state()));
      sealer.add(part);
    });
    if (handAt === parts.length) sealer = ReadySealer.from(structuredClone(sealer.state()));
    const data = readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts }, { lazyListings: true, sealer });
    assert.ok(readyPartsOf(data.listings)?.lazy, `cut at ${cuts.join(', ')}${handAt >= 0 ? `, handed on at piece ${handAt}` : ''}: its seals were not taken`);
    assert.deepEqual(wholeListings(data.listings), wholeListings(whole.listings));
    assert.deepEqual({ ...data, listings: [] }, { ...whole, listings: [] });
  }
  // A sealer that read other bytes (one byte of a name changed): its seals are the ones compared, and fail, so the
  // bytes are not trusted as they are (no listings read lazily) but read and checked again from their text.
  const at = text.indexOf('"name":"', text.indexOf('"sizes":[')) + 9;
  const edited = bytes.slice();
  edited[at] = edited[at]! ^ 1;
  const wrong = new ReadySealer();
  wrong.add(edited);
  const checkedAgain = readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts: [bytes.slice()] }, { lazyListings: true, sealer: wrong });
  assert.equal(readyPartsOf(checkedAgain.listings)?.lazy, undefined, 'seals of other bytes were taken');
  assert.deepEqual(checkedAgain.listings, wholeListings(whole.listings));
  // One that read only the first half: not used, the bytes are sealed again, and trusted.
  const part = new ReadySealer();
  part.add(bytes.subarray(0, bytes.length >>> 1));
  assert.ok(readyPartsOf(readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts: [bytes.slice()] }, { lazyListings: true, sealer: part }).listings)?.lazy);
  // Bytes that are no ready feed: nothing sealed, read as the plain feed.
  const plainSealer = new ReadySealer();
  const plainBytes = new TextEncoder().encode(JSON.stringify(generated));
  plainSealer.add(plainBytes.subarray(0, 100));
  plainSealer.add(plainBytes.subarray(100));
  assert.deepEqual(readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts: [plainBytes] }, { sealer: plainSealer }), readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts: [plainBytes.slice()] }));
});

test('a ready feed\'s part before its listings, parsed as soon as its last byte is in (in the worker, while the listings still come), reads to the very data; one edited there is not parsed early, and reads as the plain feed it holds', () => {
  const text = serializeReady(generated).text;
  const bytes = new TextEncoder().encode(text);
  const whole = readFetchedFeedQuickFirst(asBytes(text), { lazyListings: true });
  const listingsStart = text.indexOf('\n') + 1 + (JSON.parse(`${text.slice(0, text.indexOf('\n')).replace(/,\s*$/, '')}}`) as { listingsAt: number }).listingsAt;
  let seed = 7;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const piecesOf = (body: Uint8Array, t: number): Uint8Array[] => {
    // Always a cut just after the part before the listings, sometimes a byte before it, and others anywhere.
    const cuts = [...new Set([0, body.length, listingsStart + (t % 2), 1 + random(listingsStart), ...Array.from({ length: 1 + random(10) }, () => random(body.length))])].sort((a, b) => a - b);
    return cuts.slice(1).map((end, i) => body.slice(cuts[i]!, end));
  };
  for (let t = 0; t < 8; t++) {
    const parts = piecesOf(bytes, t);
    const sealer = new ReadySealer();
    const views: Uint8Array[] = [];
    let at = 0;
    for (const part of parts) {
      views.push(part);
      sealer.add(part);
      readReadyHeadEarly(views, sealer);
      at += part.length;
      // Parsed once every byte before the listings is in, and not before.
      assert.equal(!!sealer.early, at >= listingsStart, `after ${at} of ${bytes.length} bytes (listings from ${listingsStart})`);
    }
    const data = readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts }, { lazyListings: true, sealer });
    assert.ok(readyPartsOf(data.listings)?.lazy, 'its seals were not taken');
    assert.deepEqual(wholeListings(data.listings), wholeListings(whole.listings));
    assert.deepEqual({ ...data, listings: [] }, { ...whole, listings: [] });
  }
  // A byte of the first listing's key in the keys before the listings changed: not parsed early, not trusted, read as the plain feed it holds.
  const at = text.indexOf('"keys":["') + 9;
  assert.equal(at > 9 && at < listingsStart, true);
  const edited = bytes.slice();
  edited[at] = edited[at] === 0x71 ? 0x70 : 0x71;
  const parts = piecesOf(edited, 0);
  const sealer = new ReadySealer();
  parts.forEach((part, k) => {
    sealer.add(part);
    readReadyHeadEarly(parts.slice(0, k + 1), sealer);
  });
  assert.equal(sealer.early, null);
  const data = readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts }, { lazyListings: true, sealer });
  assert.equal(readyPartsOf(data.listings)?.lazy, undefined);
  assert.equal(JSON.stringify(data), JSON.stringify(readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts: [edited.slice()] })));
  assert.equal(data.listings.length, whole.listings.length);
});

test('a ready feed\'s facet bits decoded with the part before its listings (as the worker does before the last byte) are taken as they are, with the answers of the plain feed, in every kind kept: no text is decoded after the last byte', () => {
  const text = serializeReady(generated, { now: NOW }).text;
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(generated), status: 200 });
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  /** Steps of preparing until the filters are ready (as the worker does before its first answer): one or two when the columns are taken; then the rest. */
  const filtersIn = (core: EngineCore): number => {
    const steps = core.prepare();
    let k = 0;
    while (!core.filtersReady && !steps.next().done) k++;
    // Then the text index, for words.
    while (!steps.next().done);
    return k;
  };
  const decodes = (): number => {
    const bytes = new TextEncoder().encode(text);
    const sealer = new ReadySealer();
    sealer.add(bytes);
    readReadyHeadEarly([bytes], sealer);
    const parts = sealer.early!.parts as { columns: Parameters<typeof decodeReadyBits>[0]; sizes: number[] };
    decodeReadyBits(parts.columns, parts.sizes.length);
    // What the worker does once the last byte is in: read the body, make the engine, take the columns, answer.
    const atob = globalThis.atob;
    let count = 0;
    globalThis.atob = (data: string): string => (count++, atob(data));
    try {
      const data = readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts: [bytes] }, { lazyListings: true, sealer });
      const core = new EngineCore(data, { now: () => NOW });
      assert.ok(filtersIn(core) <= 2, 'the columns were taken');
      for (const state of states(fresh, 100, 23)) assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), JSON.stringify(state));
    } finally {
      globalThis.atob = atob;
    }
    return count;
  };
  assert.equal(decodes(), 0, 'facet bits decoded after the last byte');
  // The kinds' columns (feed/ready-kinds.ts) read the decoded sets as they read the text.
  const bytes = new TextEncoder().encode(text);
  const sealer = new ReadySealer();
  sealer.add(bytes);
  readReadyHeadEarly([bytes], sealer);
  const parts = sealer.early!.parts as { columns: Parameters<typeof decodeReadyBits>[0]; sizes: number[] };
  decodeReadyBits(parts.columns, parts.sizes.length);
  for (const kinds of [['activity'], ['asset', 'transfer']] as const) {
    const data = keepKinds(readFetchedFeedQuickFirst({ url: SOURCE, text: '', status: 200, parts: [bytes] }, { lazyListings: true, sealer }), [...kinds]);
    const kept = keepKinds(fresh, [...kinds]);
    const core = new EngineCore(data, { now: () => NOW });
    assert.ok(filtersIn(core) <= 2, `${kinds.join(' ')}: the kinds' columns were taken`);
    const expected = new EngineCore(kept, { now: () => NOW }).prepareAll();
    for (const state of states(kept, 40, 29)) assert.deepEqual(core.query(state, NOW), expected.query(state, NOW), `${kinds.join(' ')}: ${JSON.stringify(state)}`);
  }
});

test('a ready feed whose text index file is missing, fails its seal, is another build\'s, or cannot be found from the feed\'s address is trusted for its listings and columns, and its listings are indexed afresh', async () => {
  const ready = serializeReady(demo, { indexFile: true });
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(demo), status: 200 });
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  const url = new URL(ready.index!.path, SOURCE).href;
  // A word of the index (its terms are listed as ["word",{…}]) spelt otherwise: the same length, another seal.
  const at = ready.index!.text.indexOf('["');
  const term = /^\["([a-z]{4,})"/.exec(ready.index!.text.slice(at))![1]!;
  const edited = ready.index!.text.slice(0, at) + ready.index!.text.slice(at).replace(`["${term}"`, `["${term.slice(0, -1)}q"`);
  const other = serializeReady({ ...demo, listings: demo.listings.slice(1) }, { indexFile: true }).index!.text;
  const cases: [string, string | undefined, string][] = [
    ['missing (404)', undefined, SOURCE],
    ['edited', edited, SOURCE],
    ['another build\'s, under this name', other, SOURCE],
    ['cut off', ready.index!.text.slice(0, -10), SOURCE],
    ['the feed came from a blob: URL', ready.index!.text, 'blob:https://council.example/5f0c2d1e-0000-4000-8000-000000000000'],
  ];
  for (const [what, body, base] of cases) {
    served.clear();
    if (body !== undefined) served.set(url, body);
    for (const bytes of [false, true]) {
      const data = bytes
        ? readFetchedFeedQuickFirst({ ...asBytes(ready.text), baseUrl: base }, { lazyListings: true })
        : readFetchedFeedQuickFirst({ url: SOURCE, text: ready.text, status: 200, baseUrl: base });
      const parts = readyPartsOf(data.listings);
      assert.ok(parts?.indexFile, `${what}: the listings and columns were trusted`);
      assert.equal(await fetchIndex(data), undefined, `${what}: the index file was used`);
      const engine = new EngineCore(data, { now: () => NOW }).prepareAll();
      // Words are still found, as the plain feed finds them.
      assert.ok(engine.query({ q: 'walk', filters: {}, sort: 'relevance' }, NOW).total > 0, what);
      for (const state of states(fresh, 100, 13)) assert.deepEqual(engine.query(state, NOW), reference.query(state, NOW), `${what}: ${JSON.stringify(state)}`);
      const page = createEngine(data, { now: () => NOW });
      try {
        for (const state of states(fresh, 40, 16)) assert.deepEqual(plain(await page.query(state, NOW)), reference.query(state, NOW), `${what}, on the page: ${JSON.stringify(state)}`);
      } finally {
        page.dispose();
      }
    }
  }
  served.clear();
});

test('prebuilt columns whose facet bits are not sets of bits for these listings (cut short, past the last listing, not base64) are worked out again, with the same answers', () => {
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(demo), status: 200 });
  const reference = new EngineCore(fresh, { now: () => NOW }).prepareAll();
  const columns = reference.exportColumns();
  const n = fresh.listings.length;
  const words = (n + 31) >>> 5;
  // Every listing's bit, and one more past the last listing.
  const past = new Uint8Array(words * 4).fill(255);
  const spoiled: [string, (bits: string) => string][] = [
    ['cut short', (bits) => bits.slice(0, -8)],
    ['a listing past the last', () => btoa(String.fromCharCode(...past))],
    ['not base64', (bits) => `!${bits.slice(1)}`],
  ];
  assert.ok(n % 32 !== 0, 'the demo feed fills its last word');
  const workedOut = [...new EngineCore(fresh, { now: () => NOW }).prepare()].length;
  for (const [what, spoil] of spoiled) {
    const listings = [...fresh.listings];
    const bits = { ...columns.bits, kind: columns.bits.kind.map((b, v) => (v === 0 ? spoil(b as string) : b)) };
    attachReadyParts(listings, { columns: { ...columns, bits } });
    const core = new EngineCore({ ...fresh, listings }, { now: () => NOW });
    assert.equal([...core.prepare()].length, workedOut, `${what}: the columns were taken`);
    for (const state of states(fresh, 60, 17)) assert.deepEqual(core.query(state, NOW), reference.query(state, NOW), `${what}: ${JSON.stringify(state)}`);
  }
  // Unspoiled, they are taken as they are.
  const listings = [...fresh.listings];
  attachReadyParts(listings, { columns });
  assert.ok([...new EngineCore({ ...fresh, listings }, { now: () => NOW }).prepare()].length < workedOut, 'the columns were worked out again');
});

test('a ready feed\'s weekly slots, written at the build, answer at any later moment as slots worked out then; before the build they are worked out afresh', () => {
  const ready = serializeReady(demo, { now: NOW });
  const slots = ready.columns.slots!;
  assert.ok(slots, 'the build wrote weekly slots');
  assert.equal(slots.from, NOW.getTime());
  assert.equal(slots.bits.length, ready.columns.groups.length);
  assert.ok(slots.until.every((u) => u >= NOW.getTime()) && slots.until.some((u) => u > NOW.getTime() + 300 * 86_400_000), 'weekly rules hold for most of a year');
  assert.ok(slots.until.some((u) => u < NOW.getTime() + 300 * 86_400_000), 'a session that ends within the year holds only until then');
  const data = readFetchedFeedQuickFirst({ url: SOURCE, text: ready.text, status: 200 });
  const fresh = readFetchedFeed({ url: SOURCE, text: JSON.stringify(demo), status: 200 });
  assert.ok(readyPartsOf(data.listings), 'trusted');
  // Moments before the build, at it, and over the next 450 days (past every `until` of a year's look ahead).
  let seed = 7;
  const random = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const day = 86_400_000;
  const next = ready.columns.next!;
  assert.ok(next, 'the build wrote each group\'s next session');
  assert.equal(next.from, NOW.getTime());
  assert.equal(next.until.length, ready.columns.groups.length);
  // Moments when a group's next session starts or ends, and just before, as well.
  const edges = next.start.flatMap((s, g) => (s === null ? [] : [s, s - 1, next.until[g]!, next.until[g]! - 1])).slice(0, 12);
  const moments = [NOW.getTime(), NOW.getTime() - day, NOW.getTime() - 200 * day, ...slots.until.slice(0, 3), ...edges,
    ...Array.from({ length: 16 }, () => NOW.getTime() + Math.floor(random() * 450 * day)), ...Array.from({ length: 16 }, () => NOW.getTime() + Math.floor(random() * 10 * day))];
  const asked: FinderState[] = [
    { q: '', filters: {}, sort: 'name', limit: 5 },
    { q: '', filters: { day: ['tu', 'sa'] }, sort: 'name' },
    { q: '', filters: { time: ['evening'], kind: ['activity'] }, sort: 'name' },
    // Each group's next session as the build wrote it: on now, today, this week, and the order of what is next.
    { q: '', filters: { when: ['this-week'] }, sort: 'next' },
    { q: '', filters: { when: ['today'] }, sort: 'next', limit: 5 },
    { q: '', filters: { when: ['now'] }, sort: 'name' },
  ];
  for (const t of moments) {
    const at = new Date(t);
    const core = new EngineCore(data, { now: () => at });
    for (const _ of core.prepare()) void _;
    const reference = new EngineCore(fresh, { now: () => at });
    for (const _ of reference.prepare()) void _;
    for (const state of asked) assert.deepEqual(core.query(state, at), reference.query(state, at), `${at.toISOString()} ${JSON.stringify(state)}`);
  }
});

test('a ready feed\'s weekly slots are not taken once a session they count is over, nor at a moment before the build when a session since over was still to come', () => {
  const base = demo.listings.find((l) => l.kind === 'activity' && Array.isArray(l.schedule))!;
  // NOW is a Tuesday. "Next Tuesday" has its one session a week after the build; "Last Tuesday" had its a week before.
  const listing = (id: string, schedule: unknown[]) => ({ ...base, id, name: { en: id }, schedule });
  const feed = {
    ...demo,
    listings: [
      listing('Next Tuesday', [{ date: '2026-12-01', start: '10:00', end: '11:00' }]),
      listing('Last Tuesday', [{ date: '2026-11-17', start: '10:00', end: '11:00' }]),
      listing('Every Tuesday', [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }]),
    ],
  } as Feed;
  const ready = serializeReady(feed, { now: NOW });
  assert.deepEqual(ready.columns.slots!.until.slice().sort((a, b) => a - b)[0], Date.parse('2026-12-01T10:00:00Z') + 3_600_000, 'Next Tuesday\'s slots hold until its session ends');
  const data = readFetchedFeedQuickFirst({ url: SOURCE, text: ready.text, status: 200 });
  assert.ok(readyPartsOf(data.listings), 'trusted');
  const tuesdays = (at: Date): string[] => {
    const core = new EngineCore(data, { now: () => at });
    for (const _ of core.prepare()) void _;
    const names = new Map(data.listings.map((l) => [l.key, typeof l.name === 'string' ? l.name : l.name.en]));
    return core.query({ q: '', filters: { day: ['tu'] }, sort: 'name' }, at).keys.map((k) => names.get(k)!);
  };
  // While the build's slots hold, they answer.
  assert.deepEqual(tuesdays(NOW), ['Every Tuesday', 'Next Tuesday']);
  assert.deepEqual(tuesdays(new Date('2026-11-30T12:00:00Z')), ['Every Tuesday', 'Next Tuesday']);
  // Next Tuesday's session is over: it is on no day any more.
  assert.deepEqual(tuesdays(new Date('2026-12-02T12:00:00Z')), ['Every Tuesday']);
  // A clock behind the build's: Last Tuesday's session was still to come.
  assert.deepEqual(tuesdays(new Date('2026-11-16T12:00:00Z')), ['Every Tuesday', 'Last Tuesday', 'Next Tuesday']);
});
