import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { parseFeedText, serializeIndex, type Feed } from '@community-atlas/core';
import '../define.js';
import type { AtlasFinder } from './finder.js';

const feed = (names: string[], ids = ['a', 'b']): Feed => ({
  version: '1',
  publisher: { name: 'Northbridge Borough Council', id: 'northbridge' },
  updated: '2026-11-01',
  listings: ids.map((id, i) => ({ id, kind: 'asset', name: names[i] ?? id })),
});

const FEED = feed(['Riverside community centre', 'Market Square library']);
const indexOf = (f: Feed): string => serializeIndex(parseFeedText(JSON.stringify(f)));
/**
 * An index over the same keys but other words, carrying the hash of FEED's text
 * (as if built from it): a search for "zebra" can only find listing a through it.
 */
const DECOY_INDEX = JSON.stringify({
  ...(JSON.parse(indexOf(feed(['Zebra crossing hall', 'Market Square library']))) as object),
  content: (JSON.parse(indexOf(FEED)) as { content: string }).content,
});

function serve(files: Record<string, string | number>): { fetcher: typeof fetch; asked: string[] } {
  const asked: string[] = [];
  const fetcher = (async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    const body = files[url];
    if (body === undefined || typeof body === 'number') return new Response('not here', { status: typeof body === 'number' ? body : 404 });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { fetcher, asked };
}

async function loaded(f: AtlasFinder): Promise<void> {
  await waitUntil(() => f.engine !== undefined || f.matches(':state(error)'), 'finder did not load', { timeout: 5000 });
}

const search = async (f: AtlasFinder, q: string): Promise<string[]> =>
  (await f.engine!.query({ q, filters: {}, sort: 'relevance' })).keys;

describe('<atlas-finder index="…">', () => {
  let warnings: string[];
  let warn: typeof console.warn;
  beforeEach(() => {
    warnings = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
  });

  it('fetches the prebuilt index alongside the feed and searches with it', async () => {
    const { fetcher, asked } = serve({ 'feed.json': JSON.stringify(FEED), 'index.json': DECOY_INDEX });
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${fetcher} src="feed.json" index="index.json"></atlas-finder>`);
    await loaded(f);
    expect(asked).to.have.members(['feed.json', 'index.json']);
    expect(await search(f, 'zebra')).to.deep.equal(['a']);
    expect(warnings).to.deep.equal([]);
  });

  it('does not use an index built before the feed was edited: the feed is indexed as it is now', async () => {
    // atlas build wrote index.json for the feed with "Zebra crossing hall"; then the listing was renamed by hand.
    const stale = indexOf(feed(['Zebra crossing hall', 'Market Square library']));
    const { fetcher } = serve({ 'feed.json': JSON.stringify(FEED), 'index.json': stale });
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${fetcher} src="feed.json" index="index.json"></atlas-finder>`);
    await loaded(f);
    expect(await search(f, 'zebra')).to.deep.equal([]);
    expect(await search(f, 'riverside')).to.deep.equal(['a']);
  });

  it('without an index attribute fetches only the feed and indexes it itself', async () => {
    const { fetcher, asked } = serve({ 'feed.json': JSON.stringify(FEED), 'index.json': DECOY_INDEX });
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${fetcher} src="feed.json"></atlas-finder>`);
    await loaded(f);
    expect(asked).to.deep.equal(['feed.json']);
    expect(await search(f, 'zebra')).to.deep.equal([]);
    expect(await search(f, 'riverside')).to.deep.equal(['a']);
  });

  for (const [what, body] of [['missing (404)', 404], ['not JSON', '<html>oops'], ['JSON but not an index', '{"hello": 1}']] as const) {
    it(`an index that is ${what} is warned about and the finder indexes the feed itself`, async () => {
      const { fetcher } = serve({ 'feed.json': JSON.stringify(FEED), 'index.json': body });
      const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${fetcher} src="feed.json" index="index.json"></atlas-finder>`);
      await loaded(f);
      expect(f.matches(':state(error)')).to.equal(false);
      expect(await search(f, 'riverside')).to.deep.equal(['a']);
      expect(warnings.some((w) => w.includes('index.json could not be used'))).to.equal(true, warnings.join('\n'));
    });
  }

  it('an index built from other listings is not used: results come from the feed itself', async () => {
    const other = serializeIndex(parseFeedText(JSON.stringify(feed(['Zebra crossing hall', 'x', 'y'], ['a', 'x', 'y']))));
    const { fetcher } = serve({ 'feed.json': JSON.stringify(FEED), 'index.json': other });
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${fetcher} src="feed.json" index="index.json"></atlas-finder>`);
    await loaded(f);
    expect(await search(f, 'zebra')).to.deep.equal([]);
    expect(await search(f, 'library')).to.deep.equal(['b']);
  });
});
