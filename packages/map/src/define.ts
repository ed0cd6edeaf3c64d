import { defineElement } from '@community-atlas/core/dom';
import { AtlasMap } from './map/map.js';

declare global {
  interface HTMLElementTagNameMap {
    'atlas-map': AtlasMap;
  }
}

// Two copies of the kit on one council page must not break it: the first wins, the second warns.
defineElement('atlas-map', AtlasMap);

export { AtlasMap };
