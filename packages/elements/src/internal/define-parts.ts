/**
 * Registers the parts a finder's first screen shows. Called by both entries: `define`
 * (which adds `<atlas-listing>` at once) and the embed bundle (which adds it on demand).
 * Nothing happens on import, so a bundler honouring `sideEffects` keeps it only where called.
 */
import { CSSResult, html, render } from 'lit';
import { defineElement } from '@community-atlas/core/dom';
import { AtlasCard } from '../card/card.js';
import { AtlasFilters } from '../filters/filters.js';
import { AtlasFinder } from '../finder/finder.js';
import { AtlasLocation } from '../location/location.js';
import { AtlasResults } from '../results/results.js';
import { AtlasSearch } from '../search/search.js';

/**
 * `later`, given: the finder's class is made ready in the tasks it gives (its properties
 * worked out, then each of its style sheets made, a task each), the finder registered in
 * the next, then its parts, a task each (the embed bundle: registering them all with the
 * script's evaluation was one task of 90 ms on a slow phone, and the finder's registration
 * alone, with its first instance made, 40 to 60 ms; the finder made ready in one task was
 * 5 to 19 ms of CPU time, its five parts registered in one 16 to 24). The finder's loading
 * message needs no part, and its first draw waits for a task of its own, after theirs and
 * one that warms the drawing of templates.
 */
export function defineFirstScreenParts(later?: (define: () => void) => void): void {
  const parts: [string, CustomElementConstructor][] = [
    ['atlas-card', AtlasCard],
    ['atlas-search', AtlasSearch],
    ['atlas-filters', AtlasFilters],
    ['atlas-results', AtlasResults],
    ['atlas-location', AtlasLocation],
  ];
  const finder = (): void => defineElement('atlas-finder', AtlasFinder);
  if (!later) {
    for (const [tag, part] of parts) defineElement(tag, part);
    finder();
    return;
  }
  later(() => void AtlasFinder.observedAttributes);
  for (const style of [AtlasFinder.styles ?? []].flat()) if (style instanceof CSSResult) later(() => void style.styleSheet);
  later(finder);
  for (const [tag, part] of parts) later(() => defineElement(tag, part));
  later(warmTemplates);
}

/**
 * A template made and drawn into a fragment that is never shown, in a task of its own before
 * the finder's first draw: the code that prepares and draws a template runs cold the first
 * time, in the task that draws the finder's loading message otherwise.
 */
function warmTemplates(): void {
  render(html`<div class="state" role="status"><p>${''}</p></div>`, document.createDocumentFragment());
}
