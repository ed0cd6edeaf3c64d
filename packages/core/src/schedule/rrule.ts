/**
 * Recurrence rules (RFC 5545 RRULE) as callers outside the finder use them: the
 * reader and evaluator (recurrence.ts), and the reader that answers with a
 * sentence (problems.ts) for the validator, the CLI and tests.
 *
 * Only re-exports, on purpose: the bundler places a module that an included
 * module imports in the first chunk, even for an export nobody there uses, so
 * code the finder runs must not live beside a re-export of the sentences.
 */
export * from './recurrence.js';
export { parseRecurrence } from './problems.js';
