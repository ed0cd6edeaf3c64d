import { expect } from '@open-wc/testing';
import type { Feed } from '../feed/types.js';
import { normaliseFeed } from '../feed/normalise.js';
import { serializeIndex } from './full.js';
import { loadFinder, type FinderLoad } from './load.js';
import type { FinderState } from './types.js';
import { serveBodies, withoutListings } from '../../../../test/support/engine.js';

// In the test server the worker is the TypeScript source; in a build, `worker.js` beside the module.
const workerUrl = new URL('./worker.ts', import.meta.url);
const NOW = new Date('2026-11-24T10:30:00Z');

const serve = serveBodies;

const plain = withoutListings;

/**
 * Half-typed words (found by prefix), misspelt ones (found by fuzziness), need
 * words and sentences: answered from the words the index finds, in the order its
 * tree holds them, which a prebuilt index must keep.
 */
const QUERIES = ['lo', 're', 'wa', 'ca', 'co', 'me', 'st', 'sup', 'bereav', 'comunity', 'walkng', 'libary', 'lonely', 'choir lo', 'tai chi', 'i feel lonely and want to walk', 'cerdded'];
const STATES: FinderState[] = QUERIES.flatMap((q) => [
  { q, filters: {}, sort: 'relevance', limit: 50 },
  { q, filters: { cost: ['free'] }, sort: 'distance', near: { lat: 52.6, lng: -1.45 }, limit: 20 },
]);

describe('a prebuilt text index', () => {
  let text: string;
  let index: string;
  before(async () => {
    text = await (await fetch(new URL('../../../../demo/feed.json', import.meta.url))).text();
    index = serializeIndex(normaliseFeed(JSON.parse(text) as Feed));
  });

  const load = (worker: boolean, prebuilt?: string, feed = text): Promise<FinderLoad> =>
    loadFinder(['demo.json'], {
      fetch: serve({ 'demo.json': feed }),
      workerUrl,
      worker,
      // Parsed, as the finder hands over the index.json it fetched.
      ...(prebuilt ? { prebuiltIndex: JSON.parse(prebuilt) as object } : {}),
    });

  for (const worker of [true, false]) {
    it(`answers ${worker ? 'in the worker' : 'on the page'} exactly as the index built there: results, order, scores, terms, suggestions`, async () => {
      const fresh = await load(worker);
      const prebuilt = await load(worker, index);
      expect(prebuilt.inWorker).to.equal(worker);
      try {
        for (const state of STATES) {
          const expected = plain(await fresh.engine.query(state, NOW));
          expect(expected.total, state.q).to.be.above(0);
          expect(plain(await prebuilt.engine.query(state, NOW)), JSON.stringify(state)).to.deep.equal(expected);
        }
        for (const prefix of ['lo', 'wal', 'carer', 'cerd', 're']) {
          expect(await prebuilt.engine.suggest(prefix), prefix).to.deep.equal(await fresh.engine.suggest(prefix));
        }
      } finally {
        fresh.engine.dispose();
        prebuilt.engine.dispose();
      }
    });

    it(`is what answers words ${worker ? 'in the worker' : 'on the page'} when it was built from this text, not an index built there`, async () => {
      // An index over the same listings, one of them renamed, carrying the hash of
      // this feed's text (as if built from it): only that index finds the new name.
      const feed = JSON.parse(text) as Feed;
      const first = feed.listings[0]!;
      const renamed = { ...feed, listings: [{ ...first, name: 'Zebrafinch aviary' }, ...feed.listings.slice(1)] } as Feed;
      const decoy = JSON.parse(serializeIndex(normaliseFeed(renamed))) as { content: string };
      decoy.content = (JSON.parse(index) as { content: string }).content;
      const { engine } = await load(worker, JSON.stringify(decoy));
      try {
        const found = await engine.query({ q: 'zebrafinch', filters: {}, sort: 'relevance' }, NOW);
        expect(found.keys).to.deep.equal([normaliseFeed(feed).listings[0]!.key]);
      } finally {
        engine.dispose();
      }
    });

    it(`is refused ${worker ? 'in the worker' : 'on the page'} when the feed was edited after it was built, and the words are searched as the feed has them`, async () => {
      // The index from atlas build; then someone renames a listing in feed.json by hand.
      const feed = JSON.parse(text) as Feed;
      const first = feed.listings[0]!;
      const edited = JSON.stringify({ ...feed, listings: [{ ...first, name: 'Zebrafinch aviary' }, ...feed.listings.slice(1)] });
      const stale = await load(worker, index, edited);
      const fresh = await load(worker, undefined, edited);
      try {
        const found = await stale.engine.query({ q: 'zebrafinch', filters: {}, sort: 'relevance' }, NOW);
        expect(found.keys).to.deep.equal([normaliseFeed(feed).listings[0]!.key]);
        for (const state of STATES) {
          expect(plain(await stale.engine.query(state, NOW)), JSON.stringify(state)).to.deep.equal(plain(await fresh.engine.query(state, NOW)));
        }
      } finally {
        stale.engine.dispose();
        fresh.engine.dispose();
      }
    });
  }
});
