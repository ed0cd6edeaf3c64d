import { expect } from '@open-wc/testing';
import type { Feed, ListingKind } from '../feed/types.js';
import { serializeReady } from './ready-write.js';
import { loadFinder, type FinderLoad } from './load.js';
import type { FinderState } from './types.js';
import { serveBodies, withoutListings } from '../../../../test/support/engine.js';

// In the test server the worker is the TypeScript source; in a build, `worker.js` beside the module.
const workerUrl = new URL('./worker.ts', import.meta.url);
const NOW = new Date('2026-11-24T10:30:00Z');

const serve = serveBodies;

const plain = withoutListings;

const STATES: FinderState[] = ['', 'lo', 'walk', 'lonely', 'zebrafinch', 'choir lo', 'cerdded'].flatMap((q) => [
  { q, filters: {}, sort: 'relevance', limit: 50 },
  { q, filters: { cost: ['free'] }, sort: 'distance', near: { lat: 52.6, lng: -1.45 }, limit: 20 },
  { q, filters: { day: ['tu'], kind: ['activity'] }, sort: 'next', limit: 20 },
  { q, filters: {}, sort: 'name' },
]);

describe('a ready feed (atlas build)', () => {
  let feed: Feed;
  /** As atlas build writes it: no text index file (the engine indexes the listings after the first page). */
  let ready: string;
  /** With its text index in a file of its own (`indexFile`), which its header names. */
  let readyWithFile: string;
  let indexFile: { path: string; text: string };
  before(async () => {
    feed = (await (await fetch(new URL('../../../../demo/feed.json', import.meta.url))).json()) as Feed;
    ready = serializeReady(feed).text;
    const written = serializeReady(feed, { indexFile: true });
    readyWithFile = written.text;
    indexFile = written.index!;
  });

  let sites = 0;
  /** `files` on a static host of their own (test/static-host.mjs), `hold`'s requests waiting for `release`. */
  async function host(files: Record<string, string>, hold: string[] = []): Promise<{ src: string; log(): Promise<string[]>; release(): Promise<void> }> {
    const base = `/static-host/ready-${Date.now()}-${++sites}/`;
    await Promise.all(Object.entries(files).map(([path, body]) => fetch(base + path, { method: 'PUT', body })));
    await fetch(`${base}_hold`, { method: 'PUT', body: JSON.stringify(hold) });
    return {
      src: `${base}ready.json`,
      log: async () => (await (await fetch(`${base}_log`)).json()) as string[],
      release: async () => void (await fetch(`${base}_release`)),
    };
  }

  const load = (worker: boolean, body: string): Promise<FinderLoad> =>
    loadFinder(['ready.json'], { fetch: serve({ 'ready.json': body }), workerUrl, worker });

  for (const worker of [true, false]) {
    const where = worker ? 'in the worker' : 'on the page';

    it(`answers ${where} exactly as the plain feed it was built from`, async () => {
      const fresh = await load(worker, JSON.stringify(feed));
      const trusted = await load(worker, ready);
      try {
        expect(trusted.engine.size).to.equal(feed.listings.length);
        for (const state of STATES) {
          expect(plain(await trusted.engine.query(state, NOW)), JSON.stringify(state)).to.deep.equal(plain(await fresh.engine.query(state, NOW)));
        }
      } finally {
        fresh.engine.dispose();
        trusted.engine.dispose();
      }
    });

    it(`opens listings, gives the map's points and suggestions ${where} as the plain feed, straight after the first page`, async () => {
      const fresh = await load(worker, JSON.stringify(feed));
      const trusted = await load(worker, ready);
      try {
        // Asked at once: in the worker, before the listings the first page did not need are all read.
        const first = await trusted.engine.query(STATES[0]!, NOW);
        expect(plain(first)).to.deep.equal(plain(await fresh.engine.query(STATES[0]!, NOW)));
        const all = (await fresh.engine.query({ q: '', filters: {}, sort: 'name' }, NOW)).keys;
        const keys = all.filter((_, i) => i % 7 === 3);
        const opened = await trusted.engine.records(keys);
        expect(opened.map((l) => l.key)).to.deep.equal(keys);
        expect(opened).to.deep.equal(await fresh.engine.records(keys));
        for (const prefix of ['wa', 'lo', 'carer']) expect(await trusted.engine.suggest(prefix), prefix).to.deep.equal(await fresh.engine.suggest(prefix));
        const [ours, theirs] = await Promise.all([trusted.engine.points(all, 'en'), fresh.engine.points(all, 'en')]);
        expect([...ours.keys]).to.deep.equal([...theirs.keys]);
        expect([...ours.lat]).to.deep.equal([...theirs.lat]);
        expect([...ours.kinds]).to.deep.equal([...theirs.kinds]);
      } finally {
        fresh.engine.dispose();
        trusted.engine.dispose();
      }
    });

    // A council page's "asset activity", each kind alone, and all three: one test each, so that a busy machine's slow
    // worker starts are timed per set of kinds, not summed over five.
    for (const kinds of [['asset', 'activity'], ['activity'], ['asset'], ['transfer'], ['activity', 'asset', 'transfer']] as ListingKind[][]) {
      it(`answers ${where} with kinds "${kinds.join(' ')}" exactly as the plain feed with those kinds, opening listings and giving the map's points the same`, async () => {
        const fresh = await loadFinder(['ready.json'], { fetch: serve({ 'ready.json': JSON.stringify(feed) }), workerUrl, worker, kinds });
        const trusted = await loadFinder(['ready.json'], { fetch: serve({ 'ready.json': ready }), workerUrl, worker, kinds });
        try {
          const what = kinds.join(' ');
          expect(trusted.engine.size, what).to.equal(feed.listings.filter((l) => kinds.includes(l.kind)).length);
          expect(trusted.summary.kinds, what).to.deep.equal(fresh.summary.kinds);
          for (const state of STATES) {
            expect(plain(await trusted.engine.query(state, NOW)), `${what}: ${JSON.stringify(state)}`).to.deep.equal(plain(await fresh.engine.query(state, NOW)));
          }
          const all = (await fresh.engine.query({ q: '', filters: {}, sort: 'name' }, NOW)).keys;
          const keys = all.filter((_, i) => i % 5 === 2);
          expect(await trusted.engine.records(keys), what).to.deep.equal(await fresh.engine.records(keys));
          const [ours, theirs] = await Promise.all([trusted.engine.points(all, 'en'), fresh.engine.points(all, 'en')]);
          expect([...ours.keys], what).to.deep.equal([...theirs.keys]);
          expect([...ours.lng], what).to.deep.equal([...theirs.lng]);
        } finally {
          fresh.engine.dispose();
          trusted.engine.dispose();
        }
      });
    }

    it(`is not trusted ${where} when its text no longer matches its hash, and answers for the text it now holds`, async () => {
      // One listing renamed by hand after the build: the prebuilt index and columns still hold the old name.
      const first = feed.listings[0]!;
      const oldName = typeof first.name === 'string' ? first.name : first.name.en!;
      const tampered = ready.replace(JSON.stringify(oldName), JSON.stringify('Zebrafinch aviary'));
      expect(tampered).to.not.equal(ready);
      const name = typeof first.name === 'string' ? 'Zebrafinch aviary' : { ...first.name, en: 'Zebrafinch aviary' };
      const renamed = { ...feed, listings: [{ ...first, name }, ...feed.listings.slice(1)] } as Feed;
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
      let edited: FinderLoad;
      try {
        edited = await load(worker, tampered);
      } finally {
        console.warn = warn;
      }
      const fresh = await load(worker, JSON.stringify(renamed));
      try {
        const found = await edited.engine.query({ q: 'zebrafinch', filters: {}, sort: 'relevance' }, NOW);
        expect(found.total).to.equal(1);
        for (const state of STATES) {
          expect(plain(await edited.engine.query(state, NOW)), JSON.stringify(state)).to.deep.equal(plain(await fresh.engine.query(state, NOW)));
        }
        // On the page the warning is in this console; the worker writes it to its own.
        if (!worker) expect(warnings.join('\n')).to.match(/read as a plain feed.*does not match its hash/);
      } finally {
        edited.engine.dispose();
        fresh.engine.dispose();
      }
    });

    it(`fetches its text index file ${where} only after the first page, and then answers words as the plain feed`, async () => {
      const site = await host({ 'ready.json': readyWithFile, [indexFile.path]: indexFile.text }, [indexFile.path]);
      const trusted = await loadFinder([site.src], { workerUrl, worker });
      const fresh = await load(worker, JSON.stringify(feed));
      try {
        // The first page comes while the index file is still held back by the host.
        expect(plain(await trusted.engine.query(STATES[0]!, NOW))).to.deep.equal(plain(await fresh.engine.query(STATES[0]!, NOW)));
        const words = trusted.engine.query({ q: 'walk', filters: {}, sort: 'relevance', limit: 50 }, NOW);
        await site.release();
        const found = await words;
        expect(found.total).to.be.greaterThan(0);
        expect(plain(found)).to.deep.equal(plain(await fresh.engine.query({ q: 'walk', filters: {}, sort: 'relevance', limit: 50 }, NOW)));
        for (const state of STATES) {
          expect(plain(await trusted.engine.query(state, NOW)), JSON.stringify(state)).to.deep.equal(plain(await fresh.engine.query(state, NOW)));
        }
        expect(await site.log()).to.deep.equal(['ready.json', indexFile.path]);
      } finally {
        fresh.engine.dispose();
        trusted.engine.dispose();
      }
    });

    for (const [what, files] of [
      ['missing', (): Record<string, string> => ({ 'ready.json': readyWithFile })],
      ['another file (its seal does not match)', (): Record<string, string> => ({ 'ready.json': readyWithFile, [indexFile.path]: indexFile.text.replace('"walk"', '"wakl"') })],
      ['named wrongly in the header (a file that is not there)', (): Record<string, string> => ({ 'ready.json': readyWithFile.replace(indexFile.path, indexFile.path.replace('ready-index.', 'ready-index.0')), [indexFile.path]: indexFile.text })],
    ] as const) {
      it(`whose text index file is ${what} still gives results ${where}, and finds words as the plain feed`, async () => {
        const site = await host(files());
        const trusted = await loadFinder([site.src], { workerUrl, worker });
        const fresh = await load(worker, JSON.stringify(feed));
        try {
          expect(plain(await trusted.engine.query(STATES[0]!, NOW))).to.deep.equal(plain(await fresh.engine.query(STATES[0]!, NOW)));
          const found = await trusted.engine.query({ q: 'walk', filters: {}, sort: 'relevance', limit: 50 }, NOW);
          expect(found.total).to.be.greaterThan(0);
          expect(found.items[0]!.listing.name).to.deep.equal((await fresh.engine.query({ q: 'walk', filters: {}, sort: 'relevance', limit: 50 }, NOW)).items[0]!.listing.name);
          for (const state of STATES) {
            expect(plain(await trusted.engine.query(state, NOW)), JSON.stringify(state)).to.deep.equal(plain(await fresh.engine.query(state, NOW)));
          }
        } finally {
          fresh.engine.dispose();
          trusted.engine.dispose();
        }
      });
    }

    it(`that is cut off is refused ${where} with a message saying so`, async () => {
      let failure: unknown;
      try {
        await load(worker, ready.slice(0, Math.floor(ready.length * 0.6)));
      } catch (error) {
        failure = error;
      }
      expect(String((failure as { detail?: string })?.detail)).to.match(/This ready feed is cut off: it has \d+ of the \d+ characters/);
    });
  }
});
