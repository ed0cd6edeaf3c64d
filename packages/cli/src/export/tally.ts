// The tally itself is core's (with the ORUK mapping, which the browser uses too); this is how the CLI prints it.
import type { TallyLine } from '@community-atlas/core/oruk';

/** The tally as indented lines for the terminal: `  3 × reason (e.g. a, b)`. */
export function formatTally(lines: readonly TallyLine[]): string[] {
  return lines.map((line) => {
    const examples = line.examples.length ? ` (e.g. ${line.examples.join(', ')})` : '';
    return `  ${line.count} × ${line.reason}${examples}`;
  });
}
