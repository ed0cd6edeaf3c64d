import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { loadFeeds, type AtlasData } from '@community-atlas/core';
import { NOW, SMALL_FEED } from './fixtures.js';

let data: Promise<AtlasData> | undefined;
const feed = (): Promise<AtlasData> => (data ??= loadFeeds([SMALL_FEED]));

interface Args { id: string; lang: string }
const meta: Meta<Args> = {
  title: 'Parts/atlas-listing',
  component: 'atlas-listing',
  args: { id: 'walk-riverside', lang: 'en' },
  loaders: [async () => ({ data: await feed() })],
  render: (a, { loaded }) => {
    const d = loaded.data as AtlasData;
    return html`<atlas-listing lang=${a.lang} .now=${NOW} .listing=${d.listings.find((l) => l.id === a.id)} .publishers=${d.publishers} .stageLists=${d.transferStages}></atlas-listing>`;
  },
};
export default meta;
export const Activity: StoryObj<Args> = {};
export const ActivityInWelsh: StoryObj<Args> = { args: { lang: 'cy' } };
export const NotCheckedForAYear: StoryObj<Args> = { args: { id: 'carers-cafe' } };
export const ApproximateLocation: StoryObj<Args> = { args: { id: 'womens-refuge-outreach' } };
export const OpeningHours: StoryObj<Args> = { args: { id: 'library-central' } };
export const TransferOpen: StoryObj<Args> = { args: { id: 'hall-old-school' } };
export const TransferClosed: StoryObj<Args> = { args: { id: 'pavilion-closed' } };
