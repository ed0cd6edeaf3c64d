import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

// The built one-script-tag bundle (`npm run build:embed` first): the search box's suggestion list is not in the
// first chunk. It arrives when a person first focuses or types in the box, and the letters typed meanwhile are kept.
// A file of its own, so nothing has loaded the list before.
const FEED = '/packages/elements/test-fixtures/small-feed.json';
type Finder = HTMLElement & { updateComplete: Promise<boolean>; now?: Date };
const root = (el: Element | null | undefined): ShadowRoot => {
  if (!el?.shadowRoot) throw new Error(`no shadow root on ${el?.tagName}`);
  return el.shadowRoot;
};
const listFetched = (): boolean => performance.getEntriesByType('resource').some((e) => /suggestions[^/]*\.js$/.test(e.name));

describe('the embed bundle: search suggestions on demand', () => {
  before(async () => {
    const bundle = '/dist/embed/atlas.js';
    await import(bundle);
  });

  it('fetches the list only once the box is used, keeps what was typed, and offers suggestions that pass axe', async () => {
    const f = await fixture<Finder>(html`<atlas-finder src=${FEED} .now=${new Date('2026-11-22T12:00:00Z')}></atlas-finder>`);
    await waitUntil(() => root(f).querySelector('atlas-results')?.shadowRoot?.querySelector('atlas-card'), 'no results', { timeout: 5000 });
    const search = root(f).querySelector('atlas-search')!;
    const input = root(search).querySelector('input')!;
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(root(search).getElementById(input.getAttribute('aria-controls')!)?.getAttribute('role')).to.equal('listbox');
    expect(listFetched(), 'the suggestion list was fetched before the box was used').to.equal(false);
    await expect(f).to.be.accessible();

    input.focus();
    await sendKeys({ type: 'riv' });
    expect(input.value).to.equal('riv');
    await waitUntil(() => input.getAttribute('aria-expanded') === 'true', 'no suggestions offered', { timeout: 5000 });
    expect(listFetched()).to.equal(true);
    expect(input.value).to.equal('riv');
    expect(root(search).querySelector('[role="option"]')?.textContent).to.contain('Riverside health walk');
    await expect(f).to.be.accessible();

    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => input.getAttribute('aria-activedescendant'), 'the arrow key did not move into the list');
    expect(root(search).getElementById(input.getAttribute('aria-activedescendant')!)?.getAttribute('aria-selected')).to.equal('true');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => input.getAttribute('aria-expanded') === 'false', 'Escape did not close the list');
    expect(input.value).to.equal('riv');
  });
});
