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

/**
 * The work of `asciiJsonText`, stopping for a moment (a `yield`) every `STEP_BYTES` or so.
 * The body's pieces are read where they are, not joined into one buffer first
 * (for a feed of 8 MB a copy as long as parsing it); a character may straddle two pieces.
 */
function* asciiSteps(fetched: FetchedFeed): Generator<void, string | undefined, void> {
  const views = fetchedViews(fetched).filter((view) => view.byteLength > 0);
  if (!views.length) return undefined;
  const starts: number[] = [];
  let size = 0;
  for (const view of views) {
    starts.push(size);
    size += view.byteLength;
  }
  // A ready feed's hash is of its text as written (atlas build writes it in ASCII): known from its first bytes.
  const head = join(views, Math.min(size, READY_START.length + 3));
  const bom = head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (startsAt(head, bom, READY_START)) return undefined;
  /** The byte at `at` of the whole body (for the bytes of a character beyond ASCII, which may be in the next piece). */
  let k = 0;
  const byteAt = (at: number): number => {
    while (k > 0 && at < starts[k]!) k--;
    while (k < views.length - 1 && at >= starts[k + 1]!) k++;
    return views[k]!.at(at - starts[k]!) ?? -1;
  };
  /** Each piece's bytes from its first four-byte boundary on, four at a time (made when first read). */
  const words: (Uint32Array | undefined)[] = [];
  /** The first byte beyond ASCII at or after `from` (in the whole body) within its piece, or the piece's end. */
  const nextWide = (from: number): number => {
    byteAt(from);
    const view = views[k]!;
    const start = starts[k]!;
    const aligned = (4 - (view.byteOffset & 3)) & 3;
    let i = from - start;
    for (; (i < aligned || (i - aligned) & 3) && i < view.byteLength; i++) if (view[i]! > 0x7f) return start + i;
    if (i >= view.byteLength) return start + view.byteLength;
    const all = (words[k] ??= new Uint32Array(view.buffer, view.byteOffset + aligned, Math.max(0, view.byteLength - aligned) >>> 2));
    let w = (i - aligned) >>> 2;
    while (w < all.length && (all[w]! & 0x80808080) === 0) w++;
    for (i = aligned + (w << 2); i < view.byteLength; i++) if (view[i]! > 0x7f) return start + i;
    return start + view.byteLength;
  };
  /** Whether any byte from `from` on is beyond ASCII. */
  const anyWide = (from: number): boolean => {
    for (let at = from; at < size;) {
      const wide = nextWide(at);
      if (wide < starts[k]! + views[k]!.byteLength) return true;
      at = wide;
    }
    return false;
  };
  // A byte order mark at the start is dropped, as TextDecoder drops it.
  let i = bom;
  if (i === 0 && !anyWide(0)) return undefined;
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
  const cont = (at: number): number => {
    if (at >= size) return -1;
    const b = byteAt(at);
    return (b & 0xc0) === 0x80 ? b & 0x3f : -1;
  };
  let stop = STEP_BYTES;
  while (i < size) {
    if (i >= stop) {
      yield;
      stop = i + STEP_BYTES;
    }
    // The run of ASCII before the next wide byte (or the piece's end), copied as it is.
    const wide = nextWide(i);
    room(wide - i + 12);
    out.set(views[k]!.subarray(i - starts[k]!, wide - starts[k]!), w);
    w += wide - i;
    i = wide;
    if (i >= size || i === starts[k]! + views[k]!.byteLength) continue;
    // Just after a backslash that starts an escape (an odd run of them), `\uXXXX` would make it part of another
    // escape: `\é`, which is not JSON, would be read as `\\u00e9`, which is. Such text is decoded as it is instead.
    let run = 0;
    while (run < w && out[w - 1 - run] === 0x5c) run++;
    if (run & 1) return undefined;
    const b = views[k]![i - starts[k]!]!;
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
