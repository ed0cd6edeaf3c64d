// <atlas-finder> given a sharded directory's manifest (`atlas build --shards`)
// instead of a feed: the search worker loads only the shards a search needs,
// from a plain static host (test/static-host.mjs, filled by these tests with the
// shards of a generated national feed), and says what the answer covers.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MANIFEST_VERSION, writeGazetteerShards, writeShards, type Feed, type Manifest } from '@community-atlas/core';
import { nationalFeed } from '../../../../test/support/generate.js';
import '../define.js';
import type { AtlasFinder } from './finder.js';

let files: Map<string, string>;
let manifest: Manifest;
let sites = 0;

before(() => {
  const feed: Feed = nationalFeed(560);
  // One listing far away, in Edinburgh, with a word no other has.
  const far = feed.listings.findIndex((l) => typeof l.location?.postcode === 'string' && l.location.postcode.startsWith('EH'));
  feed.listings[far] = { ...feed.listings[far]!, id: 'zebrafinch', name: 'Zebrafinch reading circle' };
  files = new Map();
  manifest = writeShards(feed, (file) => files.set(file.path, file.content));
});

const fileOf = (area: string): string => manifest.shards.find((s) => s.area === area)!.file;

/** The shards on a static host of their own (changed by `change` first; `hold`: requests that wait for `release`; `plain`: files sent with their length, uncompressed), with its request log. */
async function host(change: (files: Map<string, string>) => void = () => undefined, hold: string[] = [], plain: string[] = []): Promise<{ src: string; log(): Promise<string[]>; release(): Promise<void> }> {
  const base = `/static-host/national-${Date.now()}-${++sites}/`;
  const mine = new Map(files);
  mine.set('manifest.json', JSON.stringify(manifest));
  change(mine);
  await Promise.all([...mine].map(([path, body]) => fetch(base + path, { method: 'PUT', body })));
  await fetch(`${base}_hold`, { method: 'PUT', body: JSON.stringify(hold) });
  if (plain.length) await fetch(`${base}_plain`, { method: 'PUT', body: JSON.stringify(plain) });
  return {
    src: `${base}manifest.json`,
    log: async () => (await (await fetch(`${base}_log`)).json()) as string[],
    release: async () => void (await fetch(`${base}_release`)),
  };
}

const root = (f: AtlasFinder): ShadowRoot => f.shadowRoot!;
const results = (f: AtlasFinder): ShadowRoot | null => root(f).querySelector('atlas-results')?.shadowRoot ?? null;
const said = (f: AtlasFinder): string => results(f)?.querySelector('[role="status"]')?.textContent?.trim() ?? '';
const cardNames = (f: AtlasFinder): string[] =>
  [...(results(f)?.querySelectorAll('atlas-card') ?? [])].map((c) => c.shadowRoot?.querySelector('h3, h4, a')?.textContent?.trim() ?? '');

async function loaded(f: AtlasFinder): Promise<void> {
  await waitUntil(() => f.matches(':state(error)') || (!f.matches(':state(loading)') && said(f) !== ''), 'the finder did not load', { timeout: 20000 });
}

async function searchNear(f: AtlasFinder, postcode: string): Promise<void> {
  const location = root(f).querySelector('atlas-location')!;
  await location.updateComplete;
  const input = location.shadowRoot!.querySelector('input')!;
  input.value = postcode;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  location.shadowRoot!.querySelector('form')!.requestSubmit();
}

async function searchFor(f: AtlasFinder, words: string): Promise<void> {
  const search = root(f).querySelector('atlas-search')!;
  await search.updateComplete;
  const input = search.shadowRoot!.querySelector('input')!;
  input.value = words;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste', data: words }));
  search.shadowRoot!.querySelector('form')!.requestSubmit();
}

describe('<atlas-finder> with a sharded directory', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('asks for a place or words, then for a postcode shows the nearest results, saying it is searching further until the next ring of shards is in', async () => {
    const { src, log, release } = await host(undefined, [fileOf('CV')]);
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await loaded(f);
    expect(said(f)).to.equal('Enter a postcode, or words to search for, to see listings.');
    expect(await log()).to.deep.equal(['manifest.json'], 'no shard before a search');
    await expect(f).to.be.accessible();

    await searchNear(f, 'B3 4AB');
    await waitUntil(() => said(f).includes('within 10 miles'), `said: ${said(f)}`, { timeout: 20000 });
    expect(said(f)).to.match(/^\d+ results\. Showing results within 10 miles; searching further…$/);
    const requested = await log();
    expect(requested).to.include.members([fileOf('B'), fileOf('WS')]);
    expect(requested).not.to.include(fileOf('LS'));
    expect(requested).not.to.include(fileOf('EH'));
    expect(requested).not.to.include(manifest.words!.file, 'a postcode search needs no word index');
    expect(cardNames(f).length).to.be.greaterThan(0);
    await expect(f).to.be.accessible();

    // Coventry, 17 miles off, arrives: the finder asks again by itself.
    const before = Number(/^\d+/.exec(said(f))![0]);
    await release();
    await waitUntil(() => said(f).includes('within 25 miles'), `said: ${said(f)}`, { timeout: 20000 });
    expect(said(f)).to.match(/^\d+ results\. Showing results within 25 miles\.$/);
    expect(Number(/^\d+/.exec(said(f))![0])).to.be.greaterThan(before);
    expect(await log()).not.to.include(fileOf('EH'));
    await expect(f).to.be.accessible();
  });

  it('finds a listing by a word only a far shard holds, loading the word index and that shard alone', async () => {
    const { src, log } = await host();
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await loaded(f);
    await searchFor(f, 'zebrafinch');
    await waitUntil(() => cardNames(f).some((n) => n.includes('Zebrafinch')), `cards: ${cardNames(f).join(', ')}`, { timeout: 20000 });
    expect(said(f)).to.equal('1 result');
    expect(await log()).to.deep.equal(['manifest.json', manifest.words!.file, fileOf('EH')]);
    await expect(f).to.be.accessible();
  });

  it('loads and searches a manifest given with a prebuilt index (the page\'s index attribute), which it does not use', async () => {
    const { src, log } = await host((mine) => mine.set('index.json', '{}'));
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
    try {
      const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src} index=${src.replace('manifest.json', 'index.json')}></atlas-finder>`);
      await loaded(f);
      expect(f.matches(':state(error)')).to.equal(false, 'the manifest loads');
      await searchFor(f, 'zebrafinch');
      await waitUntil(() => cardNames(f).some((n) => n.includes('Zebrafinch')), `cards: ${cardNames(f).join(', ')}`, { timeout: 20000 });
      expect(said(f)).to.equal('1 result');
      expect(warned.some((w) => w.includes('sharded directory') && w.includes('not used')), warned.join('\n')).to.equal(true);
      expect(await log()).to.include(fileOf('EH'));
    } finally {
      console.warn = warn;
    }
  });

  it('says nothing is wrong when it leaves the page while a search waits for a shard', async () => {
    const { src, log, release } = await host(undefined, [fileOf('B')]);
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await loaded(f);
    const errors: string[] = [];
    const error = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.map(String).join(' '));
    try {
      await searchNear(f, 'B3 4AB');
      await waitUntil(async () => (await log()).includes(fileOf('B')), 'the shard was not asked for', { timeout: 20000 });
      f.remove();
      // The finder lets go of its engine a task after it leaves the page; the search waiting on it then ends.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(errors, errors.join('\n')).to.deep.equal([]);
    } finally {
      console.error = error;
      await release();
    }
  });

  it('says so when the word index is missing, answers a search by name from the areas loaded, and still searches by postcode', async () => {
    const { src } = await host((mine) => mine.delete(manifest.words!.file));
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await loaded(f);
    const alerts = (): string => [...root(f).querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? '').join(' ');
    await searchFor(f, 'zebrafinch');
    await waitUntil(() => alerts().includes('which names'), `alerts: ${alerts()}`, { timeout: 20000 });
    expect(alerts()).to.contain('this search looks only in the areas already loaded');
    expect(cardNames(f)).to.deep.equal([]);
    await expect(f).to.be.accessible();
    await searchFor(f, '');
    await searchNear(f, 'B3 4AB');
    await waitUntil(() => said(f).includes('within'), `said: ${said(f)}`, { timeout: 20000 });
    expect(cardNames(f).length).to.be.greaterThan(0);
    expect(alerts()).not.to.contain('which names');
  });

  it('opens a listing from a link, loading only its shard', async () => {
    const { src, log } = await host();
    window.history.replaceState(null, '', `${window.location.pathname}?open=${encodeURIComponent('EH~zebrafinch')}`);
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await waitUntil(() => root(f).querySelector('atlas-listing')?.shadowRoot?.textContent?.includes('Zebrafinch'), 'the listing did not open', { timeout: 20000 });
    expect(await log()).to.deep.equal(['manifest.json', fileOf('EH')]);
    await expect(f).to.be.accessible();
  });

  it('says which areas are missing when a shard is missing or fails its hash, and shows the rest', async () => {
    const { src } = await host((mine) => {
      mine.delete(fileOf('WS'));
      mine.set(fileOf('CV'), mine.get(fileOf('CV'))!.replace('Community', 'Communal'));
    });
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await loaded(f);
    await searchNear(f, 'B3 4AB');
    await waitUntil(() => said(f).includes('within 25 miles'), `said: ${said(f)}`, { timeout: 20000 });
    const alert = [...root(f).querySelectorAll('[role="alert"]')].map((a) => a.textContent ?? '').join(' ');
    expect(alert).to.contain('Listings from some areas').and.to.contain('WS').and.to.contain('CV');
    expect(cardNames(f).length).to.be.greaterThan(0);
    await expect(f).to.be.accessible();
  });

  it('places a postcode from the national gazetteer when the manifest has one, and shows its attribution', async () => {
    const { src, log } = await host((mine) => {
      const gazetteer = writeGazetteerShards({ districts: { B3: [52.483, -1.9] }, sectors: { 'B3 4': [52.484, -1.902] } }, { attribution: 'Contains OS data © Crown copyright' }, (file) => mine.set(file.path, file.content));
      mine.set('manifest.json', JSON.stringify({ ...manifest, gazetteer }));
    });
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await loaded(f);
    await searchNear(f, 'B3 4AB');
    await waitUntil(() => said(f).includes('within'), `said: ${said(f)}`, { timeout: 20000 });
    expect(root(f).querySelector('.attribution')?.textContent).to.equal('Contains OS data © Crown copyright');
    expect((await log()).filter((path) => path.startsWith('gazetteer/'))).to.have.length(1);
    await expect(f).to.be.accessible();
  });

  it('knows a manifest for a manifest when its host says a length so large that the body is never read on the page, as a static host does for a file it does not compress', async () => {
    // A body of 16 MB or more with its Content-Length is taken whole as a Blob for the worker (load.ts); here, the manifest with spaces after it.
    const { src } = await host((mine) => mine.set('manifest.json', `${JSON.stringify(manifest)}${' '.repeat(16_100_000)}`), [], ['manifest.json']);
    // Opened from a link to a search (not the first screen, so nothing reads the body's first pieces on the page).
    window.history.replaceState(null, '', '?q=zebrafinch');
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await waitUntil(() => cardNames(f).some((n) => n.includes('Zebrafinch')), `cards: ${cardNames(f).join(', ')}`, { timeout: 20000 });
    expect(said(f)).to.equal('1 result');
  });

  it('says plainly that a manifest of a newer format cannot be read', async () => {
    const { src } = await host((mine) => mine.set('manifest.json', JSON.stringify({ ...manifest, version: MANIFEST_VERSION + 1 })));
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src}></atlas-finder>`);
    await waitUntil(() => f.matches(':state(error)'), 'no error', { timeout: 20000 });
    expect(root(f).textContent).to.contain('it was made for a newer version of this page’s directory software');
    await expect(f).to.be.accessible();
  });

  it('says what the results cover in Welsh', async () => {
    const { src } = await host(undefined, [fileOf('CV')]);
    const f = await fixture<AtlasFinder>(html`<atlas-finder lang="cy" src=${src}></atlas-finder>`);
    await loaded(f);
    expect(said(f)).to.equal('Rhowch god post, neu eiriau i chwilio amdanyn nhw, i weld rhestriadau.');
    await searchNear(f, 'B3 4AB');
    // First the miles the shard holding the place covers, then 10 once the rest of that ring is in (Coventry is held).
    await waitUntil(() => said(f).includes('o fewn 10 milltir'), `said: ${said(f)}`, { timeout: 20000 });
    expect(said(f)).to.contain('Yn dangos canlyniadau o fewn 10 milltir; yn chwilio ymhellach…');
    await expect(f).to.be.accessible();
  });
});
