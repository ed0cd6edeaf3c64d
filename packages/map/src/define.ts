import { AtlasMap } from './map/map.js';

declare global {
  interface HTMLElementTagNameMap {
    'atlas-map': AtlasMap;
  }
}

// Two copies of the kit on one council page must not break it: the first wins.
if (customElements.get('atlas-map')) {
  console.warn('<atlas-map> is already defined; this copy of @community-atlas/map is not registered.');
} else {
  customElements.define('atlas-map', AtlasMap);
}

export { AtlasMap };
