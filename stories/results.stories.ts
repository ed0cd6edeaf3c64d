import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { QueryResult } from '@community-atlas/core';
import { loadFeeds } from '@community-atlas/core';
import { NOW, SMALL_FEED } from './fixtures.js';

const meta: Meta<{ lang: string; none: boolean }> = {
  title: 'Parts/atlas-results and atlas-card',
  component: 'atlas-results',
  args: { lang: 'en', none: false },
  loaders: [async () => ({ data: await loadFeeds([SMALL_FEED]) })],
  render: (a, { loaded }) => {
    const listings = (loaded.data as Awaited<ReturnType<typeof loadFeeds>>).listings;
    const result: QueryResult = a.none
      ? { total: 0, items: [], keys: [], facets: {}, relax: [{ facet: 'cost', value: 'free', total: 4 }, { facet: 'q', total: 2 }] }
      : { total: listings.length + 10, items: listings.map((listing) => ({ listing, score: 0 })), keys: listings.map((l) => l.key), facets: {} };
    return html`<atlas-results lang=${a.lang} .now=${NOW} .result=${result} .state=${{ q: 'swim', filters: { cost: ['free'] }, sort: 'relevance' }}></atlas-results>`;
  },
};
export default meta;
export const ManyResults: StoryObj<{ lang: string; none: boolean }> = {};
export const Welsh: StoryObj<{ lang: string; none: boolean }> = { args: { lang: 'cy' } };
export const NothingMatches: StoryObj<{ lang: string; none: boolean }> = { args: { none: true } };
