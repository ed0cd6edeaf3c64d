import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { NOW, shadow } from '../test-support/finder.js';

/** The cards on screen; none while the results are not drawn (loading, or a listing open). */
const cards = (f: AtlasFinder) => [...(shadow(f).querySelector('atlas-results')?.shadowRoot?.querySelectorAll('atlas-card') ?? [])];
import { summarise } from '../shortlist/describe.js';
import { en } from '../translations/en.js';

// Issue 14, item 5: a listing whose every session is over (last summer's play scheme, an
// OpenActive page harvested last year) must not look as if it were on. Its card and its
// opened listing say "No upcoming sessions", and it is left out of the day and time
// filters and of "next session" order ahead of listings that have one.
const feed = {
  version: '1',
  publisher: { name: 'Council' },
  updated: '2026-11-01',
  listings: [
    {
      // Over long before NOW (Sunday 22 November 2026) and before any real date these tests run on.
      id: 'summer-scheme', kind: 'activity', name: 'Summer play scheme',
      schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR', date: '2025-07-28', until: '2025-08-29', start: '10:00', end: '15:00' }],
    },
    {
      id: 'one-off-fair', kind: 'activity', name: 'Autumn fair',
      schedule: [{ date: '2025-10-04', start: '10:00', end: '16:00' }],
    },
    {
      // A weekly group that also had a one-off Friday evening social last year: only Tuesday mornings are when it runs.
      id: 'knit-group', kind: 'activity', name: 'Knit and natter',
      schedule: [
        { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '12:00' },
        { date: '2025-12-05', start: '19:00', end: '21:00' },
      ],
    },
    {
      id: 'monday-walk', kind: 'activity', name: 'Monday walk',
      schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '10:00', end: '11:00' }],
    },
    { id: 'library', kind: 'asset', name: 'Library', openingHours: { mo: '09:00-17:00', fr: '09:00-17:00' } },
  ],
};
const fetcher = () => Promise.resolve(new Response(JSON.stringify(feed), { headers: { 'content-type': 'application/json' } }));

async function finder(lang = 'en'): Promise<AtlasFinder> {
  const f = await fixture<AtlasFinder>(html`<atlas-finder src="/past.json" lang=${lang} .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
  await waitUntil(() => f.engine && cards(f).length === 5, 'finder did not load', { timeout: 8000 });
  await Promise.all(cards(f).map((c) => c.updateComplete));
  return f;
}

const cardText = (f: AtlasFinder, key: string): string =>
  cards(f).find((c) => c.item?.listing.key === key)?.shadowRoot?.querySelector('.meta')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<atlas-finder> and listings whose every session is over', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('marks their cards "No upcoming sessions" (Welsh "Dim sesiynau i ddod"), and only theirs', async () => {
    const f = await finder();
    expect(cardText(f, 'summer-scheme')).to.equal('No upcoming sessions');
    expect(cardText(f, 'one-off-fair')).to.equal('No upcoming sessions');
    expect(cardText(f, 'knit-group')).to.match(/^Next: /);
    expect(cardText(f, 'monday-walk')).to.match(/^Next: /);
    // A place with opening hours is never "no upcoming sessions".
    expect(cardText(f, 'library')).to.match(/^Opens /);
    await expect(f).to.be.accessible();

    const cy = await finder('cy');
    await waitUntil(() => cardText(cy, 'summer-scheme') === 'Dim sesiynau i ddod', `Welsh card says "${cardText(cy, 'summer-scheme')}"`);
    await expect(cy).to.be.accessible();
  });

  it('leaves them out of the day and time filters, and puts them after every listing with a next session', async () => {
    const f = await finder();
    const engine = f.engine!;
    const keys = async (filters: Record<string, string[]>, sort: 'name' | 'next' = 'name') =>
      (await engine.query({ q: '', filters, sort }, NOW)).items.map((i) => i.listing.key);
    expect(await keys({ day: ['mo'] })).to.deep.equal(['library', 'monday-walk']);
    expect(await keys({ day: ['we'] })).to.deep.equal([]);
    expect(await keys({ day: ['fr'] })).to.deep.equal(['library'], 'the knit group’s one Friday social is over');
    expect(await keys({ day: ['sa'] })).to.deep.equal([], 'the fair was on a Saturday, last year');
    expect(await keys({ time: ['evening'] })).to.deep.equal([]);
    expect(await keys({ day: ['tu'], time: ['morning'] })).to.deep.equal(['knit-group']);
    // The counts beside the day choices say the same.
    const counts = (await engine.query({ q: '', filters: {}, sort: 'name' }, NOW)).facets.day ?? [];
    expect(Object.fromEntries(counts.filter((c) => c.count > 0).map((c) => [c.value, c.count]))).to.deep.equal({ mo: 2, tu: 1, fr: 1 });

    const byNext = await keys({}, 'next');
    expect(byNext.slice(0, 3)).to.have.members(['knit-group', 'monday-walk', 'library']);
    expect(byNext.slice(3)).to.have.members(['summer-scheme', 'one-off-fair']);
  });

  it('says "No upcoming sessions" in the opened listing, under when and where', async () => {
    const f = await finder();
    cards(f).find((c) => c.item?.listing.key === 'summer-scheme')!.shadowRoot!.querySelector('a')!.click();
    await waitUntil(() => shadow(f).querySelector('atlas-listing')?.shadowRoot?.querySelector('h2'), 'listing did not open');
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    const text = shadow(detail).textContent!.replace(/\s+/g, ' ');
    expect(text).to.contain('No upcoming sessions');
    expect(text).not.to.contain('Next sessions');
    await expect(detail).to.be.accessible();
  });

  it('says "No upcoming sessions" on a printed or copied shortlist too', async () => {
    const f = await finder();
    const when = (key: string) => summarise(f.engine!.get(key)!, en, 'en', NOW).when;
    expect(when('summer-scheme')).to.include('No upcoming sessions');
    expect(when('monday-walk')).not.to.include('No upcoming sessions');
    expect(when('library')).not.to.include('No upcoming sessions');
  });
});
