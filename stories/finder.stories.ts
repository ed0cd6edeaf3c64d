import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_FEED, EMPTY_FEED, MISSING_FEED, NOW, SMALL_FEED } from './fixtures.js';

interface Args { src: string; lang: string; theme: string; kinds: string; view: string; mode: string }

const meta: Meta<Args> = {
  title: 'Finder/atlas-finder',
  component: 'atlas-finder',
  args: { src: SMALL_FEED, lang: 'en', theme: 'none', kinds: '', view: 'list', mode: 'resident' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['none', 'gov', 'nhs'] },
    view: { control: 'inline-radio', options: ['list', 'map', 'both'] },
    mode: { control: 'inline-radio', options: ['resident', 'prescriber'] },
  },
  render: (a) => html`<atlas-finder src=${a.src} lang=${a.lang} theme=${a.theme} kinds=${a.kinds} view=${a.view} mode=${a.mode} tile-url="/tiles/tile.png" namespace="sb" .now=${NOW}></atlas-finder>`,
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = {};
export const ManyResults: Story = { args: { src: DEMO_FEED } };
export const Welsh: Story = { args: { lang: 'cy' } };
export const GovTheme: Story = { args: { theme: 'gov', src: DEMO_FEED } };
export const NhsTheme: Story = { args: { theme: 'nhs', src: DEMO_FEED } };
export const Transfers: Story = { args: { kinds: 'transfer', theme: 'gov', src: DEMO_FEED } };
export const WithMap: Story = { args: { view: 'both', src: DEMO_FEED } };
export const Prescriber: Story = { args: { mode: 'prescriber', theme: 'nhs', kinds: 'activity asset', src: DEMO_FEED } };
export const PrescriberWelsh: Story = { args: { mode: 'prescriber', theme: 'nhs', lang: 'cy', src: DEMO_FEED } };
export const Empty: Story = { args: { src: EMPTY_FEED } };
export const LoadError: Story = { args: { src: MISSING_FEED } };
export const Loading: Story = {
  render: () => html`<atlas-finder src="/never" .fetcher=${() => new Promise<Response>(() => {})}></atlas-finder>`,
};

/** Opens a story's finder with this search in the page address, as a shared link would, under its own namespace. */
const withAddress = (namespace: string, query: Record<string, string>) => async (): Promise<Record<string, never>> => {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(`${namespace}.${key}`, value);
  window.history.replaceState(null, '', url);
  return {};
};

/** Nothing matches "walk" among places and groups: the finder offers to remove the filter that removed most. */
export const ZeroResults: Story = {
  loaders: [withAddress('zero', { q: 'walk', kind: 'asset' })],
  render: () => html`<atlas-finder src=${SMALL_FEED} namespace="zero" .now=${NOW}></atlas-finder>`,
};

const brokenFeed = JSON.stringify({
  version: '1',
  publisher: { name: 'Northbridge Borough Council' },
  listings: [
    { id: 'good-hall', kind: 'asset', name: 'Good Street community hall', summary: 'A hall to hire for groups.' },
    { id: 'no-name', kind: 'asset' },
    { id: 'bad-kind', kind: 'spaceship', name: 'Rocket club' },
    { id: 'good-walk', kind: 'activity', name: 'Park walk', summary: 'A gentle walk round the park.', cost: { free: true } },
  ],
});
/** Two of four listings are broken: the good ones show, and the finder says two were skipped (the console says why). */
export const SkippedListings: Story = {
  render: () => html`<atlas-finder src="/broken.json" .fetcher=${() => Promise.resolve(new Response(brokenFeed, { headers: { 'content-type': 'application/json' } }))} .now=${NOW}></atlas-finder>`,
};

/** The feed's server is blocked or unreachable (fetch rejects): plain words and Try again. */
export const Blocked: Story = {
  render: () => html`<atlas-finder src="https://elsewhere.example/feed.json" .fetcher=${() => Promise.reject(new TypeError('Failed to fetch'))}></atlas-finder>`,
};

/** The feed is an HTML page, not JSON. */
export const NotJson: Story = { args: { src: '/fixtures/not-json.txt' } };

export const WelshGovTheme: Story = { args: { lang: 'cy', theme: 'gov', src: DEMO_FEED } };
