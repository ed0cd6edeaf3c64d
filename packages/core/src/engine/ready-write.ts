/**
 * Writing a ready feed (the format is described in feed/ready.ts): for
 * `atlas build`, in Node. The finder never loads this module.
 */
import { normaliseFeed } from '../feed/normalise.js';
import type { AtlasData } from '../feed/normalised.js';
import type { Feed } from '../feed/types.js';
import { READY_FORMAT, READY_VERSION, readyHash, type ReadyBody, type ReadyHeader } from '../feed/ready.js';
import { EngineCore } from './full.js';
import type { ReadyColumns } from './core.js';

export interface ReadyFeed {
  /** The file's text. */
  text: string;
  /** Its hash (`readyHash` of the body), which names shards. */
  hash: string;
  /** The normalised data the finder will hold when it trusts the file. */
  data: AtlasData;
  /** The prebuilt parts, as written. */
  columns: ReadyColumns;
  index: { index?: { index?: [string, unknown][] } };
}

/** Any base: a feed whose normalised form depends on it has relative links. */
const SOME_BASE = 'https://ready.invalid/some/where/';

/**
 * A ready feed for `feed`: its listings normalised (as the finder would read
 * them, without a source), the engine's columns for `lang` (default `en`;
 * other languages order names their own way and work the columns out again)
 * and the text index.
 */
export function serializeReady(feed: Feed, options: { lang?: string } = {}): ReadyFeed {
  const lang = options.lang ?? 'en';
  const data = normaliseFeed(feed);
  const relative = JSON.stringify(normaliseFeed(feed, { baseUrl: SOME_BASE }).listings) !== JSON.stringify(data.listings);
  const core = new EngineCore(data, { lang });
  const columns = core.exportColumns();
  const index = JSON.parse(core.serialize()) as ReadyFeed['index'];
  const { listings, ...rest } = data;
  const gazetteerFromFeed = rest.gazetteer !== undefined && JSON.stringify(rest.gazetteer) === JSON.stringify(feed.gazetteer);
  if (gazetteerFromFeed) delete rest.gazetteer;
  const { listings: _, ...feedHead } = feed;
  const body: ReadyBody = {
    feed: { ...feedHead, listings },
    data: { ...rest, ...(gazetteerFromFeed ? { gazetteerFromFeed } : {}) },
    columns,
    index,
  };
  // In ASCII (each other character as its JSON escape): text that is all ASCII
  // decodes several times faster in the browser, where one curly apostrophe
  // would make the whole text two bytes per character (feed/ascii.ts).
  const text = `${asciiJson(JSON.stringify(body)).slice(1)}\n`;
  const hash = readyHash(text);
  const header: Omit<ReadyHeader, 'format'> & { format: string } = { format: READY_FORMAT, version: READY_VERSION, hash, length: text.length, lang, relative };
  return { text: `${JSON.stringify(header).slice(0, -1)},\n${text}`, hash, data, columns, index };
}

/** JSON text with every character beyond ASCII written as its escape (JSON.stringify leaves them only inside strings, where an escape means the same). */
const asciiJson = (json: string): string =>
  json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
