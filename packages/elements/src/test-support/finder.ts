// Shared by the finder's browser tests: the fixtures, the clock, and the way
// into each part's shadow root. Not part of the package's build.
import type { AtlasFinder } from '../finder/finder.js';

export const FIXTURES = '/packages/elements/test-fixtures';
/** A fixed Sunday noon, so opening times and "this week" read the same on every run. */
export const NOW = new Date('2026-11-22T12:00:00Z');

export function shadow(el: Element | null | undefined): ShadowRoot {
  if (!el?.shadowRoot) throw new Error(`no shadow root on ${el?.tagName}`);
  return el.shadowRoot;
}
export const results = (f: AtlasFinder) => shadow(f).querySelector('atlas-results')!;
export const cards = (f: AtlasFinder) => [...shadow(results(f)).querySelectorAll('atlas-card')];
export const countText = (f: AtlasFinder) => shadow(results(f)).querySelector('[role="status"]')?.textContent?.trim() ?? '';
