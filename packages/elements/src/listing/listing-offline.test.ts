import { expect, fixture, html } from '@open-wc/testing';
import type { AtlasListing } from '@community-atlas/core';
import '../define.js';
import type { AtlasListingDetail } from './listing.js';
import { listingBody as bodySource } from '../on-demand.js';

// A file of its own, so its page has not loaded the listing body before the test makes that fail.
const listing = (over: Partial<AtlasListing> = {}): AtlasListing => ({
  id: 'cafe-1', key: 'cafe-1', publisherId: 'p', kind: 'activity', name: 'Memory café', summary: 'Tea and songs',
  referral: ['self'], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
  location: { name: 'Church hall', address: ['1 Hall Road'], postcode: 'AB1 2CD', lat: 52.5, lng: -1.9 },
  contact: { phone: '01234 567890', email: 'cafe@example.org' },
  ...over,
});
const NOW = new Date('2026-11-22T12:00:00Z');

describe('<atlas-listing> when the rest of the listing cannot be loaded', () => {
  it('still shows its name, when and where and how to get in touch, says why in the console, and loads the rest next time', async () => {
    const realLoad = bodySource.load;
    const realWarn = console.warn;
    const warnings: string[] = [];
    bodySource.load = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    try {
      const el = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .listing=${listing()}></atlas-listing>`);
      const root = el.shadowRoot!;
      expect(root.querySelector('h2')?.textContent).to.equal('Memory café');
      expect(root.textContent).to.contain('1 Hall Road');
      expect(root.querySelector('a[href^="tel:"]')?.getAttribute('href')).to.equal('tel:01234567890');
      expect(root.querySelector('a[href^="mailto:"]')?.getAttribute('href')).to.equal('mailto:cafe@example.org');
      expect(root.textContent).not.to.contain('Tea and songs');
      expect(warnings.join('\n')).to.contain('could not be loaded');
      await expect(el).to.be.accessible();

      // Back online: the next listing opened loads the rest.
      bodySource.load = realLoad;
      el.listing = listing({ id: 'cafe-2', key: 'cafe-2' });
      await el.updateComplete;
      expect(root.textContent).to.contain('Tea and songs');
      expect(root.textContent).to.contain('1 Hall Road');
    } finally {
      bodySource.load = realLoad;
      console.warn = realWarn;
    }
  });
});
