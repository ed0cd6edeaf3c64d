/**
 * Focus is never lost (#17 item 2): after the host page's own skip link (which puts
 * `#content` in the URL and focus on its target), opening a listing and pressing
 * "Back to results" puts focus back on the card it came from, on each demo page.
 */
import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '@community-atlas/elements/define';
import { KeyCounter, cardsOf, deepActive, mountDemoPage, nameOf } from './keys.js';

const NOW = new Date('2026-11-23T09:30:00Z');

describe('back to the card after the page’s skip link', function () {
  this.timeout(60_000);
  const start = window.location.href;
  beforeEach(() => setViewport({ width: 1280, height: 800 }));
  afterEach(() => window.history.replaceState(null, '', start));

  for (const page of ['council.html', 'social-prescribing.html', 'asset-transfer.html']) {
    it(`returns focus to the card on ${page}, with #content in the URL`, async () => {
      window.history.replaceState(null, '', start);
      const el = await mountDemoPage(page, { now: NOW });
      const keys = new KeyCounter(el);
      await keys.press('Tab');
      expect(nameOf(deepActive())).to.equal('Skip to main content');
      await keys.press('Enter');
      expect(window.location.hash).to.equal('#content');
      expect(document.activeElement?.id, 'the skip link target has focus').to.equal('content');

      const first = cardsOf(el)[0]!;
      const key = first.item!.listing.key;
      await keys.tabTo((e) => e.localName === 'a' && (e.getRootNode() as ShadowRoot).host === first, 'the first card', 120);
      await keys.press('Enter');
      expect(el.renderRoot.querySelector('atlas-listing'), 'the listing opened').to.not.equal(null);
      // "Back to results" is just above the listing's heading, which has focus.
      await keys.press('Shift+Tab');
      expect(nameOf(deepActive())).to.contain('Back to results');
      await keys.press('Enter');
      const back = deepActive();
      expect(back?.localName, `focus is on a card link, not ${back?.localName}`).to.equal('a');
      expect(((back?.getRootNode() as ShadowRoot).host as HTMLElement & { item?: { listing: { key: string } } }).item?.listing.key).to.equal(key);
      await expect(el).to.be.accessible();
    });
  }
});
