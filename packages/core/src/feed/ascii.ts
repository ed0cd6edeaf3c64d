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
import { isReadyText } from './ready.js';

const HEX = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/**
 * The feed's text with every character beyond ASCII written as a JSON escape,
 * or undefined when that gives nothing (text, not bytes; all ASCII already; a
 * ready feed, whose hash is of its text as written) or cannot be done exactly (bytes that are not well-formed UTF-8, which the
 * decoder replaces: the caller decodes as usual then). Only for text read as
 * JSON: the text of a JSON error would not be the feed's own.
 */
export function asciiJsonText(fetched: FetchedFeed): string | undefined {
  const views = fetchedViews(fetched);
  if (!views.length) return undefined;
  let size = 0;
  let wide = 0;
  for (const view of views) {
    size += view.byteLength;
    for (let i = 0; i < view.length; i++) if (view[i]! > 0x7f) wide++;
  }
  if (!wide) return undefined;
  const bytes = views.length === 1 ? views[0]! : join(views, size);
  // A sequence of n bytes (2 to 4) becomes 6 or 12: at most 2 more per byte.
  const out = new Uint8Array(size + 2 * wide);
  let w = 0;
  const escape = (unit: number): void => {
    out[w++] = 0x5c;
    out[w++] = 0x75;
    out[w++] = HEX[(unit >>> 12) & 15]!;
    out[w++] = HEX[(unit >>> 8) & 15]!;
    out[w++] = HEX[(unit >>> 4) & 15]!;
    out[w++] = HEX[unit & 15]!;
  };
  const cont = (i: number): number => (i < size && (bytes[i]! & 0xc0) === 0x80 ? bytes[i]! & 0x3f : -1);
  // A byte order mark at the start is dropped, as TextDecoder drops it.
  let i = size >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < size) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out[w++] = b;
      i++;
      continue;
    }
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
  const text = new TextDecoder().decode(out.subarray(0, w));
  // A ready feed's hash is of its text as written (atlas build writes it in ASCII).
  return isReadyText(text) ? undefined : text;
}

function join(views: Uint8Array[], size: number): Uint8Array {
  const all = new Uint8Array(size);
  let at = 0;
  for (const view of views) {
    all.set(view, at);
    at += view.byteLength;
  }
  return all;
}
