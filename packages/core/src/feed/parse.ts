import { describeFault } from './fault.js';
import type { Problem } from './normalised.js';

/** Result of reading a feed's text as JSON. */
export type JsonReadResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

/**
 * Reads a feed's text as JSON. A byte order mark is dropped (spreadsheet tools
 * write one). When the text is not JSON the answer is one problem that says where
 * (line and column) and what was expected, worded the same in every browser and in
 * Node, because engines word `JSON.parse` errors differently.
 */
export function readFeedJson(raw: string, source?: string): JsonReadResult {
  const body = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false, problem: describeFault(body, source) };
  }
}
