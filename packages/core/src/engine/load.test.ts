import { expect } from '@open-wc/testing';
import { FeedLoadError } from '../feed/fetch.js';
import type { Feed, Listing } from '../feed/types.js';
import type { FinderState } from './types.js';
import type { MapPoints } from '../location/map-points.js';
import { normaliseFeed } from '../feed/normalise.js';
import { createEngine } from './engine.js';
import { serializeIndex } from './full.js';
import { serializeReady } from './ready-write.js';
import { WORKER_THRESHOLD_LISTINGS, createEngineAuto, loadFinder, type FinderLoad, type FinderLoadOptions } from './load.js';
import { serveBodies, withoutListings } from '../../../../test/support/engine.js';
import { generateFeed } from '../../../../test/support/generate.js';
import { gazetteerFromListings, lookupPostcodeDetailed, parsePostcodeQuery } from '../location/postcode.js';

// In the test server the worker is the TypeScript source; in a build, `worker.js` beside the module.
const workerUrl = new URL('./worker.ts', import.meta.url);

/** A deterministic feed of `n` listings spread over a town, with needs, costs, days and a few in Welsh. */
function generatedFeed(n: number): Feed {
  const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  const words = ['walking', 'knitting', 'lunch club', 'choir', 'allotment', 'chess', 'tai chi', 'repair cafe', 'reading group', 'swimming'];
  const needs = ['loneliness', 'low-mood', 'physical-activity', 'money', 'carers'];
  const listings: Listing[] = [];
  for (let i = 0; i < n; i++) {
    const word = words[i % words.length]!;
    listings.push({
      id: `l${i}`,
      kind: i % 3 === 0 ? 'asset' : 'activity',
      name: i % 50 === 0 ? { en: `Northbridge ${word} ${i}`, cy: `Grŵp ${word} ${i}` } : `Northbridge ${word} ${i}`,
      summary: `A friendly ${word} group that meets every week.`,
      needs: [needs[i % needs.length]!],
      cost: i % 4 === 0 ? { free: true } : { amount: (i % 7) + 1, per: 'session' },
      location: { name: `Hall ${i % 40}`, lat: 52.2 + ((i * 37) % 100) / 1000, lng: -1.3 + ((i * 53) % 100) / 1000 },
      ...(i % 3 === 0 ? {} : { schedule: [{ rrule: `FREQ=WEEKLY;BYDAY=${days[i % 7]}`, start: '10:00', end: '11:30' }] }),
    } as Listing);
  }
  return { version: '1', publisher: { name: 'Northbridge Borough Council' }, updated: '2026-11-01', listings } as Feed;
}

const serve = serveBodies;

const NOW = new Date('2026-11-24T09:00:00Z');
const states: FinderState[] = [
  { q: '', filters: {}, sort: 'relevance', limit: 20 },
  { q: 'lonely', filters: { cost: ['free'] }, sort: 'relevance', limit: 20 },
  { q: 'knitt', filters: {}, sort: 'name', limit: 10 },
  { q: 'walkng', filters: { day: ['tu', 'we'] }, sort: 'next', limit: 10 },
  { q: '', filters: { distance: ['1'] }, near: { lat: 52.25, lng: -1.25 }, sort: 'distance', limit: 15 },
];

describe('loadFinder', () => {
  const text = JSON.stringify(generatedFeed(5000));
  const options = (extra: Partial<FinderLoadOptions> = {}): FinderLoadOptions => ({ fetch: serve({ 'big.json': text }), workerUrl, ...extra });

  it('answers a suggestion and words asked as its very first questions as the page does (its text search loads after the first answer)', async () => {
    const inWorker = await loadFinder(['big.json'], options({ worker: true }));
    expect(inWorker.inWorker).to.equal(true);
    const [suggested, lonely, first] = await Promise.all([inWorker.engine.suggest('knit'), inWorker.engine.query(states[1]!, NOW), inWorker.engine.query(states[0]!, NOW)]);
    const onPage = await loadFinder(['big.json'], options({ worker: false }));
    expect(suggested.length).to.be.above(0);
    expect(suggested).to.deep.equal(await onPage.engine.suggest('knit'));
    expect(lonely.total).to.be.above(0);
    expect(lonely.keys).to.deep.equal((await onPage.engine.query(states[1]!, NOW)).keys);
    expect(first.keys).to.deep.equal((await onPage.engine.query(states[0]!, NOW)).keys);
    inWorker.engine.dispose();
    onPage.engine.dispose();
  });

  it('gives the same answers from the worker as on the page, for words, needs, typos, filters and distance', async () => {
    const inWorker = await loadFinder(['big.json'], options({ worker: true }));
    const onPage = await loadFinder(['big.json'], options({ worker: false }));
    expect(inWorker.inWorker).to.equal(true);
    expect(onPage.inWorker).to.equal(false);
    // The listings stay in the worker: the page is told how many, and holds what it is shown.
    expect(inWorker.data.listings.length).to.equal(0);
    expect(inWorker.summary.size).to.equal(5000);
    expect(inWorker.summary.kinds.sort()).to.deep.equal(onPage.summary.kinds.sort());
    // Nor their places: the worker places a postcode among them when asked (see 'places a postcode among the listings in the worker').
    expect(inWorker.summary.places).to.deep.equal([]);
    expect(onPage.summary.places).to.have.length(5000);
    expect(inWorker.engine.size).to.equal(5000);
    expect(onPage.summary.size).to.equal(5000);
    for (const state of states) {
      const a = await inWorker.engine.query(state, NOW);
      const b = await onPage.engine.query(state, NOW);
      expect(a.total, state.q).to.be.above(0);
      expect(a.keys, JSON.stringify(state)).to.deep.equal(b.keys);
      expect(a.facets).to.deep.equal(b.facets);
      expect(a.items.map((i) => i.listing.name)).to.deep.equal(b.items.map((i) => i.listing.name));
      expect(a.items[0]!.listing).to.equal(inWorker.engine.get(a.items[0]!.listing.key));
    }
    expect(await inWorker.engine.suggest('knit')).to.deep.equal(await onPage.engine.suggest('knit'));
    // Any listing's full record on request (an opened listing, the map's), the same as the page's, in the order asked.
    const all = (await onPage.engine.query(states[0]!, NOW)).keys;
    const wanted = [all[4321]!, 'no-such-key', all[7]!, ...all.slice(1000, 1600)];
    const fromWorker = await inWorker.engine.records(wanted);
    expect(fromWorker.map((l) => l.key)).to.deep.equal(wanted.filter((k) => k !== 'no-such-key'));
    expect(fromWorker).to.deep.equal(await onPage.engine.records(wanted));
    expect(inWorker.engine.get(all[4321]!)).to.equal(fromWorker[0]);
    // The map's points of every result: typed arrays from the worker, the same as the page makes, and no records brought over for them.
    // Names and places come on demand, for the markers a map draws; asked for, they are the page's too.
    const everyResult = (await onPage.engine.query({ q: '', filters: {}, sort: 'relevance' }, NOW)).keys;
    const points = await inWorker.engine.points([...everyResult, 'no-such-key'], 'cy');
    expect(points.lat).to.be.instanceOf(Float64Array);
    expect(points.kinds).to.be.instanceOf(Uint8Array);
    expect(points.keys.length + points.unplaced).to.equal(everyResult.length);
    expect(points.keys.length).to.be.above(4000);
    const pagePoints = await onPage.engine.points(everyResult, 'cy');
    const { labels, names, places, ...columns } = points;
    const { names: pageNames, places: pagePlaces, ...pageColumns } = pagePoints;
    expect(columns).to.deep.equal(pageColumns);
    expect(names.filter((n) => n !== undefined), 'no names sent with the points').to.deep.equal([]);
    const drawn = [0, 1, 2, 17, 4000, points.keys.length - 1];
    await labels!(drawn);
    expect(drawn.map((p) => names[p])).to.deep.equal(drawn.map((p) => pageNames[p]));
    expect(drawn.map((p) => places[p])).to.deep.equal(drawn.map((p) => pagePlaces[p]));
    expect(names.filter((n) => n !== undefined)).to.have.length(drawn.length);
    expect(inWorker.engine.get(everyResult[4999]!), 'a point is not a record on the page').to.equal(undefined);
    // The points of a worker answer's own keys (the finder's map): asked for by the indexes the answer came with, the same columns.
    const answer = await inWorker.engine.query({ q: 'walk', filters: {}, sort: 'name' }, NOW);
    const pageAnswer = await onPage.engine.query({ q: 'walk', filters: {}, sort: 'name' }, NOW);
    expect(answer.keys.length).to.be.above(10);
    const { labels: answerLabels, names: answerNames, places: _answerPlaces, ...answerColumns } = await inWorker.engine.points(answer.keys, 'cy');
    const { names: pageAnswerNames, places: _pageAnswerPlaces, ...pageAnswerColumns } = await onPage.engine.points(pageAnswer.keys, 'cy');
    expect(answerColumns).to.deep.equal(pageAnswerColumns);
    await answerLabels!([0]);
    expect(answerNames[0]).to.equal(pageAnswerNames[0]);
    inWorker.engine.dispose();
    onPage.engine.dispose();
  });

  it('places a postcode among the listings in the worker, as the page placed it among the places it was sent, and sorts by distance from it the same', async () => {
    // A feed whose listings have postcodes that no gazetteer knows: only the listings' own postcodes place them.
    const townText = JSON.stringify(generateFeed(3000));
    const town = (extra: Partial<FinderLoadOptions>): FinderLoadOptions => ({ fetch: serve({ 'town.json': townText }), workerUrl, ...extra });
    const inWorker = await loadFinder(['town.json'], town({ worker: true }));
    const onPage = await loadFinder(['town.json'], town({ worker: false }));
    expect(inWorker.inWorker).to.equal(true);
    // The page is sent no places (100,000 of them were a quarter of a second of one task on the page).
    expect(inWorker.summary.places).to.deep.equal([]);
    expect(onPage.summary.places.length).to.be.above(2000);
    const asked = ['NN1 1AB', 'nn3 5ab', 'NN7 9AB', 'NN2', 'NN4 3', 'NN1 1ZZ', 'NN9 1AB', 'ZZ1 1ZZ', 'SW1A 1AA', 'not a postcode', ''];
    const placed: string[] = [];
    for (const postcode of asked) {
      // What the page worked out from the places it was sent (lookupAmongListings in the elements' location lookup).
      const query = parsePostcodeQuery(postcode);
      const district = query ? (query.kind === 'district' ? query.value : query.value.split(' ')[0]!) : '';
      const found = query ? await lookupPostcodeDetailed(postcode, { gazetteer: gazetteerFromListings(onPage.summary.places, district) }) : undefined;
      const fromWorker = await inWorker.engine.place!(postcode);
      if (found?.ok) {
        placed.push(postcode);
        expect(fromWorker, postcode).to.deep.equal({ near: { lat: found.place.lat, lng: found.place.lng, label: postcode.trim().toUpperCase() } });
      } else expect(fromWorker, postcode).to.equal(undefined);
    }
    // NN1 1ZZ: not a listing's postcode, placed by its sector as the page placed it.
    expect(placed).to.deep.equal(['NN1 1AB', 'nn3 5ab', 'NN7 9AB', 'NN2', 'NN4 3', 'NN1 1ZZ']);
    // Distance sort and the distance filter from a postcode placed in the worker: the page's answer.
    const near = (await inWorker.engine.place!('NN3 5AB'))!.near;
    for (const state of [{ q: '', filters: {}, near, sort: 'distance', limit: 20 }, { q: 'walk', filters: { distance: ['1'] }, near, sort: 'distance', limit: 20 }] as FinderState[]) {
      const a = await inWorker.engine.query(state, NOW);
      const b = await onPage.engine.query(state, NOW);
      expect(a.total).to.be.above(0);
      expect(a.keys).to.deep.equal(b.keys);
      expect(a.items.map((i) => i.distance)).to.deep.equal(b.items.map((i) => i.distance));
    }
    inWorker.engine.dispose();
    onPage.engine.dispose();
  });

  it('answers hostile queries through the worker without failing', async () => {
    const { engine } = await loadFinder(['big.json'], options({ worker: true }));
    const nasty: FinderState[] = [
      { q: 'x'.repeat(5000), filters: {}, sort: 'relevance' },
      { q: '!!!???', filters: {}, sort: 'relevance' },
      { q: '🙂🚶', filters: {}, sort: 'relevance' },
      { q: '', filters: {}, sort: 'distance', near: { lat: Number.NaN, lng: Number.NaN } },
    ];
    for (const state of nasty) {
      const result = await engine.query(state, NOW);
      expect(result.total).to.be.a('number');
    }
    engine.dispose();
    let failed: unknown;
    try {
      await engine.query(states[0]!, NOW);
    } catch (error) {
      failed = error;
    }
    expect(String(failed)).to.contain('disposed');
  });

  it('keeps only the kinds asked for, in the worker too', async () => {
    const { summary, engine } = await loadFinder(['big.json'], options({ worker: true, kinds: ['asset'] }));
    expect(summary.kinds).to.deep.equal(['asset']);
    const all = await engine.query(states[0]!, NOW);
    expect(all.total).to.equal(summary.size);
    expect((await engine.records(all.keys)).every((l) => l.kind === 'asset')).to.equal(true);
    engine.dispose();
  });

  it('reports feeds that fail in the worker the way the page would', async () => {
    let error: unknown;
    try {
      await loadFinder(['broken.json', 'gone.json'], { ...options({ worker: true }), fetch: serve({ 'broken.json': '{"listings": [', 'gone.json': 404 }) });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(FeedLoadError);
    expect((error as FeedLoadError).failures.map((f) => f.reason).sort()).to.deep.equal(['http', 'not-json']);

    const partly = await loadFinder(['big.json', 'gone.json'], { ...options({ worker: true }), fetch: serve({ 'big.json': text, 'gone.json': 404 }) });
    expect(partly.summary.size).to.equal(5000);
    expect(partly.data.problems[0]?.code).to.equal('feed-http');
    partly.engine.dispose();
  });

  it('never shows a listing the quick check fails on, even in the worker\'s first answer, and settles on the page\'s answers', async () => {
    const good = await loadFinder(['big.json'], options({ worker: false }));
    const first = await good.engine.query(states[0]!, NOW);
    const byName = (await good.engine.query({ q: '', filters: {}, sort: 'relevance' }, NOW)).keys;
    good.engine.dispose();
    const hurt = (change: (listing: Record<string, unknown>) => void, key: string): string => {
      const feed = generatedFeed(5000);
      change(feed.listings.find((l) => l.id === key) as unknown as Record<string, unknown>);
      return JSON.stringify(feed);
    };
    // The third listing of the first page has an unsafe link; then one far from the first page is nameless (the normaliser skips it).
    const unsafe = first.items[2]!.listing.key;
    const nameless = byName[4000]!;
    for (const [label, body, key] of [
      ['an unsafe link on the first page', hurt((l) => (l.url = 'javascript:alert(1)'), unsafe), unsafe],
      ['a nameless listing far from the first page', hurt((l) => delete l.name, nameless), nameless],
    ] as const) {
      const fetch = serve({ 'hurt.json': body });
      const onPage = await loadFinder(['hurt.json'], { ...options({ worker: false }), fetch });
      const inWorker = await loadFinder(['hurt.json'], { ...options({ worker: true }), fetch });
      expect(inWorker.inWorker, label).to.equal(true);
      let changed = 0;
      const settled = new Promise<void>((resolve) => {
        inWorker.engine.onchange = () => {
          changed++;
          resolve();
        };
      });
      const early = await inWorker.engine.query(states[0]!, NOW);
      const unchecked = early.items.filter((i) => i.listing.url === 'javascript:alert(1)' || i.listing.name === undefined);
      expect(unchecked.map((i) => i.listing), `${label}: the first answer shows no listing as it came`).to.deep.equal([]);
      if (key === unsafe) {
        // Found with the first answer: that answer is the page's already.
        expect(withoutListings(early), label).to.deep.equal(withoutListings(await onPage.engine.query(states[0]!, NOW)));
        expect(early.items.map((i) => i.listing), label).to.deep.equal((await onPage.engine.query(states[0]!, NOW)).items.map((i) => i.listing));
      }
      // Either way, the page is told to ask again, and from then on every answer is the page's.
      await settled;
      expect(changed, label).to.equal(1);
      for (const state of states) {
        const a = await inWorker.engine.query(state, NOW);
        const b = await onPage.engine.query(state, NOW);
        expect(withoutListings(a), `${label}: ${JSON.stringify(state)}`).to.deep.equal(withoutListings(b));
        expect(a.items.map((i) => i.listing), label).to.deep.equal(b.items.map((i) => i.listing));
      }
      expect(inWorker.summary, label).to.deep.equal({ ...onPage.summary, places: [] });
      const { listings: _none, ...meta } = onPage.data;
      expect(inWorker.engine.meta?.(), label).to.deep.equal(meta);
      expect(meta.problems.length, label).to.be.above(0);
      inWorker.engine.dispose();
      onPage.engine.dispose();
    }
  });

  it('sends the map\'s points before the whole quick check has settled, never with a listing the check would skip, and names their markers and gives listings asked for meanwhile', async () => {
    const byName = await loadFinder(['big.json'], options({ worker: false })).then(async ({ engine }) => {
      const keys = (await engine.query({ q: '', filters: {}, sort: 'relevance' }, NOW)).keys;
      engine.dispose();
      return keys;
    });
    // A listing far from the first page is nameless: the whole check fails on it, and the normaliser skips it.
    const nameless = byName[4000]!;
    const feed = generatedFeed(5000);
    delete (feed.listings.find((l) => l.id === nameless) as Partial<Listing>).name;
    const fetch = serve({ 'hurt.json': JSON.stringify(feed) });
    const onPage = await loadFinder(['hurt.json'], { ...options({ worker: false }), fetch });
    const inWorker = await loadFinder(['hurt.json'], { ...options({ worker: true }), fetch });
    expect(inWorker.inWorker).to.equal(true);
    const heard: string[] = [];
    inWorker.engine.onchange = () => heard.push('changed');
    const others = byName.filter((k) => k !== nameless);
    // Asked as soon as the worker is ready, before the whole check has run (it runs in slices after the first
    // question): the points of every listing but the nameless one need only their places and kinds checked;
    // those of every listing wait for the whole check, which skips the nameless one.
    const before = inWorker.engine.points(others, 'en').then((p) => (heard.push('points of the others'), p));
    const first = inWorker.engine.query(states[0]!, NOW);
    const all = inWorker.engine.points(byName, 'en').then((p) => (heard.push('points of all'), p));
    // Listings asked for by the indexes of the first reading, answered once the normaliser's data has replaced it.
    const lastKeys = ['l4997', 'l4998', 'l4999'].filter((k) => k !== nameless);
    const records = inWorker.engine.records(lastKeys);
    await first;
    expect(await records).to.deep.equal(await onPage.engine.records(lastKeys));
    const columns = ({ keys, lat, lng, kinds, radius, unplaced }: MapPoints) => ({ keys, lat: [...lat], lng: [...lng], kinds: [...kinds], radius: [...radius], unplaced });
    const [early, settled] = await Promise.all([before, all]);
    expect(heard).to.deep.equal(['points of the others', 'changed', 'points of all']);
    expect(columns(early)).to.deep.equal(columns(await onPage.engine.points(others, 'en')));
    expect(columns(settled)).to.deep.equal(columns(await onPage.engine.points(byName, 'en')));
    expect(settled.keys).not.to.include(nameless);
    // Each marker's name, asked by the points made before the check failed, is its own listing's.
    const some = [0, 1, 2, 3999, 4000, 4998];
    await early.labels!(some);
    const named = await onPage.engine.points(others, 'en');
    expect(some.map((p) => [early.keys[p], early.names[p], early.places[p]])).to.deep.equal(some.map((p) => [named.keys[p], named.names[p], named.places[p]]));
    inWorker.engine.dispose();
    onPage.engine.dispose();
  });

  it('searches on the page when the worker cannot start', async () => {
    const { inWorker, engine } = await loadFinder(['big.json'], options({ worker: true, workerUrl: new URL('./no-such-worker.js', import.meta.url) }));
    expect(inWorker).to.equal(false);
    expect((await engine.query(states[1]!, NOW)).total).to.be.above(0);
  });

  it('reads the feed again on the page when the worker fails after it took the feed', async () => {
    // A worker that starts, is handed the feed's bytes, then fails.
    const failing = URL.createObjectURL(new Blob([
      "postMessage({ type: 'hello' }); onmessage = () => { throw new Error('the worker fell over'); };",
    ], { type: 'text/javascript' }));
    const { inWorker, data, engine } = await loadFinder(['big.json'], options({ worker: true, workerUrl: failing }));
    expect(inWorker).to.equal(false);
    expect(data.listings.length).to.equal(5000);
    expect((await engine.query(states[1]!, NOW)).total).to.be.above(0);
    URL.revokeObjectURL(failing);
  });

  it('uses the worker on its own for a feed of 2 MB or more, and not for a small one', async () => {
    const small = await loadFinder(['small.json'], { fetch: serve({ 'small.json': JSON.stringify(generatedFeed(50)) }), workerUrl });
    expect(small.inWorker).to.equal(false);
    const bigText = JSON.stringify(generatedFeed(8000));
    expect(bigText.length).to.be.above(2_000_000);
    const big = await loadFinder(['big.json'], { fetch: serve({ 'big.json': bigText }), workerUrl });
    expect(big.inWorker).to.equal(true);
    big.engine.dispose();
  });

  /**
   * A response whose body comes in pieces, saying its length: the last piece
   * only once `last` resolves, and never when `stall` is set.
   */
  const arriving = (body: string, last: Promise<unknown>, stall = false): typeof fetch => (async () => {
    const bytes = new TextEncoder().encode(body);
    const cut = [0, 100_000, bytes.length >>> 1, bytes.length - 1000, bytes.length];
    let piece = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (piece === cut.length - 2) {
          if (stall) return new Promise<void>(() => undefined);
          await last;
        }
        controller.enqueue(bytes.slice(cut[piece]!, cut[piece + 1]!));
        if (++piece === cut.length - 1) controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } });
  }) as typeof fetch;

  /** A promise that resolves when the page next makes a Worker, and a way to put `Worker` back. */
  const watchWorkerStart = (): { workerStarted: Promise<void>; restore: () => void } => {
    const RealWorker = globalThis.Worker;
    let started!: () => void;
    const workerStarted = new Promise<void>((resolve) => (started = resolve));
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, init?: WorkerOptions) {
        super(url, init);
        started();
      }
    };
    return { workerStarted, restore: () => (globalThis.Worker = RealWorker) };
  };

  /** `early` was loaded in a worker and answers every state as the page does over the same text. */
  async function answersAsOnPage(early: FinderLoad, text: string): Promise<void> {
    const onPage = await loadFinder(['big.json'], { fetch: serve({ 'big.json': text }), worker: false });
    expect(early.inWorker).to.equal(true);
    for (const state of states) {
      const a = await early.engine.query(state, NOW);
      const b = await onPage.engine.query(state, NOW);
      expect(a.keys, JSON.stringify(state)).to.deep.equal(b.keys);
      expect(a.facets).to.deep.equal(b.facets);
    }
    early.engine.dispose();
  }

  it('starts the worker while a large feed still arrives, with the same answers as the page', async () => {
    // The body's last piece comes only once a worker exists: a load that waited for the whole body first would time out.
    const { workerStarted, restore } = watchWorkerStart();
    try {
      const bigText = JSON.stringify(generatedFeed(8000));
      const early = await loadFinder(['big.json'], { fetch: arriving(bigText, workerStarted), workerUrl, timeoutMs: 10_000 });
      await answersAsOnPage(early, bigText);
    } finally {
      restore();
    }
  });

  it('starts the worker as soon as the response says the feed is large, before a piece of its body is read', async () => {
    // The body's first piece comes only once a worker exists: a load that read a piece before starting one would time out.
    const { workerStarted, restore } = watchWorkerStart();
    try {
      const bigText = JSON.stringify(generatedFeed(8000));
      const bytes = new TextEncoder().encode(bigText);
      const gated = (async () => new Response(new ReadableStream<Uint8Array>({
        async start(controller) {
          await workerStarted;
          controller.enqueue(bytes.slice(0, 1_000_000));
          controller.enqueue(bytes.slice(1_000_000));
          controller.close();
        },
      }), { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } })) as typeof fetch;
      const early = await loadFinder(['big.json'], { fetch: gated, workerUrl, timeoutMs: 10_000 });
      await answersAsOnPage(early, bigText);
    } finally {
      restore();
    }
  });

  /** A response of `text` that says its length, and how many times the page took its body whole as a Blob. */
  const counted = (text: string): { fetch: typeof fetch; blobs: () => number } => {
    const bytes = new TextEncoder().encode(text);
    let blobs = 0;
    return {
      fetch: (async () => {
        const response = new Response(bytes, { status: 200, headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) } });
        const blob = response.blob.bind(response);
        response.blob = () => {
          blobs++;
          return blob();
        };
        return response;
      }) as typeof fetch,
      blobs: () => blobs,
    };
  };

  it('reads a large feed of a few megabytes on the page, handing its pieces to the worker, with the same answers as the page', async () => {
    // Read while the worker starts, not taken as a Blob the worker could read only once it is up.
    const bigText = JSON.stringify(generatedFeed(8000));
    const served = counted(bigText);
    const early = await loadFinder(['big.json'], { fetch: served.fetch, workerUrl, timeoutMs: 10_000 });
    expect(served.blobs()).to.equal(0);
    await answersAsOnPage(early, bigText);
  });

  it('hands a body whose length says it is for a Blob to the worker unread, with the same answers as the page', async () => {
    // blobBytes: from this Content-Length on, the page takes the body whole (response.blob()) and the worker reads it.
    const bigText = JSON.stringify(generatedFeed(8000));
    const served = counted(bigText);
    const early = await loadFinder(['big.json'], { fetch: served.fetch, workerUrl, blobBytes: 2_000_000, timeoutMs: 10_000 });
    expect(served.blobs()).to.equal(1);
    await answersAsOnPage(early, bigText);
  });

  it('asks again for a ready feed sent with no length whose first piece says it is for a Blob, and hands the second body to the worker unread, with the same answers as the page', async () => {
    // Once one piece of a body is read, the browser copies the rest onto the page's thread as fast as it comes: a body
    // sent in chunks is known to be large only by its first piece, so the feed is asked for again and taken as a Blob.
    const readyText = serializeReady(generatedFeed(8000)).text;
    const bytes = new TextEncoder().encode(readyText);
    expect(bytes.length).to.be.above(2_000_000);
    let requests = 0;
    let blobs = 0;
    let cancelled = 0;
    const chunked = (async () => {
      const request = ++requests;
      let at = 0;
      const response = new Response(new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(bytes.slice(at, (at += 65_536)));
          if (at >= bytes.length) controller.close();
        },
        cancel: () => void cancelled++,
      }), { status: 200, headers: { 'content-type': 'application/json' } });
      const blob = response.blob.bind(response);
      response.blob = () => {
        if (request === 2) blobs++;
        return blob();
      };
      return response;
    }) as typeof fetch;
    const early = await loadFinder(['big.json'], { fetch: chunked, workerUrl, blobBytes: 2_000_000, timeoutMs: 10_000 });
    expect([requests, blobs, cancelled]).to.deep.equal([2, 1, 1]);
    await answersAsOnPage(early, readyText);
    // Below blobBytes, the body sent with no length is read on the page as it comes, once.
    requests = blobs = cancelled = 0;
    const read = await loadFinder(['big.json'], { fetch: chunked, workerUrl, timeoutMs: 10_000 });
    expect([requests, blobs, cancelled]).to.deep.equal([1, 0, 0]);
    expect(read.inWorker).to.equal(true);
    read.engine.dispose();
  });

  it('stops a worker it started for a large feed whose body then failed', async () => {
    const RealWorker = globalThis.Worker;
    const made: { stopped: boolean }[] = [];
    globalThis.Worker = class extends RealWorker {
      readonly record = { stopped: false };
      constructor(url: string | URL, init?: WorkerOptions) {
        super(url, init);
        made.push(this.record);
      }
      override terminate(): void {
        this.record.stopped = true;
        super.terminate();
      }
    };
    try {
      const failing = (async () => new Response(new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.error(new TypeError('the connection was reset'));
        },
      }), { status: 200, headers: { 'content-type': 'application/json', 'content-length': '3000000' } })) as typeof fetch;
      const error = await loadFinder(['big.json'], { fetch: failing, workerUrl }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(FeedLoadError);
      expect(made).to.have.length(1);
      // Stopped once its import and start have settled, a moment after the load failed.
      for (let i = 0; i < 50 && !made[0]!.stopped; i++) await new Promise((r) => setTimeout(r, 10));
      expect(made[0]!.stopped).to.equal(true);
    } finally {
      globalThis.Worker = RealWorker;
    }
  });

  it('starts the worker without waiting for a prebuilt index still downloading, and searches with the index once it is in', async () => {
    // The index arrives only once a worker exists: a load that waited for it before starting the worker would never end.
    const { workerStarted, restore } = watchWorkerStart();
    try {
      const prebuiltIndex = workerStarted.then(() => serializeIndex(normaliseFeed(JSON.parse(text) as Feed, { source: 'big.json' })));
      const indexed = await loadFinder(['big.json'], options({ worker: true, prebuiltIndex }));
      const onPage = await loadFinder(['big.json'], options({ worker: false }));
      expect(indexed.inWorker).to.equal(true);
      for (const state of states) {
        expect((await indexed.engine.query(state, NOW)).keys, JSON.stringify(state)).to.deep.equal((await onPage.engine.query(state, NOW)).keys);
      }
      indexed.engine.dispose();
    } finally {
      restore();
    }
  });

  it('gives up on a large feed whose body stops arriving after the worker started, as on the page', async () => {
    const bigText = JSON.stringify(generatedFeed(8000));
    const error = await loadFinder(['big.json'], { fetch: arriving(bigText, Promise.resolve(), true), workerUrl, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(FeedLoadError);
    expect((error as FeedLoadError).reason).to.equal('timeout');
    // One feed that stops among two that arrive is that feed's problem, not the others'.
    const mixed = await loadFinder(['big.json', 'small.json'], {
      fetch: (async (url: RequestInfo | URL) => (String(url) === 'big.json' ? arriving(bigText, Promise.resolve(), true)(url) : serve({ 'small.json': JSON.stringify(generatedFeed(50)) })(url))) as typeof fetch,
      workerUrl, worker: true, timeoutMs: 300,
    });
    expect(mixed.summary.size).to.equal(50);
    expect(mixed.data.problems.map((p) => p.code)).to.include('feed-timeout');
    mixed.engine.dispose();
  });
});

describe('createEngineAuto', () => {
  const feed = generatedFeed(5000);
  const text = JSON.stringify(feed);
  const data = normaliseFeed(feed, { source: 'big.json' });

  it('takes normalised data to a worker above the listing threshold, with the same answers and the page’s own listings', async () => {
    expect(data.listings.length).to.be.at.least(WORKER_THRESHOLD_LISTINGS);
    const auto = await createEngineAuto(data, { workerUrl });
    const page = createEngine(data);
    expect(auto.inWorker).to.equal(true);
    expect(auto.data).to.equal(data);
    for (const state of states) {
      const a = await auto.engine.query(state, NOW);
      const b = await page.query(state, NOW);
      expect(a.keys, JSON.stringify(state)).to.deep.equal(b.keys);
      expect(a.facets).to.deep.equal(b.facets);
      // No copy came back: results carry the very listings the caller holds.
      expect(a.items[0]!.listing).to.equal(data.listings.find((l) => l.key === a.items[0]!.listing.key));
    }
    auto.engine.dispose();
  });

  it('reads feed text and parsed feeds in the worker, giving the normalised listings on request', async () => {
    const fromText = await createEngineAuto(text, { worker: true, workerUrl, source: 'big.json' });
    const fromFeed = await createEngineAuto(feed, { worker: true, workerUrl, source: 'big.json' });
    const page = createEngine(data);
    for (const loaded of [fromText, fromFeed]) {
      expect(loaded.inWorker).to.equal(true);
      const keys = data.listings.map((l) => l.key);
      expect((await loaded.engine.records(keys)).map((l) => l.key)).to.deep.equal(keys);
      const a = await loaded.engine.query(states[1]!, NOW);
      expect(a.keys).to.deep.equal((await page.query(states[1]!, NOW)).keys);
      expect(a.items[0]!.listing).to.equal(loaded.engine.get(a.items[0]!.listing.key));
      loaded.engine.dispose();
    }
  });

  it('searches a prebuilt index in the worker', async () => {
    const prebuiltIndex = serializeIndex(data);
    const { engine, inWorker } = await createEngineAuto(data, { worker: true, workerUrl, prebuiltIndex });
    expect(inWorker).to.equal(true);
    for (const state of states.slice(1, 4)) {
      expect((await engine.query(state, NOW)).keys).to.deep.equal((await createEngine(data).query(state, NOW)).keys);
    }
    engine.dispose();
  });

  it('stays on the page for small data, and when told to', async () => {
    const small = normaliseFeed(generatedFeed(40));
    const auto = await createEngineAuto(small, { workerUrl });
    expect(auto.inWorker).to.equal(false);
    expect((await auto.engine.query(states[0]!, NOW)).total).to.equal(40);
    const forced = await createEngineAuto(data, { worker: false, workerUrl });
    expect(forced.inWorker).to.equal(false);
  });

  it('rejects text that is not a feed with a FeedLoadError, in the worker and on the page', async () => {
    for (const worker of [true, false]) {
      let error: unknown;
      try {
        await createEngineAuto('{"listings": [', { worker, workerUrl, source: 'broken.json' });
      } catch (e) {
        error = e;
      }
      expect(error, String(worker)).to.be.instanceOf(FeedLoadError);
      expect((error as FeedLoadError).reason).to.equal('not-json');
    }
  });
});
