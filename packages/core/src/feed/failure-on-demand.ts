/**
 * What fetch.ts loads after a feed has failed: failure.ts's wording. A module of
 * its own (re-exports only) because the worker's build imports failure.ts
 * directly through load.ts, and a module imported both ways cannot become a chunk
 * there; this one is only ever loaded with `import()`.
 */
export { describeFailure, diagnose } from './failure.js';
