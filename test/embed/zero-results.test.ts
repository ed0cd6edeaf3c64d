import { expect, fixture, html, waitUntil } from '@open-wc/testing';

// The built one-script-tag bundle (`npm run build:embed` first): the zero-results view's ways to widen the search
// are not in the first chunk. They arrive the first time a search finds nothing. A file of its own, so nothing has
// loaded them before.
const FEED = '/packages/elements/test-fixtures/small-feed.json';
type Finder = HTMLElement & { updateComplete: Promise<boolean>; now?: Date };
const root = (el: Element | null | undefined): ShadowRoot => {
  if (!el?.shadowRoot) throw new Error(`no shadow root on ${el?.tagName}`);
  return el.shadowRoot;
};
const hintsFetched = (): boolean => performance.getEntriesByType('resource').some((e) => /relax[^/]*\.js$/.test(e.name));

describe('the embed bundle: ways to widen a search that found nothing', () => {
  before(async () => {
    const bundle = '/dist/embed/atlas.js';
    await import(bundle);
  });
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('are not fetched for a page of results, and offered (passing axe) when nothing matches', async () => {
    const f = await fixture<Finder>(html`<atlas-finder src=${FEED} .now=${new Date('2026-11-22T12:00:00Z')}></atlas-finder>`);
    await waitUntil(() => root(f).querySelector('atlas-results')?.shadowRoot?.querySelector('atlas-card'), 'no results', { timeout: 5000 });
    expect(hintsFetched(), 'fetched for a page of results').to.equal(false);
    f.remove();

    window.history.replaceState(null, '', '?q=walk&kind=asset');
    const g = await fixture<Finder>(html`<atlas-finder src=${FEED} .now=${new Date('2026-11-22T12:00:00Z')}></atlas-finder>`);
    await waitUntil(() => root(g).querySelector('atlas-results')?.shadowRoot?.querySelector('.none button'), 'no ways to widen the search offered', { timeout: 5000 });
    const none = (): ShadowRoot => root(root(g).querySelector('atlas-results'));
    expect(none().querySelector('.none h3')?.textContent).to.equal('Nothing matches your search');
    const buttons = [...none().querySelectorAll<HTMLButtonElement>('.none button')];
    expect(buttons.map((b) => b.textContent)).to.include('Remove “Places and groups” (1 result)');
    await expect(g).to.be.accessible();
    buttons.find((b) => b.textContent!.startsWith('Remove'))!.click();
    await waitUntil(() => none().querySelector('.count')?.textContent === '1 result', 'the filter was not removed');
  });
});
