import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow, cards } from '../test-support/finder.js';
import { generateFeed } from '../../../../test/support/generate.js';

// While the finder loads and draws its first screen (the search box, the place box, the
// filters and the results, each a task apart, the cards a few at a time), what follows it
// in the page must not move: a resident reading or about to tap the page's footer sees it
// jump down four times otherwise. The finder holds a screen's height until its first
// screen is whole, then takes the height of what it shows.

const feed = JSON.stringify(generateFeed(120, 7));

/** A fetch that answers only when `release` is called, so the loading state can be looked at. */
function heldFetcher(body: string): { fetcher: typeof fetch; release: () => void } {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const fetcher = (async () => {
    await held;
    return new Response(body, { headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { fetcher, release };
}

/**
 * Where `el`'s top is, in the viewport, after every task that changed what the finder
 * shows (its stages, then the results' cards a few at a time): a slow phone can paint
 * between any two of those tasks, even where this machine draws them all in one frame.
 */
function watchTop(el: Element, f: AtlasFinder): { tops: number[]; stop: () => void } {
  const tops: number[] = [];
  const watched = new Set<Node>();
  const observer = new MutationObserver(() => {
    tops.push(Math.round(el.getBoundingClientRect().top));
    const list = f.shadowRoot?.querySelector('atlas-results')?.shadowRoot;
    if (list && !watched.has(list)) watch(list);
  });
  const watch = (root: Node): void => {
    watched.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
  };
  tops.push(Math.round(el.getBoundingClientRect().top));
  if (f.shadowRoot) watch(f.shadowRoot);
  return { tops, stop: () => observer.disconnect() };
}

const drawn = async (f: AtlasFinder): Promise<void> => {
  await waitUntil(() => !f.matches(':state(drawing)'), 'the first screen was never whole', { timeout: 8000 });
};

describe('<atlas-finder> keeps the page still while it loads', () => {
  before(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  it('holds a screen of height from its loading message to its whole first screen, so what follows it never moves into view', async () => {
    const { fetcher, release } = heldFetcher(feed);
    const wrap = await fixture<HTMLDivElement>(html`<div>
      <atlas-finder .fetcher=${fetcher} .now=${NOW} src="/held.json"></atlas-finder>
      <p>After the directory</p>
    </div>`);
    const f = wrap.querySelector('atlas-finder') as AtlasFinder;
    const after = wrap.querySelector('p')!;
    await f.updateComplete;
    const watch = watchTop(after, f);
    expect(f.matches(':state(drawing)'), 'loading').to.equal(true);
    expect(shadow(f).querySelector('[role="status"]')?.textContent).to.match(/loading/i);
    expect(f.getBoundingClientRect().height, 'held while loading').to.be.at.least(window.innerHeight);
    release();
    await drawn(f);
    await f.updateComplete;
    watch.stop();
    expect(cards(f).length, 'the first page of cards').to.be.greaterThan(5);
    const inView = watch.tops.filter((top) => top < window.innerHeight);
    expect(inView, `the text after the finder came into view at ${inView.join(', ')} px`).to.deep.equal([]);
    expect(watch.tops.length, 'changes watched').to.be.greaterThan(4);
    await expect(f).to.be.accessible();
  });

  it('gives the space back once its first screen is whole, when what it shows is short', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/empty-feed.json`} .now=${NOW}></atlas-finder>`);
    await drawn(f);
    expect(f.matches(':state(empty)')).to.equal(true);
    expect(f.getBoundingClientRect().height).to.be.below(window.innerHeight / 2);
  });

  it('gives it back when the feed fails, with the error and its way to try again in view', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/not-json.txt`} .now=${NOW}></atlas-finder>`);
    await drawn(f);
    expect(f.matches(':state(error)')).to.equal(true);
    expect(f.getBoundingClientRect().height).to.be.below(window.innerHeight / 2);
  });

  it('holds none while it has no feed to load, and loads one given later', async () => {
    // A page that sets the feed from its own script later (once a person picks an area, say): no blank screen meanwhile.
    const { fetcher, release } = heldFetcher(feed);
    release();
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await f.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(f.matches(':state(drawing)')).to.equal(false);
    expect(f.getBoundingClientRect().height).to.be.below(window.innerHeight / 2);
    f.src = '/later.json';
    await waitUntil(() => !f.matches(':state(loading)') && !!shadow(f).querySelector('atlas-results')?.shadowRoot && cards(f).length > 0, 'the feed given later did not load', { timeout: 10000 });
    await expect(f).to.be.accessible();
  });

  it('holds none where the page says so (a finder in a box of its own size)', async () => {
    const { fetcher } = heldFetcher(feed);
    const f = await fixture<AtlasFinder>(html`<atlas-finder style="--atlas-finder-reserve: 0" .fetcher=${fetcher} .now=${NOW} src="/held.json"></atlas-finder>`);
    await f.updateComplete;
    expect(f.matches(':state(drawing)')).to.equal(true);
    expect(f.getBoundingClientRect().height).to.be.below(window.innerHeight / 2);
  });
});
