/**
 * Location: distance (distance.ts), postcode queries and lookups, offline from the
 * feed's gazetteer first, then only a lookup service the embedder configured, and
 * the gazetteers the CLI writes into a feed (postcode.ts), and the browser's own
 * position (position.ts). One module for callers; the parts are apart so a bundle
 * takes only what it uses.
 */
export * from './distance.js';
export * from './postcode.js';
export * from './position.js';
