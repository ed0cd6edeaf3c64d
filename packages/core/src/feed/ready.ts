/**
 * Reading a ready feed: what `atlas build` writes beside feed.json (ready.json),
 * a feed already normalised with the engine's prepared columns and its text
 * index, so the finder does no quick check, no facet columns and no index
 * building for it. One file, one request, one `JSON.parse`:
 *
 *     {"format":"community-atlas-ready","version":1,"hash":"…","length":N,"lang":"en","relative":false,
 *     "feed":{…},"data":{…},"columns":{…},"index":{…}}
 *
 * The first line is the header; everything after its line break (N UTF-16 code
 * units) is what `hash` covers. `feed` is a feed whose listings are already in
 * normalised form (each with its `key` and `publisherId`), which the quick check
 * and the normaliser read as they are; `data` is the rest of the normalised data
 * (publishers, licences, needs…); `columns` and `index` are the prebuilt parts.
 *
 * A ready feed whose text matches its hash is trusted: its listings are used as
 * they are and the engine takes its columns and index. One whose text does not
 * (edited by hand after the build, or a deploy that mixed two builds) is read as
 * the plain feed inside it, through the quick check or the normaliser, and
 * indexed afresh: the answers are those of the feed as it now is. One that is
 * cut off, or of another format version, is unusable and says so.
 */
import type { AtlasData, Problem } from './normalised.js';
import { attachReadyParts } from './ready-parts.js';
import type { ReadyColumns } from '../engine/core.js';

export const READY_FORMAT = 'community-atlas-ready';
export const READY_VERSION = 1;
/** How a ready feed's text starts. */
export const READY_TEXT_START = `{"format":"${READY_FORMAT}"`;

/** Whether `text` (without a byte order mark) is a ready feed rather than a plain one. */
const isReadyText = (text: string): boolean => text.startsWith(READY_TEXT_START);

/**
 * A hash of `text` from `from` to its end: two 32-bit FNV-1a lanes (one over
 * each code unit's high byte as well) and the length. Fast enough to run over
 * every byte of a large feed in a small part of the time its parse takes; it
 * catches edits and mixed builds, which is all it is for: whoever can edit the
 * file can rewrite its hash too, and the finder treats a feed's text as
 * untrusted text either way.
 */
export function readyHash(text: string, from = 0): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ (c >>> 8) ^ (c << 3), 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/** `readyHash` of ASCII text held as its bytes (what `atlas build` writes a ready feed from): the same hash. */
export function readyHashBytes(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ (c << 3), 0x5bd1e995);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

export interface ReadyHeader {
  format: typeof READY_FORMAT;
  version: number;
  /** `readyHash` of everything after the header line. */
  hash: string;
  /** Its length in UTF-16 code units. */
  length: number;
  /** The page language the columns' name order is for. */
  lang: string;
  /** The feed has relative links, which a reader resolves against where it found the feed: not trusted as written. */
  relative: boolean;
  /**
   * Where `,"index":` starts after the header line (in bytes, which for the
   * ASCII text atlas build writes are its characters): a reader of the bytes
   * leaves the text index unread until it is needed (`readReadyBytes`). Ready
   * feeds written before it have none.
   */
  indexAt?: number;
}

export interface ReadyBody {
  feed: { listings: unknown[] } & Record<string, unknown>;
  /** Normalised data without listings; `gazetteer` is the feed's when `gazetteerFromFeed`. */
  data: Omit<AtlasData, 'listings'> & { gazetteerFromFeed?: boolean };
  columns: ReadyColumns;
  /** The text index; from `readReadyBytes`, a function that reads it when first called. */
  index: object | (() => object);
}

export type ReadyRead =
  /** The hash matched: the normalised data, with the prebuilt parts attached to its listings. */
  | { data: AtlasData }
  /** The text and its hash disagree: read `feed` as a plain feed. `why` says what did not match. */
  | { feed: unknown; why: string }
  /** Unusable as a whole: cut off, or another format version. */
  | { problem: Problem };

const unusable = (code: string, message: string, expected: string, found: string, source?: string): ReadyRead => ({
  problem: { severity: 'error', code, path: '$', expected, found, message, ...(source ? { source } : {}) },
});

/**
 * Reads a ready feed's text (no byte order mark), or undefined when it is not
 * one. `source` names it in problems, as a plain feed's source does.
 */
export function readReadyText(text: string, source?: string): ReadyRead | undefined {
  if (!isReadyText(text)) return undefined;
  const end = text.indexOf('\n');
  let header: ReadyHeader | undefined;
  try {
    header = end > 0 ? (JSON.parse(`${text.slice(0, end).replace(/,\s*$/, '')}}`) as ReadyHeader) : undefined;
  } catch {
    header = undefined;
  }
  if (!header || typeof header.version !== 'number') {
    return unusable('truncated', 'This ready feed\'s first line (its header) is cut off or damaged; rebuild it with atlas build.', 'a header line ending in a line break', text.slice(0, 80), source);
  }
  if (header.version !== READY_VERSION) {
    const newer = header.version > READY_VERSION;
    return unusable(
      'ready-version',
      `This ready feed is of format version ${header.version}, and this version of Community Atlas reads version ${READY_VERSION}: ` +
        (newer ? 'update the kit, or serve the plain feed.json that atlas build wrote beside it.' : 'rebuild it with this version of atlas build.'),
      `version ${READY_VERSION}`, `version ${header.version}`, source,
    );
  }
  const length = text.length - end - 1;
  let body: ReadyBody;
  try {
    body = JSON.parse(text) as ReadyBody;
  } catch (error) {
    if (typeof header.length === 'number' && length < header.length) {
      return unusable('truncated', `This ready feed is cut off: it has ${length} of the ${header.length} characters atlas build wrote after its header. The upload or download stopped part way; upload it again.`,
        `${header.length} characters`, `${length}`, source);
    }
    return unusable('not-json', `This ready feed is not valid JSON (${(error as Error).message}); rebuild it with atlas build.`, 'JSON', 'text that does not parse', source);
  }
  if (!body || typeof body.feed !== 'object' || !body.feed || !Array.isArray(body.feed.listings)) {
    return unusable('ready-no-feed', 'This ready feed has no feed inside it; rebuild it with atlas build.', 'a "feed" with "listings"', 'none', source);
  }
  const why = header.relative
    ? 'it has relative links, which are resolved against where it was found'
    : length !== header.length || readyHash(text, end + 1) !== header.hash
      ? 'its text does not match its hash (edited since atlas build?)'
      : !body.data || !body.columns || !body.index ? 'its prebuilt parts are missing' : undefined;
  if (why) return { feed: body.feed, why };
  return { data: trusted(body, body.index, source) };
}

/** The normalised data of a ready feed whose hash matched, its prebuilt parts attached to its listings. */
function trusted(body: Omit<ReadyBody, 'index'>, index: ReadyBody['index'], source: string | undefined): AtlasData {
  const { gazetteerFromFeed, ...head } = body.data;
  const listings = body.feed.listings as AtlasData['listings'];
  const data: AtlasData = {
    ...head,
    ...(gazetteerFromFeed ? { gazetteer: body.feed.gazetteer as AtlasData['gazetteer'] } : {}),
    listings,
    problems: source ? head.problems.map((p) => ({ ...p, source })) : head.problems,
    ...(source ? { sources: [source] } : {}),
  };
  attachReadyParts(listings, { columns: body.columns, index });
  return data;
}

const READY_START_BYTES = new TextEncoder().encode(READY_TEXT_START);
const INDEX_KEY = new TextEncoder().encode(',"index":');

/**
 * A ready feed's bytes read as `readReadyText` reads its text, when its hash
 * matches, with less work before the first page: the hash is taken of the
 * bytes, and only the feed, its data and columns are decoded and parsed; the
 * text index (a third of the file) is decoded and parsed when it is first
 * used, after the first page. Undefined for anything else: a plain feed, a
 * ready feed written before its header said where the index starts
 * (`indexAt`), or one whose hash does not match, that has relative links or is
 * damaged; `readReadyText` then reads its text and says what is wrong.
 */
export function readReadyBytes(bytes: Uint8Array, source?: string): { data: AtlasData } | undefined {
  const at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = 0; i < READY_START_BYTES.length; i++) if (bytes[at + i] !== READY_START_BYTES[i]) return undefined;
  const end = bytes.subarray(0, 4096).indexOf(0x0a);
  if (end < 0) return undefined;
  const decoder = new TextDecoder();
  let header: ReadyHeader;
  try {
    header = JSON.parse(`${decoder.decode(bytes.subarray(at, end)).replace(/,\s*$/, '')}}`) as ReadyHeader;
  } catch {
    return undefined;
  }
  const body = bytes.subarray(end + 1);
  const indexAt = header.indexAt;
  if (header.version !== READY_VERSION || header.relative !== false || typeof indexAt !== 'number' || body.length !== header.length) return undefined;
  if (indexAt < 0 || body.length < indexAt + INDEX_KEY.length + 2 || body[body.length - 2] !== 0x7d || body[body.length - 1] !== 0x0a) return undefined;
  for (let i = 0; i < INDEX_KEY.length; i++) if (body[indexAt + i] !== INDEX_KEY[i]) return undefined;
  // The bytes are what atlas build wrote (ASCII), so their hash is the text's.
  if (readyHashBytes(body) !== header.hash) return undefined;
  let parts: Omit<ReadyBody, 'index'>;
  try {
    parts = JSON.parse(`{${decoder.decode(body.subarray(0, indexAt))}}`) as Omit<ReadyBody, 'index'>;
  } catch {
    return undefined;
  }
  if (!parts.feed || typeof parts.feed !== 'object' || !Array.isArray(parts.feed.listings) || !parts.data || !parts.columns) return undefined;
  const indexBytes = body.subarray(indexAt + INDEX_KEY.length, body.length - 2);
  let index: object | undefined;
  return { data: trusted(parts, () => (index ??= JSON.parse(new TextDecoder().decode(indexBytes)) as object), source) };
}

/** The plain feed inside a ready feed that is not trusted, with a word in the console saying why. */
export function untrustedReady(ready: { feed: unknown; why: string }, source?: string): unknown {
  console.warn(`Community Atlas: ${source ?? 'a ready feed'} is read as a plain feed, its prebuilt parts left unused: ${ready.why}.`);
  return ready.feed;
}
