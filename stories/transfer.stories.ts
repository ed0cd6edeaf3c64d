import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { loadFeeds, type AtlasData } from '@community-atlas/core';
import { DEMO_FEED, NOW } from './fixtures.js';

let data: Promise<AtlasData> | undefined;
const feed = (): Promise<AtlasData> => (data ??= loadFeeds([DEMO_FEED]));

/** Community asset transfer and assets of community value, on the demo feed, as a card and in full. */
interface Args { id: string; lang: string; view: 'card' | 'detail' }
const meta: Meta<Args> = {
  title: 'Parts/transfer',
  args: { id: 'transfer-kingsley-community-centre', lang: 'en', view: 'detail' },
  argTypes: { view: { control: 'inline-radio', options: ['card', 'detail'] }, lang: { control: 'inline-radio', options: ['en', 'cy'] } },
  loaders: [async () => ({ data: await feed() })],
  render: (a, { loaded }) => {
    const d = loaded.data as AtlasData;
    const listing = d.listings.find((l) => l.id === a.id);
    return a.view === 'card'
      ? html`<atlas-card lang=${a.lang} .now=${NOW} .item=${listing ? { listing, score: 0 } : undefined}></atlas-card>`
      : html`<atlas-listing lang=${a.lang} .now=${NOW} .listing=${listing} .publishers=${d.publishers} .stageLists=${d.transferStages}></atlas-listing>`;
  },
};
export default meta;
export const OpenForInterest: StoryObj<Args> = {};
export const OpenForInterestCard: StoryObj<Args> = { args: { view: 'card' } };
export const InWelsh: StoryObj<Args> = { args: { lang: 'cy' } };
export const ClosesSoonCard: StoryObj<Args> = { args: { id: 'transfer-millbrook-library', view: 'card' } };
export const UnderOffer: StoryObj<Args> = { args: { id: 'transfer-castle-hill-scout-hut' } };
export const Transferred: StoryObj<Args> = { args: { id: 'transfer-riverside-boathouse' } };
export const Withdrawn: StoryObj<Args> = { args: { id: 'transfer-market-square-public-toilets' } };
export const NotOpenYet: StoryObj<Args> = { args: { id: 'transfer-st-annes-recreation-ground' } };
export const AcvInMoratorium: StoryObj<Args> = { args: { id: 'acv-the-red-lion-market-square' } };
export const AcvNominated: StoryObj<Args> = { args: { id: 'acv-the-plough-hollowell' } };
