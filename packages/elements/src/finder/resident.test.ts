import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { press } from '../../../../test/support/keyboard.js';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow, results, cards, countText } from '../test-support/finder.js';

// A resident's path through the finder by keyboard alone, and the bad input a
// resident's page can meet (blocked feed, broken listings, hostile text).

const params = () => new URLSearchParams(window.location.search);

/** The element that really has focus, looking through shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Presses Tab (or Shift+Tab) until focus is on what `wanted` accepts: how a keyboard user gets there. */
async function tabTo(wanted: (el: Element) => boolean, what: string, back = false): Promise<Element> {
  for (let i = 0; i < 80; i++) {
    await press(back ? 'Shift+Tab' : 'Tab');
    const el = focused();
    if (el && wanted(el)) return el;
  }
  throw new Error(`Tab never reached ${what}`);
}

async function ready(f: AtlasFinder): Promise<void> {
  await waitUntil(() => f.matches(':state(error)') || shadow(f).querySelector('atlas-results, atlas-listing') || f.matches(':state(empty)'), 'finder did not load', { timeout: 5000 });
  await f.updateComplete;
  const r = shadow(f).querySelector('atlas-results');
  if (r) {
    await waitUntil(() => r.result !== undefined, 'no result');
    await r.updateComplete;
    await Promise.all(cards(f).map((c) => c.updateComplete));
  }
}

function quietConsole(): { calls: string[]; restore: () => void } {
  const calls: string[] = [];
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => calls.push(args.map(String).join(' '));
  console.error = (...args: unknown[]) => calls.push(args.map(String).join(' '));
  return { calls, restore: () => Object.assign(console, { warn, error }) };
}

describe('a resident using <atlas-finder>', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('searches, picks a suggestion, filters, sets a postcode, opens and closes a listing by keyboard alone; Back steps back', async function () {
    // About a hundred key presses, each waited on: more than the default 10 s on a busy two-core machine.
    this.timeout(60_000);
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="${FIXTURES}/small-feed.json" .now=${NOW} lang="en" theme="gov"></atlas-finder>`);
    await ready(f);
    expect(countText(f)).to.equal('6 results');

    // Search: type, then choose a suggestion with the arrow keys and Enter.
    const input = await tabTo((el) => el.getAttribute('role') === 'combobox', 'the search box');
    await sendKeys({ type: 'riverside' });
    await waitUntil(() => input.getAttribute('aria-expanded') === 'true', 'no suggestions offered');
    await sendKeys({ press: 'ArrowDown' });
    const active = input.getAttribute('aria-activedescendant');
    expect(active, 'ArrowDown highlights a suggestion').to.be.a('string').and.not.equal('');
    const option = (input.getRootNode() as ShadowRoot).getElementById(active!)!;
    expect(option.getAttribute('aria-selected')).to.equal('true');
    const chosen = option.textContent!.replace(/\s+/g, ' ').trim();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => input.getAttribute('aria-expanded') === 'false', 'the suggestions did not close');

    // "riverside" suggests the walk itself: choosing it opens the listing, with focus on its heading.
    let detail = shadow(f).querySelector('atlas-listing');
    expect(detail, 'choosing a listing suggestion opens it').not.to.equal(null);
    expect(chosen).to.contain('Riverside health walk');
    await waitUntil(() => focused()?.tagName === 'H2', 'focus did not move to the heading');
    expect(focused()?.textContent).to.equal('Riverside health walk');
    await tabTo((el) => el.getAttribute('part') === 'back', 'the back button', true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => shadow(f).querySelector('atlas-results'), 'the listing did not close');
    await ready(f);
    // Clear the search so the filter and postcode steps have several listings to work on.
    const search = await tabTo((el) => el.getAttribute('role') === 'combobox', 'the search box again', true);
    (search as HTMLInputElement).select();
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => countText(f) === '6 results', 'clearing the search did not bring every listing back');

    // Filter: cost is one choice, so one Tab into it and an arrow to "Free".
    await tabTo((el) => el instanceof HTMLInputElement && el.type === 'radio' && el.checked && !!el.labels?.[0]?.textContent?.startsWith('Any cost'), 'the cost choices');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => params().get('cost') === 'free', 'the filter did not reach the URL');
    await ready(f);
    const freeCount = cards(f).length;
    expect(freeCount).to.be.below(6);

    // Postcode from the feed's gazetteer: results then say how far away they are. The postcode box
    // comes before the filters, so back from Free (not round past the end of the page, which only
    // some browsers do).
    await tabTo((el) => el.getAttribute('autocomplete') === 'postal-code', 'the postcode box', true);
    await sendKeys({ type: 'NB1 2AA' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => cards(f).some((c) => /away/.test(shadow(c).textContent ?? '')), 'no distances after setting the postcode');
    const withPlace = window.location.search;

    // Open the first card from the keyboard: focus lands on the listing's heading.
    const firstKey = cards(f)[0]!.item!.listing.key;
    await tabTo((el) => el.tagName === 'A' && (el.getRootNode() as ShadowRoot).host?.tagName === 'ATLAS-CARD', 'a result card');
    const cardName = focused()!.textContent!.trim();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.tagName === 'H2', 'opening the listing did not move focus to its heading');
    expect(focused()!.textContent).to.equal(cardName);
    expect(params().get('open')).to.equal(firstKey);
    detail = shadow(f).querySelector('atlas-listing')!;
    await expect(detail).to.be.accessible();

    // Close with the keyboard: focus goes back to the same card.
    await tabTo((el) => el.getAttribute('part') === 'back', 'the back button', true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => {
      const el = focused();
      return el?.tagName === 'A' && ((el.getRootNode() as ShadowRoot).host as { item?: { listing: { key: string } } }).item?.listing.key === firstKey;
    }, 'focus did not return to the card');
    expect(params().has('open')).to.equal(false);
    expect(window.location.search).to.equal(withPlace);
    await expect(f).to.be.accessible();

    // The browser's Back button steps back through what the person did, not out of the page.
    const before = window.location.search;
    window.history.back();
    await waitUntil(() => window.location.search !== before, 'Back did not change anything');
    await ready(f);
    let steps = 0;
    while (params().get('cost') === 'free' && steps++ < 6) {
      const at = window.location.search;
      window.history.back();
      await waitUntil(() => window.location.search !== at, 'Back stopped stepping');
    }
    await ready(f);
    expect(params().get('cost'), 'Back reaches the state before the filter').to.equal(null);
    await waitUntil(() => cards(f).length === 6, 'Back did not restore the unfiltered list');
  });

  it('with nothing within the distance chosen, offers the nearest wider distance that finds something', async () => {
    // About two miles north of the Central Library, with "within 1 mile" chosen.
    window.history.replaceState(null, '', '?q=library&near=52.14,-1.21,Somewhere&distance=1');
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="${FIXTURES}/small-feed.json" .now=${NOW}></atlas-finder>`);
    await ready(f);
    expect(countText(f)).to.equal('No results');
    const wider = [...shadow(results(f)).querySelectorAll<HTMLButtonElement>('.none button')].find((b) => b.textContent!.startsWith('Search a wider distance'));
    expect(wider?.textContent).to.equal('Search a wider distance (1 result)');
    await expect(results(f)).to.be.accessible();
    wider!.click();
    await waitUntil(() => countText(f) === '1 result', 'widening did not find the library');
    expect(params().get('distance')).to.equal('5');
    expect(params().get('q')).to.equal('library');
  });

  it('says in plain words when the feed is blocked (fetch rejects), with a way to try again', async () => {
    const quiet = quietConsole();
    try {
      let calls = 0;
      const blocked = (): Promise<Response> => {
        calls++;
        return Promise.reject(new TypeError('Failed to fetch'));
      };
      const f = await fixture<AtlasFinder>(html`<atlas-finder src="https://elsewhere.example/feed.json" .fetcher=${blocked}></atlas-finder>`);
      await ready(f);
      expect(f.matches(':state(error)')).to.equal(true);
      const alert = shadow(f).querySelector('[role="alert"]')!;
      expect(alert.textContent).to.contain("We couldn't load the directory just now");
      expect(alert.textContent).not.to.contain('Failed to fetch');
      expect(quiet.calls.join('\n')).to.contain('elsewhere.example');
      await expect(f).to.be.accessible();
      const again = alert.querySelector('button')!;
      expect(again.textContent).to.equal('Try again');
      again.click();
      await waitUntil(() => calls === 2, 'Try again did not fetch again');
      await waitUntil(() => quiet.calls.length === 2, 'the second failure was not reported');
    } finally {
      quiet.restore();
    }
  });

  it('shows the good listings of a feed with broken ones, says how many were skipped, and says why in the console', async () => {
    const feed = {
      version: '1',
      publisher: { name: 'Test council' },
      listings: [
        { id: 'good-one', kind: 'asset', name: 'Good hall', summary: 'A hall.' },
        { id: 'no-name', kind: 'asset' },
        { id: 'bad-kind', kind: 'spaceship', name: 'Rocket' },
        { id: 'good-two', kind: 'activity', name: 'Good walk' },
      ],
    };
    const fetcher = (): Promise<Response> => Promise.resolve(new Response(JSON.stringify(feed), { headers: { 'content-type': 'application/json' } }));
    const quiet = quietConsole();
    try {
      const f = await fixture<AtlasFinder>(html`<atlas-finder src="/broken.json" .fetcher=${fetcher}></atlas-finder>`);
      await ready(f);
      expect(countText(f)).to.equal('2 results');
      expect(shadow(f).textContent).to.contain('2 listings could not be shown because of a problem in the data.');
      const console = quiet.calls.join('\n');
      expect(console).to.contain('no-name');
      expect(console).to.contain('bad-kind');
      await expect(f).to.be.accessible();
    } finally {
      quiet.restore();
    }
  });

  it('keeps hostile text as text on every card and in every field of the listing', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src="${FIXTURES}/hostile-feed.json" .now=${NOW}></atlas-finder>`);
    await ready(f);
    expect(shadow(f).querySelectorAll('script, img, iframe, svg, b, style')).to.have.length(0);
    expect([...shadow(f).querySelectorAll('a')].every((a) => /^(https?|mailto|tel):/.test(a.href))).to.equal(true);
    const card = cards(f)[0]!;
    const cardRoot = shadow(card);
    expect(cardRoot.textContent).to.contain('<script>');
    expect(cardRoot.querySelectorAll('script, img, iframe, svg, b, marquee, blink, style')).to.have.length(0);
    (cardRoot.querySelector('a') as HTMLAnchorElement).click();
    await waitUntil(() => shadow(f).querySelector('atlas-listing'), 'did not open');
    const detail = shadow(f).querySelector('atlas-listing')!;
    await detail.updateComplete;
    const root = shadow(detail);
    expect(root.querySelectorAll('script, img, iframe, svg, b, marquee, blink, style, object, embed')).to.have.length(0);
    const everyHref = [...root.querySelectorAll('a')].map((a) => a.href);
    expect(everyHref.every((h) => /^(https?|mailto|tel):/.test(h)), everyHref.join(' ')).to.equal(true);
    const attrs = [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name));
    expect(attrs.filter((a) => a.startsWith('on'))).to.deep.equal([]);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});
