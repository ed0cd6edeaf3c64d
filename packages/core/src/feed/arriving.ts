/**
 * A plain feed's body parsed as it arrives, for the search worker: over HTTP the
 * worker is up long before the body's last byte, and sat idle until then, when it
 * rewrote every byte as ASCII (ascii.ts), decoded and parsed the lot. Here each
 * piece is rewritten as it comes (a character may straddle two pieces), and the
 * top-level `listings` array is parsed in batches of whole listings as they
 * arrive (the cut after the last whole listing, found as so-far.ts finds it:
 * strings and escapes tracked). After the last byte only the last batch and the
 * members around the listings are left to parse.
 *
 * The value is exactly the one `JSON.parse` gives of the whole text (the same
 * members in the same order, the listings the same values); anything unusual
 * gives up (`value()` is then undefined) and the caller reads the whole body as
 * before: bytes that are not well-formed UTF-8, a ready feed, a body that is not
 * an object, a member's name with an escape in it, `listings` twice or not an
 * array, text that is not JSON (whose error the whole parse words).
 */
import { READY_TEXT_START } from './ready-seal.js';

const READY_START = new TextEncoder().encode(READY_TEXT_START);
const LISTINGS = new TextEncoder().encode('listings');
const HEX = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));
const ascii = new TextDecoder();
/** How many bytes the start is known from: a byte order mark and a ready feed's first. */
const START_BYTES = 3 + READY_START.length;

/** How many bytes of whole listings are parsed at once, at the least (each piece's, when larger). */
const BATCH_BYTES = 1 << 17;

export class ArrivingFeed {
  /** Given up: the whole body is read as before. */
  gaveUp = false;
  readonly #batchBytes: number;
  /** The body so far rewritten as ASCII, from `#base` on (bytes before it were parsed or kept in `#head`). */
  #out = new Uint8Array(1 << 16);
  #w = 0;
  /** The offset in the rewritten body of `#out[0]`. */
  #base = 0;
  /** The first bytes of the body, until it is known to be neither a ready feed nor anything but an object. */
  #start: number[] | undefined = [];
  /** The bytes of a character beyond ASCII not all arrived yet. */
  #carry: number[] = [];
  // The scanner's state (offsets in the rewritten body).
  #scanned = 0;
  #depth = 0;
  #inString = false;
  /** At the top object's level: the next string is a member's name. */
  #expectName = false;
  /** Where the string being scanned started (its opening quote), for a member's name. */
  #stringAt = 0;
  #nameIsListings = false;
  /** The top object has begun. */
  #opened = false;
  #seenListings = false;
  #inListings = false;
  /** Where the listings array opened (its `[`) and closed (its `]`), in the rewritten body. */
  #open = -1;
  #close = -1;
  /** The text before the listings array. */
  #head: string | undefined;
  /** Where the listings not parsed yet start (after the `[`, or after the last batch's last listing). */
  #from = -1;
  /** Where the last whole listing ended (the offset after it). */
  #cut = -1;
  readonly #listings: unknown[] = [];

  constructor(batchBytes = BATCH_BYTES) {
    this.#batchBytes = batchBytes;
  }

  /** The next piece of the body. */
  add(piece: Uint8Array): void {
    if (this.gaveUp || !piece.byteLength) return;
    try {
      this.#add(piece);
    } catch {
      // A batch that is not JSON, say: the whole parse says what is wrong with it.
      this.#giveUp();
    }
  }

  /**
   * The body's pieces after those added, all of them, when they are all in: rewritten as ASCII but not
   * scanned, since what follows the listings parsed so far is parsed in one (see `#finishRest`).
   */
  addLast(piece: Uint8Array): void {
    if (this.gaveUp || !piece.byteLength) return;
    if (this.#start || this.#open < 0 || this.#close >= 0) return this.add(piece);
    try {
      this.#rewrite(piece);
    } catch {
      this.#giveUp();
    }
  }

  /** The whole body's value, once every piece has been added; undefined when it gave up. */
  value(): unknown {
    if (this.gaveUp) return undefined;
    try {
      if (this.#scanned < this.#base + this.#w) {
        const value = this.#finishRest();
        if (value !== undefined) return value;
        this.#scan();
        if (this.gaveUp) return undefined;
      }
      return this.#finish();
    } catch {
      this.#giveUp();
      return undefined;
    }
  }

  #giveUp(): void {
    this.gaveUp = true;
    this.#out = new Uint8Array(0);
    this.#listings.length = 0;
    this.#head = undefined;
  }

  #add(piece: Uint8Array): void {
    let bytes = piece;
    if (this.#start) {
      // Known from its first bytes: a byte order mark is dropped (as TextDecoder drops it), and a ready feed is not this path's.
      const start = this.#start;
      const had = start.length;
      for (let i = 0; i < piece.length && start.length < START_BYTES; i++) start.push(piece[i]!);
      if (start.length < START_BYTES) return;
      const bom = start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf ? 3 : 0;
      if (READY_START.every((b, k) => start[bom + k] === b)) return this.#giveUp();
      this.#start = undefined;
      this.#rewrite(new Uint8Array(start.slice(bom)));
      bytes = piece.subarray(START_BYTES - had);
    }
    this.#rewrite(bytes);
    this.#scan();
    if (this.#cut >= 0 && this.#cut - this.#from >= this.#batchBytes) this.#parseTo(this.#cut);
  }

  /** Appends `bytes` as ASCII: each character beyond it as a `\uXXXX` escape (ascii.ts's rewrite, piece by piece). */
  #rewrite(bytes: Uint8Array): void {
    let i = 0;
    if (this.#carry.length) {
      // The rest of a character begun in the last piece.
      const need = wideLength(this.#carry[0]!);
      while (this.#carry.length < need && i < bytes.length) this.#carry.push(bytes[i++]!);
      if (this.#carry.length < need) return;
      const whole = this.#carry;
      this.#carry = [];
      this.#room(12);
      if (!this.#escapeAt(Uint8Array.from(whole), 0)) return this.#giveUp();
    }
    const n = bytes.length;
    const aligned = (4 - (bytes.byteOffset & 3)) & 3;
    const words = n > aligned ? new Uint32Array(bytes.buffer, bytes.byteOffset + aligned, (n - aligned) >>> 2) : new Uint32Array(0);
    while (i < n) {
      const wide = nextWide(bytes, words, aligned, i);
      this.#room(wide - i + 12);
      this.#out.set(bytes.subarray(i, wide), this.#w);
      this.#w += wide - i;
      i = wide;
      if (i >= n) break;
      const need = wideLength(bytes[i]!);
      if (!need) return this.#giveUp();
      if (i + need > n) {
        for (; i < n; i++) this.#carry.push(bytes[i]!);
        // Only the lead byte is checked now; the rest when they come.
        break;
      }
      if (!this.#escapeAt(bytes, i)) return this.#giveUp();
      i += need;
    }
  }

  /** Writes the character at `at` of `bytes` as escapes; false when it is not well-formed or follows a lone backslash. */
  #escapeAt(bytes: Uint8Array, at: number): boolean {
    // Just after a backslash that starts an escape (an odd run of them), `\uXXXX` would join it (see ascii.ts).
    let run = 0;
    while (run < this.#w && this.#out[this.#w - 1 - run] === 0x5c) run++;
    if (run & 1) return false;
    const b = bytes[at]!;
    const cont = (k: number): number => {
      const c = bytes[at + k] ?? -1;
      return (c & 0xc0) === 0x80 ? c & 0x3f : -1;
    };
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      const c1 = cont(1);
      if (c1 < 0) return false;
      cp = ((b & 0x1f) << 6) | c1;
    } else if (b >= 0xe0 && b <= 0xef) {
      const c1 = cont(1);
      const c2 = cont(2);
      if (c1 < 0 || c2 < 0) return false;
      cp = ((b & 0x0f) << 12) | (c1 << 6) | c2;
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const c1 = cont(1);
      const c2 = cont(2);
      const c3 = cont(3);
      if (c1 < 0 || c2 < 0 || c3 < 0) return false;
      cp = ((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
      if (cp < 0x10000 || cp > 0x10ffff) return false;
    } else return false;
    if (cp < 0x10000) this.#escape(cp);
    else {
      this.#escape(0xd800 + ((cp - 0x10000) >>> 10));
      this.#escape(0xdc00 + ((cp - 0x10000) & 0x3ff));
    }
    return true;
  }

  #escape(unit: number): void {
    const out = this.#out;
    let w = this.#w;
    out[w++] = 0x5c;
    out[w++] = 0x75;
    out[w++] = HEX[(unit >>> 12) & 15]!;
    out[w++] = HEX[(unit >>> 8) & 15]!;
    out[w++] = HEX[(unit >>> 4) & 15]!;
    out[w++] = HEX[unit & 15]!;
    this.#w = w;
  }

  #room(more: number): void {
    if (this.#w + more <= this.#out.length) return;
    const bigger = new Uint8Array(Math.max(this.#w + more, this.#out.length * 2));
    bigger.set(this.#out.subarray(0, this.#w));
    this.#out = bigger;
  }

  /** Scans the bytes rewritten since the last scan: the listings array's start and end, and the end of each whole listing. */
  #scan(): void {
    const out = this.#out;
    const base = this.#base;
    const end = this.#w;
    let i = this.#scanned - base;
    let depth = this.#depth;
    while (i < end) {
      if (this.#inString) {
        // The next quote not escaped (an even run of backslashes before it).
        const q = out.indexOf(0x22, i);
        if (q < 0 || q >= end) {
          i = end;
          break;
        }
        let run = 0;
        while (out[q - 1 - run] === 0x5c) run++;
        i = q + 1;
        if (run & 1) continue;
        this.#inString = false;
        if (this.#expectName && depth === 1) {
          this.#expectName = false;
          const name = out.subarray(this.#stringAt - base + 1, q);
          // A name with an escape might be `listings` written otherwise: unusual, read whole.
          if (name.includes(0x5c)) return this.#giveUp();
          const isListings = name.length === LISTINGS.length && name.every((b, k) => b === LISTINGS[k]);
          if (isListings && this.#seenListings) return this.#giveUp();
          this.#nameIsListings = isListings;
          if (isListings) this.#seenListings = true;
        }
        continue;
      }
      const b = out[i]!;
      if (depth === 0) {
        // Only white space, and one object: the feed.
        if (b === 0x7b && !this.#opened) {
          this.#opened = true;
          this.#expectName = true;
          depth = 1;
        } else if (!isSpace(b)) return this.#giveUp();
      } else if (b === 0x22) {
        this.#inString = true;
        this.#stringAt = base + i;
        // A value at the top level after a name: not a name, and not the listings.
        if (depth === 1 && !this.#expectName && this.#nameIsListings) return this.#giveUp();
      } else if (b === 0x7b || b === 0x5b) {
        if (depth === 1) {
          if (this.#nameIsListings) {
            if (b !== 0x5b) return this.#giveUp();
            this.#inListings = true;
            this.#nameIsListings = false;
            this.#open = base + i;
            this.#head = ascii.decode(out.subarray(0, i));
            this.#from = this.#open + 1;
          }
        }
        depth++;
      } else if (b === 0x7d || b === 0x5d) {
        depth--;
        if (this.#inListings && depth === 2) this.#cut = base + i + 1;
        else if (this.#inListings && depth === 1) {
          this.#inListings = false;
          this.#close = base + i;
        }
      } else if (depth === 1) {
        if (b === 0x2c) this.#expectName = true;
        else if (!isSpace(b) && b !== 0x3a && this.#nameIsListings) return this.#giveUp();
      }
      i++;
    }
    this.#depth = depth;
    this.#scanned = base + i;
    // Until the listings start, every byte is kept (the head); after, what was parsed is dropped.
    if (this.#open < 0 && this.#scanned > (1 << 22)) return this.#giveUp();
  }

  /** Parses the listings from `#from` up to `to` (the end of a whole listing) and drops their bytes. */
  #parseTo(to: number): void {
    const base = this.#base;
    const first = this.#from === this.#open + 1;
    const text = ascii.decode(this.#out.subarray(this.#from - base, to - base));
    this.#take(JSON.parse(first ? `[${text}]` : `[null${text}]`) as unknown[], first ? 0 : 1);
    this.#from = to;
    this.#cut = -1;
    // Keep the bytes from `to` on only (the scanner has read them all, so none is needed again).
    const keep = this.#out.subarray(to - base, this.#w);
    this.#out.copyWithin(0, to - base, this.#w);
    this.#w = keep.length;
    this.#base = to;
  }

  #take(batch: unknown[], skip: number): void {
    const listings = this.#listings;
    for (let k = skip; k < batch.length; k++) listings.push(batch[k]);
  }

  /**
   * The value when bytes after the last parsed listing were not scanned (`addLast`): the rest of the body,
   * from the listings not parsed yet to its end, is parsed in one as the rest of an object whose first
   * member is an array (`{"\u0001":[null` and the rest), the same state it is in within the whole body; the
   * array's elements are the last listings, and the other members are those after the listings. Undefined
   * (scan as usual) when that might not be exact: a member after the listings that could be named
   * `\u0001`, `listings` or `__proto__`.
   */
  #finishRest(): unknown {
    if (this.#start || this.#carry.length || this.#open < 0 || this.#close >= 0 || this.#head === undefined) return undefined;
    const rest = ascii.decode(this.#out.subarray(this.#from - this.#base, this.#w));
    if (rest.includes('\\u0001')) return undefined;
    const first = this.#from === this.#open + 1;
    const after = JSON.parse(`{"\\u0001":[${first ? '' : 'null'}${rest}`) as Record<string, unknown>;
    const names = Object.keys(after);
    if (names.includes('listings') || Object.prototype.hasOwnProperty.call(after, '__proto__')) return undefined;
    const last = after['\u0001'] as unknown[];
    this.#take(last, first ? 0 : 1);
    const around = JSON.parse(`${this.#head}null}`) as Record<string, unknown>;
    around.listings = this.#listings;
    for (const name of names) if (name !== '\u0001') around[name] = after[name];
    return around;
  }

  #finish(): unknown {
    if (this.#start || this.#carry.length || this.#inString || this.#depth !== 0 || this.#close < 0 || this.#head === undefined) throw new Error('not whole');
    const base = this.#base;
    const out = this.#out;
    // The listings after the last batch (none, or some and perhaps white space), then the members around them.
    const rest = ascii.decode(out.subarray(this.#from - base, this.#close - base));
    const first = this.#from === this.#open + 1;
    if (first) this.#take(JSON.parse(`[${rest}]`) as unknown[], 0);
    else if (rest.trim()) this.#take(JSON.parse(`[null${rest}]`) as unknown[], 1);
    else if (/[^ \t\n\r]/.test(rest)) throw new Error('not JSON');
    // `null` where the listings were: the members keep their order, and no number can take it as its last digit.
    const around = JSON.parse(`${this.#head}null${ascii.decode(out.subarray(this.#close - base + 1, this.#w))}`) as Record<string, unknown>;
    if (!around || typeof around !== 'object' || Array.isArray(around)) throw new Error('not an object');
    around.listings = this.#listings;
    return around;
  }
}

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** How many bytes the UTF-8 character led by `b` has (0: not a lead byte). */
const wideLength = (b: number): number => (b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0);

/** The first byte beyond ASCII in `view` at or after `from`, or its length; `words`: its bytes from `aligned` on, four at a time. */
function nextWide(view: Uint8Array, words: Uint32Array, aligned: number, from: number): number {
  const n = view.byteLength;
  let i = from;
  for (; (i < aligned || (i - aligned) & 3) && i < n; i++) if (view[i]! > 0x7f) return i;
  if (i >= n) return n;
  let w = (i - aligned) >>> 2;
  while (w < words.length && (words[w]! & 0x80808080) === 0) w++;
  for (i = aligned + (w << 2); i < n; i++) if (view[i]! > 0x7f) return i;
  return n;
}
