// <atlas-finder> on a feed large enough for the search worker: the page is sent
// no listing's place (issue 16: the page holds only what is on screen), so a
// postcode the feed's gazetteer does not know is placed among the listings in
// the worker. A resident sees what they saw when every place came to the page:
// results nearest first, the map's points, and a plain message for a postcode
// the directory does not cover (which, asked of the worker before, never came).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { WORKER_THRESHOLD_BYTES, distanceMiles } from '@community-atlas/core';
import { generateFeed } from '../../../../test/support/generate.js';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { NOW, cards, countText, shadow } from '../test-support/finder.js';

const feed = generateFeed(3000);
const text = JSON.stringify(feed);
const fetcher = (): Promise<Response> => Promise.resolve(new Response(text, { headers: { 'content-type': 'application/json' } }));

async function loaded(f: AtlasFinder): Promise<void> {
  await waitUntil(() => !f.matches(':state(loading)') && countText(f) !== '', 'the finder did not load', { timeout: 20000 });
}

async function searchNear(f: AtlasFinder, postcode: string): Promise<HTMLElement> {
  const location = shadow(f).querySelector('atlas-location')!;
  await location.updateComplete;
  const input = shadow(location).querySelector('input')!;
  input.value = postcode;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  shadow(location).querySelector('form')!.requestSubmit();
  return location as HTMLElement;
}

describe('<atlas-finder>: places from a search worker', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('places a postcode only the listings know, in the worker, and shows the results nearest first', async () => {
    expect(text.length, 'a feed the worker searches').to.be.at.least(WORKER_THRESHOLD_BYTES);
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await loaded(f);
    await searchNear(f, 'NN3 5AB');
    await waitUntil(() => new URLSearchParams(window.location.search).get('sort') === 'distance', 'the postcode did not become a place', { timeout: 20000 });
    await waitUntil(() => cards(f).length > 0 && /miles? away/.test(shadow(cards(f)[0]!).querySelector('.meta')?.textContent ?? ''), 'no distances on the cards', { timeout: 20000 });
    // Where the first listing at NN3 5AB is (as the page's own lookup among places placed a listing's postcode).
    const first = feed.listings.find((l) => l.location?.postcode === 'NN3 5AB')!.location!;
    const centre = { lat: first.lat!, lng: first.lng! };
    const near = new URLSearchParams(window.location.search).get('near')!.split(',').map(Number);
    expect(near[0]).to.be.closeTo(centre.lat, 0.001);
    expect(near[1]).to.be.closeTo(centre.lng, 0.001);
    const distances = cards(f).map((c) => c.item!.distance!);
    expect(distances, 'nearest first').to.deep.equal([...distances].sort((a, b) => a - b));
    expect(distances[0]).to.be.closeTo(distanceMiles(centre, cards(f)[0]!.item!.listing.location as { lat: number; lng: number }), 0.01);
    expect(shadow(shadow(f).querySelector('atlas-location')!).querySelector('.near')!.textContent).to.contain('NN3 5AB');
  });

  it('says plainly that a postcode the listings do not know is outside the area, rather than waiting for ever', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="/town.json" lang="en" view="list" .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
    await loaded(f);
    const location = await searchNear(f, 'NN9 1AB');
    await waitUntil(() => /outside the area/.test(shadow(location).querySelector('.message')?.textContent ?? ''), 'no message for a postcode outside the area', { timeout: 20000 });
    expect(new URLSearchParams(window.location.search).has('near')).to.equal(false);
    await expect(f).to.be.accessible();
  });
});
