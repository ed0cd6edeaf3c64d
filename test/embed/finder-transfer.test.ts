import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { SearchEngine } from '@community-atlas/core';

// The built one-script-tag bundle (`npm run build:embed` first): asset-transfer code (a card's status
// and deadline, the deadline facet and sort) comes in chunks of its own, fetched only for a feed with
// transfers, and then before the first results are drawn. The tests share one page, so the feed
// without transfers goes first: once a transfer feed has loaded the chunks, they stay loaded.
const FEED = '/packages/elements/test-fixtures/small-feed.json';
const NOW = new Date('2026-11-23T10:00:00Z');
type Finder = HTMLElement & { updateComplete: Promise<boolean>; now?: Date; fetcher?: typeof fetch; engine?: SearchEngine };
const root = (el: Element | null | undefined): ShadowRoot => {
  if (!el?.shadowRoot) throw new Error(`no shadow root on ${el?.tagName}`);
  return el.shadowRoot;
};
const cards = (f: Finder): Element[] => {
  const results = root(f).querySelector('atlas-results');
  return results?.shadowRoot ? [...results.shadowRoot.querySelectorAll('atlas-card')] : [];
};
/** The bundle's chunks this page has requested, by name without the hash (`transfer`, `deadlines`, `text`). */
const chunks = (): string[] =>
  performance
    .getEntriesByType('resource')
    .map((e) => /\/dist\/embed\/atlas-([a-z-]+)-[\w-]{8}\.js$/.exec(e.name)?.[1])
    .filter((name): name is string => !!name);

/** Each card's words as it first drew them, before anything it loaded afterwards could add to them. */
const firstDrawn = new Map<Element, string>();

describe('the embed bundle: asset-transfer code on demand', () => {
  before(async () => {
    const bundle = '/dist/embed/atlas.js';
    await import(bundle);
    // The bundle registers its elements in the tasks after it has run.
    await customElements.whenDefined('atlas-card');
    const card = customElements.get('atlas-card')!.prototype as unknown as { firstUpdated(changed: unknown): void };
    const first = card.firstUpdated;
    card.firstUpdated = function (this: HTMLElement, changed: unknown) {
      firstDrawn.set(this, this.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
      first.call(this, changed);
    };
  });

  it('never fetches the transfer chunks for a feed without transfers, even once text search has loaded', async () => {
    const feed = (await (await fetch(FEED)).json()) as { listings: { kind: string }[] };
    const withoutTransfers = JSON.stringify({ ...feed, listings: feed.listings.filter((l) => l.kind !== 'transfer') });
    const fetcher = (() => Promise.resolve(new Response(withoutTransfers, { headers: { 'content-type': 'application/json' } }))) as unknown as typeof fetch;
    const f = await fixture<Finder>(html`<atlas-finder src="directory.json" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cards(f).length === 4, 'the four listings were not shown', { timeout: 5000 });
    // Text search loads in idle time after the first answer: by then anything the first screen pulls in has been asked for.
    await waitUntil(() => chunks().includes('text'), 'text search did not load after the first answer', { timeout: 5000 });
    const sort = root(root(f).querySelector('atlas-results')!).querySelector('select');
    expect([...(sort?.options ?? [])].map((o) => o.value), 'no deadline sort without transfers').not.to.include('deadline');
    expect(chunks(), 'chunks requested').not.to.include('transfer');
    // The deadline reading travels in the transfer cards' chunk; the engine's deadline facet and sort in a chunk of its own.
    expect(chunks(), 'chunks requested').not.to.include('deadlines');
  });

  it('shows a transfer card’s status and deadline in its first drawing, and filters and sorts by deadline', async () => {
    const f = await fixture<Finder>(html`<atlas-finder src=${FEED} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => cards(f).length === 6, 'the six listings were not shown', { timeout: 5000 });
    expect(chunks()).to.include.members(['transfer', 'deadlines']);
    const hall = cards(f).find((c) => firstDrawn.get(c)?.includes('Old School Hall'));
    expect(hall, 'the Old School Hall card').to.not.equal(undefined);
    expect(firstDrawn.get(hall!)).to.contain('Available').and.to.contain('Closes in 11 days');
    expect(getComputedStyle(root(hall).querySelector('.transfer-summary')!).display, 'the card has its transfer styles').to.equal('block');
    const sort = root(root(f).querySelector('atlas-results')!).querySelector('select');
    expect([...(sort?.options ?? [])].map((o) => o.value)).to.include('deadline');
    const engine = f.engine!;
    const open = await engine.query({ q: '', filters: { deadline: ['open'] }, sort: 'relevance' }, NOW);
    expect(open.items.map((i) => i.listing.id)).to.deep.equal(['hall-old-school']);
    const byDeadline = await engine.query({ q: '', filters: {}, sort: 'deadline' }, NOW);
    expect(byDeadline.items[0]?.listing.id, 'the open transfer first').to.equal('hall-old-school');
    expect(byDeadline.items.at(-1)?.listing.id, 'the closed one last').to.equal('pavilion-closed');
  });
});
