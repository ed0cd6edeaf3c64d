import { expect, waitUntil } from '@open-wc/testing';
import type { AtlasListing } from '@community-atlas/core';

// The built one-script-tag bundle (`npm run build:embed` first), on a page that shows a listing
// without a finder: the bundle registers <atlas-listing> for it, though a finder alone loads it on demand.
const listing: AtlasListing = {
  id: 'cafe-1', key: 'cafe-1', publisherId: 'p', kind: 'activity', name: 'Memory café', summary: 'Tea and songs',
  referral: ['self'], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
  location: { name: 'Church hall', address: ['1 Hall Road'], postcode: 'AB1 2CD', lat: 52.5, lng: -1.9 },
  contact: { phone: '01234 567890' },
};

describe('the embed bundle on a page with <atlas-listing> of its own', () => {
  it('shows the listing in full', async () => {
    const el = document.createElement('atlas-listing') as HTMLElement & { listing?: AtlasListing; updateComplete?: Promise<boolean> };
    el.listing = listing;
    document.body.append(el);
    const bundle = '/dist/embed/atlas.js';
    await import(bundle);
    await waitUntil(() => customElements.get('atlas-listing'), '<atlas-listing> was not registered', { timeout: 5000 });
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot?.textContent?.includes('Tea and songs'), 'the listing body did not show', { timeout: 5000 });
    const root = el.shadowRoot!;
    expect(root.querySelector('h2')?.textContent).to.equal('Memory café');
    expect(root.textContent).to.contain('1 Hall Road');
    expect(root.querySelector('a[href^="tel:"]')?.getAttribute('href')).to.equal('tel:01234567890');
    await expect(el).to.be.accessible();
  });
});
