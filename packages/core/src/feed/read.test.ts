import { expect } from '@open-wc/testing';
import { createEngineAuto, loadFinder } from '../engine/load.js';
import { FeedLoadError, loadFeeds, normaliseFeed, type AtlasData, type Feed } from '../index.js';

const FIXTURES = '/test/fixtures/feeds/';
const NAMES = [
  'valid.json', 'bom.json', 'duplicate-ids.json', 'empty-listings.json', 'javascript-urls.json', 'no-listings.json',
  'not-json.json', 'relative-links.json', 'swapped-coordinates.json', 'truncated.json', 'wrong-types.json', 'missing.json',
];

/** What a load gives, in a form two ways of loading can be compared by. */
async function outcome(load: Promise<{ data: AtlasData } | AtlasData>): Promise<unknown> {
  try {
    const loaded = await load;
    const data = 'data' in loaded ? loaded.data : loaded;
    return { ...data, sources: data.sources };
  } catch (error) {
    if (!(error instanceof FeedLoadError)) throw error;
    return { error: error.name, reason: error.reason, detail: error.detail, userMessage: error.userMessage, status: error.status, failures: error.failures.map((f) => f.detail) };
  }
}

describe('reading feeds in the finder (quick check first, the normaliser only when needed)', () => {
  it('gives the same listings, problems, counts and errors as the exact reader, for every fixture', async () => {
    for (const name of NAMES) {
      const url = `${FIXTURES}${name}`;
      const exact = await outcome(loadFeeds([url]));
      const finder = await outcome(loadFinder([url], { worker: false }));
      expect(finder, name).to.deep.equal(exact);
    }
  });

  it('gives the same for several feeds at once, some failing', async () => {
    for (const names of [['valid.json', 'duplicate-ids.json'], ['missing.json', 'wrong-types.json'], ['not-json.json', 'missing.json'], ['valid.json', 'valid.json']]) {
      const urls = names.map((n) => `${FIXTURES}${n}`);
      expect(await outcome(loadFinder(urls, { worker: false })), names.join(' ')).to.deep.equal(await outcome(loadFeeds(urls)));
    }
  });

  it('createEngineAuto reads text and parsed feeds on the page as the normaliser does, good or bad', async () => {
    for (const name of ['valid.json', 'wrong-types.json', 'javascript-urls.json', 'not-json.json', 'no-listings.json']) {
      const text = await (await fetch(`${FIXTURES}${name}`)).text();
      const fromText = await outcome(createEngineAuto(text, { worker: false, source: `${location.origin}${FIXTURES}${name}` }));
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        continue;
      }
      const fromFeed = await outcome(createEngineAuto(parsed as Feed, { worker: false, source: `${location.origin}${FIXTURES}${name}` }));
      const exact = normaliseFeed(parsed, { source: `${location.origin}${FIXTURES}${name}`, baseUrl: `${location.origin}${FIXTURES}${name}` });
      if (exact.problems.some((p) => p.severity === 'error' && p.listingIndex === undefined)) continue;
      expect(fromFeed, name).to.deep.equal({ ...exact, sources: exact.sources });
      expect(fromText, name).to.deep.equal({ ...exact, sources: exact.sources });
    }
  });

  it('a backslash just before a character beyond ASCII is not JSON, on the page and in the worker, as the exact reader says', async () => {
    const text = '{"version":"1","publisher":{"name":"Caffi\\é"},"listings":[{"id":"a","kind":"asset","name":"A"}]}';
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const exact = await outcome(loadFeeds([url]));
    expect(exact).to.have.property('reason', 'not-json');
    expect(await outcome(loadFinder([url], { worker: false })), 'on the page').to.deep.equal(exact);
    expect(await outcome(loadFinder([url])), 'on the page, from its bytes').to.deep.equal(exact);
    expect(await outcome(loadFinder([url], { worker: true })), 'in the worker').to.deep.equal(exact);
  });

  it('a feed with a hostile listing still shows the good ones, with the exact messages', async () => {
    const { data } = await loadFinder([`${FIXTURES}wrong-types.json`], { worker: false });
    expect(data.listings.map((l) => l.id)).to.deep.equal(['good-1', 'ages', 'times', 'postcode']);
    expect(data.skipped).to.equal(3);
    expect(data.problems[0]!.message).to.equal('Listing "bad-kind": its kind "event" is not asset, activity or transfer.');
  });
});
