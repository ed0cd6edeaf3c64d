/**
 * The finder's map: the one `<atlas-map>` it keeps for its life, fed the current
 * results, and the layout that puts it beside or above the list. Loaded with the map
 * package, only when a finder shows a map, so a list-only page carries none of it.
 */
import { css, html, type TemplateResult } from 'lit';
import type { FinderState, QueryResult, SearchEngine } from '@community-atlas/core';
import type { AtlasMap } from '@community-atlas/map';
import type { LoadedStrings } from '../translations/index.js';

export const finderMapStyles = css`
  @layer atlas {
    /* List and map side by side when the finder is wide enough for both to be useful; stacked otherwise. */
    @container (min-width: 70rem) {
      .main.both { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; }
      .main.both > :not(.map, atlas-results) { grid-column: 1 / -1; }
      .main.both > .map { grid-column: 2; grid-row: 2 / span 3; position: sticky; top: 0.5rem; }
      .main.both > atlas-results { grid-column: 1; }
    }
    .map { min-height: 24rem; }
    atlas-map { display: block; height: 28rem; }
    @media print {
      .map { display: none; }
    }
  }
`;

/** What the map shows, from the finder's state. */
interface FinderMapState {
  result: QueryResult | undefined;
  /** Gives the results' map points: the map shows every result, and the page may hold only those on screen. */
  engine: SearchEngine;
  lang: string;
  highlighted: string | undefined;
  selected: string | undefined;
  tileUrl: string;
  tileAttribution: string;
  tileConsent: string;
  strings: Partial<LoadedStrings> | undefined;
}

export class FinderMapView {
  #map?: AtlasMap;
  #shown?: QueryResult;
  #shownLang = '';

  constructor(
    private readonly onSelect: (key: string) => void,
    private readonly onAreaSearch: (bounds: FinderState['bounds']) => void,
  ) {}

  render(s: FinderMapState): TemplateResult {
    const map = (this.#map ??= this.#create());
    // New points only when the results (or their language) change, so the map refits and reclusters only then.
    // Points, not records: coordinates, kinds and names as typed arrays and short lists, made where the listings
    // are (the search worker, for a large feed), so a map of 10,000 results never brings 10,000 records to the page.
    if (!this.#shown || this.#shown !== s.result || this.#shownLang !== s.lang) {
      const result = (this.#shown = s.result);
      this.#shownLang = s.lang;
      void s.engine.points(result?.keys ?? [], s.lang).then((points) => {
        if (this.#shown === result) map.points = points;
      }, () => undefined);
    }
    map.lang = s.lang;
    map.highlighted = s.highlighted;
    map.selected = s.selected;
    if (s.tileUrl) map.tileUrl = s.tileUrl;
    if (s.tileAttribution) map.tileAttribution = s.tileAttribution;
    if (s.tileConsent) map.tileConsent = s.tileConsent;
    if (s.strings) map.strings = s.strings as AtlasMap['strings'];
    return html`<div class="map">${map}</div>`;
  }

  #create(): AtlasMap {
    const map = document.createElement('atlas-map');
    map.searchArea = true;
    map.addEventListener('atlas-select', (e) => this.onSelect(e.detail.key));
    map.addEventListener('atlas-area-search', (e) => this.onAreaSearch(e.detail.bounds));
    return map;
  }
}
