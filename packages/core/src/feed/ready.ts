/**
 * Reading a ready feed: what `atlas build` writes beside feed.json (ready.json),
 * a feed already normalised with the engine's prepared columns, so the finder
 * does no quick check and no facet columns for it. One file, one request, one
 * `JSON.parse`; its text index is a second file beside it, which the finder
 * fetches only for words (feed/ready-index.ts):
 *
 *     {"format":"community-atlas-ready","version":3,"hash":"…","length":N,"lang":"en","relative":false,…,"textIndex":{…},"seals":[…],
 *     "screen":{…},
 *     "kindScreens":{…},
 *     "data":{…},"columns":{…},"keys":[…],"summary":{…},"sizes":[…],"feed":{…,"listings":[…]}}
 *
 * The first line is the header; everything after its line break (N UTF-16 code
 * units) is what `hash` covers. `feed` is a feed whose listings are already in
 * normalised form (each with its `key` and `publisherId`), which the quick check
 * and the normaliser read as they are; `data` is the rest of the normalised data
 * (publishers, licences, needs…); `columns` are the prebuilt facet columns.
 * `screen`, on a line of its own, is the first screen a finder draws before
 * the rest has arrived (feed/first.ts); nothing else reads it.
 * `keys`, `summary` and `sizes` (each listing's length in bytes) come before the
 * listings, so that a reader of the bytes can answer the first page with only
 * the listings on it read (`readReadyBytes`). `textIndex` names the text index
 * file, by a name made of its seal, with that seal and its length.
 *
 * A ready feed whose text matches its hash is trusted: its listings are used as
 * they are and the engine takes its columns (and its index file, when it can
 * be fetched and its seal matches). One whose text does not
 * (edited by hand after the build, or a deploy that mixed two builds) is read as
 * the plain feed inside it, through the quick check or the normaliser, and
 * indexed afresh: the answers are those of the feed as it now is. One that is
 * cut off, or of another format version, is unusable and says so.
 */
import type { AtlasData, Problem } from './normalised.js';
import { joined, KIND_SCREENS_KEY, SCREEN_KEY, type READY_FORMAT, type FirstScreen, type KindScreens } from './first.js';
import { READY_TEXT_START, readyLayout, sealOf, type ReadySealer } from './ready-seal.js';
import { attachReadyParts, type LazyListings, type ReadyIndexFile } from './ready-parts.js';
import type { ReadyColumns } from '../engine/core.js';
import type { ListingSummary } from '../engine/types.js';

export { READY_FORMAT } from './first.js';
/**
 * 3: the text index is a file of its own beside the feed, named in the header
 * (`textIndex`), fetched only for words; 2 had it at the end of the feed.
 * 2: the listings come last in the feed, after their keys, kinds and sizes (1 had them first, and none of those).
 */
export const READY_VERSION = 3;
export { READY_TEXT_START, ReadySealer, readySeal, type ReadySealerState } from './ready-seal.js';

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
export { readyHashBytes } from './first.js';

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
  /** Where the first listing starts after the header line, in bytes (just after `"listings":[`). */
  listingsAt?: number;
  /**
   * The text index, in a file of its own beside the feed (a shard has none):
   * its name (relative to the feed's address; named by its seal, so a host
   * can cache it for ever), its `readySeal` and its length in bytes. Read
   * only when words are searched (feed/ready-index.ts); when it cannot be
   * had, the engine indexes the listings itself.
   */
  textIndex?: ReadyIndexFile;
  /**
   * `readySeal` of the header line up to `,"seals":` followed by the body up
   * to the listings (`listingsAt`), and of the listings with what follows
   * them: what `readReadyBytes` checks instead of `hash`. The header's last field.
   */
  seals?: string[];
  /**
   * The first screen at the start of the body (`"screen":`, feed/first.ts): its JSON's length in bytes and
   * `readyHashBytes`, the feed's kinds, and the same for the kinds' screens on the line after it, when written.
   */
  first?: { length: number; seal: string; kinds?: string[]; byKinds?: { length: number; seal: string } };
}

export interface ReadyBody {
  feed: { listings: unknown[] } & Record<string, unknown>;
  /** Normalised data without listings; `gazetteer` is the feed's when `gazetteerFromFeed`. */
  data: Omit<AtlasData, 'listings'> & { gazetteerFromFeed?: boolean };
  columns: ReadyColumns;
  /** Each listing's key, in order. */
  keys?: string[];
  /** `summarise(listings, false)`: what the worker tells the page of the listings. */
  summary?: ListingSummary;
  /** Each listing's length in the bytes written (ASCII), in order; a comma between two. */
  sizes?: number[];
  /** The first screen (feed/first.ts), which the finder draws before the rest is in; no reader of the whole feed uses it. */
  screen?: FirstScreen;
  /** The first screens of a finder given some of the feed's kinds (feed/first.ts); no reader of the whole feed uses them. */
  kindScreens?: KindScreens;
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
 * one. `source` names it in problems, as a plain feed's source does; its text
 * index file is found relative to `baseUrl` (the feed's own address), or else to `source`.
 */
export function readReadyText(text: string, source?: string, baseUrl?: string): ReadyRead | undefined {
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
      : !body.data || !body.columns ? 'its prebuilt parts are missing' : undefined;
  if (why) return { feed: body.feed, why };
  return { data: trusted(body, indexFileOf(header, baseUrl ?? source), source) };
}

/** The header's text index file, with its address resolved against the feed's, if it names a well-formed one. */
function indexFileOf(header: ReadyHeader, base: string | undefined): ReadyIndexFile | undefined {
  const file = header.textIndex;
  if (!file || typeof file.file !== 'string' || typeof file.seal !== 'string' || typeof file.bytes !== 'number') return undefined;
  const url = readyIndexUrl(file.file, base);
  return { file: file.file, seal: file.seal, bytes: file.bytes, ...(url ? { url } : {}) };
}

/**
 * Where a ready feed's text index file is: `file` (a plain file name) against
 * the feed's address `base`. Undefined when that cannot be said: no address,
 * or one a file cannot be found beside (a blob: or data: URL); the engine then
 * indexes the listings itself.
 */
function readyIndexUrl(file: string, base: string | undefined): string | undefined {
  if (!base || !/^[\w.-]+$/.test(file)) return undefined;
  try {
    const url = new URL(file, base);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'file:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The normalised data of a ready feed whose hash matched, its prebuilt parts attached to its listings. */
function trusted(body: ReadyBody, indexFile: ReadyIndexFile | undefined, source: string | undefined, lazy?: LazyListings): AtlasData {
  const { gazetteerFromFeed, ...head } = body.data;
  const listings = body.feed.listings as AtlasData['listings'];
  const data: AtlasData = {
    ...head,
    ...(gazetteerFromFeed ? { gazetteer: body.feed.gazetteer as AtlasData['gazetteer'] } : {}),
    listings,
    problems: source ? head.problems.map((p) => ({ ...p, source })) : head.problems,
    ...(source ? { sources: [source] } : {}),
  };
  attachReadyParts(listings, { columns: body.columns, ...(indexFile ? { indexFile } : {}), ...(lazy ? { lazy } : {}) });
  return data;
}

/** How a ready feed's body ends: the listings' list, the feed and the body closed, and a line break. */
const BODY_END = [0x5d, 0x7d, 0x7d, 0x0a];

/** Bytes `from` to `to` of a body that came as `views`, as views of those bytes (no copy). */
function rangeOf(views: readonly Uint8Array[], from: number, to: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  for (const view of views) {
    const end = at + view.length;
    if (end > from && at < to) out.push(view.subarray(Math.max(0, from - at), Math.min(view.length, to - at)));
    at = end;
    if (at >= to) break;
  }
  return out;
}

/**
 * `ranges` decoded as one text. A ready feed's body is ASCII, and ASCII pieces
 * are decoded one by one (faster than streaming); any other bytes are streamed,
 * so that a character cut between two pieces decodes as it would whole.
 */
function decodeRanges(ranges: readonly Uint8Array[], ascii: boolean): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const range of ranges) text += ascii ? decoder.decode(range) : decoder.decode(range, { stream: true });
  return ascii ? text : text + decoder.decode();
}

/**
 * A ready feed's bytes read as `readReadyText` reads its text, when it is
 * sealed and its seals match, with less work before the first page: nothing
 * is joined or copied, the header with what comes before the listings, and
 * the listings, are checked with a hash that reads four bytes at a time
 * (`readySeal`, in the header's `seals`, the first of which covers the header
 * line up to `seals` as well, so a header from another build is caught too),
 * and only what comes before the listings (the data, columns, keys and sizes)
 * is decoded and parsed. The listings are read after it, all at once, or with
 * `lazy` as they are asked for (`LazyListings`, in the ready parts): the
 * worker answers the first page with the few listings on it read. The text
 * index is a file of its own, named in the header, that the engine fetches
 * only for words (feed/ready-index.ts), relative to `baseUrl` (the feed's
 * address) or else `source`. Undefined for anything else: a plain feed, a
 * ready feed whose header has no seals, or one whose seal does not match,
 * that has relative links or is damaged; `readReadyText` then reads its text
 * and says what is wrong. `views` are the body's bytes in the pieces they came in.
 */
export function readReadyBytes(views: readonly Uint8Array[], source?: string, options: { lazy?: boolean; baseUrl?: string; sealer?: ReadySealer } = {}): { data: AtlasData } | undefined {
  const layout = readyLayout(joined(views, 4096));
  if (!layout) return undefined;
  const { end, line, header, sealsAt } = layout;
  const size = views.reduce((n, v) => n + v.length, 0);
  const length = size - end - 1;
  const { listingsAt, seals } = header;
  if (header.version !== READY_VERSION || header.relative !== false || typeof listingsAt !== 'number' || length !== header.length) return undefined;
  if (!Array.isArray(seals) || seals.length !== 2 || seals.some((s) => typeof s !== 'string') || sealsAt < 0) return undefined;
  if (listingsAt < 0 || length < listingsAt + BODY_END.length) return undefined;
  const body = end + 1;
  const tail = joined(rangeOf(views, body + length - BODY_END.length, body + length), BODY_END.length);
  if (BODY_END.some((b, i) => tail[i] !== b)) return undefined;
  const headPart = rangeOf(views, body, body + listingsAt);
  // Sealed as the pieces came, when they were handed over one by one (ReadySealer); else now.
  const early = options.sealer?.seals(size, layout);
  const sealed = early?.head ?? sealOf([new TextEncoder().encode(line.slice(0, sealsAt)), ...headPart]);
  if (sealed.seal !== seals[0]) return undefined;
  const listingsPart = rangeOf(views, body + listingsAt, body + length);
  const listed = early?.listings ?? sealOf(listingsPart);
  if (listed.seal !== seals[1]) return undefined;
  // Parsed already, while the listings still came (`readReadyHeadEarly`), from these very bytes.
  const given = early && options.sealer?.early;
  let parts: ReadyBody;
  if (given && given.line === line && given.end === end) parts = given.parts as ReadyBody;
  else {
    const read = readHead(header, headPart, sealed.ascii);
    if (!read) return undefined;
    parts = read;
  }
  const { keys, summary, sizes } = parts;
  if (!parts.feed || typeof parts.feed !== 'object' || !Array.isArray(parts.feed.listings) || !parts.data || !parts.columns) return undefined;
  if (!Array.isArray(keys) || !summary || !Array.isArray(sizes) || sizes.length !== keys.length) return undefined;
  // The listings' sizes and the commas between them fill what is between `[` and `]`.
  if (sizes.reduce((n, s) => n + s, Math.max(0, sizes.length - 1)) !== length - BODY_END.length - listingsAt) return undefined;
  const lazy = lazyListings(views, body + listingsAt, sizes, listed.ascii, keys, summary);
  if (!options.lazy) lazy.readSome(Infinity);
  const feed = { ...parts.feed, listings: lazy.listings };
  return { data: trusted({ ...parts, feed }, indexFileOf(header, options.baseUrl ?? source), source, options.lazy ? lazy : undefined) };
}

/**
 * What comes before the listings (`head`, the body's bytes up to `listingsAt`), its empty list closed:
 * `"feed":{…,"listings":[` then `]}`. Not the first screens at its start (feed/first.ts), which only a
 * finder's first draw reads. Undefined when it does not parse.
 */
function readHead(header: ReadyHeader, head: readonly Uint8Array[], ascii: boolean): ReadyBody | undefined {
  try {
    const from = screensEnd(header, head);
    return JSON.parse(`{${decodeRanges(from ? rangeOf(head, from, Number(header.listingsAt)) : head, ascii)}]}}`) as ReadyBody;
  } catch {
    return undefined;
  }
}

/**
 * Parses what comes before a ready feed's listings as soon as its last byte is in (`views`, the body's
 * pieces so far, all added to `sealer`) and its seal matches, and keeps it on the sealer for
 * `readReadyBytes`: the worker does it while the listings still arrive (10,000 listings: 620 KB, 4 to 5 ms
 * of its CPU that no longer wait for the body's last byte). Does nothing before then, or once done.
 */
export function readReadyHeadEarly(views: readonly Uint8Array[], sealer: ReadySealer): void {
  if (sealer.early !== undefined) return;
  const head = sealer.head();
  if (!head) return;
  const { layout, seal } = head;
  const { end, line, header, sealsAt } = layout;
  const { listingsAt, seals } = header;
  sealer.early = null;
  if (header.version !== READY_VERSION || header.relative !== false || typeof listingsAt !== 'number' || listingsAt < 0) return;
  if (!Array.isArray(seals) || seals.length !== 2 || sealsAt < 0 || seal.seal !== seals[0]) return;
  const parts = readHead(header, rangeOf(views, end + 1, end + 1 + listingsAt), seal.ascii);
  if (parts) sealer.early = { line, end, parts };
}

/**
 * Where the first screens' lines end in the body's part before the listings (`head`), as the header's
 * `first` says their lengths: 0 when it says none, or the bytes are not laid out as atlas build writes them.
 */
function screensEnd(header: ReadyHeader, head: readonly Uint8Array[]): number {
  const first = header.first;
  const byKinds = first?.byKinds;
  if (!first || !Number.isInteger(first.length) || (byKinds && !Number.isInteger(byKinds.length))) return 0;
  const screens = SCREEN_KEY.length + first.length + 2;
  const end = screens + (byKinds ? KIND_SCREENS_KEY.length + byKinds.length + 2 : 0);
  if (end >= head.reduce((n, v) => n + v.length, 0)) return 0;
  const text = (from: number, to: number): string => String.fromCharCode(...joined(rangeOf(head, from, to), to - from));
  if (text(0, SCREEN_KEY.length) !== SCREEN_KEY || text(screens - 2, screens) !== ',\n') return 0;
  if (byKinds && (text(screens, screens + KIND_SCREENS_KEY.length) !== KIND_SCREENS_KEY || text(end - 2, end) !== ',\n')) return 0;
  return end;
}

/** Listings read in one `JSON.parse` when read a slice at a time: about this many bytes, a millisecond or two. */
const BYTES_PER_READ = 200_000;

/**
 * The listings of a ready feed's bytes (`views`), the first at `from`, each
 * `sizes[i]` bytes long with a comma between two, read when asked for: the
 * array `listings` has a hole for each listing not read yet.
 */
function lazyListings(views: readonly Uint8Array[], from: number, sizes: readonly number[], ascii: boolean, keys: string[], summary: ListingSummary): LazyListings & { listings: AtlasData['listings'] } {
  type Listing = AtlasData['listings'][number];
  const n = sizes.length;
  const starts = new Float64Array(n);
  for (let i = 0, at = from; i < n; at += sizes[i]! + 1, i++) starts[i] = at;
  const listings = new Array<Listing>(n);
  // Where each piece starts, to find a listing's piece without walking the pieces before it.
  const pieceAt = new Float64Array(views.length + 1);
  views.forEach((v, k) => (pieceAt[k + 1] = pieceAt[k]! + v.length));
  const decoder = new TextDecoder();
  /** Listings `a` to `b` as text: decoded where they are when they are in one piece (one decoder for all, as the text is ASCII). */
  const textOf = (a: number, b: number): string => {
    const from = starts[a]!;
    const to = starts[b]! + sizes[b]!;
    let low = 0;
    let high = views.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (pieceAt[mid]! <= from) low = mid;
      else high = mid - 1;
    }
    if (ascii && to <= pieceAt[low + 1]!) return decoder.decode(views[low]!.subarray(from - pieceAt[low]!, to - pieceAt[low]!));
    return decodeRanges(rangeOf(views.slice(low), from - pieceAt[low]!, to - pieceAt[low]!), ascii);
  };
  /** Every listing before it is read. */
  let next = 0;
  const lazy = {
    listings,
    keys,
    summary,
    get whole(): boolean {
      return next >= n;
    },
    at(i: number): Listing {
      return (listings[i] ??= JSON.parse(textOf(i, i)) as Listing);
    },
    readSome(until: number): boolean {
      while (next < n) {
        while (next < n && listings[next] !== undefined) next++;
        if (next >= n) break;
        // A run of listings not read yet, of about BYTES_PER_READ, in one parse.
        let last = next;
        for (let bytes = sizes[next]!; last + 1 < n && listings[last + 1] === undefined && bytes < BYTES_PER_READ; ) bytes += sizes[++last]!;
        const read = JSON.parse(`[${textOf(next, last)}]`) as Listing[];
        for (let i = next; i <= last; i++) listings[i] = read[i - next]!;
        next = last + 1;
        if (performance.now() >= until) break;
      }
      return next >= n;
    },
  };
  return lazy;
}

/** The plain feed inside a ready feed that is not trusted, with a word in the console saying why. */
export function untrustedReady(ready: { feed: unknown; why: string }, source?: string): unknown {
  console.warn(`Community Atlas: ${source ?? 'a ready feed'} is read as a plain feed, its prebuilt parts left unused: ${ready.why}.`);
  return ready.feed;
}
