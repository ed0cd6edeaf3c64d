import { expect, fixture, html, waitUntil } from '@open-wc/testing';

// The built one-script-tag bundle (`npm run build:embed` first): a finder's first screen does
// without <atlas-listing>, which arrives in a chunk of its own when a listing is first opened.
const FEED = '/packages/elements/test-fixtures/small-feed.json';
type Finder = HTMLElement & { updateComplete: Promise<boolean>; now?: Date };
const root = (el: Element | null | undefined): ShadowRoot => {
  if (!el?.shadowRoot) throw new Error(`no shadow root on ${el?.tagName}`);
  return el.shadowRoot;
};
const cards = (f: Finder) => {
  const results = root(f).querySelector('atlas-results');
  return results?.shadowRoot ? [...results.shadowRoot.querySelectorAll('atlas-card')] : [];
};
const card = (f: Finder, name: string) => cards(f).find((c) => c.shadowRoot?.querySelector('a')?.textContent?.trim() === name);

describe('the embed bundle: a finder opens a listing', () => {
  before(async () => {
    const bundle = '/dist/embed/atlas.js';
    await import(bundle);
  });
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('loads <atlas-listing> when one is opened, focuses its heading, and Back returns focus to the card', async () => {
    const f = await fixture<Finder>(html`<atlas-finder src=${FEED} .now=${new Date('2026-11-22T12:00:00Z')}></atlas-finder>`);
    await waitUntil(() => card(f, 'Carers’ café'), 'no results', { timeout: 5000 });
    expect(customElements.get('atlas-listing'), 'loaded before it was needed').to.equal(undefined);
    root(card(f, 'Carers’ café')).querySelector('a')!.click();
    await waitUntil(() => root(f).querySelector('atlas-listing')?.shadowRoot?.activeElement?.tagName === 'H2', 'focus not on the heading', { timeout: 5000 });
    const detail = root(f).querySelector('atlas-listing')!;
    expect(root(detail).activeElement?.textContent).to.equal('Carers’ café');
    expect(new URLSearchParams(window.location.search).get('open')).to.equal('carers-cafe');
    await expect(detail).to.be.accessible();
    root(detail).querySelector<HTMLButtonElement>('[part="back"]')!.click();
    await waitUntil(() => card(f, 'Carers’ café')?.shadowRoot?.activeElement?.tagName === 'A', 'focus did not return to the card');
    expect(new URLSearchParams(window.location.search).has('open')).to.equal(false);
  });
});
