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

describe('<atlas-card> times', () => {
  // 12:00 on Sunday 22 November 2026 in London (GMT).
  const library = listing({ kind: 'asset', name: 'Reading Central', location: { name: 'Reading Central', lat: 51.45, lng: -0.97 }, openingHours: { mo: '09:00-17:00', su: '10:00-16:00' } });

  it('says a place with opening hours is open now and until when, and does not repeat its name as the place', async () => {
    const item: ResultItem = { listing: library, score: 0, next: { start: new Date('2026-11-22T10:00:00Z'), end: new Date('2026-11-22T16:00:00Z') } };
    const el = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${item}></atlas-card>`);
    const meta = el.shadowRoot!.querySelector('.meta')!.textContent!;
    expect(meta).to.contain('Open now, until 4pm');
    expect(el.shadowRoot!.querySelector('.where'), 'the name already says where').to.equal(null);
    // A mobile library stop is named for its place: the place is not said again.
    const stop = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${{ listing: listing({ name: 'Alderminster: Old Road', location: { name: 'Old Road', lat: 52.1, lng: -1.6 } }), score: 0 }}></atlas-card>`);
    expect(stop.shadowRoot!.querySelector('.where')).to.equal(null);
    const hall = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${{ listing: listing({ name: 'Chair yoga', location: { name: 'Old Road Hall', lat: 52.1, lng: -1.6 } }), score: 0 }}></atlas-card>`);
    expect(hall.shadowRoot!.querySelector('.where')!.textContent).to.equal('Old Road Hall');
  });

  it('says when a closed place opens next, and when an activity is on next or on now, in Welsh too', async () => {
    const closed: ResultItem = { listing: library, score: 0, next: { start: new Date('2026-11-23T09:00:00Z'), end: new Date('2026-11-23T17:00:00Z') } };
    const a = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${closed}></atlas-card>`);
    expect(a.shadowRoot!.textContent).to.contain('Opens Monday 23 November at 9am');
    const walk: ResultItem = { listing: listing({ schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '11:30', end: '12:30' }] }), score: 0, next: { start: new Date('2026-11-22T11:30:00Z'), end: new Date('2026-11-22T12:30:00Z') } };
    const b = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .item=${walk}></atlas-card>`);
    expect(b.shadowRoot!.textContent).to.contain('On now, until 12:30pm');
    const c = await fixture<AtlasCard>(html`<atlas-card lang="cy" .now=${NOW} .item=${closed}></atlas-card>`);
    expect(c.shadowRoot!.textContent).to.contain('Yn agor');
  });
});
