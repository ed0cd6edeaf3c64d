import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Suggestion } from '@community-atlas/core';

const words: Suggestion[] = [
  { text: 'loneliness', type: 'need' },
  { text: 'low mood', type: 'need' },
  { text: 'Riverside health walk', type: 'listing', key: 'walk-riverside' },
];
const suggest = async (prefix: string): Promise<Suggestion[]> => words.filter((w) => w.text.toLowerCase().includes(prefix.toLowerCase()));

const meta: Meta<{ lang: string }> = {
  title: 'Parts/atlas-search',
  component: 'atlas-search',
  args: { lang: 'en' },
  render: (a) => html`<atlas-search lang=${a.lang} .suggest=${suggest}></atlas-search>`,
};
export default meta;
export const Default: StoryObj<{ lang: string }> = {};
export const Welsh: StoryObj<{ lang: string }> = { args: { lang: 'cy' } };
