import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow } from '../test-support/finder.js';

/** "Suggest a listing": what reaches the council says which page it came from and when (issue 20). */
async function suggestLink(attrs: { url: string; lang?: string }): Promise<URL> {
  const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW} lang=${attrs.lang ?? 'en'} suggest-url=${attrs.url}></atlas-finder>`);
  await waitUntil(() => shadow(f).querySelector('.footer a'), 'no "Suggest a listing" link', { timeout: 5000 });
  await expect(f).to.be.accessible();
  return new URL(shadow(f).querySelector('.footer a')!.getAttribute('href')!);
}

describe('<atlas-finder> suggest a listing', () => {
  const page = `${location.origin}${location.pathname}`;
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('fills a form template with the page it came from (no query) and the date', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?q=bereavement&near=NB1%202AA`);
    const href = await suggestLink({ url: 'https://example.org/suggest?from={page}&on={date}' });
    expect(href.searchParams.get('from')).to.equal(page);
    expect(href.searchParams.get('on')).to.equal('2026-11-22');
    expect(href.href).not.to.contain('bereavement');
  });

  it('gives a plain mailto: address a subject and a body with the page and date, in the page language', async () => {
    const en = await suggestLink({ url: 'mailto:atlas@example.org' });
    expect(en.searchParams.get('subject')).to.equal('Suggest a listing');
    expect(en.searchParams.get('body')).to.equal(`Page: ${page}\nDate: 2026-11-22\n\n`);
    const cy = await suggestLink({ url: 'mailto:atlas@example.org', lang: 'cy' });
    expect(cy.searchParams.get('subject')).to.equal('Awgrymu rhestriad');
    expect(cy.searchParams.get('body')).to.equal(`Tudalen: ${page}\nDyddiad: 2026-11-22\n\n`);
  });

  it('shows no link for an unsafe address', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW} suggest-url="javascript:alert(1)"></atlas-finder>`);
    await waitUntil(() => shadow(f).querySelector('atlas-results'), 'finder did not load', { timeout: 5000 });
    await import('./suggest.js'); // the chunk the finder fetches: once here, the footer has drawn what it would
    await new Promise((r) => requestAnimationFrame(r));
    await f.updateComplete;
    expect(shadow(f).querySelector('.footer a')).to.equal(null);
  });
});
