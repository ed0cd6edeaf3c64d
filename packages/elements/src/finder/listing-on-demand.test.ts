import { expect, fixture, html, waitUntil } from '@open-wc/testing';
// The embed entry, as the one-script-tag bundle registers things: `<atlas-listing>` only when needed.
import '../embed.js';
import type { AtlasFinder } from './finder.js';
import { listingElement as listingElementSource } from '../on-demand.js';
import { FIXTURES, NOW, shadow, cards } from '../test-support/finder.js';

// A file of its own: its page must not have registered <atlas-listing> before the tests start.

async function ready(f: AtlasFinder): Promise<void> {
  await waitUntil(() => shadow(f).querySelector('atlas-results') && cards(f).length > 0, 'no results', { timeout: 5000 });
  await Promise.all(cards(f).map((c) => c.updateComplete));
}

const cardLink = (f: AtlasFinder, key: string) => shadow(cards(f).find((c) => c.item?.listing.key === key)!).querySelector('a')!;
const cardHasFocus = (f: AtlasFinder, key: string) => {
  if (!shadow(f).querySelector('atlas-results')) return false;
  const c = cards(f).find((x) => x.item?.listing.key === key);
  return !!c && shadow(c).activeElement?.tagName === 'A';
};

describe('<atlas-finder> from the embed entry: the listing loads when one is opened', () => {
  beforeEach(() => window.history.replaceState(null, '', window.location.pathname));
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('says so when the listing cannot be loaded, gets back to the card, and loads it on the next open', async () => {
    const realLoad = listingElementSource.load;
    const realError = console.error;
    const errors: string[] = [];
    listingElementSource.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    try {
      const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW}></atlas-finder>`);
      await ready(f);
      // A page of results does not need the listing.
      expect(customElements.get('atlas-listing')).to.equal(undefined);

      cardLink(f, 'carers-cafe').click();
      await waitUntil(() => shadow(f).querySelector('[role="alert"]'), 'no message');
      const message = shadow(f).querySelector('[role="alert"]')!;
      expect(message.textContent).to.contain('This listing cannot be shown at the moment');
      await waitUntil(() => shadow(f).activeElement?.textContent?.includes('Back to results'), 'focus not on Back to results');
      expect(errors.join('\n')).to.contain('could not be loaded');
      await expect(f).to.be.accessible();

      (shadow(f).activeElement as HTMLButtonElement).click();
      await waitUntil(() => cardHasFocus(f, 'carers-cafe'), 'focus did not return to the card');
      expect(new URLSearchParams(window.location.search).has('open')).to.equal(false);

      // Back online: the next listing opened loads, with focus on its heading.
      listingElementSource.load = realLoad;
      cardLink(f, 'walk-riverside').click();
      await waitUntil(() => {
        const detail = shadow(f).querySelector('atlas-listing');
        return detail?.shadowRoot?.activeElement?.tagName === 'H2';
      }, 'focus not on the heading');
      const detail = shadow(f).querySelector('atlas-listing')!;
      expect(shadow(detail).querySelector('h2')?.textContent).to.equal('Riverside health walk');
      expect(shadow(f).querySelector('[role="alert"]')).to.equal(null);
      shadow(detail).querySelector<HTMLButtonElement>('[part="back"]')!.click();
      await waitUntil(() => cardHasFocus(f, 'walk-riverside'), 'focus did not return to the card');
    } finally {
      listingElementSource.load = realLoad;
      console.error = realError;
    }
  });
});
