/**
 * What a screen reader and a resident need to tell results apart and place them
 * (#17 items 3 to 7): a results heading and heading levels that fit the host page,
 * same-named results that say where, cards that say where, English feed text marked
 * as English on a Welsh page, the embedder's search hint, a postcode typed into the
 * search box taken as a place, and the map one choice away.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { NOW, shadow, results, cards } from '../test-support/finder.js';

const feed = {
  version: '1', publisher: { name: 'Council' }, updated: '2026-11-01', languages: ['en', 'cy'],
  areas: [{ id: 'market-cross', name: { en: 'Market Cross', cy: 'Croes y Farchnad' } }, { id: 'kingsley', name: 'Kingsley' }],
  gazetteer: { postcodes: { 'NB1 2AB': [52.1, -1.2] } },
  listings: [
    { id: 'swim-riverside', kind: 'activity', name: 'Free swimming for over-60s', summary: 'A quiet lane for older swimmers.', areas: ['market-cross'], cost: { free: true },
      location: { name: 'Riverside Leisure Centre', lat: 52.1, lng: -1.2, postcode: 'NB1 2AB' } },
    { id: 'swim-kingsley', kind: 'activity', name: 'Free swimming for over-60s', summary: 'Lane swimming, no booking.', areas: ['kingsley'], cost: { free: true },
      location: { name: 'Kingsley Pool', lat: 52.2, lng: -1.3 } },
    { id: 'choir', kind: 'activity', name: { en: 'Community choir', cy: 'Côr cymunedol' }, summary: { en: 'Sing together.', cy: 'Canu gyda’n gilydd.' },
      location: { name: 'Town hall', lat: 52.15, lng: -1.25, address: ['1 High Street', 'Northbridge'] } },
    { id: 'yoga', kind: 'activity', name: 'Chair yoga', cost: { amount: 5, per: 'session', description: '£5 a session' }, location: { name: 'Town hall', lat: 52.15, lng: -1.25 } },
  ],
};
const fetcher = () => Promise.resolve(new Response(JSON.stringify(feed), { headers: { 'content-type': 'application/json' } }));

async function ready(f: AtlasFinder): Promise<void> {
  await waitUntil(() => shadow(f).querySelector('atlas-results')?.result, 'finder did not load', { timeout: 5000 });
  await f.updateComplete;
  await results(f).updateComplete;
  await Promise.all(cards(f).map((c) => c.updateComplete));
}

const card = (f: AtlasFinder, id: string) => cards(f).find((c) => c.item!.listing.id === id)!;

describe('<atlas-finder>: names, places and languages a person can tell apart', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('heads the results, says where same-named results are, and shows each card’s place and area', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/names.json" lang="en" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await ready(f);
    expect(shadow(results(f)).querySelector('h2')?.textContent).to.equal('Results');
    const riverside = shadow(card(f, 'swim-riverside'));
    const kingsley = shadow(card(f, 'swim-kingsley'));
    expect(riverside.querySelector('.where')!.textContent).to.equal('Riverside Leisure Centre, Market Cross');
    expect(kingsley.querySelector('.where')!.textContent).to.equal('Kingsley Pool');
    // Same name: the link's name says the place too, so a list of links can be told apart.
    expect(riverside.querySelector('a')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Free swimming for over-60s, Riverside Leisure Centre, Market Cross');
    // The area is left out where the place already says it; a name no other result has is just the name; the town comes from the address.
    expect(shadow(card(f, 'choir')).querySelector('a')!.textContent!.trim()).to.equal('Community choir');
    expect(shadow(card(f, 'choir')).querySelector('.where')!.textContent).to.equal('Town hall, Northbridge');
    await expect(f).to.be.accessible();
  });

  it('marks English feed text as English on a Welsh page, and leaves Welsh text alone', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/names.json" lang="cy" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await ready(f);
    const swim = shadow(card(f, 'swim-riverside'));
    expect(swim.querySelector('a span')!.getAttribute('lang')).to.equal('en');
    expect(swim.querySelector('p[lang="en"]')!.textContent).to.equal('A quiet lane for older swimmers.');
    expect(swim.querySelector('.where')!.textContent, 'the area in Welsh').to.contain('Croes y Farchnad');
    const choir = shadow(card(f, 'choir'));
    expect(choir.querySelector('a span')!.hasAttribute('lang')).to.equal(false);
    expect(choir.querySelector('a')!.textContent!.trim()).to.equal('Côr cymunedol');
    expect(choir.querySelectorAll('[lang="en"]')).to.have.length(0);
    // No two controls named alike: "Chwilio am" labels the box, "Chwilio" is the button.
    const search = shadow(shadow(f).querySelector('atlas-search')!);
    expect(search.querySelector('label')!.textContent).to.equal('Chwilio am');
    expect(search.querySelector('button')!.textContent).to.equal('Chwilio');
    await expect(f).to.be.accessible();
  });

  it('fits its headings under the host page’s with heading-level, and uses the embedder’s search hint', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/names.json" lang="en" heading-level="3" search-hint="For example, a library or a town" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await ready(f);
    await shadow(f).querySelector('atlas-filters')!.updateComplete;
    expect(shadow(results(f)).querySelector('h2')!.getAttribute('aria-level')).to.equal('3');
    expect(shadow(shadow(f).querySelector('atlas-filters')!).querySelector('h2')!.getAttribute('aria-level')).to.equal('3');
    expect(shadow(cards(f)[0]!).querySelector('h3')!.getAttribute('aria-level')).to.equal('4');
    expect(shadow(shadow(f).querySelector('atlas-search')!).textContent).to.contain('For example, a library or a town');
    await expect(f).to.be.accessible();
  });

  it('takes a postcode typed into the search box as the place to measure from, not as words', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/names.json" lang="en" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await ready(f);
    shadow(shadow(f).querySelector('atlas-search')!).querySelector('input')!.focus();
    await sendKeys({ type: 'swimming nb1 2ab' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => new URLSearchParams(window.location.search).has('near'), 'the postcode did not become a place');
    await ready(f);
    const params = new URLSearchParams(window.location.search);
    expect(params.get('q')).to.equal('swimming');
    expect(params.get('sort')).to.equal('distance');
    expect(cards(f).map((c) => c.item!.listing.id)).to.include.members(['swim-riverside', 'swim-kingsley']);
    expect(cards(f)[0]!.item!.listing.id, 'nearest first').to.equal('swim-riverside');
    expect(shadow(shadow(f).querySelector('atlas-location')!).querySelector('.near')!.textContent).to.contain('NB1 2AB');
    for (const c of cards(f).slice(1)) expect(shadow(c).querySelector('.meta')!.textContent).to.match(/miles? away/);
    await expect(f).to.be.accessible();
  });

  it('offers the map one choice away even when it starts as a list, unless views="list"', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/names.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await ready(f);
    expect([...shadow(f).querySelectorAll('.views button')].map((b) => b.textContent)).to.deep.equal(['List', 'Map', 'List and map']);
    await expect(f).to.be.accessible();
    const listOnly = await fixture<AtlasFinder>(html`<atlas-finder src="/names.json" lang="en" view="list" views="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await ready(listOnly);
    expect(shadow(listOnly).querySelector('.views')).to.equal(null);
  });

  it('says a Welsh price once, not again in the feed’s English words', async () => {
    window.history.replaceState(null, '', '?open=yoga');
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/names.json" lang="cy" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => shadow(f).querySelector('atlas-listing'), 'the listing did not open', { timeout: 5000 });
    const listing = shadow(f).querySelector('atlas-listing')!;
    await waitUntil(() => /£5/.test(shadow(listing).textContent ?? ''), 'no price', { timeout: 5000 });
    await listing.updateComplete;
    const words = shadow(listing).textContent!.replace(/\s+/g, ' ');
    expect(words).to.contain('£5 y sesiwn');
    expect(words).not.to.contain('£5 a session');
    await expect(listing).to.be.accessible();
  });
});
