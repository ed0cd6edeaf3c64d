import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { orukTiming } from './oruk-source.js';
import { AtlasOpenEvent } from '../events/open.js';
import { NOW, shadow } from '../test-support/finder.js';

/** The cards on screen; none while the results are not drawn (loading, or a listing open). */
const cards = (f: AtlasFinder) => [...(shadow(f).querySelector('atlas-results')?.shadowRoot?.querySelectorAll('atlas-card') ?? [])];

// Issue 14, item 2: `src="oruk:…"` against an ORUK 3.0 API that answers as its OpenAPI
// description says (test/oruk-mock-api.mjs, served by the test server; its answers are
// checked against the official schemas in packages/cli/test/oruk-mock-api.test.ts): list
// pages carry only one-to-one fields, the full record is at /services/{id}. The list pages
// give the first screen; the full records of what the person has in front of them follow,
// a few at a time, cancelled when they leave; slow and down are said.

interface ApiLog { pages: number[]; details: string[]; mostAtOnce: number; waiting: number; cancelled: string[] }

/**
 * A fresh API of the mock's: `held` answers full records only when released, `down` answers them 503 until healed.
 * On another origin than the page (127.0.0.1 rather than localhost), as a council's API is, so that the
 * requests it holds never take the connections other test pages load their modules over.
 */
function mockApi(behaviour: 'ok' | 'held' | 'down') {
  const root = `${location.protocol}//127.0.0.1:${location.port}/oruk-api/${behaviour}-${Math.random().toString(36).slice(2, 10)}`;
  return {
    src: `oruk:${root}`,
    log: async (): Promise<ApiLog> => (await fetch(`${root}/_log`)).json() as Promise<ApiLog>,
    release: () => fetch(`${root}/_release`),
    heal: () => fetch(`${root}/_heal`),
  };
}

async function finder(src: string, lang = 'en'): Promise<AtlasFinder> {
  const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src} lang=${lang} .now=${NOW}></atlas-finder>`);
  await waitUntil(() => f.engine && cards(f).length === 20, 'the first screen did not show', { timeout: 8000 });
  return f;
}

const status = (f: AtlasFinder): string => shadow(f).querySelector('.oruk-status')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const cardFor = (f: AtlasFinder, name: string) => cards(f).find((c) => c.item?.listing.name === name)!;
const cardMeta = (f: AtlasFinder, name: string): string => {
  // Undefined for a moment while the results redraw.
  const card = cardFor(f, name);
  return card?.shadowRoot?.querySelector('.meta')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
};
const detail = (f: AtlasFinder) => shadow(f).querySelector('atlas-listing');
const detailText = (f: AtlasFinder): string => detail(f)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('<atlas-finder src="oruk:…"> against an API that answers as the ORUK 3.0 OpenAPI description says', () => {
  const slowMs = orukTiming.slowMs;
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => {
    orukTiming.slowMs = slowMs;
    window.history.replaceState(null, '', window.location.pathname);
  });

  it('shows the first screen from the list pages, then fills in the cards on screen from /services/{id}, never more than 4 at once, and says when that is slow', async () => {
    orukTiming.slowMs = 300;
    const api = mockApi('held');
    const f = await finder(api.src);
    // The list page gives names and descriptions, at once: no card waits for a full record.
    expect((await api.log()).pages).to.deep.equal([1]);
    expect(cardFor(f, 'Aqua fit'), 'the first card by name').not.to.equal(undefined);
    expect(cardMeta(f, 'Aqua fit')).to.equal('');
    // The full records of the cards on screen are asked for, 4 at a time, and no more while those wait.
    await waitUntil(async () => (await api.log()).waiting === 4, 'four full records not asked for');
    let log = await api.log();
    expect(log.details).to.have.length(4);
    expect(log.mostAtOnce).to.equal(4);
    // Past the slow mark, the finder says so by itself (a live region above the results).
    await waitUntil(() => status(f) === 'The directory is slow to answer. Still trying…', `not said to be slow: "${status(f)}"`);
    await expect(f).to.be.accessible();

    await api.release();
    const onScreen = cards(f).map((c) => c.item!.listing.id);
    await waitUntil(async () => (await api.log()).details.length === 20 && cards(f).every((c) => c.item!.listing.categories.length > 0), 'the cards on screen were not filled in', { timeout: 8000 });
    log = await api.log();
    expect([...log.details].sort()).to.deep.equal([...onScreen].sort(), 'exactly the cards on screen, each once');
    expect(log.mostAtOnce).to.be.at.most(4);
    // The full record brings the place and the times.
    await waitUntil(() => /Next: /.test(cardMeta(f, 'Aqua fit')), `no next session on the card: "${cardMeta(f, 'Aqua fit')}"`);
    expect(status(f)).to.equal('');
    await expect(f).to.be.accessible();
  });

  it('reads a listing’s full record when it is opened, says when the directory is slow, and cancels the request when the person leaves', async () => {
    orukTiming.slowMs = 60_000;
    const api = mockApi('held');
    const f = await finder(api.src);
    await waitUntil(async () => (await api.log()).waiting === 4, 'the cards’ full records not asked for');
    // A listing that is not on the first screen (the last by name), opened as a link in the page would open it.
    const last = (await f.engine!.query({ q: '', filters: {}, sort: 'name' })).items.at(-1)!.listing;
    expect(cards(f).map((c) => c.item!.listing.key)).not.to.include(last.key);
    cards(f)[0]!.dispatchEvent(new AtlasOpenEvent(last.key));
    await waitUntil(() => detail(f)?.shadowRoot?.querySelector('h2')?.textContent === last.name, 'listing did not open');
    // The cards are off screen now: their requests are cancelled, and the listing's is the one asked.
    await waitUntil(async () => (await api.log()).details.includes(last.id), 'the full record was not asked for');
    await waitUntil(async () => (await api.log()).cancelled.length === 4, 'the cards’ requests were not cancelled');
    expect(status(f)).to.equal('Loading the full details from the directory…');
    // Past the slow mark (brought forward here rather than waited for).
    orukTiming.slowMs = 0;
    f.requestUpdate();
    await waitUntil(() => status(f) === 'The directory is slow to answer. Still trying…', `not said to be slow: "${status(f)}"`);
    await expect(f).to.be.accessible();

    // Back to the results, where this listing is not: its request is cancelled too.
    detail(f)!.shadowRoot!.querySelector<HTMLButtonElement>('[part="back"]')!.click();
    await waitUntil(async () => (await api.log()).cancelled.includes(last.id), 'the listing’s request was not cancelled');
    await api.release();
  });

  it('says plainly, in English or Welsh, when the directory is down, and Try again reads the full record once it is back', async () => {
    const api = mockApi('down');
    const first = await finder(api.src);
    const key = (await first.engine!.query({ q: 'aqua fit', filters: {}, sort: 'relevance' })).items[0]!.listing.key;
    first.remove();
    window.history.replaceState(null, '', `${window.location.pathname}?open=${encodeURIComponent(key)}`);
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${api.src} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => detailText(f).includes('Aqua fit'), 'the linked listing did not open', { timeout: 8000 });
    await waitUntil(() => status(f).startsWith('The full details'), `no failure said: "${status(f)}"`, { timeout: 8000 });
    expect(status(f)).to.equal('The full details (place, times and contacts) could not be loaded: the directory answered with an error (HTTP 503). Try again');
    expect(detailText(f)).not.to.contain('Next sessions');
    await expect(f).to.be.accessible();

    await api.heal();
    shadow(f).querySelector<HTMLButtonElement>('.oruk-status button')!.click();
    await waitUntil(() => detailText(f).includes('Next sessions'), 'the full record did not show after Try again', { timeout: 8000 });
    expect(status(f)).to.equal('');
    expect(detailText(f)).to.match(/Address/);

    // The same in Welsh (this finder gone, so the Welsh one is the page's only finder and reads `open` from the address).
    f.remove();
    const cy = mockApi('down');
    const welsh = await fixture<AtlasFinder>(html`<atlas-finder src=${cy.src} lang="cy" .now=${NOW}></atlas-finder>`);
    await waitUntil(() => detailText(welsh).includes('Aqua fit'), 'the Welsh listing did not open', { timeout: 8000 });
    await waitUntil(() => status(welsh).startsWith('Doedd dim modd'), `no Welsh failure said: "${status(welsh)}"`, { timeout: 8000 });
    expect(status(welsh)).to.contain('atebodd y cyfeiriadur gyda gwall (HTTP 503)');
    expect(status(welsh)).to.contain('Rhoi cynnig arall arni');
  });
});
