/**
 * A feed's bytes as JSON text of ASCII only, for the search worker. Almost
 * every byte of a real feed is ASCII, but one curly apostrophe or accented
 * letter makes TextDecoder give the whole text as two bytes per character,
 * which takes several times longer to decode (for 8 MB, longer than parsing
 * it). In JSON text, a character other than ASCII can only stand inside a
 * string, where `\uXXXX` means the same character: so such characters are
 * written as escapes, and the text decodes as one byte per character and
 * parses to the same value.
 */
import { fetchedViews, type FetchedFeed } from './fetch.js';
import { READY_TEXT_START } from './ready.js';
import { runSliced, runWhole } from './slices.js';

const HEX = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/**
 * The feed's text with every character beyond ASCII written as a JSON escape,
 * or undefined when that gives nothing (text, not bytes; all ASCII already; a
 * ready feed, whose hash is of its text as written) or cannot be done exactly (bytes that are not well-formed UTF-8, which the
 * decoder replaces: the caller decodes as usual then). Only for text read as
 * JSON: the text of a JSON error would not be the feed's own.
 */
export function asciiJsonText(fetched: FetchedFeed): string | undefined {
  return runWhole(asciiSteps(fetched));
}

/**
 * `asciiJsonText` with the thread handed back (`pause`) whenever a slice has run
 * `sliceMs`: on the page, a feed of a megabyte or two was rewritten, decoded and
 * parsed in one task of 30 to 50 ms (issue 18, item 7).
 */
export function asciiJsonTextSliced(fetched: FetchedFeed, pause: () => Promise<void>, sliceMs = 8): Promise<string | undefined> {
  return runSliced(asciiSteps(fetched), pause, sliceMs);
}

/** How many bytes are read between the points where `asciiSteps` may stop for a moment. */
const STEP_BYTES = 1 << 16;

/** The work of `asciiJsonText`, stopping for a moment (a `yield`) every `STEP_BYTES` or so. */
function* asciiSteps(fetched: FetchedFeed): Generator<void, string | undefined, void> {
  const views = fetchedViews(fetched);
  if (!views.length) return undefined;
  const size = views.reduce((sum, view) => sum + view.byteLength, 0);
  // A ready feed's hash is of its text as written (atlas build writes it in ASCII): known from its first bytes.
  const head = join(views, Math.min(size, READY_START.length + 3));
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (startsAt(head, bom, READY_START)) return undefined;
  // One buffer, starting on a four-byte boundary, so it can be scanned four bytes at a time.
  const bytes = views.length === 1 && views[0]!.byteOffset % 4 === 0 ? views[0]! : join(views, size);
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, size >>> 2);
  /** The first byte beyond ASCII at or after `from`, or `size`. */
  const nextWide = (from: number): number => {
    let i = from;
    for (; i & 3 && i < size; i++) if (bytes[i]! > 0x7f) return i;
    let w = i >>> 2;
    while (w < words.length && (words[w]! & 0x80808080) === 0) w++;
    for (i = w << 2; i < size; i++) if (bytes[i]! > 0x7f) return i;
    return size;
  };
  // A byte order mark at the start is dropped, as TextDecoder drops it.
  let i = bom;
  let wide = nextWide(i);
  if (wide === size && i === 0) return undefined;
  let out = new Uint8Array(size + (size >>> 5) + 64);
  let w = 0;
  const room = (more: number): void => {
    if (w + more <= out.length) return;
    const bigger = new Uint8Array(Math.max(w + more, out.length * 2));
    bigger.set(out.subarray(0, w));
    out = bigger;
  };
  const escape = (unit: number): void => {
    out[w++] = 0x5c;
    out[w++] = 0x75;
    out[w++] = HEX[(unit >>> 12) & 15]!;
    out[w++] = HEX[(unit >>> 8) & 15]!;
    out[w++] = HEX[(unit >>> 4) & 15]!;
    out[w++] = HEX[unit & 15]!;
  };
  const cont = (at: number): number => (at < size && (bytes[at]! & 0xc0) === 0x80 ? bytes[at]! & 0x3f : -1);
  let stop = STEP_BYTES;
  for (;;) {
    if (i >= stop) {
      yield;
      stop = i + STEP_BYTES;
    }
    // The run of ASCII before the next wide byte, copied as it is.
    room(wide - i + 12);
    out.set(bytes.subarray(i, wide), w);
    w += wide - i;
    i = wide;
    if (i >= size) break;
    const b = bytes[i]!;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      const c1 = cont(i + 1);
      if (c1 < 0) return undefined;
      cp = ((b & 0x1f) << 6) | c1;
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      if (c1 < 0 || c2 < 0) return undefined;
      cp = ((b & 0x0f) << 12) | (c1 << 6) | c2;
      // Too long a form, or a surrogate: not well formed.
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const c1 = cont(i + 1);
      const c2 = cont(i + 2);
      const c3 = cont(i + 3);
      if (c1 < 0 || c2 < 0 || c3 < 0) return undefined;
      cp = ((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (cp < 0x10000 || cp > 0x10ffff) return undefined;
      i += 4;
    } else return undefined;
    if (cp < 0x10000) escape(cp);
    else {
      escape(0xd800 + ((cp - 0x10000) >>> 10));
      escape(0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
    wide = nextWide(i);
  }
  yield;
  return new TextDecoder().decode(out.subarray(0, w));
}

const READY_START = new TextEncoder().encode(READY_TEXT_START);

const startsAt = (bytes: Uint8Array, at: number, start: Uint8Array): boolean => {
  if (bytes.length < at + start.length) return false;
  for (let i = 0; i < start.length; i++) if (bytes[at + i] !== start[i]) return false;
  return true;
};

/** The first `size` bytes of the views, in one new buffer. */
function join(views: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const view of views) {
    if (at >= size) break;
    const part = view.byteLength <= size - at ? view : view.subarray(0, size - at);
    all.set(part, at);
    at += part.byteLength;
  }
  return all;
}
