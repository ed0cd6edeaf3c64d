import type { Command } from './io.js';

/**
 * Every `atlas` command, keyed by its words ("import csv"). Each is loaded only
 * when used, so `atlas validate` does not pay for the CSV parser.
 * Add one line per command.
 */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  'import oruk': () => import('./commands/import-oruk.js').then((m) => m.command),
  'export oruk': () => import('./commands/export-oruk.js').then((m) => m.command),
  'import openactive': () => import('./commands/import-openactive.js').then((m) => m.command),
  'import csv': () => import('./commands/import-csv.js').then((m) => m.command),
  build: () => import('./commands/build.js').then((m) => m.command),
  validate: () => import('./commands/validate.js').then((m) => m.command),
  report: () => import('./commands/report.js').then((m) => m.command),
};
