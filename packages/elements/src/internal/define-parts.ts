/**
 * Registers the parts a finder's first screen shows. Called by both entries: `define`
 * (which adds `<atlas-listing>` at once) and the embed bundle (which adds it on demand).
 * Nothing happens on import, so a bundler honouring `sideEffects` keeps it only where called.
 */
import { html, render } from 'lit';
import { defineElement } from '@community-atlas/core/dom';
import { AtlasCard } from '../card/card.js';
import { AtlasFilters } from '../filters/filters.js';
import { AtlasFinder } from '../finder/finder.js';
import { prepareElement } from './atlas-element.js';
import { AtlasLocation } from '../location/location.js';
import { AtlasResults } from '../results/results.js';
import { AtlasSearch } from '../search/search.js';

/**
 * `later`, given: the finder's class is made ready (its properties worked out, its style
 * sheets made) in the task it gives, the finder registered in the next, and its parts in
 * the one after (the embed bundle: registering them all with the script's evaluation was
 * one task of 90 ms on a slow phone, and the finder's registration alone, with its first
 * instance made, 40 to 60 ms). The finder's loading message needs no part, and its first
 * draw waits for a task of its own, after theirs and one that warms the drawing of templates.
 */
export function defineFirstScreenParts(later?: (define: () => void) => void): void {
  const parts = (): void => {
    defineElement('atlas-card', AtlasCard);
    defineElement('atlas-search', AtlasSearch);
    defineElement('atlas-filters', AtlasFilters);
    defineElement('atlas-results', AtlasResults);
    defineElement('atlas-location', AtlasLocation);
  };
  const finder = (): void => defineElement('atlas-finder', AtlasFinder);
  if (!later) {
    parts();
    finder();
    return;
  }
  later(() => prepareElement(AtlasFinder));
  later(finder);
  later(parts);
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
