/**
 * `@community-atlas/core/dom`: what the elements and the map share in the browser,
 * defined once here because neither package may import the other's code: custom
 * element registration, the interface language, and the highlight event.
 * (The rest of core runs anywhere; this entry needs a DOM.)
 */
export { defineElement } from './define-element.js';
export { interfaceLanguage } from './language.js';
export { AtlasHighlightEvent, type AtlasHighlightDetail } from './highlight.js';
