import { expect, fixture, html } from '@open-wc/testing';
import type { AtlasListing } from '@community-atlas/core';
import '../define.js';
import type { AtlasCard } from '../card/card.js';
import type { AtlasListingDetail } from '../listing/listing.js';

// A transfer's English words come with its chunk, not the first one: a host renaming some of them
// keeps English for the rest, on the card and in the detail.
const NOW = new Date('2026-11-22T12:00:00Z');
const hall: AtlasListing = {
  id: 'hall', key: 'hall', publisherId: 'p', kind: 'transfer', name: 'Old School Hall',
  referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
  transfer: { assetType: 'hall', status: 'available', tenure: { type: 'leasehold', years: 25 }, terms: 'peppercorn', dates: { eoiDeadline: '2026-11-22' } },
} as AtlasListing;
const words = (el: Element): string => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

describe('transfer words', () => {
  it('a card shows a host’s own word where given and English for the rest', async () => {
    const card = await fixture<AtlasCard>(html`<atlas-card .now=${NOW} .strings=${{ deadlineClosesToday: 'Last day for interest' }} .item=${{ listing: hall, score: 0 }}></atlas-card>`);
    const text = words(card);
    expect(text).to.contain('Last day for interest');
    expect(text).to.contain('Available');
    expect(text).to.contain('Hall · Leasehold, 25 years · Peppercorn rent');
    await expect(card).to.be.accessible();
  });

  it('the detail too', async () => {
    const detail = await fixture<AtlasListingDetail>(html`<atlas-listing .now=${NOW} .strings=${{ status: { available: 'Open to offers' } }} .listing=${hall}></atlas-listing>`);
    const text = words(detail);
    expect(text).to.contain('Open to offers');
    expect(text).to.contain('Closes today');
    expect(text).to.contain('Peppercorn rent');
  });
});
