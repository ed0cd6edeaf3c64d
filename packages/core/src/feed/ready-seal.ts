/**
 * A ready feed's seals (`readySeal`, its header's `seals`): a hash of its bytes
 * read four at a time, worked out as its pieces arrive (`ReadySealer`), on
 * the page while the worker's thread starts and then in the worker, which
 * takes the page's sealer where it left off. Apart from feed/ready.ts, so that
 * the page's code that hands a feed to the worker holds no more than this.
 */
import { joined, READY_FORMAT } from './first.js';
import type { ReadyHeader } from './ready.js';

/** How a ready feed's text starts. */
export const READY_TEXT_START = `{"format":"${READY_FORMAT}"`;

const READY_START_BYTES = new TextEncoder().encode(READY_TEXT_START);
const SEALS_KEY = ',"seals":';

/** Whether this platform's typed arrays are little-endian (every browser's is), so that four bytes can be read as one word. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A hash of bytes read four at a time (each run of four as a little-endian
 * word, the last zero-padded), in two lanes, one rotated so that a change
 * anywhere in a word reaches every bit, and the byte count: a few times
 * faster than `readyHash`, which takes a byte at a time. What a ready
 * feed's `seals` are (see `readReadyBytes`). `ranges` are the bytes in order,
 * in as many pieces as they came in.
 */
export function readySeal(ranges: readonly Uint8Array[]): string {
  return sealOf(ranges).seal;
}

/** `readySeal`, and whether every byte was ASCII (so that the pieces can be decoded one by one). */
export function sealOf(ranges: readonly Uint8Array[]): { seal: string; ascii: boolean } {
  const seal = new Seal();
  for (const range of ranges) seal.add(range);
  return seal.result();
}

/** `readySeal` worked out a piece at a time: the same seal of the same bytes, however they are cut. */
class Seal {
  #high = 0;
  #a = 0x811c9dc5;
  #b = 0x2f1bd3a7;
  #carry = 0;
  #held = 0;
  #count = 0;

  /** A seal that goes on from `state` (what `state()` gave, on another thread). */
  constructor(state?: SealState) {
    if (state) [this.#high, this.#a, this.#b, this.#carry, this.#held, this.#count] = state;
  }

  /** Where this seal is, as numbers that can be posted to another thread. */
  state(): SealState {
    return [this.#high, this.#a, this.#b, this.#carry, this.#held, this.#count];
  }

  add(range: Uint8Array): void {
    let high = this.#high;
    let a = this.#a;
    let b = this.#b;
    let carry = this.#carry;
    let held = this.#held;
    // Written out in each loop rather than called: this runs over megabytes.
    const n = range.length;
    this.#count += n;
    let i = 0;
    // Bytes left over from the last piece first: a word is four bytes of the whole.
    while (held && i < n) {
      carry |= range[i++]! << (held * 8);
      if (++held === 4) {
        high |= carry;
        a = Math.imul(a ^ carry, 0x01000193);
        b ^= carry;
        b = (Math.imul((b << 15) | (b >>> 17), 0x5bd1e995) + 0x6b43a9b5) | 0;
        carry = held = 0;
      }
    }
    const words = (n - i) >>> 2;
    if (LITTLE_ENDIAN && (range.byteOffset + i) % 4 === 0) {
      const view = new Uint32Array(range.buffer, range.byteOffset + i, words);
      for (let w = 0; w < words; w++) {
        const x = view[w]!;
        high |= x;
        a = Math.imul(a ^ x, 0x01000193);
        b ^= x;
        b = (Math.imul((b << 15) | (b >>> 17), 0x5bd1e995) + 0x6b43a9b5) | 0;
      }
    } else {
      for (let w = 0, at = i; w < words; w++, at += 4) {
        const x = range[at]! | (range[at + 1]! << 8) | (range[at + 2]! << 16) | (range[at + 3]! << 24);
        high |= x;
        a = Math.imul(a ^ x, 0x01000193);
        b ^= x;
        b = (Math.imul((b << 15) | (b >>> 17), 0x5bd1e995) + 0x6b43a9b5) | 0;
      }
    }
    for (i += words * 4; i < n; i++) carry |= range[i]! << (held++ * 8);
    this.#high = high;
    this.#a = a;
    this.#b = b;
    this.#carry = carry;
    this.#held = held;
  }

  result(): { seal: string; ascii: boolean } {
    let a = this.#a;
    let b = this.#b;
    for (const x of this.#held ? [this.#carry, this.#count] : [this.#count]) {
      a = Math.imul(a ^ x, 0x01000193);
      b ^= x;
      b = (Math.imul((b << 15) | (b >>> 17), 0x5bd1e995) + 0x6b43a9b5) | 0;
    }
    return { seal: `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`, ascii: ((this.#high | this.#carry) & 0x80808080) === 0 };
  }
}

/** What a ready feed's first line says of where its parts are: from its first bytes (up to 4,096). */
interface ReadyLayout {
  /** Where the header line ends (its line break). */
  end: number;
  line: string;
  header: ReadyHeader;
  /** Where `,"seals":` starts in the line: the first seal covers the line up to it. */
  sealsAt: number;
}

/** A ready feed's layout from its first bytes (`first`, up to 4,096), or undefined for anything else. */
export function readyLayout(first: Uint8Array): ReadyLayout | undefined {
  const at = first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf ? 3 : 0;
  for (let i = 0; i < READY_START_BYTES.length; i++) if (first[at + i] !== READY_START_BYTES[i]) return undefined;
  const end = first.indexOf(0x0a);
  if (end < 0) return undefined;
  const line = new TextDecoder().decode(first.subarray(at, end));
  try {
    const header = JSON.parse(`${line.replace(/,\s*$/, '')}}`) as ReadyHeader;
    return { end, line, header, sealsAt: line.lastIndexOf(SEALS_KEY) };
  } catch {
    return undefined;
  }
}

/**
 * A ready feed's two seals worked out as its pieces arrive (`add`, in order):
 * the worker is handed a body's pieces while the rest still comes, and seals
 * them then, so that `readReadyBytes`, given this once every piece is in,
 * need not read every byte again before the first answer. The seals are
 * those `readReadyBytes` would work out from the same bytes; it uses them
 * only for a body of the very size and layout this read.
 */
export class ReadySealer {
  #pending: Uint8Array[] = [];
  #size = 0;
  /** Undefined until the first line is in; null for a body that is not a ready feed. */
  #layout: ReadyLayout | null | undefined;
  #head = new Seal();
  #listings = new Seal();
  /**
   * What comes before the listings, parsed as soon as its last byte was in (feed/ready.ts's
   * `readReadyHeadEarly`, in the worker, while the listings still arrive), for the layout it was read
   * with; null when it could not be. `readReadyBytes` takes it rather than parse it again.
   */
  early: { line: string; end: number; parts: unknown } | null | undefined;

  /**
   * A sealer that goes on from where another left off (`state()`): the page
   * seals a body's first pieces while the worker's thread starts, and the
   * worker seals the pieces after them.
   */
  static from(state: ReadySealerState): ReadySealer {
    const sealer = new ReadySealer();
    sealer.#pending = state.pending;
    sealer.#size = state.size;
    sealer.#layout = state.layout;
    sealer.#head = new Seal(state.head);
    sealer.#listings = new Seal(state.listings);
    return sealer;
  }

  /** Where this sealer is, as data that can be posted to another thread (the few bytes it holds before the first line is in, copied). */
  state(): ReadySealerState {
    return { pending: this.#pending.map((p) => p.slice()), size: this.#size, layout: this.#layout, head: this.#head.state(), listings: this.#listings.state() };
  }

  add(piece: Uint8Array): void {
    const from = this.#size;
    this.#size += piece.length;
    if (this.#layout === null) return;
    if (this.#layout === undefined) {
      this.#pending.push(piece);
      const first = joined(this.#pending, 4096);
      if (first.length < 4096 && first.indexOf(0x0a) < 0) return;
      const layout = readyLayout(first);
      this.#layout = layout && layout.sealsAt >= 0 ? layout : null;
      const pending = this.#pending;
      this.#pending = [];
      if (!this.#layout) return;
      this.#head.add(new TextEncoder().encode(this.#layout.line.slice(0, this.#layout.sealsAt)));
      let at = 0;
      for (const p of pending) {
        this.#take(p, at);
        at += p.length;
      }
      return;
    }
    this.#take(piece, from);
  }

  /** `piece`, which starts at byte `from` of the body, into the seal of whichever part it is in. */
  #take(piece: Uint8Array, from: number): void {
    const { end, header } = this.#layout!;
    const headAt = end + 1;
    const listingsAt = headAt + Number(header.listingsAt);
    const to = from + piece.length;
    const last = headAt + Number(header.length);
    if (to > headAt && from < listingsAt) this.#head.add(piece.subarray(Math.max(0, headAt - from), Math.min(piece.length, listingsAt - from)));
    if (to > listingsAt && from < last) this.#listings.add(piece.subarray(Math.max(0, listingsAt - from), Math.min(piece.length, last - from)));
  }

  /** The layout and the seal of what comes before the listings, once every byte of it has been added. */
  head(): { layout: ReadyLayout; seal: { seal: string; ascii: boolean } } | undefined {
    const layout = this.#layout;
    if (!layout || this.#size < layout.end + 1 + Number(layout.header.listingsAt)) return undefined;
    return { layout, seal: this.#head.result() };
  }

  /** The seals of what comes before the listings and of the listings, if this read a body of `size` bytes laid out as `layout`. */
  seals(size: number, layout: ReadyLayout): { head: { seal: string; ascii: boolean }; listings: { seal: string; ascii: boolean } } | undefined {
    const own = this.#layout;
    if (!own || size !== this.#size || own.end !== layout.end || own.line !== layout.line) return undefined;
    return { head: this.#head.result(), listings: this.#listings.result() };
  }
}

/** A `Seal`'s state: high bits, the two lanes, the bytes carried, how many, and the count. */
type SealState = [high: number, a: number, b: number, carry: number, held: number, count: number];

/** A `ReadySealer`'s state (`state()`, `ReadySealer.from`). */
export interface ReadySealerState {
  pending: Uint8Array[];
  size: number;
  layout: ReadyLayout | null | undefined;
  head: SealState;
  listings: SealState;
}
