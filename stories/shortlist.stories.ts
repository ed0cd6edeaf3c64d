import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { loadFeeds, type AtlasData } from '@community-atlas/core';
import { ShortlistStore } from '../packages/elements/src/shortlist/store.js';
import '../packages/elements/src/shortlist/define-prescriber.js';
import { DEMO_FEED, NOW, SMALL_FEED } from './fixtures.js';

let small: Promise<AtlasData> | undefined;
let demo: Promise<AtlasData> | undefined;
const feed = (which: 'small' | 'demo'): Promise<AtlasData> =>
  which === 'small' ? (small ??= loadFeeds([SMALL_FEED])) : (demo ??= loadFeeds([DEMO_FEED]));

/** A store in memory only (a blocked Storage), so a story never writes to the browser. */
const memory = { getItem: () => { throw new Error('story'); } } as unknown as Storage;

interface Args { lang: string; count: number; feed: 'small' | 'demo'; print: boolean }
const meta: Meta<Args> = {
  title: 'Parts/atlas-shortlist',
  component: 'atlas-shortlist',
  args: { lang: 'en', count: 3, feed: 'small', print: false },
  loaders: [async ({ args }) => ({ data: await feed((args as Args).feed) })],
  render: (a, { loaded }) => {
    const d = loaded.data as AtlasData;
    const store = new ShortlistStore('story', memory);
    for (const l of d.listings.filter((x) => x.kind !== 'transfer').slice(0, a.count)) store.add(l.key);
    const byKey = new Map(d.listings.map((l) => [l.key, l]));
    const publisher = d.publishers.map((p) => p.name).join(', ');
    if (a.print) {
      return html`<atlas-print-view lang=${a.lang} .now=${NOW} publisher=${publisher} note="Ring Sam on Monday about the walk."
        .listings=${store.keys.map((k) => byKey.get(k)!)}></atlas-print-view>`;
    }
    return html`<atlas-shortlist lang=${a.lang} .now=${NOW} .store=${store} .lookup=${(k: string) => byKey.get(k)}
      .linkFor=${(keys: readonly string[]) => `https://example.org/social-prescribing?list=${keys.join(',')}`} publisher=${publisher}></atlas-shortlist>`;
  },
};
export default meta;
export const ThreeOptions: StoryObj<Args> = {};
export const Empty: StoryObj<Args> = { args: { count: 0 } };
export const InWelsh: StoryObj<Args> = { args: { lang: 'cy' } };
export const FiftyOptions: StoryObj<Args> = { args: { count: 50, feed: 'demo' } };
export const PrintView: StoryObj<Args> = { args: { print: true } };
export const PrintViewInWelsh: StoryObj<Args> = { args: { print: true, lang: 'cy' } };
