/**
 * The generated feed of `n` listings as `atlas build` writes its ready feed
 * (ready.json), for the search benchmark's "ready feed" load, and as a plain
 * feed. Run in Node; the bench's server serves both over HTTP.
 */
import { serializeReady, type Feed } from '@community-atlas/core';
import { generateFeed } from '../../test/support/generate.js';

export const readyFeedText = (n: number): string => serializeReady(generateFeed(n) as Feed).text;

/** The ready feed and, with `indexFile`, its text index file (its name and text) to write beside it. */
export const readyFeedFiles = (n: number, indexFile = false): { text: string; index?: { path: string; text: string } } => {
  const { text, index } = serializeReady(generateFeed(n) as Feed, { indexFile });
  return { text, ...(index ? { index } : {}) };
};

/** The same listings as a plain feed, the text the bench page parses for its baseline. */
export const plainFeedText = (n: number): string => JSON.stringify(generateFeed(n));
