import { expect, fixture, html, waitUntil } from '@open-wc/testing';

// The built one-script-tag bundle (`npm run build:embed` first): a link that names a listing opens it,
// though <atlas-listing> is not in the bundle's first chunk. A file of its own, so nothing has loaded it before.
const FEED = '/packages/elements/test-fixtures/small-feed.json';
type Finder = HTMLElement & { updateComplete: Promise<boolean>; now?: Date };
const root = (el: Element | null | undefined): ShadowRoot => {
  if (!el?.shadowRoot) throw new Error(`no shadow root on ${el?.tagName}`);
  return el.shadowRoot;
};

describe('the embed bundle: a link to an open listing', () => {
  before(async () => {
    const bundle = '/dist/embed/atlas.js';
    await import(bundle);
  });
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('opens the listing a link names', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?open=walk-riverside`);
    const f = await fixture<Finder>(html`<atlas-finder src=${FEED} .now=${new Date('2026-11-22T12:00:00Z')}></atlas-finder>`);
    await waitUntil(() => root(f).querySelector('atlas-listing')?.shadowRoot?.querySelector('h2'), 'the listing did not open', { timeout: 5000 });
    expect(root(root(f).querySelector('atlas-listing')).querySelector('h2')?.textContent).to.equal('Riverside health walk');
  });
});
