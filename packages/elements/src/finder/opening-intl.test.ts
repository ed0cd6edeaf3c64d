import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, cards, shadow } from '../test-support/finder.js';

/**
 * The first Intl.DateTimeFormat or Intl.NumberFormat a page makes loads the browser's
 * locale data: one main-thread task of 30 to 140 ms on a desktop, several times that on
 * a phone, whatever else the task does. A finder's first screen (cards with their next
 * session and price, an opened listing, a shared list) needs only names and digits, so
 * it asks Intl for none of them. Counted here: every formatter made, and every date or
 * number formatted, by Intl or by the toLocale*String methods that use it. The same goes
 * for a collator (the collation data): names are put in order by a folded key, and a
 * collator is made only for two different names with the same key, which these feeds lack.
 */
function countIntl(): { asked: string[]; restore: () => void } {
  const asked: string[] = [];
  const undo: (() => void)[] = [];
  // A method, or a getter such as Intl.DateTimeFormat.prototype.format (which hands out a bound function).
  const wrap = (owner: object, key: string, label: string): void => {
    const original = Object.getOwnPropertyDescriptor(owner, key)!;
    const counted = original.get
      ? { get(this: unknown) { asked.push(label); return original.get!.call(this); } }
      : { value(this: unknown, ...args: unknown[]) { asked.push(label); return (original.value as (...a: unknown[]) => unknown).apply(this, args); } };
    Object.defineProperty(owner, key, { ...original, ...counted });
    undo.push(() => Object.defineProperty(owner, key, original));
  };
  for (const name of ['DateTimeFormat', 'NumberFormat', 'Collator'] as const) {
    const Original = Intl[name];
    (Intl as Record<string, unknown>)[name] = new Proxy(Original, {
      construct(target, args: unknown[]) {
        asked.push(`new Intl.${name}`);
        return Reflect.construct(target, args) as object;
      },
      apply(target, self, args: unknown[]) {
        asked.push(`Intl.${name}()`);
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    undo.push(() => ((Intl as Record<string, unknown>)[name] = Original));
    if (name !== 'Collator') for (const method of ['format', 'formatToParts'] as const) wrap(Original.prototype, method, `Intl.${name}.${method}`);
  }
  wrap(Number.prototype, 'toLocaleString', 'Number.toLocaleString');
  for (const method of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'] as const) wrap(Date.prototype, method, `Date.${method}`);
  return { asked, restore: () => undo.reverse().forEach((u) => u()) };
}

describe('a finder opening asks Intl for no date or number', () => {
  before(function () {
    // London's offset comes from Temporal (Chromium 144 on, Firefox 139 on); a browser without it asks Intl.
    if (!('Temporal' in globalThis)) this.skip();
  });
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  for (const lang of ['en', 'cy']) {
    it(`${lang}: the results, with each card's next session, and the counts by each filter`, async () => {
      const spy = countIntl();
      try {
        const f = await fixture<AtlasFinder>(html`<atlas-finder lang=${lang} .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
        await waitUntil(() => f.shadowRoot?.querySelector('atlas-results') && cards(f).length === 6, 'six cards', { timeout: 5000 });
        await Promise.all(cards(f).map((c) => c.updateComplete));
        const text = cards(f).map((c) => c.shadowRoot?.textContent ?? '').join(' ');
        expect(text, 'a card shows its next session').to.match(lang === 'en' ? /Thursday 3 December at 2pm/ : /Dydd Iau, 3 Rhagfyr am 2yh/);
        expect(spy.asked).to.deep.equal([]);
      } finally {
        spy.restore();
      }
    });

    it(`${lang}: a listing opened from its link, with its sessions and price`, async () => {
      window.history.replaceState(null, '', `${window.location.pathname}?open=carers-cafe`);
      const spy = countIntl();
      try {
        const f = await fixture<AtlasFinder>(html`<atlas-finder lang=${lang} .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
        await waitUntil(() => shadow(f).querySelector('atlas-listing')?.shadowRoot?.querySelector('h2, h1'), 'the listing', { timeout: 5000 });
        const listing = shadow(f).querySelector('atlas-listing')!;
        await waitUntil(() => /£2/.test(listing.shadowRoot!.textContent ?? ''), 'its price', { timeout: 5000 });
        expect(listing.shadowRoot!.textContent).to.match(lang === 'en' ? /Thursday 3 December at 2pm/ : /Dydd Iau, 3 Rhagfyr am 2yh/);
        expect(spy.asked).to.deep.equal([]);
      } finally {
        spy.restore();
      }
    });

    it(`${lang}: a link worker's shared list, dated`, async () => {
      window.history.replaceState(null, '', `${window.location.pathname}?list=carers-cafe,walk-riverside`);
      const spy = countIntl();
      try {
        const f = await fixture<AtlasFinder>(html`<atlas-finder mode="prescriber" lang=${lang} .now=${NOW} src="${FIXTURES}/small-feed.json"></atlas-finder>`);
        await waitUntil(() => f.renderRoot.querySelector('atlas-print-view')?.shadowRoot?.querySelector('li.option'), 'the list', { timeout: 5000 });
        const view = f.renderRoot.querySelector('atlas-print-view')!;
        await view.updateComplete;
        expect(view.shadowRoot!.textContent, 'the date the list was made').to.match(lang === 'en' ? /Sunday,? 22 November 2026/ : /[Dd]ydd Sul,? 22 Tachwedd 2026/);
        expect(spy.asked).to.deep.equal([]);
      } finally {
        spy.restore();
      }
    });
  }
});
