/**
 * The generated feed of `n` listings as `atlas build` writes its ready feed
 * (ready.json), for the search benchmark's "ready feed" load. Run in Node.
 */
import { serializeReady, type Feed } from '@community-atlas/core';
import { generateFeed } from '../../test/support/generate.js';

export const readyFeedText = (n: number): string => serializeReady(generateFeed(n) as Feed).text;
