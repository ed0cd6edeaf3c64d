/**
 * The zero-results view's ways out: "Search without …", "Remove …", "Search a wider
 * distance", each with the number it would find. The embed build puts them in a chunk
 * of their own, fetched the first time a search finds nothing (the "Nothing matches"
 * heading shows at once, and on its own if the chunk cannot be had).
 */
import { html, nothing } from 'lit';
import type { FacetId, FinderState, QueryResult } from '@community-atlas/core';
import type { LoadedStrings, RelaxWords } from '../translations/en.js';
import { cyRelaxWords } from './relax-cy.js';
import { facetLabel, facetName } from '../internal/facet-label.js';
import { englishPlural as plural } from '../internal/format.js';

type Relax = NonNullable<QueryResult['relax']>[number];

const results = (n: number): string => `${n} ${plural(n, 'result', 'results')}`;

/** The English words (the Welsh are in relax-cy.ts; a host's own words come through the strings). */
const relaxWords: RelaxWords = {
  noResultsHelp: 'Try one of these:',
  relaxQuery: (q, n) => `Search without “${q}” (${results(n)})`,
  relaxFilter: (label, n) => `Remove “${label}” (${results(n)})`,
  relaxDistance: (n) => `Search a wider distance (${results(n)})`,
};

const relaxStrings = (t: LoadedStrings): LoadedStrings & RelaxWords => ({ ...(t.locale.startsWith('cy') ? cyRelaxWords : relaxWords), ...t });

/** What the hints need from the result list. */
interface RelaxContext {
  t: LoadedStrings;
  language: string;
  state: FinderState;
  labeller?: (facet: FacetId, value: string) => string;
  change: (patch: Partial<FinderState>) => void;
}

/** The state a hint moves to. */
function relaxed(r: Relax, s: FinderState): Partial<FinderState> {
  if (r.facet === 'q') return { q: '' };
  if (r.facet === 'age') return { age: undefined };
  if (r.facet === 'bounds') return { bounds: undefined };
  // The distance hint names the wider band to move to, not a value to take away.
  if (r.facet === 'distance' && r.value !== undefined) return { filters: { ...s.filters, distance: [r.value] } };
  const filters = { ...s.filters };
  const left = r.value === undefined ? [] : (filters[r.facet] ?? []).filter((v) => v !== r.value);
  if (left.length) filters[r.facet] = left;
  else delete filters[r.facet];
  return { filters };
}

function label(r: Relax, c: RelaxContext): string {
  const t = relaxStrings(c.t);
  if (r.facet === 'q') return t.relaxQuery(c.state.q, r.total);
  if (r.facet === 'distance' || r.facet === 'bounds') return t.relaxDistance(r.total);
  if (r.facet === 'age') return t.relaxFilter(String(c.state.age ?? ''), r.total);
  const name = r.value === undefined ? facetName(c.t, r.facet) : facetLabel(c.t, c.language, r.facet, r.value, c.labeller);
  return t.relaxFilter(name, r.total);
}

/** Up to three buttons that widen the search, under the "Nothing matches" heading. */
export function renderRelax(relax: QueryResult['relax'], c: RelaxContext): unknown {
  if (!relax?.length) return nothing;
  return html`<p>${relaxStrings(c.t).noResultsHelp}</p>
    <ul>
      ${relax.slice(0, 3).map((r) => html`<li><button type="button" @click=${() => c.change(relaxed(r, c.state))}>${label(r, c)}</button></li>`)}
    </ul>`;
}
