import { expect, waitUntil } from '@open-wc/testing';
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import { createEngine } from './engine.js';
import type { FinderState } from './types.js';

// This file imports the page engine alone, so the text search module (and
// MiniSearch) are fetched only when this page's engine asks for them.

function listing(key: string, extra: Partial<AtlasListing> = {}): AtlasListing {
  return {
    id: key, key, publisherId: 'p', kind: 'activity', name: key,
    referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
    ...extra,
  } as AtlasListing;
}

const feed: AtlasData = {
  publishers: [], licences: [], languages: ['en'], needs: [], areas: [], transferStages: {}, problems: [], skipped: 0,
  listings: [
    listing('befriend', { name: 'Telephone befriending', needs: ['loneliness'] }),
    listing('walk', { name: 'Riverside health walk', categories: ['walking'] }),
  ],
};

const state = (extra: Partial<FinderState> = {}): FinderState => ({ q: '', filters: {}, sort: 'relevance', ...extra });
const fetched = (part: string): boolean => performance.getEntriesByType('resource').some((e) => e.name.includes(part));

describe('createEngine loads text search on demand', () => {
  it('answers the first screen (filters and need counts, no words) without fetching text search, then loads it in idle time for words and suggestions', async () => {
    const engine = createEngine(feed);
    const first = await engine.query(state({ filters: { need: ['loneliness'] } }));
    expect(first.keys).to.deep.equal(['befriend']);
    expect(first.facets.need?.find((f) => f.value === 'loneliness')?.count).to.equal(1);
    expect(fetched('engine/text.'), 'text search module').to.equal(false);
    expect(fetched('minisearch'), 'MiniSearch').to.equal(false);

    // Once the first answer is out, text search loads on its own in idle time, so the first search need not wait for it.
    await waitUntil(() => fetched('engine/text.'), 'text search was not loaded after the first answer', { timeout: 5000 });
    expect(await engine.suggest('befr')).to.deep.include({ text: 'Telephone befriending', type: 'listing', key: 'befriend' });
    const lonely = await engine.query(state({ q: 'lonely' }));
    expect(lonely.keys).to.deep.equal(['befriend']);
    expect(lonely.expandedTerms).to.include('befriending');
    engine.dispose();
  });
});
