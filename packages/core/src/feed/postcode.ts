/**
 * A feed's postcodes in their standard spelling. Apart from values.ts so that the
 * postcode package stays out of the finder's first chunk: only the normaliser
 * spells postcodes out; the quick check recognises one already in that
 * spelling by its pattern (quick.ts).
 */
import { toNormalised } from 'postcode';

/**
 * A UK postcode in its standard spelling (upper case, one space: `SW1A 1AA`), or
 * undefined when it is not a postcode. Uses the `postcode` package, which knows the
 * real formats, rather than a home-made pattern.
 */
export function normalisePostcode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return toNormalised(value.trim()) ?? undefined;
}
