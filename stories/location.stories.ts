import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';

const meta: Meta<{ lang: string; near: boolean }> = {
  title: 'Parts/atlas-location',
  component: 'atlas-location',
  args: { lang: 'en', near: false },
  render: (a) => html`<atlas-location lang=${a.lang} .gazetteer=${{ postcodes: { 'NB1 2AA': [52.1, -1.2] } }} .near=${a.near ? { lat: 52.1, lng: -1.2, label: 'NB1 2AA' } : undefined}></atlas-location>`,
};
export default meta;
export const Default: StoryObj<{ lang: string; near: boolean }> = {};
export const WithPlace: StoryObj<{ lang: string; near: boolean }> = { args: { near: true } };
export const Welsh: StoryObj<{ lang: string; near: boolean }> = { args: { lang: 'cy' } };
