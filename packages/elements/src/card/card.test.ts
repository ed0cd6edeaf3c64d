import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { AtlasListing, ResultItem } from '@community-atlas/core';
import '../define.js';
import type { AtlasCard } from './card.js';

const listing = (over: Partial<AtlasListing>): AtlasListing => ({
  id: 'x', key: 'x', publisherId: 'p', kind: 'activity', name: { en: 'Knit and natter', cy: 'Gwau a sgwrsio' },
  referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
  ...over,
});
const NOW = new Date('2026-11-22T12:00:00Z');

describe('<atlas-card> on its own', () => {
  it('names the listing with a real link, shows distance in miles, and passes axe', async () => {
    const item: ResultItem = { listing: listing({ cost: { free: true } }), score: 0, distance: 1.234 };
    const el = await fixture<AtlasCard>(html`<atlas-card .item=${item} href="?open=x"></atlas-card>`);
    const a = el.shadowRoot!.querySelector('h3 a')!;
    expect(a.textContent).to.equal('Knit and natter');
    expect(a.getAttribute('href')).to.equal('?open=x');
    expect(el.shadowRoot!.textContent).to.contain('1.2 miles away').and.contain('Free');
    await expect(el).to.be.accessible();
  });

  it('fires atlas-open on a plain click', async () => {
    const el = await fixture<AtlasCard>(html`<atlas-card .item=${{ listing: listing({}), score: 0 }}></atlas-card>`);
    const opened = oneEvent(el, 'atlas-open');
    el.shadowRoot!.querySelector('a')!.click();
    expect((await opened).detail.key).to.equal('x');
  });

  it('says a transfer deadline in words, and a past one is closed', async () => {
    const open = listing({ kind: 'transfer', transfer: { assetType: 'hall', status: 'available', dates: { eoiDeadline: '2026-12-04' } } });
    const closed = listing({ kind: 'transfer', transfer: { assetType: 'hall', status: 'available', dates: { eoiDeadline: '2026-03-03' } } });
    const a = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${{ listing: open, score: 0 }}></atlas-card>`);
    expect(a.shadowRoot!.textContent).to.contain('Closes in 12 days');
    const b = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${{ listing: closed, score: 0 }}></atlas-card>`);
    expect(b.shadowRoot!.textContent).to.contain('Closed on 3 March 2026');
    const cy = await fixture<AtlasCard>(html`<atlas-card lang="cy" .now=${NOW} .item=${{ listing: open, score: 0 }}></atlas-card>`);
    expect(cy.shadowRoot!.textContent).to.contain('Yn cau ymhen 12 diwrnod');
    expect(cy.shadowRoot!.querySelector('a')?.textContent).to.equal('Gwau a sgwrsio');
  });

  it('says "1 mile" but "2.5 miles", and mutates milltir in Welsh', async () => {
    const at = (distance: number, lang = 'en') => fixture<AtlasCard>(html`<atlas-card lang=${lang} .item=${{ listing: listing({}), score: 0, distance }}></atlas-card>`);
    expect((await at(1.01)).shadowRoot!.textContent).to.contain('1 mile away');
    expect((await at(2.5)).shadowRoot!.textContent).to.contain('2.5 miles away');
    expect((await at(2, 'cy')).shadowRoot!.textContent).to.contain('2 filltir i ffwrdd');
    expect((await at(5, 'cy')).shadowRoot!.textContent).to.contain('5 milltir i ffwrdd');
  });
});
