// <atlas-finder> on a large plain feed arriving slowly (issue 16, the slow phone: 10,000 listings
// take about three seconds to arrive at 1.6 Mbit/s). A resident sees a first page from the listings
// that have arrived, each checked as ever, with one polite status saying that the rest is still
// loading; then, once the body is in, exactly the answer a feed that arrived at once gives.
// The feed is served from memory in pieces, its last piece held back until the test lets it go.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { encodeState, WORKER_THRESHOLD_BYTES, type Feed, type FinderState } from '@community-atlas/core';
import { generateFeed } from '../../../../test/support/generate.js';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { NOW, cards as cardsOf, countText as countOf, results, shadow } from '../test-support/finder.js';

/** The cards and the count, or none while the finder shows only its loading message. */
const drawn = (f: AtlasFinder): boolean => !!shadow(f).querySelector('atlas-results')?.shadowRoot;
const cards = (f: AtlasFinder): ReturnType<typeof cardsOf> => (drawn(f) ? cardsOf(f) : []);
const countText = (f: AtlasFinder): string => (drawn(f) ? countOf(f) : '');

const feed: Feed = generateFeed(4000);
// First in name order: one the check skips (no kind it knows), and one whose unsafe link the check drops.
feed.listings.unshift(
  { ...feed.listings[0]!, id: 'unchecked-kind', kind: 'nonsense' as 'asset', name: 'Aardvark unchecked listing' },
  { ...feed.listings[1]!, id: 'unsafe-link', name: 'Aardvark club', contact: { url: 'javascript:alert(1)' } },
);
const bytes = new TextEncoder().encode(JSON.stringify(feed));
/** Enough for the worker, and well short of the whole body: listings 1 to about 3,000. */
const FIRST = Math.ceil(WORKER_THRESHOLD_BYTES * 1.2);

/** A fetch whose body's first part comes at once, in pieces, and the rest only when `release()` is called. */
function slowFeed(): { fetcher: typeof fetch; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const fetcher = (() => Promise.resolve(new Response(new ReadableStream<Uint8Array>({
    async start(controller) {
      for (let at = 0; at < FIRST; at += 65_536) controller.enqueue(bytes.slice(at, Math.min(FIRST, at + 65_536)));
      await held;
      controller.enqueue(bytes.slice(FIRST));
      controller.close();
    },
  }), { headers: { 'content-type': 'application/json' } }))) as typeof fetch;
  return { fetcher, release };
}

const whole = (() => Promise.resolve(new Response(bytes, { headers: { 'content-type': 'application/json' } }))) as typeof fetch;

/** Every text the results' live region was given while `f` loaded, in order, each once in a row. */
function said(f: AtlasFinder): string[] {
  const texts: string[] = [];
  const note = (): void => {
    const now = countText(f);
    if (now && now !== texts[texts.length - 1]) texts.push(now);
  };
  const watch = (): void => {
    const root = shadow(f).querySelector('atlas-results')?.shadowRoot;
    if (!root) return void requestAnimationFrame(watch);
    new MutationObserver(note).observe(root, { subtree: true, childList: true, characterData: true });
    note();
  };
  watch();
  return texts;
}

const names = (f: AtlasFinder): string[] => cards(f).map((c) => String(c.item!.listing.name));
const statuses = (f: AtlasFinder): Element[] => [
  ...shadow(f).querySelectorAll('[role="status"]'),
  ...(shadow(f).querySelector('atlas-results')?.shadowRoot?.querySelectorAll('[role="status"]') ?? []),
];

describe('<atlas-finder>: a large feed arriving slowly', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('shows a first page of the checked listings so far with a polite status, then exactly the whole feed’s answer', async () => {
    expect(bytes.length, 'a feed the worker searches').to.be.at.least(WORKER_THRESHOLD_BYTES);
    const { fetcher, release } = slowFeed();
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    const texts = said(f);
    await waitUntil(() => cards(f).length > 0, 'no first page while the feed was still arriving', { timeout: 20000 });
    await f.updateComplete;

    // The listings so far: fewer than the feed has, said to be so, once, in the results' polite live region.
    const count = shadow(results(f)).querySelector('[role="status"]')!;
    expect(count.getAttribute('aria-live')).to.equal('polite');
    expect(countText(f)).to.match(/^[\d,]+ results so far; loading the rest of the directory…$/);
    // "so far" to the eye; that the rest is loading, to screen readers too (the count stays on one line on a phone).
    expect(count.querySelector('.visually-hidden')?.textContent).to.equal('; loading the rest of the directory…');
    const soFar = Number(countText(f).replace(/ .*/, '').replace(/,/g, ''));
    expect(soFar).to.be.above(0).and.below(feed.listings.length - 1);
    expect(statuses(f).filter((s) => /load/i.test(s.textContent ?? '')), 'one status says it is loading').to.have.length(1);
    // Never a listing the check would not pass, nor a link it would drop.
    expect(names(f)).not.to.include('Aardvark unchecked listing');
    const club = cards(f).find((c) => c.item!.listing.key === 'unsafe-link');
    expect(club, 'the listing whose link the check dropped').not.to.equal(undefined);
    expect(club!.item!.listing.contact?.url).to.equal(undefined);
    expect(shadow(club!).innerHTML).not.to.contain('javascript:');
    await expect(f).to.be.accessible();
    // Each card says its next session already, as the whole answer's does (a card does not grow a line when it comes).
    const nextSoFar = new Map(cards(f).map((c) => [c.item!.listing.key, JSON.stringify(c.item!.next ?? null)]));

    release();
    await waitUntil(() => /^[\d,]+ results$/.test(countText(f)) && countText(f) !== texts[0], 'no whole answer once the feed was in', { timeout: 20000 });
    await f.updateComplete;
    expect(countText(f)).to.equal(`${(feed.listings.length - 1).toLocaleString('en-GB')} results`);
    expect(statuses(f).filter((s) => /load/i.test(s.textContent ?? ''))).to.have.length(0);
    expect(texts.filter((t) => /so far/.test(t)), 'the status said once').to.have.length(1);
    const both = cards(f).filter((c) => nextSoFar.has(c.item!.listing.key));
    expect(both.filter((c) => c.item!.next), 'cards on both pages with a next session').not.to.have.length(0);
    for (const c of both) expect(nextSoFar.get(c.item!.listing.key), c.item!.listing.key).to.equal(JSON.stringify(c.item!.next ?? null));

    // Exactly what the same feed gives when it arrives at once.
    const g = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${whole} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cards(g).length > 0 && /^[\d,]+ results$/.test(countText(g)), 'the whole feed did not load', { timeout: 20000 });
    await g.updateComplete;
    expect(names(f)).to.deep.equal(names(g));
    expect(countText(f)).to.equal(countText(g));
  });

  it('shows the listings so far on a finder given a prebuilt index too', async () => {
    const { fetcher: feedFetcher, release } = slowFeed();
    // The index is not there: the finder indexes the feed itself, as always.
    const fetcher = ((url: string, init?: RequestInit) => /index/.test(String(url)) ? Promise.resolve(new Response('', { status: 404 })) : feedFetcher(url, init)) as typeof fetch;
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" index="/town-index.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cards(f).length > 0, 'no first page while the feed was still arriving', { timeout: 20000 });
    expect(countText(f)).to.match(/ so far; loading the rest of the directory…$/);
    release();
    await waitUntil(() => /^[\d,]+ results$/.test(countText(f)), 'no whole answer once the feed was in', { timeout: 20000 });
  });

  it('says so in Welsh on a Welsh page', async () => {
    const { fetcher, release } = slowFeed();
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="cy" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cards(f).length > 0, 'no first page while the feed was still arriving', { timeout: 20000 });
    await f.updateComplete;
    expect(countText(f)).to.match(/^[\d,]+ [^;]+ hyd yma; wrthi’n llwytho gweddill y cyfeiriadur…$/);
    await expect(f).to.be.accessible();
    release();
    await waitUntil(() => !/hyd yma/.test(countText(f)), 'no whole answer once the feed was in', { timeout: 20000 });
  });

  for (const width of [320, 375, 1280]) {
    it(`keeps the first card where it is when the whole answer replaces the listings so far, ${width} px wide`, async () => {
      await setViewport({ width, height: 800 });
      try {
        const { fetcher, release } = slowFeed();
        const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
        await waitUntil(() => cards(f).length > 0, 'no first page while the feed was still arriving', { timeout: 20000 });
        await f.updateComplete;
        await results(f).updateComplete;
        expect(countText(f)).to.match(/so far/);
        const top = (): number => cards(f)[0]!.getBoundingClientRect().top - f.getBoundingClientRect().top;
        const soFar = top();
        release();
        await waitUntil(() => /^[\d,]+ results$/.test(countText(f)), 'no whole answer once the feed was in', { timeout: 20000 });
        await f.updateComplete;
        await results(f).updateComplete;
        // Half a pixel at most: a count of two lines sits on the sort box's baseline as one line does.
        expect(Math.abs(top() - soFar), `the first card moved from ${soFar} to ${top()} px`).to.be.below(1);
        await expect(f).to.be.accessible();
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('answers a link with filters and a sort from the listings so far too, then as the whole feed does', async () => {
    const asked: FinderState = { q: '', filters: { kind: ['activity'], day: ['mo', 'th'] }, sort: 'name' };
    window.history.replaceState(null, '', `?${encodeState(asked)}`);
    const { fetcher, release } = slowFeed();
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cards(f).length > 0, 'no first page while the feed was still arriving', { timeout: 20000 });
    await f.updateComplete;
    expect(countText(f)).to.match(/^[\d,]+ results so far; loading the rest of the directory…$/);
    const soFarKeys = cards(f).map((c) => c.item!.listing.key);
    await expect(f).to.be.accessible();
    release();
    await waitUntil(() => /^[\d,]+ results$/.test(countText(f)), 'no whole answer once the feed was in', { timeout: 20000 });
    await f.updateComplete;
    // Every listing the first page showed is one the whole feed's answer to the link holds, in its order (by name).
    const all = await f.engine!.query({ ...asked, limit: 100_000 }, NOW);
    const at = soFarKeys.map((key) => all.keys.indexOf(key));
    expect(at.filter((i) => i < 0), 'shown so far, not in the whole answer').to.deep.equal([]);
    expect([...at].sort((a, b) => a - b), 'in the whole answer’s order').to.deep.equal(at);
    const whole20 = names(f);
    const count = countText(f);
    // Alone on the page, so the second finder reads the same link (two finders keep their state apart in it).
    f.remove();
    const g = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${whole} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cards(g).length > 0 && /^[\d,]+ results$/.test(countText(g)), 'the whole feed did not load', { timeout: 20000 });
    await g.updateComplete;
    expect(whole20).to.deep.equal(names(g));
    expect(count).to.equal(countText(g));
    expect(countText(g)).not.to.equal(`${(feed.listings.length - 1).toLocaleString('en-GB')} results`);
  });

  it('waits for the whole feed on a link with words, which the listings so far cannot answer without text search', async () => {
    window.history.replaceState(null, '', `?${encodeState({ q: 'walk', filters: {}, sort: 'relevance' })}`);
    const { fetcher, release } = slowFeed();
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    const texts = said(f);
    // Long enough for the step to have come (it does within a second in the tests above).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(cards(f)).to.have.length(0);
    release();
    await waitUntil(() => cards(f).length > 0 && /^[\d,]+ results$/.test(countText(f)), 'no answer once the feed was in', { timeout: 20000 });
    expect(texts.filter((t) => /so far/.test(t))).to.deep.equal([]);
  });

  it('shows a feed that arrives at once whole, with no step of listings so far', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${whole} .now=${NOW}></atlas-finder>`);
    const texts = said(f);
    await waitUntil(() => cards(f).length > 0 && /^[\d,]+ results$/.test(countText(f)), 'the feed did not load', { timeout: 20000 });
    expect(texts.filter((t) => /so far/.test(t))).to.deep.equal([]);
  });
});

describe('<atlas-finder>: a large feed whose whole check fails after its first page', () => {
  it('tells the console of its errors and says how many listings could not be shown, as a feed read whole first does', async () => {
    // A listing with no name, far down in name order: the first page comes before the whole check
    // finds it, so the finder learns of the problem only once the worker has read the feed again.
    const hurt: Feed = generateFeed(4000);
    const far = hurt.listings[3000]!;
    delete (far as { name?: unknown }).name;
    const body = new TextEncoder().encode(JSON.stringify(hurt));
    expect(body.length, 'large enough for the worker').to.be.greaterThan(WORKER_THRESHOLD_BYTES);
    const fetcher = (() => Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } }))) as typeof fetch;
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.map(String).join(' '));
    try {
      const f = await fixture<AtlasFinder>(html`<atlas-finder src="/hurt.json" .fetcher=${fetcher} .now=${NOW} lang="en"></atlas-finder>`);
      await waitUntil(() => /could not be shown/.test(shadow(f).querySelector('.footer')?.textContent ?? ''), 'the footer never said a listing could not be shown', { timeout: 20_000 });
      expect(shadow(f).querySelector('.footer')!.textContent).to.contain('1 listing could not be shown because of a problem in the data.');
      await waitUntil(() => warned.some((w) => w.includes('.name')), 'the console was never told of the nameless listing', { timeout: 20_000 });
      expect(warned.filter((w) => /^Community Atlas: .*listings\[\d+\]\.name: /.test(w)), 'told once').to.have.length(1);
      expect(countText(f)).to.equal('3,999 results');
      await expect(f).to.be.accessible();
    } finally {
      console.warn = warn;
    }
  });
});
