/**
 * Numbers pairs of whole numbers (grid cells, places to about a metre) in the
 * order they are first seen: an open-addressing hash table over typed arrays,
 * with no object per pair, for the tens of thousands of points on the way to a
 * first draw.
 */
export class PairIndex {
  /** How many pairs have been numbered (the next new pair gets this number). */
  size = 0;
  private readonly firsts: Int32Array;
  private readonly seconds: Int32Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  /** `capacity`: the most pairs it will hold. */
  constructor(capacity: number) {
    let tableSize = 16;
    while (tableSize < capacity * 2) tableSize *= 2;
    this.firsts = new Int32Array(tableSize);
    this.seconds = new Int32Array(tableSize);
    this.slots = new Int32Array(tableSize).fill(-1);
    this.mask = tableSize - 1;
  }

  private hash(a: number, b: number): number {
    return (Math.imul(a, 73856093) ^ Math.imul(b, 19349663)) & this.mask;
  }

  /** The pair's number, numbering it next (`size` before the call) when it is new. */
  add(a: number, b: number): number {
    for (let h = this.hash(a, b); ; h = (h + 1) & this.mask) {
      const found = this.slots[h]!;
      if (found === -1) {
        const fresh = this.size++;
        this.slots[h] = fresh;
        this.firsts[h] = a;
        this.seconds[h] = b;
        return fresh;
      }
      if (this.firsts[h] === a && this.seconds[h] === b) return found;
    }
  }

  /** The pair's number, or -1 when it was never added. */
  find(a: number, b: number): number {
    for (let h = this.hash(a, b); ; h = (h + 1) & this.mask) {
      const found = this.slots[h]!;
      if (found === -1) return -1;
      if (this.firsts[h] === a && this.seconds[h] === b) return found;
    }
  }
}
