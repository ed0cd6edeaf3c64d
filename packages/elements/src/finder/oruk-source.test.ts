import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { AtlasFinder } from './finder.js';

// Saved pages of an ORUK 3.0 API (3 pages of 2 services), served by the test server as static files.
const PAGES = '/test/fixtures/oruk/v3-pages';
const API = 'https://api.example.org/oruk';

interface FakeApi {
  fetcher: typeof fetch;
  /** Page numbers in the order they were asked for. */
  asked: number[];
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** The signal each request was made with, in the order asked. */
  signals: (AbortSignal | undefined)[];
}

/** A stand-in ORUK API: no test reaches the internet. `answer` may replace a page's response. */
function fakeApi(answer: (page: number) => Response | undefined = () => undefined): FakeApi {
  let inFlight = 0;
  const api: FakeApi = {
    asked: [],
    maxInFlight: 0,
    signals: [],
    fetcher: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      expect(`${url.origin}${url.pathname}`).to.equal(`${API}/services`);
      const page = Number(url.searchParams.get('page'));
      api.asked.push(page);
      api.signals.push(init?.signal ?? undefined);
      inFlight++;
      api.maxInFlight = Math.max(api.maxInFlight, inFlight);
      try {
        // Each answer comes from the test server, so it is still in flight when a reader asking pages side by side would ask the next.
        return answer(page) ?? (await fetch(`${PAGES}/page-${page}.json`));
      } finally {
        inFlight--;
      }
    }) as typeof fetch,
  };
  return api;
}

async function settled(f: AtlasFinder): Promise<void> {
  await waitUntil(() => f.engine !== undefined || f.matches(':state(error)'), 'finder did not finish loading', { timeout: 8000 });
}

describe('<atlas-finder src="oruk:…">', () => {
  it('reads every page of an Open Referral UK API one at a time and lists its services', async () => {
    const api = fakeApi();
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${api.fetcher} src=${`oruk:${API}`}></atlas-finder>`);
    await settled(f);
    expect(f.matches(':state(error)')).to.equal(false);
    expect(api.asked).to.deep.equal([1, 2, 3], 'stops at total_pages');
    expect(api.maxInFlight).to.equal(1);
    expect(f.engine!.size).to.equal(6);
    const all = await f.engine!.query({ q: '', filters: {}, sort: 'name' });
    expect(all.items.every((i) => typeof i.listing.name !== 'undefined')).to.equal(true);
    await expect(f).to.be.accessible();
  });

  it('merges an ORUK API with an ordinary feed given beside it', async () => {
    const api = fakeApi();
    const feed = { version: '1', publisher: { name: 'Northbridge GP' }, updated: '2026-11-01', listings: [{ id: 'gp-walk', kind: 'activity', name: 'GP walking group' }] };
    const fetcher = ((input: RequestInfo | URL, init?: RequestInit) =>
      String(input) === 'gp.json' ? Promise.resolve(new Response(JSON.stringify(feed))) : api.fetcher(input, init)) as typeof fetch;
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${fetcher} src=${`gp.json oruk:${API}`}></atlas-finder>`);
    await settled(f);
    expect(f.engine!.size).to.equal(7);
    expect((await f.engine!.query({ q: 'walking group', filters: {}, sort: 'relevance' })).keys).to.include('gp-walk');
  });

  it('a page that fails shows the error state, and no half-read directory', async () => {
    const api = fakeApi((page) => (page === 2 ? new Response('gone', { status: 404 }) : undefined));
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${api.fetcher} src=${`oruk:${API}`}></atlas-finder>`);
    await settled(f);
    expect(f.matches(':state(error)')).to.equal(true);
    expect(f.engine).to.equal(undefined);
    expect(api.asked).to.deep.equal([1, 2]);
    await expect(f).to.be.accessible();
  });

  it('stops asking for pages when the finder is taken out of the page', async () => {
    const api = fakeApi();
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${api.fetcher} src=${`oruk:${API}`}></atlas-finder>`);
    await waitUntil(() => api.asked.length === 1, 'first page not asked for');
    f.remove();
    // The finder gives up its read: the signal its requests carry is aborted. An aborted read asks
    // for nothing more (its pause between pages ends at once, core/oruk/fetch.ts), so no page 2 now or later.
    await waitUntil(() => api.signals[0]?.aborted === true, 'the finder went on reading after it was taken out of the page');
    expect(api.asked).to.deep.equal([1]);
  });

  it('an oruk: source that is not an http(s) address is an error, not a request', async () => {
    const api = fakeApi();
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${api.fetcher} src="oruk:javascript:alert(1)"></atlas-finder>`);
    await settled(f);
    expect(f.matches(':state(error)')).to.equal(true);
    expect(api.asked).to.deep.equal([]);
  });
});
