import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../define.js';
import type { AtlasFilters } from './filters.js';

const facets = {
  kind: [{ value: 'activity', count: 12 }, { value: 'asset', count: 0 }],
  cost: [{ value: 'free', count: 9 }],
};

describe('<atlas-filters> on its own', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  it('groups options in fieldsets with counts, and passes axe', async () => {
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${{ ...facets, cost: [{ value: 'free', count: 9 }, { value: 'low-cost', count: 0 }] }}></atlas-filters>`);
    const legends = [...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent);
    expect(legends).to.deep.equal(['Type', 'Cost']);
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent);
    expect(labels[0]).to.contain('Activities').and.contain('(12)');
    // A kind nothing belongs to is left out; any other option that would give nothing shows, but cannot be ticked.
    expect(labels.some((l) => l?.includes('Places and groups'))).to.equal(false);
    const disabled = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input:disabled');
    expect(disabled).to.have.length(1);
    expect(disabled[0]!.labels![0]!.textContent).to.contain('Low cost');
    await expect(el).to.be.accessible();
  });

  it('ticking a box asks for a history step with the new filters', async () => {
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${facets} .filters=${{ cost: ['free'] }}></atlas-filters>`);
    const change = oneEvent(el, 'atlas-state-change');
    el.shadowRoot!.querySelector<HTMLInputElement>('input')!.click();
    const e = await change;
    expect(e.detail.history).to.equal('push');
    expect(e.detail.patch.filters).to.deep.equal({ cost: ['free'], kind: ['activity'] });
  });

  it('"Clear all" removes every filter', async () => {
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${facets} .filters=${{ cost: ['free'], kind: ['activity'] }}></atlas-filters>`);
    expect(el.shadowRoot!.querySelectorAll('[part="chip"]')).to.have.length(2);
    const change = oneEvent(el, 'atlas-state-change');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Clear all filters')!.click();
    expect((await change).detail.patch.filters).to.deep.equal({});
  });

  it('folds behind a disclosure button on a narrow screen', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${facets}></atlas-filters>`);
    const panel = el.shadowRoot!.querySelector<HTMLElement>('.panel')!;
    expect(getComputedStyle(panel).display).to.equal('none');
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    toggle.click();
    await el.updateComplete;
    expect(getComputedStyle(panel).display).not.to.equal('none');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('leaves out a group whose only option every result already has', async () => {
    const el = await fixture<AtlasFilters>(html`<atlas-filters .total=${9} .facets=${{ kind: [{ value: 'transfer', count: 9 }], cost: [{ value: 'free', count: 4 }] }}></atlas-filters>`);
    expect([...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent)).to.deep.equal(['Cost']);
  });
});

describe('<atlas-filters> groups nothing falls in', () => {
  it('leaves out a group where every option counts 0, unless one of its options is ticked', async () => {
    const facets = { cost: [{ value: 'free', count: 4 }], status: [{ value: 'available', count: 0 }, { value: 'under-offer', count: 0 }] };
    const el = await fixture<AtlasFilters>(html`<atlas-filters .total=${9} .facets=${facets}></atlas-filters>`);
    expect([...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent)).to.deep.equal(['Cost']);
    el.filters = { status: ['available'] };
    await el.updateComplete;
    expect([...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent)).to.deep.equal(['Cost', 'Status']);
  });
});

describe('<atlas-filters> need names', () => {
  it('names common needs from the built-in vocabulary, in Welsh too, when the feed does not', async () => {
    const facets = { need: [{ value: 'loneliness', count: 3 }, { value: 'made-up-need', count: 1 }] };
    const en = await fixture<AtlasFilters>(html`<atlas-filters lang="en" .facets=${facets}></atlas-filters>`);
    const labels = (el: AtlasFilters) => [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.replace(/\(\d+\)/, '').trim());
    expect(labels(en)).to.deep.equal(['Loneliness and isolation', 'Made up need']);
    const cy = await fixture<AtlasFilters>(html`<atlas-filters lang="cy" .facets=${facets}></atlas-filters>`);
    expect(labels(cy)).to.deep.equal(['Unigrwydd ac arwahanrwydd', 'Made up need']);
    const fromFeed = await fixture<AtlasFilters>(html`<atlas-filters lang="en" .facets=${facets} .labeller=${(_: string, v: string) => (v === 'loneliness' ? 'Feeling alone' : undefined)}></atlas-filters>`);
    expect(labels(fromFeed)[0]).to.equal('Feeling alone');
  });
});

describe('<atlas-filters> category names', () => {
  it('names common categories in Welsh, and shows a feed’s own category readably in either language', async () => {
    const facets = { category: [{ value: 'peer-support', count: 3 }, { value: 'walking', count: 2 }, { value: 'our-own-thing', count: 1 }] };
    const labels = (el: AtlasFilters) => [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.replace(/\(\d+\)/, '').trim());
    const cy = await fixture<AtlasFilters>(html`<atlas-filters lang="cy" .facets=${facets}></atlas-filters>`);
    expect(labels(cy)).to.deep.equal(['Cymorth gan gymheiriaid', 'Cerdded', 'Our own thing']);
    const en = await fixture<AtlasFilters>(html`<atlas-filters lang="en" .facets=${facets}></atlas-filters>`);
    expect(labels(en)).to.deep.equal(['Peer support', 'Walking', 'Our own thing']);
    await expect(cy).to.be.accessible();
  });
});
