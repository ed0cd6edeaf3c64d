/** Feeds the stories load, served by Storybook's static folders. */
export const DEMO_FEED = '/demo/feed.json';
export const SMALL_FEED = '/fixtures/small-feed.json';
export const EMPTY_FEED = '/fixtures/empty-feed.json';
export const MISSING_FEED = '/fixtures/missing-feed.json';
/** A fixed time, so deadlines and next sessions read the same on every visit. */
export const NOW = new Date('2026-11-22T12:00:00Z');
