import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { AtlasListing, ListingKind, Location } from '@community-atlas/core';
import '@community-atlas/map/define';
import { townPoints } from '../test/support/generate.js';

// <atlas-map> on its own, in each state a page can put it in. Tiles come from a
// local image (every tile the same) so the stories never reach a tile server;
// "Tiles fail" points at an address that does not exist.
const TILE_URL = '/tiles/tile.png';

interface Args { lang: string; listings: AtlasListing[]; tileUrl: string; tileConsent: string; searchArea: boolean }

function place(key: string, name: string, kind: ListingKind, location?: Location): AtlasListing {
  return {
    id: key, key, publisherId: 'story', kind, name,
    referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [], schedule: [],
    ...(location ? { location } : {}),
  };
}

/** A small town: pins of each kind, two listings at one address, an approximate area and a transfer site outline. */
const TOWN: AtlasListing[] = [
  place('walk', 'Riverside health walk', 'activity', { lat: 52.605, lng: -1.43 }),
  place('library', 'Central Library', 'asset', { lat: 52.6, lng: -1.44 }),
  place('cafe', 'Carers’ café', 'activity', { lat: 52.6, lng: -1.44 }),
  place('hall', 'Church hall', 'asset', { lat: 52.59, lng: -1.42 }),
  place('refuge', 'Women’s refuge outreach', 'asset', { lat: 52.612, lng: -1.415, precision: 'approximate', radius: 800 }),
  place('old-school', 'Old school building', 'transfer', {
    lat: 52.595, lng: -1.455,
    outline: { type: 'Polygon', coordinates: [[[-1.457, 52.594], [-1.453, 52.594], [-1.453, 52.5965], [-1.457, 52.5965], [-1.457, 52.594]]] },
  }),
];

/** Points spread over a region, crowded near its middle as in a real county. */
function many(count: number): AtlasListing[] {
  return townPoints(count).map(({ lat, lng, kind }, i) => place(`p${i}`, `Place ${i}`, kind, { lat, lng }));
}

const meta: Meta<Args> = {
  title: 'Parts/atlas-map',
  component: 'atlas-map',
  args: { lang: 'en', listings: TOWN, tileUrl: TILE_URL, tileConsent: '', searchArea: true },
  argTypes: { lang: { control: 'inline-radio', options: ['en', 'cy'] }, listings: { control: false } },
  render: (a) => html`<atlas-map style="display: block; height: 28rem" lang=${a.lang} .listings=${a.listings}
    tile-url=${a.tileUrl} tile-consent=${a.tileConsent} ?search-area=${a.searchArea}></atlas-map>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Town: Story = {};
export const Welsh: Story = { args: { lang: 'cy' } };
export const FiftyThousandPoints: Story = { args: { listings: many(50_000) } };
export const NoCoordinates: Story = {
  args: { listings: [place('online', 'Online peer support', 'activity'), place('phone', 'Befriending by phone', 'activity')] },
};
export const TilesFail: Story = { args: { tileUrl: '/no-such-tiles/{z}/{x}/{y}.png' } };
export const AsksBeforeLoadingTiles: Story = { args: { tileConsent: 'ask', tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' } };
