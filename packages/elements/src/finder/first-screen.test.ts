import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { press } from '../../../../test/support/keyboard.js';
import { serializeReady, text } from '@community-atlas/core';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { AtlasOpenEvent } from '../events/open.js';
import { en } from '../translations/en.js';
import { cy } from '../translations/cy.js';
import { NOW, shadow, cards, countText } from '../test-support/finder.js';
import { generateFeed } from '../../../../test/support/generate.js';

// A ready feed's first screen (core's feed/first.ts): the finder draws the default
// state's first page from the first lines of the feed, before the rest is in, and
// the engine's answer replaces it. A first screen that does not apply is not used.

const feed = generateFeed(2500, 41);
const built = { en: serializeReady(feed, { lang: 'en' }).text, cy: serializeReady(feed, { lang: 'cy' }).text };
/** Where the first screen's line ends: the bytes a stalled body sends (the feeds are ASCII). */
const screenEnd = (ready: string): number => ready.indexOf('\n', ready.indexOf('\n') + 1) + 1;
/** The first screen's listings' names, in order, as written. */
const screenNames = (ready: string, lang: string): string[] => {
  const start = ready.indexOf('\n') + 1;
  const screen = JSON.parse(ready.slice(start + '"screen":'.length, screenEnd(ready) - 2)) as { listings: { name: Parameters<typeof text>[0] }[] };
  return screen.listings.map((l) => text(l.name, lang));
};

/** The cards drawn (none while there are no results). */
const cardsOf = (f: AtlasFinder) => (shadow(f).querySelector('atlas-results') ? cards(f) : []);
/** The names on the cards (without what a card adds for a name two results share). */
const names = (f: AtlasFinder): string[] => cardsOf(f).map((c) => shadow(c).querySelector('h3 a > span')?.textContent?.trim() ?? '');
/** The finder's own loading message (not the result count's live region, which is inside the results). */
const loadingMessage = (f: AtlasFinder): string | undefined => shadow(f).querySelector('[part="state"][role="status"]')?.textContent?.trim();
/** The element with focus, through shadow roots. */
const deepActive = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};
const cardTexts = (f: AtlasFinder): string => cardsOf(f).map((c) => shadow(c).textContent ?? '').join('\n');

let site = 0;
/** Puts `body` on the test server's static host, its response stalling after `stallAfter` bytes until released. */
async function host(body: string, stallAfter: number): Promise<{ url: string; release: () => Promise<void> }> {
  const base = `/static-host/first-screen-${Date.now()}-${site++}`;
  await fetch(`${base}/ready.json`, { method: 'PUT', body });
  await fetch(`${base}/_stall`, { method: 'PUT', body: JSON.stringify({ 'ready.json': stallAfter }) });
  return { url: `${base}/ready.json`, release: async () => void (await fetch(`${base}/_release`)) };
}

/**
 * A fetcher whose body is `body` in two pieces, the first up to `until`; `read` settles
 * once the page has read the first piece and asked for more, `release` sends the rest.
 */
function heldFetcher(body: string, until: number): { fetcher: typeof fetch; read: Promise<void>; release: () => void } {
  const bytes = new TextEncoder().encode(body);
  let read!: () => void;
  let release!: () => void;
  const asked = new Promise<void>((resolve) => (read = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  let pulls = 0;
  const fetcher = (() => Promise.resolve(new Response(new ReadableStream<Uint8Array>({
    async pull(controller) {
      pulls++;
      if (pulls === 1) return controller.enqueue(bytes.slice(0, until));
      read();
      await released;
      controller.enqueue(bytes.slice(until));
      controller.close();
    },
  }, { highWaterMark: 0 }), { headers: { 'content-type': 'application/json' } }))) as typeof fetch;
  return { fetcher, read: asked, release };
}

/** A task or two: long enough for anything the page was going to draw from what it has read. */
const settle = async (f: AtlasFinder): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  await Promise.race([f.updateComplete, new Promise((resolve) => setTimeout(resolve, 50))]);
};

describe('<atlas-finder> and a ready feed\'s first screen', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  for (const lang of ['en', 'cy'] as const) {
    it(`(${lang}) shows the first page from a feed whose body stalls after its first lines, says the rest is loading, and gives way to the engine's answer`, async () => {
      const t = lang === 'en' ? en : cy;
      const ready = built[lang];
      const { url, release } = await host(ready, screenEnd(ready));
      const f = await fixture<AtlasFinder>(html`<atlas-finder src=${url} lang=${lang} .now=${NOW}></atlas-finder>`);
      await waitUntil(() => cardsOf(f).length === 20 && names(f).every(Boolean), 'the first page was not drawn from the first lines');
      expect(names(f)).to.deep.equal(screenNames(ready, lang));
      expect(countText(f)).to.equal(t.resultsCount(2500));
      expect(loadingMessage(f)).to.equal(t.loading);
      // The next sessions depend on the clock: none is said, and never "no upcoming sessions".
      expect(cardTexts(f)).not.to.contain(t.noUpcoming);
      expect(cardTexts(f)).not.to.contain(t.nextSession(''));
      // The filters whose counts need neither the clock nor a place.
      const filters = shadow(shadow(f).querySelector('atlas-filters')!);
      const legends = [...filters.querySelectorAll('legend')].map((l) => l.textContent?.trim());
      expect(legends.length).to.be.greaterThan(0);
      await expect(f).to.be.accessible();

      await release();
      await waitUntil(() => !loadingMessage(f), 'the engine did not answer', { timeout: 20000 });
      await f.updateComplete;
      expect(names(f)).to.deep.equal(screenNames(ready, lang));
      expect(countText(f)).to.equal(t.resultsCount(2500));
      expect(cardTexts(f)).to.contain(t.nextSession('').trim());
      await expect(f).to.be.accessible();
    });
  }

  for (const kinds of ['asset activity', 'transfer']) {
    it(`shows the first page of a finder with kinds="${kinds}" from a feed whose body stalls after its first lines, the same as the engine's answer`, async () => {
      const ready = built.en;
      const kindsEnd = ready.indexOf('\n', screenEnd(ready)) + 1;
      expect(ready.slice(screenEnd(ready), kindsEnd)).to.match(/^"kindScreens":/);
      const kept = feed.listings.filter((l) => kinds.split(' ').includes(l.kind)).length;
      expect(kept).to.be.within(1, 2499);
      const { url, release } = await host(ready, kindsEnd);
      const f = await fixture<AtlasFinder>(html`<atlas-finder src=${url} kinds=${kinds} .now=${NOW}></atlas-finder>`);
      await waitUntil(() => cardsOf(f).length === Math.min(20, kept) && names(f).every(Boolean), 'the first page was not drawn from the first lines');
      const first = names(f);
      expect(countText(f)).to.equal(en.resultsCount(kept));
      expect(loadingMessage(f)).to.equal(en.loading);
      await expect(f).to.be.accessible();
      await release();
      await waitUntil(() => !loadingMessage(f), 'the engine did not answer', { timeout: 20000 });
      await f.updateComplete;
      expect(names(f)).to.deep.equal(first);
      expect(countText(f)).to.equal(en.resultsCount(kept));
      await expect(f).to.be.accessible();
    });
  }

  it('has the postcode box on a first screen whose listings have places, so nothing below it moves when the engine comes in', async () => {
    const ready = built.en;
    const { url, release } = await host(ready, screenEnd(ready));
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${url} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cardsOf(f).length === 20 && names(f).every(Boolean), 'the first page was not drawn from the first lines');
    const location = shadow(f).querySelector('atlas-location');
    expect(location, 'the postcode box is on the first screen').to.not.equal(null);
    await location!.updateComplete;
    expect(shadow(location!).querySelector('label')?.textContent?.trim()).to.equal(en.postcodeLabel);
    const top = (): number => shadow(f).querySelector('atlas-filters')!.getBoundingClientRect().top;
    const before = top();
    await release();
    await waitUntil(() => !loadingMessage(f), 'the engine did not answer', { timeout: 20000 });
    await f.updateComplete;
    // Without the box on the first screen, it came with the engine and pushed the filters and results down (165 px on a phone).
    expect(top()).to.equal(before);
  });

  it('places a postcode given on the first screen once the engine is in, from the listings\' own postcodes', async () => {
    const ready = built.en;
    const { url, release } = await host(ready, screenEnd(ready));
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${url} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cardsOf(f).length === 20 && shadow(f).querySelector('atlas-location'), 'the first page was not drawn from the first lines');
    const location = shadow(f).querySelector('atlas-location')!;
    await location.updateComplete;
    shadow(location).querySelector('input')!.focus();
    await sendKeys({ type: 'NN3 4AB' });
    await sendKeys({ press: 'Enter' });
    await release();
    await waitUntil(() => shadow(location).querySelector('.near')?.textContent?.includes('NN3 4AB'), `the postcode was not placed: ${shadow(location).textContent}`, { timeout: 20000 });
    await waitUntil(() => cardTexts(f).includes(' miles') || cardTexts(f).includes(' mile'), 'the cards say how far each is', { timeout: 20000 });
    expect(shadow(location).querySelector('.message')?.textContent?.trim()).to.equal('');
    await expect(f).to.be.accessible();
  });

  it('opens a listing of the first screen by keyboard before the engine is in, drawn in full from its record, its heading focused, and the same once the engine is in', async () => {
    const ready = built.en;
    const { url, release } = await host(ready, screenEnd(ready));
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${url} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cardsOf(f).length === 20 && names(f).every(Boolean), 'the first page was not drawn');
    const second = names(f)[1]!;
    const link = shadow(cards(f)[1]!).querySelector('a')!;
    link.focus();
    await sendKeys({ press: 'Enter' });
    const listing = (): HTMLElement | null => shadow(f).querySelector('atlas-listing');
    const heading = (): HTMLElement | null | undefined => listing()?.shadowRoot?.querySelector('h2');
    await waitUntil(() => heading()?.textContent === second, 'the listing did not open from the first screen', { timeout: 10000 });
    await waitUntil(() => deepActive() === heading(), 'focus did not go to the listing\'s heading');
    // Drawn in full: what it is, who it is for, cost, when and where (worked out on the page from its schedule), contact.
    await waitUntil(() => (listing()!.shadowRoot!.querySelectorAll('h3').length ?? 0) >= 4, 'the listing\'s body was not drawn');
    await (listing() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    const before = listing()!.shadowRoot!.textContent!.replace(/\s+/g, ' ');
    expect(new URLSearchParams(window.location.search).get('open')).to.not.equal(null);
    await expect(f).to.be.accessible();
    // Back to the first screen's results, by keyboard: focus on the card it came from.
    await press('Shift+Tab');
    expect(deepActive()?.textContent).to.contain(en.back);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cardsOf(f).length === 20, 'the first screen did not come back');
    await waitUntil(() => deepActive()?.localName === 'a' && names(f)[1] === second && deepActive() === shadow(cards(f)[1]!).querySelector('a'), 'focus did not go back to the card');
    expect(loadingMessage(f)).to.equal(en.loading);
    // Open again, then the engine comes in under it: the same listing, the same text, focus kept.
    shadow(cards(f)[1]!).querySelector('a')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deepActive() === heading() && heading()?.textContent === second, 'the listing did not open again');
    await release();
    await waitUntil(() => (f.engine as { get?: (k: string) => unknown } | undefined)?.get?.(new URLSearchParams(window.location.search).get('open')!) !== undefined, 'the engine did not answer', { timeout: 20000 });
    await f.updateComplete;
    await (listing() as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(heading()?.textContent).to.equal(second);
    expect(listing()!.shadowRoot!.textContent!.replace(/\s+/g, ' ')).to.equal(before);
    expect(deepActive()).to.equal(heading());
    await expect(f).to.be.accessible();
  });

  it('answers what the person asked for on the first screen once the engine is in: a listing not on it opened', async () => {
    const ready = built.en;
    const { url, release } = await host(ready, screenEnd(ready));
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${url} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cardsOf(f).length === 20 && names(f).every(Boolean), 'the first page was not drawn');
    const shown = new Set(names(f));
    const other = [...feed.listings].map((l) => ({ id: l.id, name: text(l.name, 'en') })).find((l) => !shown.has(l.name))!;
    // Asked for by the host page (a link of its own, say): not on the first screen.
    cards(f)[0]!.dispatchEvent(new AtlasOpenEvent(other.id));
    // Nothing to open yet: the first screen gives way to the loading message.
    await waitUntil(() => cardsOf(f).length === 0, 'the first screen stayed after a listing was opened');
    expect(loadingMessage(f)).to.equal(en.loading);
    await expect(f).to.be.accessible();
    await release();
    await waitUntil(() => shadow(f).querySelector('atlas-listing')?.shadowRoot?.querySelector('h2')?.textContent === other.name, 'the listing did not open', { timeout: 20000 });
    expect(loadingMessage(f)).to.equal(undefined);
    await expect(f).to.be.accessible();
  });

  it('waits for the engine for words typed on the first screen', async () => {
    const ready = built.en;
    const { url, release } = await host(ready, screenEnd(ready));
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${url} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cardsOf(f).length === 20 && names(f).every(Boolean), 'the first page was not drawn');
    const search = shadow(shadow(f).querySelector('atlas-search')!);
    const input = search.querySelector('input')!;
    input.value = 'choir';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    search.querySelector('form')!.requestSubmit();
    await waitUntil(() => cardsOf(f).length === 0, 'the first screen stayed after words were searched');
    expect(loadingMessage(f)).to.equal(en.loading);
    await release();
    await waitUntil(() => !loadingMessage(f) && cardsOf(f).length > 0, 'the words were not searched', { timeout: 20000 });
    await f.updateComplete;
    expect(names(f).every((n) => /choir/i.test(n))).to.equal(true);
    expect(new URLSearchParams(window.location.search).get('q')).to.equal('choir');
  });

  const ignored: [string, string, () => string, string?][] = [
    ['the address holds a state', 'en', () => built.en, '?cost=free'],
    ['the page is in another language', 'cy', () => built.en],
    ['its first screen was edited after the build (its seal fails)', 'en', () => {
      const ready = built.en;
      const start = ready.indexOf('\n') + 1;
      const name = screenNames(ready, 'en')[0]!;
      const edited = ready.slice(0, start) + ready.slice(start).replace(JSON.stringify(name), JSON.stringify(`Z${name.slice(1)}`));
      expect(edited).not.to.equal(ready);
      return edited;
    }],
  ];
  it('uses the first screen read the same way when it applies (the tests below could fail)', async () => {
    const held = heldFetcher(built.en, screenEnd(built.en) + 100);
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/held/ready.json" .fetcher=${held.fetcher} .now=${NOW}></atlas-finder>`);
    await held.read;
    await settle(f);
    // Drawn from what was read, before the rest.
    expect(shadow(f).querySelector('atlas-results'), 'no results were drawn').not.to.equal(null);
    await waitUntil(() => names(f).length === 20 && names(f).every(Boolean), 'the first page was not drawn');
    expect(names(f)).to.deep.equal(screenNames(built.en, 'en'));
    held.release();
    await waitUntil(() => !loadingMessage(f), 'the engine did not answer', { timeout: 20000 });
  });

  for (const [why, lang, body, search] of ignored) {
    it(`does not use a first screen when ${why}`, async () => {
      if (search) window.history.replaceState(null, '', `${window.location.pathname}${search}`);
      const ready = body();
      const held = heldFetcher(ready, screenEnd(ready) + 100);
      const t = lang === 'en' ? en : cy;
      const f = await fixture<AtlasFinder>(html`<atlas-finder src="/held/ready.json" lang=${lang} .fetcher=${held.fetcher} .now=${NOW}></atlas-finder>`);
      await held.read;
      await settle(f);
      expect(shadow(f).querySelector('atlas-results'), 'results were drawn').to.equal(null);
      expect(loadingMessage(f)).to.equal(t.loading);
      held.release();
      await waitUntil(() => !loadingMessage(f) && cardsOf(f).length > 0, 'the engine did not answer', { timeout: 20000 });
    });
  }
});
