/**
 * The prescriber's journey on the demo GP page, by keyboard alone: search
 * "lonely", free, age 72, Tuesday or Wednesday, step-free, within 2 miles of a
 * postcode; shortlist three; print; open the share link afresh and see the
 * same three. Every key press is counted, so the figure in the README is the
 * one this test measured.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '@community-atlas/elements/define';
import type { AtlasFinder } from '@community-atlas/elements';
import { settled } from '../support/settle.js';

const FEED = '/demo/feed.json';
const NOW = new Date('2026-11-23T09:30:00Z');

/** The finder's attributes exactly as the demo GP page sets them (src made absolute for the test server). */
async function demoAttributes(): Promise<Record<string, string>> {
  const page = await (await fetch('/demo/social-prescribing.html')).text();
  const finder = new DOMParser().parseFromString(page, 'text/html').querySelector('atlas-finder');
  if (!finder) throw new Error('the demo page has no atlas-finder');
  const attrs = Object.fromEntries([...finder.attributes].map((a) => [a.name, a.value]));
  return { ...attrs, src: FEED };
}

async function mount(attrs: Record<string, string>): Promise<AtlasFinder> {
  const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
  const el = document.createElement('atlas-finder');
  el.now = NOW;
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  const loaded = new Promise((resolve) => el.addEventListener('atlas-load', resolve, { once: true }));
  wrapper.append(el);
  await loaded;
  // The prescriber's parts load on demand, after the feed.
  await Promise.all(['atlas-prescriber-bar', 'atlas-shortlist', 'atlas-print-view'].map((tag) => customElements.whenDefined(tag)));
  await settle(el);
  return el;
}

/** Waits for the finder and every part inside it to finish rendering. */
const settle = (el: AtlasFinder): Promise<void> => settled(el);

function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Text of a form control's label, or its accessible name for a button or link. */
function nameOf(e: Element | null): string {
  if (!e) return '';
  const labels = (e as HTMLInputElement).labels;
  if (labels?.length) return labels[0]!.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return (e.getAttribute('aria-label') ?? e.textContent ?? '').replace(/\s+/g, ' ').trim();
}

let presses = 0;
async function press(key: string, el: AtlasFinder): Promise<void> {
  presses += 1;
  await sendKeys({ press: key });
  await settle(el);
}
async function type(text: string, el: AtlasFinder): Promise<void> {
  presses += [...text].length;
  await sendKeys({ type: text });
  await settle(el);
}
/** Presses Tab until focus is on what `match` wants, as a keyboard user would; fails after 80. */
const tabsTo: string[] = [];
async function tabTo(match: (e: Element) => boolean, el: AtlasFinder, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    const active = deepActive();
    if (active && match(active)) {
      tabsTo.push(`${what} ${i}`);
      return;
    }
    await press('Tab', el);
  }
  throw new Error(`Tab never reached ${what}`);
}
const labelled = (start: string) => (e: Element): boolean => nameOf(e).startsWith(start);

function shadowText(root: Element | null | undefined): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node instanceof HTMLElement && node.shadowRoot) walk(node.shadowRoot);
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    for (const child of node.childNodes) walk(child);
  };
  if (root) walk(root);
  return parts.join(' ').replace(/\s+/g, ' ');
}

describe('prescriber journey (demo GP page)', function () {
  this.timeout(120_000);
  const start = window.location.href;

  beforeEach(async () => {
    window.history.replaceState(null, '', start);
    for (const key of Object.keys(localStorage)) if (key.startsWith('atlas-')) localStorage.removeItem(key);
    await setViewport({ width: 1400, height: 900 });
  });
  afterEach(async () => {
    await emulateMedia({ media: 'screen' });
    document.documentElement.removeAttribute('data-atlas-printing');
    window.history.replaceState(null, '', start);
  });

  it('finds, shortlists three, prints and shares them, by keyboard alone', async () => {
    const attrs = await demoAttributes();
    expect(attrs.mode, 'the demo GP page is a prescriber finder').to.equal('prescriber');
    const el = await mount(attrs);
    const events: string[] = [];
    for (const name of ['atlas-shortlist-change', 'atlas-print', 'atlas-share']) el.addEventListener(name, () => events.push(name));
    presses = 0;

    // Age first: the bar sits above the search.
    await tabTo((e) => e.id === 'age', el, 'the age field');
    await type('72', el);
    await tabTo((e) => e.localName === 'input' && (e as HTMLInputElement).type === 'search' || e.getAttribute('role') === 'combobox', el, 'the search box');
    await type('lonely', el);
    await press('Enter', el);
    await tabTo((e) => (e as HTMLInputElement).autocomplete === 'postal-code', el, 'the postcode field');
    await type('NB1 2AB', el);
    await press('Enter', el);
    await tabTo((e) => (e as HTMLInputElement).type === 'radio', el, 'the distance choices');
    for (let i = 0; i < 5 && !nameOf(deepActive()).startsWith('Within 2 miles'); i++) await press('ArrowUp', el);
    for (const label of ['Free', 'Tuesday', 'Wednesday', 'Step-free access']) {
      await tabTo(labelled(label), el, label);
      await press(' ', el);
      expect((deepActive() as HTMLInputElement).checked, `${label} is ticked`).to.equal(true);
    }
    const s = (el as unknown as { finderState: { q: string; age?: number; filters: Record<string, string[]>; near?: unknown } }).finderState;
    expect(s.q).to.equal('lonely');
    expect(s.age).to.equal(72);
    expect(s.filters).to.deep.include({ cost: ['free'], access: ['step-free'], distance: ['2'] });
    expect(s.filters.day).to.have.members(['tu', 'we']);
    expect(s.near).to.not.equal(undefined);

    // Down the results with j, shortlisting each with s.
    const results = el.renderRoot.querySelector('atlas-results')!;
    const cards = [...results.renderRoot.querySelectorAll('atlas-card')];
    expect(cards.length, 'at least three results fit the person').to.be.at.least(3);
    const chosen = cards.slice(0, 3).map((c) => c.item!.listing);
    for (let i = 0; i < 3; i++) {
      await press('j', el);
      await press('s', el);
    }
    const shortlist = el.renderRoot.querySelector('atlas-shortlist')!;
    const names = [...shortlist.renderRoot.querySelectorAll('li .name')].map((n) => n.textContent?.trim());
    expect(names).to.deep.equal(chosen.map((l) => (typeof l.name === 'string' ? l.name : l.name.en)));
    expect(shortlist.renderRoot.querySelector('h2')!.textContent).to.contain('3 options');
    expect(shortlist.renderRoot.querySelector('[role="status"][aria-live="polite"]')!.textContent).to.contain('3 options on the shortlist');

    // A note for the printout, then Print.
    await tabTo((e) => e.id === 'note', el, 'the note');
    const note = 'Ring Sam on Monday';
    await type(note, el);
    let printed = 0;
    const realPrint = window.print;
    window.print = () => { printed += 1; };
    try {
      await tabTo(labelled('Print'), el, 'Print');
      await press('Enter', el);
    } finally {
      window.print = realPrint;
    }
    expect(printed).to.equal(1);
    const keyboardPresses = presses;

    // What the printer gets.
    await emulateMedia({ media: 'print' });
    const view = shortlist.renderRoot.querySelector('atlas-print-view')!;
    expect(getComputedStyle(view).display).to.not.equal('none');
    expect(getComputedStyle(shortlist.renderRoot.querySelector('.panel')!).display).to.equal('none');
    expect(getComputedStyle(el.renderRoot.querySelector('.main')!).display, 'results are not printed').to.equal('none');
    expect(getComputedStyle(el.renderRoot.querySelector('atlas-filters')!).display).to.equal('none');
    expect(getComputedStyle(el.renderRoot.querySelector('.top')!).display).to.equal('none');
    const paper = shadowText(view);
    for (const l of chosen) expect(paper).to.contain(typeof l.name === 'string' ? l.name : l.name.en);
    expect(paper).to.contain(note);
    expect(paper).to.match(/Printed on Monday,? 23 November 2026 from the directory of Northbridge Borough Council/);
    expect(paper).to.contain('How to join');
    expect(paper).to.contain('Free');
    const items = [...view.renderRoot.querySelectorAll('li.option h3')].map((h) => h.textContent?.trim());
    expect(items).to.have.length(3);
    await emulateMedia({ media: 'screen' });

    // The share link carries the three keys and nothing else: not the note, not the search.
    const link = (shortlist as unknown as { linkFor: (k: readonly string[]) => string }).linkFor(chosen.map((l) => l.key));
    const url = new URL(link);
    expect(url.searchParams.get('list')).to.equal(chosen.map((l) => l.key).join(','));
    expect(link).to.not.contain('Sam');
    expect(url.searchParams.has('q')).to.equal(false);
    expect(events.filter((e) => e === 'atlas-shortlist-change')).to.have.length(3);
    expect(events).to.include('atlas-print');

    // A fresh context: nothing stored, only the link.
    el.remove();
    for (const key of Object.keys(localStorage)) if (key.startsWith('atlas-')) localStorage.removeItem(key);
    window.history.replaceState(null, '', `${url.pathname}${url.search}`);
    const fresh = await mount(await demoAttributes());
    const yours = fresh.renderRoot.querySelector('atlas-print-view')!;
    expect(yours, 'the "your list" view').to.not.equal(null);
    expect(yours.renderRoot.querySelector('h2')!.textContent).to.equal('Your list');
    const reopened = [...yours.renderRoot.querySelectorAll('li.option h3')].map((h) => h.textContent?.replace(/^\d+\.\s*/, '').trim());
    expect(reopened).to.deep.equal(chosen.map((l) => (typeof l.name === 'string' ? l.name : l.name.en)));
    expect(fresh.renderRoot.querySelector('atlas-search'), 'read-only: no search in the shared view').to.equal(null);
    await expect(fresh).to.be.accessible();

    console.log(`prescriber journey by keyboard alone: ${keyboardPresses} key presses (including ${note.length} for the note); Tab presses to reach: ${tabsTo.join(', ')}`);
  });
});
