import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow, results, cards, countText } from '../test-support/finder.js';
import { settled } from '../../../../test/support/settle.js';
import { emulateMediaOrSkip, paste } from '../../../../test/support/keyboard.js';

async function ready(f: AtlasFinder): Promise<void> {
  await waitUntil(() => f.matches(':state(error)') || shadow(f).querySelector('atlas-results, atlas-listing') || f.matches(':state(empty)'), 'finder did not load', { timeout: 5000 });
  await f.updateComplete;
  const r = shadow(f).querySelector('atlas-results');
  if (r) {
    await waitUntil(() => (r.result !== undefined), 'no result');
    await r.updateComplete;
    await Promise.all(cards(f).map((c) => c.updateComplete));
  }
}

const settle = (f: AtlasFinder): Promise<void> => settled(f);

async function finder(src = `${FIXTURES}/small-feed.json`, attrs: { lang?: string; theme?: string; kinds?: string; namespace?: string } = {}): Promise<AtlasFinder> {
  const f = await fixture<AtlasFinder>(html`<atlas-finder src=${src} .now=${NOW} lang=${attrs.lang ?? 'en'} theme=${attrs.theme ?? 'none'} kinds=${attrs.kinds ?? ''} namespace=${attrs.namespace ?? ''}></atlas-finder>`);
  await ready(f);
  return f;
}

describe('<atlas-finder>', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', window.location.pathname);
  });
  afterEach(async () => {
    window.history.replaceState(null, '', window.location.pathname);
    await setViewport({ width: 800, height: 600 });
  });

  it('says it is loading, accessibly, until the feed arrives', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder .fetcher=${() => new Promise<Response>(() => {})} src="/never.json"></atlas-finder>`);
    await f.updateComplete;
    expect(f.matches(':state(loading)')).to.equal(true);
    expect(shadow(f).querySelector('[role="status"]')?.textContent).to.contain('Loading');
    await expect(f).to.be.accessible();
  });

  it('draws its first screen in a task after the one that put it in the page, and says it is loading then', async () => {
    // The task that runs the script, defines the elements and upgrades the finder is long enough without the first render.
    const f = document.createElement('atlas-finder') as AtlasFinder;
    f.fetcher = () => new Promise<Response>(() => {});
    f.src = '/never.json';
    document.body.append(f);
    try {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      expect(f.hasUpdated, 'rendered in the same task').to.equal(false);
      await f.updateComplete;
      expect(f.hasUpdated).to.equal(true);
      expect(f.matches(':state(loading)')).to.equal(true);
      expect(shadow(f).querySelector('[role="status"]')?.textContent).to.match(/loading/i);
    } finally {
      f.remove();
    }
  });

  it('lists every listing, announces the count politely and passes axe', async () => {
    const f = await finder();
    expect(cards(f)).to.have.length(6);
    const status = shadow(results(f)).querySelector('[role="status"]')!;
    expect(status.getAttribute('aria-live')).to.equal('polite');
    expect(countText(f)).to.equal('6 results');
    await expect(f).to.be.accessible();
  });

  it('searches as the person types, replacing the history entry, and announces the new count', async () => {
    const f = await finder();
    const search = shadow(f).querySelector('atlas-search')!;
    const before = window.history.length;
    shadow(search).querySelector('input')!.focus();
    await sendKeys({ type: 'walk' });
    // 'wal' finds the same one listing: on a slow machine the typing pause can fall before the 'k', so wait for the whole word.
    const q = (): string | null => new URLSearchParams(window.location.search).get('q');
    await waitUntil(() => countText(f) === '1 result' && q() === 'walk', `count was ${countText(f)}, words ${q()}`);
    expect(q()).to.equal('walk');
    expect(window.history.length).to.equal(before);
  });

  it('offers suggestions as an ARIA combobox that works with the keyboard', async () => {
    const f = await finder();
    const search = shadow(f).querySelector('atlas-search')!;
    const input = shadow(search).querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'riv' });
    await waitUntil(() => input.getAttribute('aria-expanded') === 'true', 'suggestions did not open');
    const listbox = shadow(search).getElementById(input.getAttribute('aria-controls')!)!;
    expect(listbox.getAttribute('role')).to.equal('listbox');
    await sendKeys({ press: 'ArrowDown' });
    await search.updateComplete;
    const active = input.getAttribute('aria-activedescendant')!;
    expect(shadow(search).getElementById(active)?.getAttribute('aria-selected')).to.equal('true');
    await expect(search).to.be.accessible();
    await sendKeys({ press: 'Escape' });
    await search.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.hasAttribute('aria-activedescendant') && input.getAttribute('aria-activedescendant') !== '').to.equal(false);
  });

  it('choosing a listing suggestion with Enter opens it', async () => {
    const f = await finder();
    const search = shadow(f).querySelector('atlas-search')!;
    shadow(search).querySelector('input')!.focus();
    await sendKeys({ type: 'Riverside' });
    await waitUntil(() => shadow(search).querySelector('[role="option"]'), 'no options');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(f).querySelector('atlas-listing'), 'listing did not open');
    expect(new URLSearchParams(window.location.search).get('open')).to.equal('walk-riverside');
  });

  it('filters with counts, shows a removable chip, and each step is a history entry', async () => {
    const f = await finder();
    const filters = shadow(f).querySelector('atlas-filters')!;
    const free = [...shadow(filters).querySelectorAll('label')].find((l) => l.textContent?.startsWith('Free'))!;
    expect(free.textContent).to.contain('(3)');
    const before = window.history.length;
    free.click();
    await settle(f);
    expect(countText(f)).to.equal('3 results');
    expect(window.history.length).to.equal(before + 1);
    expect(new URLSearchParams(window.location.search).get('cost')).to.equal('free');
    const chip = shadow(filters).querySelector<HTMLButtonElement>('[part="chip"]')!;
    expect(chip.getAttribute('aria-label')).to.equal('Remove filter: Free');
    await expect(filters).to.be.accessible();
    chip.click();
    await settle(f);
    expect(countText(f)).to.equal('6 results');
    expect(shadow(filters).activeElement?.tagName).to.equal('H2');
  });

  it('opening a listing moves focus to its heading; Back returns focus to its card', async () => {
    const f = await finder();
    const card = cards(f).find((c) => c.item?.listing.key === 'carers-cafe')!;
    shadow(card).querySelector('a')!.click();
    await waitUntil(() => shadow(f).querySelector('atlas-listing'), 'did not open');
    const detail = shadow(f).querySelector('atlas-listing')!;
    await waitUntil(() => shadow(detail).activeElement?.tagName === 'H2', 'focus not on heading');
    expect(shadow(detail).activeElement?.textContent).to.equal('Carers’ café');
    await expect(detail).to.be.accessible();
    shadow(detail).querySelector<HTMLButtonElement>('[part="back"]')!.click();
    await waitUntil(() => shadow(f).querySelector('atlas-results'), 'did not close');
    await waitUntil(() => {
      const c = cards(f).find((x) => x.item?.listing.key === 'carers-cafe');
      return c && shadow(c).activeElement?.tagName === 'A';
    }, 'focus did not return to the card');
    expect(new URLSearchParams(window.location.search).has('open')).to.equal(false);
  });

  it('the browser Back button closes an open listing', async () => {
    const f = await finder();
    shadow(cards(f)[0]!).querySelector('a')!.click();
    await waitUntil(() => shadow(f).querySelector('atlas-listing'), 'did not open');
    window.history.back();
    await waitUntil(() => !shadow(f).querySelector('atlas-listing'), 'Back did not close it');
  });

  it('a copied link reopens the same search, filters and open listing', async () => {
    window.history.replaceState(null, '', '?q=walk&cost=free&open=walk-riverside');
    const f = await finder();
    const detail = shadow(f).querySelector('atlas-listing');
    expect(detail).not.to.equal(null);
    await detail!.updateComplete;
    expect(shadow(detail!).querySelector('h2')?.textContent).to.equal('Riverside health walk');
  });

  it('answers the five questions in order, with directions and a pre-filled report link', async () => {
    window.history.replaceState(null, '', '?open=walk-riverside');
    const f = await finder();
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    const headings = [...shadow(detail).querySelectorAll('h3')].map((h) => h.textContent);
    expect(headings).to.deep.equal(['What it is', 'Who it is for', 'Cost', 'When and where', 'How to get in touch or join']);
    const links = [...shadow(detail).querySelectorAll('a')].map((a) => a.href);
    expect(links).to.include('https://www.openstreetmap.org/directions?to=52.1%2C-1.2');
    expect(links).to.include('https://example.org/report?id=walk-riverside&name=Riverside%20health%20walk');
    expect(shadow(detail).textContent).to.contain('You can bring someone with you');
    expect(shadow(detail).querySelector('.warning')).to.equal(null);
  });

  it('warns when a listing was last checked over a year ago', async () => {
    window.history.replaceState(null, '', '?open=carers-cafe');
    const f = await finder();
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    expect(shadow(detail).querySelector('.warning')?.textContent).to.contain('over a year ago');
  });

  it('shows an approximate location as an area, never an address or directions', async () => {
    window.history.replaceState(null, '', '?open=womens-refuge-outreach');
    const f = await finder();
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    expect(shadow(detail).textContent).to.contain('The exact address is not shown');
    expect([...shadow(detail).querySelectorAll('a')].some((a) => a.href.includes('openstreetmap'))).to.equal(false);
  });

  it('shows a transfer with status, deadline in words, stage tracker and interest action', async () => {
    window.history.replaceState(null, '', '?open=hall-old-school');
    const f = await finder(undefined, { kinds: 'transfer' });
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    const root = shadow(detail);
    expect(root.querySelector('.badge')?.textContent).to.equal('Available');
    expect(root.textContent).to.contain('Closes in 12 days');
    const current = root.querySelector('.stages [aria-current="step"]');
    expect(current?.textContent).to.contain('Expressions of interest open');
    expect(current?.textContent).to.contain('current stage');
    expect(root.querySelector<HTMLAnchorElement>('[part="action"]')?.href).to.equal('https://example.org/eoi/hall-old-school');
    await expect(detail).to.be.accessible();
  });

  it('never shows a past deadline as open, nor offers to express interest', async () => {
    window.history.replaceState(null, '', '?open=pavilion-closed');
    const f = await finder();
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    expect(shadow(detail).textContent).to.contain('Closed on 3 March 2026');
    expect(shadow(detail).querySelector('[part="action"]')).to.equal(null);
  });

  it('kinds="transfer" shows only transfers', async () => {
    const f = await finder(undefined, { kinds: 'transfer' });
    expect(cards(f).map((c) => c.item?.listing.kind)).to.deep.equal(['transfer', 'transfer']);
  });

  it('with nothing matching, offers buttons that widen the search', async () => {
    window.history.replaceState(null, '', '?q=walk&kind=asset');
    const f = await finder();
    expect(countText(f)).to.equal('No results');
    const buttons = [...shadow(results(f)).querySelectorAll<HTMLButtonElement>('.none button')];
    expect(buttons.map((b) => b.textContent)).to.include('Remove “Places and groups” (1 result)');
    await expect(results(f)).to.be.accessible();
    buttons.find((b) => b.textContent!.startsWith('Remove'))!.click();
    await settle(f);
    expect(countText(f)).to.equal('1 result');
  });

  it('speaks Welsh, with Welsh plurals and feed text in Welsh where given', async () => {
    const f = await finder(undefined, { lang: 'cy' });
    expect(countText(f)).to.equal('6 chanlyniad');
    const names = cards(f).map((c) => shadow(c).querySelector('a')?.textContent);
    expect(names).to.include('Taith iechyd glan yr afon');
    expect(names).to.include('Carers’ café'); // English fallback
    await expect(f).to.be.accessible();
  });

  it('shows the plain-words error when the feed is missing, with the detail in the console', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const f = await finder(`${FIXTURES}/does-not-exist.json`);
      expect(f.matches(':state(error)')).to.equal(true);
      const alert = shadow(f).querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain("We couldn't load the directory just now");
      expect(alert.textContent).not.to.contain('404');
      expect(String(errors[0])).to.contain('404');
      expect(alert.querySelector('button')?.textContent).to.equal('Try again');
      await expect(f).to.be.accessible();
    } finally {
      console.error = original;
    }
  });

  it('shows the error when the feed is not JSON, and when it times out', async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const bad = await finder(`${FIXTURES}/not-json.txt`);
      expect(bad.matches(':state(error)')).to.equal(true);
      const slow = await fixture<AtlasFinder>(html`<atlas-finder timeout="50" .fetcher=${(_: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))} src="/slow.json"></atlas-finder>`);
      await ready(slow);
      expect(slow.matches(':state(error)')).to.equal(true);
      expect(shadow(slow).querySelector('[role="alert"]')?.textContent).to.contain('took too long');
    } finally {
      console.error = original;
    }
  });

  it('says so when the directory is empty', async () => {
    const f = await finder(`${FIXTURES}/empty-feed.json`);
    expect(f.matches(':state(empty)')).to.equal(true);
    expect(shadow(f).textContent).to.contain('There is nothing in this directory yet');
    await expect(f).to.be.accessible();
  });

  it('keeps hostile feed text as text and drops unsafe links', async () => {
    window.history.replaceState(null, '', '?open=evil');
    const f = await finder(`${FIXTURES}/hostile-feed.json`);
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    const root = shadow(detail);
    expect(root.querySelector('h2')?.textContent).to.equal('<script>window.__pwned = 1</script><b>Bold</b>');
    expect(root.querySelectorAll('script, img, iframe, svg, b, marquee, blink')).to.have.length(0);
    expect([...root.querySelectorAll('a')].every((a) => /^(https?|mailto|tel):/.test(a.href))).to.equal(true);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('runs two finders with different feeds and namespaces on one page', async () => {
    const wrap = await fixture(html`<div>
      <atlas-finder id="a" namespace="a" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
      <atlas-finder id="b" namespace="b" .now=${NOW} src="${FIXTURES}/hostile-feed.json"></atlas-finder>
    </div>`);
    const a = wrap.querySelector<AtlasFinder>('#a')!;
    const b = wrap.querySelector<AtlasFinder>('#b')!;
    await ready(a);
    await ready(b);
    expect(cards(a)).to.have.length(6);
    expect(cards(b)).to.have.length(1);
    const free = [...shadow(shadow(a).querySelector('atlas-filters')!).querySelectorAll('label')].find((l) => l.textContent?.startsWith('Free'))!;
    free.click();
    await settle(a);
    expect(new URLSearchParams(window.location.search).get('a.cost')).to.equal('free');
    expect(cards(b)).to.have.length(1);
  });

  it('draws its search and place first and its filters and results in a task after, which updateComplete waits for', async () => {
    const f = document.createElement('atlas-finder') as AtlasFinder;
    f.now = NOW;
    f.lang = 'en';
    f.src = `${FIXTURES}/small-feed.json`;
    // What the task that first drew the search box drew: seen from the mutation records of that task.
    let sameTask: { results: boolean; filters: boolean } | undefined;
    const watch = new MutationObserver(() => {
      if (sameTask || !f.shadowRoot?.querySelector('.top atlas-search')) return;
      sameTask = { results: !!f.shadowRoot.querySelector('atlas-results'), filters: !!f.shadowRoot.querySelector('atlas-filters') };
    });
    document.body.append(f);
    // The shadow root is made on connecting; the first draw waits for a task of its own.
    watch.observe(f.shadowRoot!, { childList: true, subtree: true });
    try {
      await ready(f);
      expect(sameTask).to.deep.equal({ results: false, filters: false });
      expect(cards(f)).to.have.length(6);
      expect(shadow(f).querySelector('atlas-filters')).to.not.equal(null);
    } finally {
      watch.disconnect();
      f.remove();
    }
  });

  it('links each card to the page\'s address with the listing open, as the address would write it, and follows the address as it changes', async () => {
    const f = await finder(`${FIXTURES}/small-feed.json`, { namespace: 'west' });
    const written = (key: string): string => {
      const url = new URL(location.href);
      url.searchParams.set('west.open', key);
      return url.href;
    };
    const card = cards(f)[0]!;
    const link = shadow(card).querySelector('a')!;
    expect(link.getAttribute('href')).to.equal(written(card.item!.listing.key));
    // Keys with every kind of character the address writes its own way, on addresses with other parameters, this finder's own and a fragment.
    const keys = ['B1-B15~n233606', 'a b', "it's (1)!", 'x*y-z_.', 'a+b&c=d#e', 'café ☕', 'lone \ud800 half', '%41', ''];
    for (const address of ['?page=2&q=one%20two', '?west.open=old&west.q=walk', '?x=1#section', '?west.open=atlasOpenKey0e5b']) {
      history.replaceState(null, '', address);
      for (const key of keys) expect(f.hrefFor(key), `${key} at ${address}`).to.equal(written(key));
    }
  });

  it('two finders without a namespace: the second warns in the console and keeps its parameters apart from the first\'s', async () => {
    window.history.replaceState(null, '', '?q=walk');
    const warned: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { warned.push(args.map(String).join(' ')); };
    let wrap: HTMLElement;
    try {
      wrap = await fixture(html`<div>
        <atlas-finder id="a" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
        <atlas-finder id="b" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
      </div>`);
    } finally {
      console.warn = warn;
    }
    const a = wrap.querySelector<AtlasFinder>('#a')!;
    const b = wrap.querySelector<AtlasFinder>('#b')!;
    await ready(a);
    await ready(b);
    // The address's search belongs to the first; the second starts with everything.
    expect(cards(a)).to.have.length(1);
    expect(cards(b)).to.have.length(6);
    expect(warned.filter((w) => /namespace/.test(w)), 'one warning, naming the second finder\'s parameters').to.have.length(1);
    expect(b.namespace).to.not.equal('');
    expect(warned.find((w) => /namespace/.test(w))).to.contain(`"${b.namespace}"`);
    // What the second does stays in its own parameters, and what the first does in the first's.
    const free = [...shadow(shadow(b).querySelector('atlas-filters')!).querySelectorAll('label')].find((l) => l.textContent?.startsWith('Free'))!;
    free.click();
    await settle(b);
    await settle(a);
    const params = new URLSearchParams(window.location.search);
    expect(params.get('cost'), 'not the first finder\'s').to.equal(null);
    expect(params.get(`${b.namespace}.cost`)).to.equal('free');
    expect(params.get('q')).to.equal('walk');
    expect(cards(a)).to.have.length(1);
    // A reload of the same page gives each finder its own state back.
    wrap.remove();
    const again = await fixture(html`<div>
      <atlas-finder id="c" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
      <atlas-finder id="d" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
    </div>`);
    const d = again.querySelector<AtlasFinder>('#d')!;
    await ready(d);
    expect(d.namespace).to.equal(b.namespace);
    const freeAgain = [...shadow(shadow(d).querySelector('atlas-filters')!).querySelectorAll('label')].find((l) => l.textContent?.startsWith('Free'))!;
    expect(freeAgain.querySelector('input')?.checked ?? (shadow(shadow(d).querySelector('atlas-filters')!).querySelector<HTMLInputElement>(`#${freeAgain.htmlFor}`))?.checked).to.equal(true);
  });

  it('tells the host page the words of a search that found nothing, once', async () => {
    const f = await finder();
    const seen: unknown[] = [];
    f.addEventListener('atlas-zero-results', (e) => seen.push(e.detail));
    // Pasted, so no search runs on part of the words ('z' alone finds nothing too, and would rightly be told).
    paste(shadow(shadow(f).querySelector('atlas-search')!).querySelector('input')!, 'zzqx');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => seen.length > 0, 'zero-results event');
    await sendKeys({ press: 'Enter' });
    await settle(f);
    expect(seen).to.deep.equal([{ query: 'zzqx' }]);
  });

  it('reflows at 320 px without horizontal scrolling, with targets of at least 24 px', async () => {
    await setViewport({ width: 320, height: 640 });
    const f = await finder();
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    const filters = shadow(f).querySelector('atlas-filters')!;
    const toggle = shadow(filters).querySelector<HTMLButtonElement>('[part="toggle"]')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await filters.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const targets = [
      ...shadow(filters).querySelectorAll('button, input'),
      ...cards(f).map((c) => shadow(c).querySelector('a')!),
      ...shadow(shadow(f).querySelector('atlas-search')!).querySelectorAll('button, input'),
    ];
    for (const t of targets) {
      const r = t.getBoundingClientRect();
      expect(r.height, t.outerHTML).to.be.at.least(24);
    }
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  });

  it('is not broken by hostile host-page CSS', async () => {
    const style = document.createElement('style');
    style.textContent = '* { display: inline !important; font-size: 2px !important; } button { visibility: hidden !important; }';
    document.head.append(style);
    try {
      const f = await finder();
      const more = shadow(shadow(f).querySelector('atlas-search')!).querySelector('button')!;
      expect(getComputedStyle(more).visibility).to.equal('visible');
      expect(cards(f)).to.have.length(6);
    } finally {
      style.remove();
    }
  });

  it('each theme passes axe', async () => {
    for (const theme of ['gov', 'nhs']) {
      const f = await finder(undefined, { theme });
      expect(getComputedStyle(f).getPropertyValue('--atlas-color-link').trim()).to.equal(theme === 'gov' ? '#1d70b8' : '#005eb8');
      await expect(f).to.be.accessible();
    }
  });

  it('fires atlas-open, which a host may cancel', async () => {
    const f = await finder();
    f.addEventListener('atlas-open', (e) => e.preventDefault(), { once: true });
    const opened = oneEvent(f, 'atlas-open');
    shadow(cards(f)[0]!).querySelector('a')!.click();
    const e = await opened;
    expect(e.detail.key).to.be.a('string');
    await settle(f);
    expect(shadow(f).querySelector('atlas-listing')).to.equal(null);
  });

  it('keeps a visible focus outline in forced colours mode', async function () {
    await emulateMediaOrSkip(this, { forcedColors: 'active' });
    try {
      const f = await finder();
      const input = shadow(shadow(f).querySelector('atlas-search')!).querySelector('input')!;
      input.focus();
      const style = getComputedStyle(input);
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    } finally {
      await emulateMedia({ forcedColors: 'none' });
    }
  });

  it('shows every result on the map, loaded only when asked for, with the list still there', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder view="both" tile-url="/test/fixtures/tiles/tile.png" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
    await ready(f);
    await waitUntil(() => shadow(f).querySelector('atlas-map'), 'map did not load', { timeout: 8000 });
    // The finder gives the map its results as points (every result with a place: five of the six), from the engine a moment later.
    const map = shadow(f).querySelector('atlas-map') as HTMLElement & { points?: { keys: string[] } };
    await waitUntil(() => map.points, 'the map was given no points');
    const placed = cards(f).map((c) => c.item!.listing).filter((l) => l.location?.lat !== undefined).map((l) => l.key);
    expect(placed).to.have.length(5);
    expect([...map.points!.keys].sort()).to.deep.equal(placed.sort());
    expect(cards(f)).to.have.length(6);
    const views = [...shadow(f).querySelectorAll<HTMLButtonElement>('.views button')];
    expect(views.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'true']);
  });

  it('takes its language from the page when it has no lang of its own', async () => {
    const wrap = await fixture(html`<div lang="cy"><atlas-finder .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder></div>`);
    const f = wrap.querySelector<AtlasFinder>('atlas-finder')!;
    await ready(f);
    expect(countText(f)).to.equal('6 chanlyniad');
    expect(f.hasAttribute('lang')).to.equal(false);
  });

  it('Back steps back through filters the person applied', async () => {
    const f = await finder();
    const filters = shadow(f).querySelector('atlas-filters')!;
    const label = (start: string) => [...shadow(filters).querySelectorAll('label')].find((l) => l.textContent?.startsWith(start))!;
    label('Free').click();
    await settle(f);
    label('Activities').click();
    await settle(f);
    expect(countText(f)).to.equal('1 result');
    window.history.back();
    await waitUntil(() => countText(f) === '3 results', `after one Back the count was ${countText(f)}`);
    window.history.back();
    await waitUntil(() => countText(f) === '6 results', `after two Backs the count was ${countText(f)}`);
  });

  it('measures from a postcode, sorts nearest first and offers distance bands that narrow the list', async () => {
    const f = await finder();
    const location = shadow(f).querySelector('atlas-location')!;
    shadow(location).querySelector('input')!.value = 'NB3 9ZZ';
    shadow(location).querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => new URLSearchParams(window.location.search).has('near'), 'no place in the URL');
    await settle(f);
    expect(cards(f)[0]!.item?.listing.id).to.equal('carers-cafe');
    expect(shadow(cards(f)[0]!).textContent).to.contain('Less than 0.1 miles away');
    const filters = shadow(f).querySelector('atlas-filters')!;
    await filters.updateComplete;
    [...shadow(filters).querySelectorAll('label')].find((l) => l.textContent!.startsWith('Within 1 mile'))!.click();
    await settle(f);
    expect(countText(f)).to.equal('1 result');
    await expect(filters).to.be.accessible();
  });

  it('passes string overrides down to its parts', async () => {
    const f = await finder();
    f.strings = { searchLabel: 'Find something', showFilters: 'Narrow down' };
    await settle(f);
    expect(shadow(shadow(f).querySelector('atlas-search')!).querySelector('label')?.textContent).to.equal('Find something');
    expect(shadow(shadow(f).querySelector('atlas-filters')!).querySelector('[part="toggle"]')?.textContent?.trim()).to.equal('Narrow down');
  });

  it('names categories as the feed does, and on a Welsh page falls back to the kit’s Welsh names where the feed has none', async () => {
    const feed = {
      version: '1', publisher: { name: 'Council' }, updated: '2026-11-01', languages: ['en', 'cy'],
      vocabulary: { categories: [{ id: 'park-garden', label: { en: 'Parks and gardens', cy: 'Parciau a gerddi' } }, { id: 'walking', label: { en: 'Walking groups' } }] },
      listings: [{ id: 'a', kind: 'asset', name: 'A', categories: ['park-garden', 'walking', 'peer-support'] }],
    };
    const fetcher = () => Promise.resolve(new Response(JSON.stringify(feed), { headers: { 'content-type': 'application/json' } }));
    const labels = (f: AtlasFinder) =>
      [...shadow(shadow(f).querySelector('atlas-filters')!).querySelectorAll('label')].map((l) => l.textContent!.replace(/\(\d+\)/, '').trim());
    for (const [lang, expected] of [
      ['en', ['Parks and gardens', 'Walking groups', 'Peer support']],
      ['cy', ['Parciau a gerddi', 'Cerdded', 'Cymorth gan gymheiriaid']],
    ] as const) {
      const f = await fixture<AtlasFinder>(html`<atlas-finder src="/categories.json" lang=${lang} .fetcher=${fetcher} .now=${NOW}></atlas-finder>`);
      await ready(f);
      await settle(f);
      await shadow(f).querySelector('atlas-filters')!.updateComplete;
      expect(labels(f), lang).to.include.members([...expected]);
    }
  });
});
