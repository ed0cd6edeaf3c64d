/**
 * Counts what an import or export could not carry over, so the person running it
 * sees every loss as a number with an example, never a silent drop.
 */
export interface TallyLine {
  /** One plain sentence, the same for every occurrence ("Schedule without an opening time"). */
  reason: string;
  count: number;
  /** Up to three ids or values, so the person can go and look. */
  examples: string[];
}

export class Tally {
  readonly #lines = new Map<string, TallyLine>();

  add(reason: string, example?: string): void {
    let line = this.#lines.get(reason);
    if (!line) {
      line = { reason, count: 0, examples: [] };
      this.#lines.set(reason, line);
    }
    line.count++;
    if (example !== undefined && line.examples.length < 3 && !line.examples.includes(example)) line.examples.push(example);
  }

  get lines(): TallyLine[] {
    return [...this.#lines.values()];
  }

  total(): number {
    let n = 0;
    for (const line of this.#lines.values()) n += line.count;
    return n;
  }
}
