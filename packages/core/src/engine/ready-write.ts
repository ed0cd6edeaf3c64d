/**
 * Writing a ready feed (the format is described in feed/ready.ts): for
 * `atlas build`, in Node. The finder never loads this module.
 */
import { normaliseFeed, normaliseFeedCounting } from '../feed/normalise.js';
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
  /** The prebuilt columns, as written. */
  columns: ReadyColumns;
  /** Every term of the text index written. */
  terms: string[];
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
  // Normalised once: only a feed with relative links is normalised again against
  // some base to see whether its listings depend on where the feed is found.
  const { data, relativeLinks } = normaliseFeedCounting(feed);
  const relative = relativeLinks > 0 && JSON.stringify(normaliseFeed(feed, { baseUrl: SOME_BASE }).listings) !== JSON.stringify(data.listings);
  const core = new EngineCore(data, { lang });
  const columns = core.exportColumns();
  const { listings, ...rest } = data;
  const gazetteerFromFeed = rest.gazetteer !== undefined && JSON.stringify(rest.gazetteer) === JSON.stringify(feed.gazetteer);
  if (gazetteerFromFeed) delete rest.gazetteer;
  const { listings: _, ...feedHead } = feed;
  const body: Omit<ReadyBody, 'index'> = {
    feed: { ...feedHead, listings },
    data: { ...rest, ...(gazetteerFromFeed ? { gazetteerFromFeed } : {}) },
    columns,
  };
  // The body as JSON.stringify would write it, the text index written in as
  // serialized rather than parsed and written again. In ASCII (each other
  // character as its JSON escape): text that is all ASCII decodes several times
  // faster in the browser, where one curly apostrophe would make the whole text
  // two bytes per character (feed/ascii.ts).
  const text = `${asciiJson(`${JSON.stringify(body).slice(1, -1)},"index":${core.serialize()}}`)}\n`;
  const hash = readyHash(text);
  const header: Omit<ReadyHeader, 'format'> & { format: string } = { format: READY_FORMAT, version: READY_VERSION, hash, length: text.length, lang, relative };
  return { text: `${JSON.stringify(header).slice(0, -1)},\n${text}`, hash, data, columns, terms: core.indexTerms() };
}

/**
 * JSON text with every character beyond ASCII written as its escape (JSON.stringify
 * leaves them only inside strings, where an escape means the same). A national
 * shard is megabytes with a few such characters: copied in runs between them.
 */
function asciiJson(json: string): string {
  const first = json.search(/[\u0080-\uffff]/);
  if (first < 0) return json;
  const parts: string[] = [json.slice(0, first)];
  let from = first;
  for (let i = first; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) continue;
    if (from < i) parts.push(json.slice(from, i));
    parts.push(`\\u${c.toString(16).padStart(4, '0')}`);
    from = i + 1;
  }
  parts.push(json.slice(from));
  return parts.join('');
}
