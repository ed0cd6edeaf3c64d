import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { loadFeeds } from '@community-atlas/core';
import { NOW, SMALL_FEED } from './fixtures.js';

// One card per kind of listing the fixture feed holds, so each variant (free
// activity with a next session, cost with help, approximate place, opening hours,
// open and closed transfers) can be looked at and checked by the a11y addon.
interface Args { id: string; lang: string; highlighted: boolean; miles?: number }

const meta: Meta<Args> = {
  title: 'Parts/atlas-card',
  component: 'atlas-card',
  args: { id: 'walk-riverside', lang: 'en', highlighted: false },
  argTypes: {
    id: { control: 'select', options: ['walk-riverside', 'carers-cafe', 'womens-refuge-outreach', 'library-central', 'hall-old-school', 'pavilion-closed'] },
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
  },
  loaders: [async () => ({ data: await loadFeeds([SMALL_FEED]) })],
  render: (a, { loaded }) => {
    const listing = (loaded.data as Awaited<ReturnType<typeof loadFeeds>>).listings.find((l) => l.key === a.id);
    if (!listing) return html`<p>No listing "${a.id}" in the fixture feed.</p>`;
    const item = { listing, score: 0, ...(a.miles !== undefined ? { distance: a.miles } : {}) };
    return html`<div style="max-width: 40rem"><atlas-card lang=${a.lang} ?highlighted=${a.highlighted} href="#" .now=${NOW} .item=${item}></atlas-card></div>`;
  },
};
export default meta;
type Story = StoryObj<Args>;

export const FreeActivity: Story = {};
export const CostWithHelp: Story = { args: { id: 'carers-cafe' } };
export const ApproximatePlace: Story = { args: { id: 'womens-refuge-outreach' } };
export const OpeningHours: Story = { args: { id: 'library-central' } };
export const WithDistance: Story = { args: { miles: 1.4 } };
export const Highlighted: Story = { args: { highlighted: true } };
export const TransferOpen: Story = { args: { id: 'hall-old-school' } };
export const TransferClosed: Story = { args: { id: 'pavilion-closed' } };
export const Welsh: Story = { args: { lang: 'cy' } };
