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

/** Suggestions open, the second one highlighted, as after typing "lo" and pressing the Down arrow twice. */
export const WithSuggestions: StoryObj<{ lang: string }> = {
  play: async ({ canvasElement }) => {
    const search = canvasElement.querySelector('atlas-search')!;
    await search.updateComplete;
    const input = search.shadowRoot!.querySelector('input')!;
    input.focus();
    input.value = 'lo';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (let i = 0; i < 2; i++) input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
  },
};
