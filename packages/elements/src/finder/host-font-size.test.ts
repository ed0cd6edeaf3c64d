import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow, results, cards } from '../test-support/finder.js';

// A common host pattern: html { font-size: 62.5% } makes 1rem 10 px, and the page sets its
// own text back to 16 px on body. The kit's text must follow the page's text, not the rem.

const px = (el: Element | null | undefined): number => {
  if (!el) throw new Error('element not found');
  return parseFloat(getComputedStyle(el).fontSize);
};

describe('<atlas-finder> on a host with html { font-size: 62.5% }', () => {
  let sheet: HTMLStyleElement | undefined;
  afterEach(() => sheet?.remove());

  async function sizes(): Promise<{ body: number; cardTitle: number; count: number; filtersHeading: number; buttonHeight: number }> {
    const f = await fixture<AtlasFinder>(html`<atlas-finder .now=${NOW} src="${FIXTURES}/small-feed.json" lang="en"></atlas-finder>`);
    await waitUntil(() => shadow(f).querySelector('atlas-results')?.shadowRoot && cards(f).length > 0, 'cards', { timeout: 5000 });
    await f.updateComplete;
    const card = cards(f)[0]!;
    await card.updateComplete;
    const filters = shadow(f).querySelector('atlas-filters')!;
    await filters.updateComplete;
    const location = shadow(f).querySelector('atlas-location')!;
    await location.updateComplete;
    const button = shadow(location).querySelector('button[type="submit"]');
    return {
      body: px(f),
      cardTitle: px(shadow(card).querySelector('h3')),
      count: px(shadow(results(f)).querySelector('.count')),
      filtersHeading: px(shadow(filters).querySelector('h2')),
      buttonHeight: button!.getBoundingClientRect().height,
    };
  }

  it('card titles, headings and counts keep their size, and buttons stay 44 px targets', async () => {
    const plain = await sizes();
    sheet = document.createElement('style');
    sheet.textContent = 'html { font-size: 62.5%; } body { font-size: 1.6rem; }';
    document.head.append(sheet);
    const host = await sizes();
    expect(host.body, 'the page text is 16 px either way').to.equal(16);
    expect(host.cardTitle, 'card title').to.equal(plain.cardTitle);
    expect(host.cardTitle).to.be.at.least(18);
    expect(host.count, 'result count').to.equal(plain.count);
    expect(host.filtersHeading, 'filters heading').to.equal(plain.filtersHeading);
    expect(host.buttonHeight, 'button height').to.be.at.least(44);
  });

  it('a host that sets a larger size on the finder gets larger text throughout', async () => {
    const plain = await sizes();
    sheet = document.createElement('style');
    sheet.textContent = 'html { font-size: 62.5%; } atlas-finder { font-size: 2rem; }';
    document.head.append(sheet);
    const big = await sizes();
    expect(big.body).to.equal(20);
    expect(big.cardTitle).to.be.closeTo(plain.cardTitle * 1.25, 0.01);
  });
});
