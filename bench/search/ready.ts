/**
 * The generated feed of `n` listings as `atlas build` writes its ready feed
 * (ready.json), for the search benchmark's "ready feed" load, and as a plain
 * feed. Run in Node; the bench's server serves both over HTTP.
 */
import { serializeReady, type Feed } from '@community-atlas/core';
import { generateFeed } from '../../test/support/generate.js';

/**
 * When the page's queries are asked (bench/search/page.ts's NOW): the feed is built then, as a site's feed is
 * built before its residents ask, so what the build works out for the clock (weekly slots, next sessions) holds.
 */
const BUILT = new Date('2026-11-24T10:30:00Z');

export const readyFeedText = (n: number): string => serializeReady(generateFeed(n) as Feed, { now: BUILT }).text;

/** The ready feed and, with `indexFile`, its text index file (its name and text) to write beside it. */
export const readyFeedFiles = (n: number, indexFile = false): { text: string; index?: { path: string; text: string } } => {
  const { text, index } = serializeReady(generateFeed(n) as Feed, { indexFile, now: BUILT });
  return { text, ...(index ? { index } : {}) };
};

/** The same listings as a plain feed, the text the bench page parses for its baseline. */
export const plainFeedText = (n: number): string => JSON.stringify(generateFeed(n));
