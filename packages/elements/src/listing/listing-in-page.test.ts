import { expect, waitUntil } from '@open-wc/testing';
import type { AtlasListing } from '@community-atlas/core';
// The embed entry, as the one-script-tag bundle registers things: `<atlas-listing>` only when needed.
import '../embed.js';

// A file of its own: its page must not have registered <atlas-listing> before the test starts.
const listing: AtlasListing = {
  id: 'cafe-1', key: 'cafe-1', publisherId: 'p', kind: 'activity', name: 'Memory café', summary: 'Tea and songs',
  referral: ['self'], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
  contact: { phone: '01234 567890' },
};

describe('<atlas-listing> on its own with the embed entry', () => {
  it('is registered when a page adds one after the script has run', async () => {
    expect(customElements.get('atlas-listing')).to.equal(undefined);
    const box = document.createElement('div');
    box.innerHTML = '<section><atlas-listing></atlas-listing></section>';
    const el = box.querySelector('atlas-listing')!;
    (el as unknown as { listing: AtlasListing }).listing = listing;
    document.body.append(box);
    await waitUntil(() => el.shadowRoot?.querySelector('h2'), 'the listing did not show');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('h2')?.textContent).to.equal('Memory café');
    expect(el.shadowRoot!.textContent).to.contain('Tea and songs');
    expect(el.shadowRoot!.querySelector('a[href^="tel:"]')?.getAttribute('href')).to.equal('tel:01234567890');
    box.remove();
  });
});
