import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { breathe, type AtlasListing, type QueryResult } from '@community-atlas/core';
import { settled } from '../../../../test/support/settle.js';
import '../define.js';
import type { AtlasResults } from './results.js';

const listing = (i: number): AtlasListing => ({
  id: `l${i}`, key: `l${i}`, publisherId: 'p', kind: 'asset', name: `Listing ${i}`,
  referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
});

describe('<atlas-results> on its own', () => {
  it('announces the count in a polite live region and lists cards', async () => {
    const items = [1, 2, 3].map((i) => ({ listing: listing(i), score: 0 }));
    const result: QueryResult = { total: 3, items, keys: items.map((i) => i.listing.key), facets: {} };
    const el = await fixture<AtlasResults>(html`<atlas-results .result=${result}></atlas-results>`);
    const status = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(status.textContent?.trim()).to.equal('3 results');
    expect(el.shadowRoot!.querySelectorAll('atlas-card')).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('says what else the search looked for when the need vocabulary widened it, in Welsh too', async () => {
    const items = [1, 2].map((i) => ({ listing: listing(i), score: 0 }));
    const expandedTerms = ['physical activity', 'exercise', 'keep fit', 'walking', 'sport', 'swim', 'gym'];
    const result: QueryResult = { total: 2, items, keys: items.map((i) => i.listing.key), facets: {}, expandedTerms };
    const el = await fixture<AtlasResults>(html`<atlas-results .result=${result}></atlas-results>`);
    const said = () => el.shadowRoot!.querySelector('[part="expanded"]')?.textContent?.trim();
    expect(said()).to.equal('Also searching for physical activity, exercise, keep fit, walking and sport');
    await expect(el).to.be.accessible();
    el.lang = 'cy';
    // The Welsh strings load on demand.
    await waitUntil(() => said()?.startsWith('Hefyd'), 'not said in Welsh');
    // A list after a colon, with no "a" to mutate the word after it (which here is not even Welsh).
    expect(said()).to.equal('Hefyd yn chwilio am y geiriau hyn: physical activity, exercise, keep fit, walking, sport');
    // Nothing to explain when nothing was found: the zero-results help says what to do instead.
    el.result = { ...result, total: 0, items: [], keys: [] };
    await el.updateComplete;
    expect(said()).to.equal(undefined);
  });

  it('"Show more" asks for more and then moves focus to the first new card', async () => {
    const all = Array.from({ length: 25 }, (_, i) => ({ listing: listing(i), score: 0 }));
    const el = await fixture<AtlasResults>(html`<atlas-results .result=${{ total: 25, items: all.slice(0, 20), keys: [], facets: {} }}></atlas-results>`);
    const change = oneEvent(el, 'atlas-state-change');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="more"]')!.click();
    expect((await change).detail.patch).to.deep.equal({ limit: 40 });
    el.result = { total: 25, items: all, keys: [], facets: {} };
    await waitUntil(() => el.shadowRoot!.querySelectorAll('atlas-card').length === 25, 'the next cards were not shown');
    await settled(el);
    const cards = el.shadowRoot!.querySelectorAll('atlas-card');
    expect(el.shadowRoot!.activeElement).to.equal(cards[20]);
  });

  it('draws a new result in a task of its own, the first cards at once and the rest in the tasks after, so twenty cards are not one long task', async () => {
    const all = Array.from({ length: 20 }, (_, i) => ({ listing: listing(i), score: 0 }));
    const el = await fixture<AtlasResults>(html`<atlas-results></atlas-results>`);
    const cards = () => el.shadowRoot!.querySelectorAll('atlas-card');
    const status = () => el.shadowRoot!.querySelector('[role="status"]')!.textContent?.trim();
    const names = (): string[] => [...cards()].map((c) => c.shadowRoot!.querySelector('a')?.textContent?.trim() ?? '');
    el.result = { total: 20, items: all, keys: all.map((i) => i.listing.key), facets: {} };
    // Only microtasks here: nothing is drawn in the task that was given the result (a finder's, drawing itself).
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(cards()).to.have.length(0);
    // The task after: the count, and the first two cards' elements (each card draws its words in a task of its own).
    await breathe();
    expect(status()).to.equal('20 results');
    expect(cards()).to.have.length(2);
    await el.updateComplete;
    expect(cards()).to.have.length(20);
    expect(names()).to.deep.equal(all.map((i) => i.listing.name));
    // A new answer updates the cards already drawn in place: the list does not shrink and grow again under the reader,
    // and a card with focus keeps it.
    cards()[3]!.focus();
    const next = all.map(({ listing: l }) => ({ listing: { ...l, name: `${l.name as string}, again` }, score: 0 }));
    el.result = { total: 20, items: next, keys: next.map((i) => i.listing.key), facets: {} };
    for (let i = 0; i < 50; i++) await Promise.resolve();
    expect(names()[0]).to.equal('Listing 0');
    await breathe();
    expect(cards()).to.have.length(20);
    expect(names()[0]).to.equal('Listing 0, again');
    await el.updateComplete;
    expect(cards()).to.have.length(20);
    expect(names()).to.deep.equal(next.map((i) => i.listing.name));
    expect(el.shadowRoot!.activeElement).to.equal(cards()[3]);
    expect(cards()[3]!.shadowRoot!.activeElement?.textContent?.trim()).to.equal('Listing 3, again');
    await expect(el).to.be.accessible();
  });

  it('names where each card is in its link when two results share a name, and only then', async () => {
    const at = (i: number, name: string, town: string): AtlasListing => ({ ...listing(i), name, location: { name: `${town} Library`, address: [town] } });
    const items = [at(1, 'Mobile library', 'Shrewsbury'), at(2, 'Central Library', 'Ludlow'), at(3, 'Mobile library', 'Oswestry')].map((l) => ({ listing: l, score: 0 }));
    const el = await fixture<AtlasResults>(html`<atlas-results .result=${{ total: 3, items, keys: items.map((i) => i.listing.key), facets: {} }}></atlas-results>`);
    await el.updateComplete;
    const links = [...el.shadowRoot!.querySelectorAll('atlas-card')].map((c) => c.shadowRoot!.querySelector('a')!.textContent!.replace(/\s+/g, ' ').trim());
    expect(links).to.deep.equal(['Mobile library, Shrewsbury Library', 'Central Library', 'Mobile library, Oswestry Library']);
  });

  it('with no results, offers to widen the search, in Welsh too', async () => {
    const result: QueryResult = { total: 0, items: [], keys: [], facets: {}, relax: [{ facet: 'cost', value: 'free', total: 2 }] };
    const el = await fixture<AtlasResults>(html`<atlas-results lang="cy" .result=${result} .state=${{ q: '', filters: { cost: ['free'] }, sort: 'relevance' }}></atlas-results>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.none button')!;
    expect(button.textContent).to.equal('Tynnu “Am ddim” (2 ganlyniad)');
    await expect(el).to.be.accessible();
    const change = oneEvent(el, 'atlas-state-change');
    button.click();
    expect((await change).detail.patch).to.deep.equal({ filters: {} });
  });
});
