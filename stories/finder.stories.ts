import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_FEED, EMPTY_FEED, MISSING_FEED, NOW, SMALL_FEED } from './fixtures.js';

interface Args { src: string; lang: string; theme: string; kinds: string; view: string }

const meta: Meta<Args> = {
  title: 'Finder/atlas-finder',
  component: 'atlas-finder',
  args: { src: SMALL_FEED, lang: 'en', theme: 'none', kinds: '', view: 'list' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['en', 'cy'] },
    theme: { control: 'inline-radio', options: ['none', 'gov', 'nhs'] },
    view: { control: 'inline-radio', options: ['list', 'map', 'both'] },
  },
  render: (a) => html`<atlas-finder src=${a.src} lang=${a.lang} theme=${a.theme} kinds=${a.kinds} view=${a.view} namespace="sb" .now=${NOW}></atlas-finder>`,
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
export const Empty: Story = { args: { src: EMPTY_FEED } };
export const LoadError: Story = { args: { src: MISSING_FEED } };
export const Loading: Story = {
  render: () => html`<atlas-finder src="/never" .fetcher=${() => new Promise<Response>(() => {})}></atlas-finder>`,
};
