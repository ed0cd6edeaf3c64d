import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import type { AtlasListing } from '@community-atlas/core';
import { settled } from '../../../../test/support/settle.js';
import { emulateMediaOrSkip, paste, press } from '../../../../test/support/keyboard.js';
import '../define.js';
import './define-prescriber.js';
import type { AtlasFinder } from '../finder/finder.js';
import type { AtlasShortlist } from './shortlist.js';
import { MAX_SHORTLIST, ShortlistStore, shortlistStorageKey } from './store.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';

const FIXTURES = '/packages/elements/test-fixtures';
const NOW = new Date('2026-11-23T09:30:00Z');

/** A Storage whose every call throws, as Safari's private mode and blocked-cookie settings do. */
const blocked = {
  getItem: () => { throw new DOMException('blocked', 'SecurityError'); },
  setItem: () => { throw new DOMException('blocked', 'SecurityError'); },
  removeItem: () => { throw new DOMException('blocked', 'SecurityError'); },
} as unknown as Storage;

function listing(i: number, extra: Partial<AtlasListing> = {}): AtlasListing {
  return {
    id: `l${i}`, key: `l${i}`, publisherId: 'p', kind: 'activity', name: `Option ${i}`, summary: `What option ${i} is`,
    referral: ['self'], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: ['in-person'], areas: [], schedule: [],
    ...extra,
  } as AtlasListing;
}

const deep = (): Element | null => {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
};

async function shortlistOf(count: number, storage?: Storage, lang = 'en'): Promise<{ el: AtlasShortlist; store: ShortlistStore }> {
  const store = new ShortlistStore(`test-${Math.random()}`, storage ?? window.sessionStorage);
  const all = new Map(Array.from({ length: count }, (_, i) => [`l${i + 1}`, listing(i + 1)]));
  for (const key of all.keys()) store.add(key);
  const el = await fixture<AtlasShortlist>(html`<atlas-shortlist lang=${lang} .store=${store} .lookup=${(k: string) => all.get(k)}
    .linkFor=${(keys: readonly string[]) => `https://example.org/gp?list=${keys.join(',')}`} publisher="Northbridge Borough Council" .now=${NOW}></atlas-shortlist>`);
  return { el, store };
}

const names = (el: AtlasShortlist): string[] => [...el.renderRoot.querySelectorAll('li .name')].map((n) => n.textContent!.trim());

describe('ShortlistStore', () => {
  it('keeps the list in localStorage under a key per page, feed and namespace', () => {
    const key = shortlistStorageKey('/gp', 'feed.json');
    localStorage.removeItem(key);
    const a = new ShortlistStore(key);
    a.add('x');
    a.add('y');
    expect(new ShortlistStore(key).keys).to.deep.equal(['x', 'y']);
    expect(new ShortlistStore(shortlistStorageKey('/gp', 'other.json')).keys).to.deep.equal([]);
    expect(shortlistStorageKey('/gp', 'feed.json', 'west')).to.not.equal(key);
    a.clear();
    expect(localStorage.getItem(key)).to.equal(null);
  });

  it('works in memory when storage is blocked, and says so', () => {
    const store = new ShortlistStore('k', blocked);
    store.add('a');
    store.add('b');
    store.move('b', -1);
    expect(store.keys).to.deep.equal(['b', 'a']);
    expect(store.persistent).to.equal(false);
  });

  it('carries on in memory when storage fills up mid-visit', () => {
    let full = false;
    const data = new Map<string, string>();
    const filling = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => { if (full) throw new DOMException('full', 'QuotaExceededError'); data.set(k, v); },
      removeItem: (k: string) => data.delete(k),
    } as unknown as Storage;
    const store = new ShortlistStore('k', filling);
    store.add('a');
    full = true;
    store.add('b');
    expect(store.keys).to.deep.equal(['a', 'b']);
    expect(store.persistent).to.equal(false);
  });

  it('ignores a stored value that is not a list of keys', () => {
    const key = 'atlas-shortlist:/bad';
    localStorage.setItem(key, '{"not":"a list"}');
    expect(new ShortlistStore(key).keys).to.deep.equal([]);
    localStorage.setItem(key, '["a", 3, null, "a", "b"]');
    expect(new ShortlistStore(key).keys).to.deep.equal(['a', 'b']);
    localStorage.removeItem(key);
  });
});

describe('atlas-shortlist', () => {
  it('shows the count and the options in order, and passes axe', async () => {
    const { el } = await shortlistOf(3);
    expect(el.renderRoot.querySelector('h2')!.textContent).to.contain('3 options');
    expect(names(el)).to.deep.equal(['Option 1', 'Option 2', 'Option 3']);
    await expect(el).to.be.accessible();
  });

  it('moves an option down and up by keyboard, keeping focus on the button pressed, and announces it', async () => {
    const { el } = await shortlistOf(3);
    const down = el.renderRoot.querySelector<HTMLButtonElement>('li[data-key="l1"] .down')!;
    down.focus();
    const change = oneEvent(el, 'atlas-shortlist-change');
    await sendKeys({ press: 'Enter' });
    expect((await change).detail).to.deep.include({ action: 'move', key: 'l1', keys: ['l2', 'l1', 'l3'] });
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Option 2', 'Option 1', 'Option 3']);
    expect(deep()?.getAttribute('aria-label')).to.equal('Down: move Option 1 down');
    expect(el.renderRoot.querySelector('[aria-live="polite"]')!.textContent).to.equal('Option 1 moved to 2 of 3.');
    await press('Shift+Tab');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Option 1', 'Option 2', 'Option 3']);
  });

  it('removing an option moves focus to the next one, never to the page', async () => {
    const { el, store } = await shortlistOf(3);
    el.renderRoot.querySelector<HTMLButtonElement>('li[data-key="l2"] .remove')!.click();
    await el.updateComplete;
    expect(store.keys).to.deep.equal(['l1', 'l3']);
    expect(deep()?.getAttribute('aria-label')).to.equal('Remove from shortlist: Option 3');
    expect(el.renderRoot.querySelector('[aria-live="polite"]')!.textContent).to.equal('Removed Option 2. 2 options on the shortlist.');
  });

  it('clears with an undo that brings the same list back', async () => {
    const { el, store } = await shortlistOf(4);
    el.renderRoot.querySelector<HTMLButtonElement>('.clear')!.click();
    await el.updateComplete;
    expect(store.size).to.equal(0);
    const undo = el.renderRoot.querySelector<HTMLButtonElement>('.undo')!;
    expect(deep()).to.equal(undo);
    undo.click();
    await el.updateComplete;
    expect(names(el)).to.deep.equal(['Option 1', 'Option 2', 'Option 3', 'Option 4']);
  });

  it('a shortlist of 50 stays usable: every option has its controls, and the last moves up', async () => {
    const { el, store } = await shortlistOf(50);
    expect(el.renderRoot.querySelectorAll('li')).to.have.length(50);
    expect(el.renderRoot.querySelector('h2')!.textContent).to.contain('50 options');
    el.renderRoot.querySelector<HTMLButtonElement>('li[data-key="l50"] .up')!.click();
    await el.updateComplete;
    expect(store.keys.slice(-2)).to.deep.equal(['l50', 'l49']);
    expect(el.renderRoot.querySelector('atlas-print-view')!.renderRoot.querySelectorAll('li.option')).to.have.length(50);
  });

  it('tells the prescriber when the browser is not keeping the list', async () => {
    const { el } = await shortlistOf(2, blocked);
    expect(el.renderRoot.querySelector('.notice')!.textContent).to.contain('will be lost');
  });

  it('copies the list as plain text, falling back to selected text when the clipboard is refused', async () => {
    const { el } = await shortlistOf(2);
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denied')) } });
    try {
      const share = oneEvent(el, 'atlas-share');
      el.renderRoot.querySelector<HTMLButtonElement>('.copy-text')!.click();
      expect((await share).detail).to.deep.equal({ method: 'text', count: 2 });
      await waitUntil(() => el.renderRoot.querySelector('.fallback'));
      const area = el.renderRoot.querySelector<HTMLTextAreaElement>('.fallback')!;
      expect(area.value).to.match(/^Your options\n\n1\. Option 1\nWhat option 1 is\n/);
      expect(area.value).to.contain('How to join: You can refer yourself');
      expect(area.value.trim().endsWith('https://example.org/gp?list=l1,l2')).to.equal(true);
      expect(area.selectionEnd - area.selectionStart).to.equal(area.value.length);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (original) Object.defineProperty(Navigator.prototype, 'clipboard', original);
    }
  });

  it('offers an email with the same text, and the note never reaches the link, the email or storage', async () => {
    const { el } = await shortlistOf(2);
    const note = el.renderRoot.querySelector<HTMLTextAreaElement>('#note')!;
    note.value = 'Private: ring Sam';
    note.dispatchEvent(new Event('input'));
    await el.updateComplete;
    const mail = el.renderRoot.querySelector<HTMLAnchorElement>('a.email')!;
    expect(mail.href.startsWith('mailto:?subject=Your%20options%20from%20Northbridge%20Borough%20Council&body=')).to.equal(true);
    expect(decodeURIComponent(mail.href)).to.contain('1. Option 1');
    expect(decodeURIComponent(mail.href)).to.not.contain('Sam');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).to.not.contain('Sam');
    const view = el.renderRoot.querySelector('atlas-print-view')!;
    await view.updateComplete;
    expect(view.renderRoot.querySelector('.note')!.textContent).to.contain('Private: ring Sam');
  });

  it('prints in Welsh, with Welsh counts and dates', async () => {
    const { el } = await shortlistOf(2, undefined, 'cy');
    expect(el.renderRoot.querySelector('h2')!.textContent).to.contain('Rhestr fer').and.contain('2 ddewis');
    const view = el.renderRoot.querySelector('atlas-print-view')!;
    await view.updateComplete;
    const paper = view.renderRoot.textContent!.replace(/\s+/g, ' ');
    expect(paper).to.contain('Eich dewisiadau');
    expect(paper).to.contain('Argraffwyd ar ddydd Llun 23 Tachwedd 2026 o gyfeiriadur Northbridge Borough Council.');
    expect(paper).to.contain('Gallwch atgyfeirio eich hun');
    await expect(view).to.be.accessible();
  });
});

describe('a full shortlist', () => {
  it('says so when one more is added, offers to clear, and clearing empties it', async () => {
    const { el, store } = await shortlistOf(MAX_SHORTLIST);
    expect(store.full).to.equal(true);
    expect(store.add('l999'), 'the add is refused').to.equal(false);
    await el.updateComplete;
    expect(store.size).to.equal(MAX_SHORTLIST);
    expect(el.renderRoot.querySelector('[role="status"]')!.textContent).to.contain(`The shortlist is full: it holds ${MAX_SHORTLIST} options`);
    const notice = el.renderRoot.querySelector('.notice.full')!;
    expect(notice.textContent).to.contain('Remove one, or clear the shortlist');
    notice.querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    expect(store.size).to.equal(0);
    expect(el.renderRoot.querySelector('.notice.full')).to.equal(null);
  });
});

describe('atlas-finder mode="prescriber"', () => {
  const start = window.location.href;
  afterEach(() => {
    window.history.replaceState(null, '', start);
    for (const key of Object.keys(localStorage)) if (key.startsWith('atlas-')) localStorage.removeItem(key);
  });

  async function finder(): Promise<AtlasFinder> {
    const f = await fixture<AtlasFinder>(html`<atlas-finder mode="prescriber" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
    await waitUntil(() => f.renderRoot.querySelector('atlas-results'), 'results', { timeout: 5000 });
    await f.updateComplete;
    return f;
  }
  const cards = (f: AtlasFinder) => [...f.renderRoot.querySelector('atlas-results')!.renderRoot.querySelectorAll('atlas-card')];

  it('cards and the open listing have "Add to shortlist"; a resident finder has none', async () => {
    const f = await finder();
    const card = cards(f)[0]!;
    await card.updateComplete;
    const meta = card.renderRoot.querySelector('.meta')!.textContent!;
    const route = card.item!.listing.referral;
    expect(route.length, 'the fixture listing has a referral route').to.be.greaterThan(0);
    for (const r of route) expect(meta).to.contain({ self: 'Self-referral', 'drop-in': 'Drop in', professional: 'Professional referral' }[r]);
    const button = card.renderRoot.querySelector<HTMLButtonElement>('.shortlist-toggle')!;
    expect(button.textContent).to.contain('Add to shortlist');
    button.click();
    await card.updateComplete;
    expect(button.textContent).to.contain('Remove from shortlist');
    const list = f.renderRoot.querySelector('atlas-shortlist')!;
    await list.updateComplete;
    expect(list.renderRoot.querySelector('h2')!.textContent).to.contain('1 option');
    await expect(f).to.be.accessible();

    window.history.replaceState(null, '', `${window.location.pathname}?page=2&q=walk&cost=free`);
    const link = new URL((f.renderRoot.querySelector('atlas-shortlist') as unknown as { linkFor: (k: string[]) => string }).linkFor(['a', 'b']));
    expect([...link.searchParams]).to.deep.equal([['page', '2'], ['list', 'a,b']]);

    const resident = await fixture<AtlasFinder>(html`<atlas-finder .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
    await waitUntil(() => resident.renderRoot.querySelector('atlas-results'));
    const residentCard = cards(resident)[0]!;
    await residentCard.updateComplete;
    expect(residentCard.renderRoot.querySelector('.shortlist-toggle')).to.equal(null);
    expect(resident.renderRoot.querySelector('atlas-shortlist')).to.equal(null);
  });

  it('keeps the person\'s age, postcode, coordinates, search words and filters out of the address, history.state and storage; a copied link carries only the chosen listings; the page says so', async () => {
    const f = await finder();
    // Storage as other tests left it is not this finder's doing: only what changes from here on counts.
    const stored = (s: Storage, before: Record<string, string> = {}) => Object.entries({ ...s }).filter(([k, v]) => before[k] !== v);
    const local = { ...localStorage };
    const session = { ...sessionStorage };
    const everywhere = (): string => [
      window.location.href, decodeURIComponent(window.location.href), JSON.stringify(window.history.state),
      JSON.stringify(stored(localStorage, local)), JSON.stringify(stored(sessionStorage, session)),
    ].join(' ');
    const historyLength = window.history.length;
    const search = f.renderRoot.querySelector('atlas-search')!;
    const field = search.renderRoot.querySelector('input')!;
    field.focus();
    await sendKeys({ type: 'cuppa' });
    await sendKeys({ press: 'Enter' });
    const bar = f.renderRoot.querySelector('atlas-prescriber-bar')!;
    const age = bar.renderRoot.querySelector<HTMLInputElement>('#age')!;
    age.value = '83';
    age.dispatchEvent(new Event('change'));
    const location = f.renderRoot.querySelector('atlas-location')!;
    location.renderRoot.querySelector('input')!.value = 'NB1 2AA';
    location.renderRoot.querySelector('form')!.requestSubmit();
    await location.updateComplete;
    await waitUntil(() => f.renderRoot.querySelector('atlas-location')?.near, 'the postcode was found');
    const filters = f.renderRoot.querySelector('atlas-filters')!;
    filters.dispatchEvent(new AtlasStateChangeEvent({ patch: { filters: { need: ['carer'] } }, history: 'push' }));
    await f.updateComplete;

    // All of it is in force on the page…
    const near = f.renderRoot.querySelector('atlas-location')!.near!;
    expect(near.label).to.equal('NB1 2AA');
    expect(f.renderRoot.querySelector('atlas-search')!.value).to.equal('cuppa');
    expect(f.renderRoot.querySelector('atlas-prescriber-bar')!.age).to.equal(83);
    // …and none of it anywhere a browser keeps or shows it.
    const kept = everywhere();
    for (const secret of ['cuppa', '83', 'NB1', 'nb1', 'carer', String(near.lat).slice(0, 5), String(near.lng).slice(0, 5)]) {
      expect(kept, `"${secret}" is kept nowhere`).to.not.contain(secret);
    }
    for (const name of ['q', 'age', 'near', 'need', 'sort', 'distance']) expect(new URLSearchParams(window.location.search).has(name), name).to.equal(false);
    expect(window.history.length, 'no history entry per search').to.equal(historyLength);

    // Opening a listing and going back keeps the search, from memory.
    await waitUntil(() => cards(f).length === 1, 'the carers\' café is found');
    {
      const first = cards(f)[0]!;
      const key = first.item!.listing.key;
      first.renderRoot.querySelector<HTMLAnchorElement>('a')!.click();
      await waitUntil(() => f.renderRoot.querySelector('atlas-listing'), 'the listing opens');
      expect(new URLSearchParams(window.location.search).get('open')).to.equal(key);
      expect(everywhere()).to.not.contain('cuppa');
      window.history.back();
      await waitUntil(() => f.renderRoot.querySelector('atlas-results'), 'back at the results');
      await f.updateComplete;
      expect(f.renderRoot.querySelector('atlas-search')!.value, 'the words came back from memory').to.equal('cuppa');
      expect(f.renderRoot.querySelector('atlas-prescriber-bar')!.age).to.equal(83);
    }

    const list = f.renderRoot.querySelector('atlas-shortlist')!;
    list.store!.add('walk-riverside');
    await list.updateComplete;
    const link = new URL(list.linkFor!(['walk-riverside']));
    // The test runner's own parameter is the host page's, and stays.
    expect([...link.searchParams].filter(([k]) => k !== 'wtr-session-id')).to.deep.equal([['list', 'walk-riverside']]);
    expect(JSON.stringify(stored(localStorage, local))).to.not.contain('cuppa');

    expect(f.renderRoot.querySelector('atlas-prescriber-bar')!.renderRoot.querySelector('.privacy')!.textContent)
      .to.contain('not put in the address bar, the browser’s history or its storage');
  });

  it('a shared link counts the keys it cannot show, those with spaces, <, > or " included', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?list=${encodeURIComponent('walk-riverside,bad<id>,say "x",two words')}`);
    const f = await fixture<AtlasFinder>(html`<atlas-finder .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
    await waitUntil(() => f.renderRoot.querySelector('atlas-print-view'), 'the "your list" view', { timeout: 5000 });
    const view = f.renderRoot.querySelector('atlas-print-view')!;
    await view.updateComplete;
    expect(view.missing).to.equal(3);
    expect(view.renderRoot.textContent).to.contain('3 options in this link are no longer in the directory');
  });

  it('takes stored options the feed no longer has off the list, says so, and counts only what is shown', async () => {
    const src = `${FIXTURES}/small-feed.json`;
    const key = shortlistStorageKey(window.location.pathname, src, '');
    localStorage.setItem(key, JSON.stringify(['gone-a', 'walk-riverside', 'gone-b']));
    const f = await finder();
    const list = f.renderRoot.querySelector('atlas-shortlist')!;
    await waitUntil(() => list.store?.size === 1, 'the stale options are taken off');
    await list.updateComplete;
    expect(list.store!.keys).to.deep.equal(['walk-riverside']);
    expect(JSON.parse(localStorage.getItem(key)!)).to.deep.equal(['walk-riverside']);
    expect(list.renderRoot.querySelector('h2')!.textContent).to.contain('1 option');
    expect(list.renderRoot.querySelector('.panel')!.textContent).to.contain('2 options saved on this computer are no longer in the directory');
    expect(names(list)).to.deep.equal(['Riverside health walk']);
  });

  it('the open listing has "Add to shortlist", and s adds it there too', async () => {
    const f = await finder();
    const first = cards(f)[0]!;
    const key = first.item!.listing.key;
    first.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => f.renderRoot.querySelector('atlas-listing'), 'the listing opens');
    const detail = f.renderRoot.querySelector('atlas-listing')!;
    await detail.updateComplete;
    expect(detail.renderRoot.querySelector('.shortlist-toggle')!.textContent).to.contain('Add to shortlist');
    await sendKeys({ press: 's' });
    await detail.updateComplete;
    const store = f.renderRoot.querySelector('atlas-shortlist')!.store!;
    expect(store.keys).to.deep.equal([key]);
    const list = f.renderRoot.querySelector('atlas-shortlist')!;
    await list.updateComplete;
    expect(list.renderRoot.querySelector('h2')!.textContent, 'the shortlist is beside the open listing').to.contain('1 option');
    expect(detail.renderRoot.querySelector('.shortlist-toggle')!.textContent).to.contain('Remove from shortlist');

    // The note typed beside the listing is still there back at the results (in memory, not stored).
    const note = list.renderRoot.querySelector<HTMLTextAreaElement>('#note')!;
    note.value = 'Bring a coat';
    note.dispatchEvent(new Event('input'));
    detail.renderRoot.querySelector<HTMLButtonElement>('.back')!.click();
    await waitUntil(() => f.renderRoot.querySelector('atlas-results'), 'back at the results');
    const again = f.renderRoot.querySelector('atlas-shortlist')!;
    await again.updateComplete;
    expect(again.renderRoot.querySelector<HTMLTextAreaElement>('#note')!.value).to.equal('Bring a coat');
    expect(JSON.stringify({ ...localStorage })).to.not.contain('coat');
  });

  it('Print fires atlas-print, hides the host page around the finder while printing, and lets go afterwards', async () => {
    const f = await finder();
    const list = f.renderRoot.querySelector('atlas-shortlist')!;
    list.store!.add(cards(f)[0]!.item!.listing.key);
    await list.updateComplete;
    let printingDuringPrint = false;
    const real = window.print;
    window.print = () => { printingDuringPrint = document.documentElement.hasAttribute('data-atlas-printing') && f.hasAttribute('data-atlas-printing'); };
    try {
      const printed = oneEvent(f, 'atlas-print');
      list.renderRoot.querySelector<HTMLButtonElement>('.print')!.click();
      expect((await printed).detail).to.deep.equal({ count: 1 });
    } finally {
      window.print = real;
    }
    expect(printingDuringPrint).to.equal(true);
    window.dispatchEvent(new Event('afterprint'));
    expect(document.documentElement.hasAttribute('data-atlas-printing')).to.equal(false);
    expect(f.hasAttribute('data-atlas-printing')).to.equal(false);
  });

  it('Ctrl+P with two prescriber finders on the page prints the one in use, not both', async () => {
    const pair = await fixture<HTMLElement>(html`<div>
      <atlas-finder mode="prescriber" namespace="east" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
      <atlas-finder mode="prescriber" namespace="west" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder></div>`);
    const [east, west] = [...pair.querySelectorAll<AtlasFinder>('atlas-finder')] as [AtlasFinder, AtlasFinder];
    for (const f of [east, west]) {
      await waitUntil(() => f.renderRoot.querySelector('atlas-shortlist') && cards(f).length, 'results and shortlist', { timeout: 5000 });
      const list = f.renderRoot.querySelector('atlas-shortlist')!;
      list.store!.add(cards(f)[0]!.item!.listing.key);
      await list.updateComplete;
    }
    const printing = (): string[] => [east, west].filter((f) => f.hasAttribute('data-atlas-printing')).map((f) => f.namespace);
    try {
      // The link worker is in the second finder (focus on one of its cards): Ctrl+P prints that one.
      cards(west)[1]!.focus();
      window.dispatchEvent(new Event('beforeprint'));
      expect(printing()).to.deep.equal(['west']);
      window.dispatchEvent(new Event('afterprint'));
      expect(printing()).to.deep.equal([]);
      // Then back in the first, by pointer.
      cards(east)[0]!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      window.dispatchEvent(new Event('beforeprint'));
      expect(printing()).to.deep.equal(['east']);
    } finally {
      window.dispatchEvent(new Event('afterprint'));
    }
  });

  it('/ and l pressed outside two prescriber finders go to the one in use, not always the first', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <atlas-finder mode="prescriber" namespace="east" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
      <atlas-finder mode="prescriber" namespace="west" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>
      <button type="button">Notes</button></div>`);
    const [east, west] = [...page.querySelectorAll<AtlasFinder>('atlas-finder')] as [AtlasFinder, AtlasFinder];
    for (const f of [east, west]) await waitUntil(() => f.renderRoot.querySelector('atlas-shortlist') && cards(f).length, 'results and shortlist', { timeout: 5000 });
    const searchHasFocus = (f: AtlasFinder): boolean => f.shadowRoot!.activeElement?.localName === 'atlas-search';
    // The link worker last clicked in the second finder, then went to a button of the page around it.
    cards(west)[0]!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    page.querySelector('button')!.focus();
    await sendKeys({ press: '/' });
    expect(searchHasFocus(west), 'the search of the finder in use').to.equal(true);
    expect(searchHasFocus(east)).to.equal(false);
    page.querySelector('button')!.focus();
    await sendKeys({ press: 'l' });
    expect(west.shadowRoot!.activeElement?.localName, 'the shortlist of the finder in use').to.equal('atlas-shortlist');
    expect(east.shadowRoot!.activeElement).to.equal(null);
  });

  it('single-key shortcuts never fire while typing, and can be turned off', async () => {
    const f = await finder();
    f.renderRoot.querySelector('atlas-search')!.focus();
    await sendKeys({ type: 'js/' });
    expect(f.renderRoot.querySelector('atlas-shortlist')!.store!.size).to.equal(0);
    const input = f.renderRoot.querySelector('atlas-search')!.renderRoot.querySelector('input')!;
    expect(input.value).to.equal('js/');
    // The search runs a moment after typing stops (and finds nothing for "js/"): let it land, then empty the
    // field and wait for every result to be back, so the cards pressed below are not redrawn under the keys.
    // (Prescriber mode keeps the words out of the address: the results say when the search ran.)
    await waitUntil(() => cards(f).length === 0, 'the search ran');
    await press('Control+a');
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => cards(f).length > 1, 'every result is back');
    await f.updateComplete;
    await f.renderRoot.querySelector('atlas-results')!.updateComplete;
    await Promise.all(cards(f).map((c) => c.updateComplete));

    cards(f)[0]!.focus();
    await sendKeys({ press: 'j' });
    expect(cards(f).findIndex((c) => c.shadowRoot!.activeElement)).to.equal(1);

    const bar = f.renderRoot.querySelector('atlas-prescriber-bar')!;
    bar.renderRoot.querySelector('details')!.open = true;
    bar.renderRoot.querySelector<HTMLInputElement>('.switch input')!.click();
    // Let the finder and its results finish re-rendering after the switch, so the card focused next is the one shown.
    await settled(f);
    cards(f)[0]!.focus();
    await waitUntil(() => cards(f).findIndex((c) => c.shadowRoot!.activeElement) === 0, 'the first card has focus');
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 's' });
    expect(cards(f).findIndex((c) => c.shadowRoot!.activeElement), 'j is off').to.equal(0);
    expect(f.renderRoot.querySelector('atlas-shortlist')!.store!.size, 's is off').to.equal(0);
    await sendKeys({ press: 'ArrowDown' });
    expect(cards(f).findIndex((c) => c.shadowRoot!.activeElement), 'arrow keys still move').to.equal(1);
  });

  it('keys pressed the moment prescriber mode is turned on, before its chunk has arrived, still work', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
    await waitUntil(() => f.renderRoot.querySelector('atlas-results'), 'results', { timeout: 5000 });
    await f.updateComplete;
    await Promise.all(cards(f).map((c) => c.updateComplete));
    const first = cards(f)[0]!;
    first.focus();
    f.mode = 'prescriber';
    // In the same task, so the chunk cannot have arrived: s adds the focused result, j moves to the next.
    for (const key of ['s', 'j']) first.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    await waitUntil(() => f.renderRoot.querySelector('atlas-shortlist'), 'the shortlist arrives');
    const list = f.renderRoot.querySelector('atlas-shortlist')!;
    await list.updateComplete;
    expect(list.store!.keys).to.deep.equal([first.item!.listing.key]);
    expect(cards(f).findIndex((c) => c.shadowRoot!.activeElement)).to.equal(1);
    expect(list.renderRoot.querySelector('h2')!.textContent).to.contain('1 option');
  });

  it('a prescriber finder shows its results with the shortlist and its buttons already there, and takes keys at once', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder mode="prescriber" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
    await waitUntil(() => f.renderRoot.querySelector('atlas-results'), 'results', { timeout: 5000 });
    // No waiting for the prescriber's parts: they are in place when the results are.
    expect(f.renderRoot.querySelector('atlas-shortlist')).to.not.equal(null);
    expect(f.renderRoot.querySelector('atlas-prescriber-bar')).to.not.equal(null);
    await f.updateComplete;
    const first = cards(f)[0]!;
    await first.updateComplete;
    expect(first.renderRoot.querySelector('.shortlist-toggle')).to.not.equal(null);
    first.focus();
    await sendKeys({ press: 's' });
    await sendKeys({ press: 'j' });
    expect(f.renderRoot.querySelector('atlas-shortlist')!.store!.keys).to.deep.equal([first.item!.listing.key]);
    expect(cards(f).findIndex((c) => c.shadowRoot!.activeElement)).to.equal(1);
  });

  it('on a wide screen puts filters, results and the shortlist side by side, and prints only the shortlist', async function () {
    await setViewport({ width: 1400, height: 900 });
    let printing = false;
    try {
      const f = await finder();
      const layout = f.renderRoot.querySelector('.layout')!;
      expect(getComputedStyle(layout).gridTemplateColumns.split(' '), 'three columns').to.have.length(3);
      const aside = f.renderRoot.querySelector<HTMLElement>('.shortlist')!;
      expect(getComputedStyle(aside).position).to.equal('sticky');
      await emulateMediaOrSkip(this, { media: 'print' });
      printing = true;
      expect(getComputedStyle(aside).display, 'not printed unless printing the list').to.equal('none');
      f.setAttribute('data-atlas-printing', '');
      expect(getComputedStyle(f.renderRoot.querySelector('.main')!).display, 'the results are not printed with the list').to.equal('none');
      expect(getComputedStyle(aside).display).to.not.equal('none');
      f.removeAttribute('data-atlas-printing');
    } finally {
      if (printing) await emulateMedia({ media: 'screen' });
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('a shared link shows the listings it names, read-only, and says how many are gone', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?list=carers-cafe,no-such-listing,walk-riverside`);
    const f = await fixture<AtlasFinder>(html`<atlas-finder mode="prescriber" .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
    await waitUntil(() => f.renderRoot.querySelector('atlas-print-view'), 'your list', { timeout: 5000 });
    const view = f.renderRoot.querySelector('atlas-print-view')!;
    await view.updateComplete;
    expect([...view.renderRoot.querySelectorAll('li.option h3')].map((h) => h.textContent!.trim())).to.deep.equal(['1. Carers’ café', '2. Riverside health walk']);
    expect(view.renderRoot.querySelector('.missing')!.textContent).to.equal('1 option in this link is no longer in the directory.');
    expect(f.renderRoot.querySelector('atlas-search')).to.equal(null);
    // Drawn whole at once: the finder gives back the screen's height it held while loading.
    await waitUntil(() => !f.matches(':state(drawing)'), 'the shared list still holds a screen of height');
    await expect(f).to.be.accessible();
    f.renderRoot.querySelector<HTMLButtonElement>('.shared-actions .link-button')!.click();
    await waitUntil(() => f.renderRoot.querySelector('atlas-search'), 'back to the directory');
    expect(new URLSearchParams(window.location.search).has('list')).to.equal(false);
  });

  it('a shared link names the directory\'s publisher, in English and in Welsh', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?list=carers-cafe`);
    for (const lang of ['en', 'cy']) {
      const f = await fixture<AtlasFinder>(html`<atlas-finder lang=${lang} .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
      await waitUntil(() => f.renderRoot.querySelector('atlas-print-view'), 'your list', { timeout: 5000 });
      const view = f.renderRoot.querySelector('atlas-print-view')!;
      await view.updateComplete;
      const meta = view.renderRoot.querySelector('.meta')!.textContent!;
      expect(meta, lang).to.contain('Northbridge Borough Council');
      expect(meta, lang).not.to.contain('[object Object]');
      // One finder on the page at a time (a second without a namespace would take its own, finder2).
      f.remove();
    }
  });

  it('tells the host page a search found nothing, once, without the person\'s words (they stay in the finder, as the address does)', async () => {
    const f = await finder();
    const seen: unknown[] = [];
    f.addEventListener('atlas-zero-results', (e) => seen.push(e.detail));
    // Pasted, so no search runs on part of the words (typed a key at a time on a slow machine, 'zz' and
    // 'zzq' would each be a search of its own that found nothing).
    paste(f.renderRoot.querySelector('atlas-search')!.renderRoot.querySelector('input')!, 'zzqx');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => seen.length > 0, 'zero-results event');
    await sendKeys({ press: 'Enter' });
    // The second search has been answered (and would have told the page) once the finder has settled.
    await settled(f);
    expect(seen).to.deep.equal([{ query: '' }]);
  });
});
