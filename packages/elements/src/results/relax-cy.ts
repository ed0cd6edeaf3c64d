/** The search hints' Welsh words, in their chunk beside the English (relax.ts). */
import type { RelaxWords } from '../translations/en.js';
import { welshCount } from '../internal/format.js';

const results = (n: number): string => welshCount(n, { two: 'ganlyniad', few: 'chanlyniad', many: 'chanlyniad', other: 'canlyniad' });

export const cyRelaxWords: RelaxWords = {
  noResultsHelp: 'Rhowch gynnig ar un o’r rhain:',
  relaxQuery: (q, n) => `Chwilio heb “${q}” (${results(n)})`,
  relaxFilter: (label, n) => `Tynnu “${label}” (${results(n)})`,
  relaxDistance: (n) => `Chwilio pellter ehangach (${results(n)})`,
};
