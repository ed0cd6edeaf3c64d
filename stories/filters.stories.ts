import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const facets = {
  kind: [{ value: 'activity', count: 12 }, { value: 'asset', count: 5 }],
  cost: [{ value: 'free', count: 9 }, { value: 'help', count: 3 }],
  referral: [{ value: 'self', count: 10 }, { value: 'drop-in', count: 4 }, { value: 'professional', count: 2 }],
};

const meta: Meta<{ lang: string; active: boolean }> = {
  title: 'Parts/atlas-filters',
  component: 'atlas-filters',
  args: { lang: 'en', active: false },
  render: (a) => html`<atlas-filters lang=${a.lang} .facets=${facets} .filters=${a.active ? { cost: ['free'], referral: ['self'] } : {}}></atlas-filters>`,
};
export default meta;
export const Default: StoryObj<{ lang: string; active: boolean }> = {};
export const WithActiveFilters: StoryObj<{ lang: string; active: boolean }> = { args: { active: true } };
export const Welsh: StoryObj<{ lang: string; active: boolean }> = { args: { lang: 'cy', active: true } };
