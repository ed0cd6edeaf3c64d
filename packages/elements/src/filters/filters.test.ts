import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../define.js';
import type { AtlasFilters } from './filters.js';

const facets = {
  kind: [{ value: 'activity', count: 12 }, { value: 'asset', count: 0 }],
  cost: [{ value: 'free', count: 9 }],
};

describe('<atlas-filters> on its own', () => {

  it('groups options in fieldsets with counts, the first ones in sight and the rest under "More filters", and passes axe', async () => {
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${{ ...facets, cost: [{ value: 'free', count: 9 }, { value: 'low-cost', count: 0 }] }}></atlas-filters>`);
    const legends = [...el.shadowRoot!.querySelectorAll('legend')].map((l) => l.textContent);
    expect(legends).to.deep.equal(['Cost', 'Type']);
    const more = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    expect(more.textContent!.trim()).to.equal('More filters');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.getElementById(more.getAttribute('aria-controls')!)!.contains(el.shadowRoot!.querySelectorAll('fieldset')[1]!), 'Type is under "More filters"').to.equal(true);
    const labels = [...el.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
    // Cost is one choice; a choice nothing would match is left out, as is a kind nothing belongs to.
    expect(labels).to.deep.equal(['Any cost', 'Free (9)', 'Free or low cost', 'Activities (12)']);
    expect(el.shadowRoot!.querySelectorAll('input:disabled')).to.have.length(0);
    await expect(el).to.be.accessible();
    more.click();
    await el.updateComplete;
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('ticking a box asks for a history step with the new filters', async () => {
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${facets} .filters=${{ cost: ['free'] }}></atlas-filters>`);
    const change = oneEvent(el, 'atlas-state-change');
    el.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    const e = await change;
    expect(e.detail.history).to.equal('push');
    expect(e.detail.patch.filters).to.deep.equal({ cost: ['free'], kind: ['activity'] });
  });

  it('makes days, time of day and cost one choice each, "Choose days" showing each day', async () => {
    const days = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'].map((value) => ({ value, count: 3 }));
    const time = [{ value: 'morning', count: 4 }, { value: 'afternoon', count: 2 }, { value: 'evening', count: 0 }];
    const el = await fixture<AtlasFilters>(html`<atlas-filters .lead=${5} .order=${['cost', 'day', 'time']} .facets=${{ day: days, time, cost: facets.cost }}></atlas-filters>`);
    const radios = () => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    const named = (start: string) => radios().find((r) => r.labels![0]!.textContent!.trim().startsWith(start))!;
    expect(radios().filter((r) => r.checked).map((r) => r.labels![0]!.textContent!.trim())).to.deep.equal(['Any cost', 'Any day', 'Any time of day']);
    expect(named('Evening'), 'a time nothing is on is left out').to.equal(undefined);
    let change = oneEvent(el, 'atlas-state-change');
    named('Weekdays').click();
    expect((await change).detail.patch.filters).to.deep.equal({ day: ['mo', 'tu', 'we', 'th', 'fr'] });
    change = oneEvent(el, 'atlas-state-change');
    named('Daytime').click();
    expect((await change).detail.patch.filters.time).to.have.members(['morning', 'afternoon']);
    // Days a choice does not stand for (from a link) show as boxes under "Choose days".
    el.filters = { day: ['mo', 'sa'] };
    await el.updateComplete;
    expect(named('Choose days').checked).to.equal(true);
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('.days input[type="checkbox"]')];
    expect(boxes).to.have.length(7);
    expect(boxes.filter((b) => b.checked).map((b) => b.labels![0]!.textContent!.replace(/\s*\(\d+\)/, '').trim())).to.deep.equal(['Monday', 'Saturday']);
    await expect(el).to.be.accessible();
  });

  it('offers "Show N results" after the first filters, which hands over to the results', async () => {
    let shown = 0;
    const el = await fixture<AtlasFilters>(html`<atlas-filters .total=${12} .showResults=${() => (shown += 1)} .facets=${facets}></atlas-filters>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-results"]')!;
    expect(button.textContent).to.equal('Show 12 results');
    expect(button.compareDocumentPosition(el.shadowRoot!.querySelector('[part="toggle"]')!) & Node.DOCUMENT_POSITION_FOLLOWING, 'before "More filters"').to.not.equal(0);
    button.click();
    expect(shown).to.equal(1);
  });

  it('folds a long group behind one button, the most used first, with a box to narrow it', async () => {
    const need = Array.from({ length: 9 }, (_, i) => ({ value: `need-${i}`, count: i + 1 }));
    const el = await fixture<AtlasFilters>(html`<atlas-filters .lead=${1} .order=${['need']} .facets=${{ need }}></atlas-filters>`);
    const fold = el.shadowRoot!.querySelector<HTMLButtonElement>('.fold')!;
    expect(fold.textContent).to.equal('Show all 9 options');
    expect(el.shadowRoot!.querySelectorAll('input[type="checkbox"]')).to.have.length(0);
    fold.click();
    await el.updateComplete;
    const labels = () => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].map((b) => b.labels![0]!.textContent!.replace(/\s*\(\d+\)/, '').trim());
    expect(labels()[0]).to.equal('Need 8');
    const box = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="search"]')!;
    box.value = '3';
    box.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(labels()).to.deep.equal(['Need 3']);
    await expect(el).to.be.accessible();
  });

  it('draws the closed "More filters" panel in the tasks after, and once drawn it shows what opening it shows', async () => {
    const option = (value: string, count: number) => ({ value, count });
    const many = {
      cost: [option('free', 5)],
      kind: [option('activity', 4), option('place', 2)],
      need: [option('loneliness', 3)],
      category: [option('walking', 2), option('peer-support', 1)],
      time: [option('morning', 2), option('evening', 1)],
      access: [option('step-free', 2)],
    };
    const el = await fixture<AtlasFilters>(html`<atlas-filters .lead=${1} .order=${['cost', 'kind', 'need', 'category', 'time', 'access']} .facets=${many}></atlas-filters>`);
    const panel = () => el.shadowRoot!.querySelector<HTMLElement>('.panel')!;
    const seen = () => [...panel().querySelectorAll('fieldset')].map((f) => f.textContent!.replace(/\s+/g, ' ').trim());
    expect(panel().hidden).to.equal(true);
    const closed = seen();
    expect(closed.map((g) => g.split(' ')[0])).to.deep.equal(['Type', 'Need', 'Category', 'Time', 'Accessibility']);
    // New counts, and a group gone: the closed panel catches up in later tasks.
    el.facets = { ...many, kind: [option('activity', 1), option('place', 7)], need: [], category: [option('walking', 9)] };
    await el.updateComplete;
    const caughtUp = seen();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await el.updateComplete;
    expect(panel().hidden).to.equal(false);
    expect(caughtUp).to.deep.equal(seen());
    expect(caughtUp).to.not.deep.equal(closed);
    expect(caughtUp.map((g) => g.split(' ')[0])).to.deep.equal(['Type', 'Category', 'Time', 'Accessibility']);
    await expect(el).to.be.accessible();
  });

  it('"Clear all" removes every filter', async () => {
    const el = await fixture<AtlasFilters>(html`<atlas-filters .facets=${facets} .filters=${{ cost: ['free'], kind: ['activity'] }}></atlas-filters>`);
    expect(el.shadowRoot!.querySelectorAll('[part="chip"]')).to.have.length(2);
    const change = oneEvent(el, 'atlas-state-change');
    [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === 'Clear all filters')!.click();
    expect((await change).detail.patch.filters).to.deep.equal({});
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
