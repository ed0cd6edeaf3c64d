import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Feed } from '@community-atlas/core';
import { EXIT, type Command, type Io } from '../io.js';
import { exportOruk } from '../export/oruk.js';
import { formatTally } from '../export/tally.js';
import { exists, writeFileAtomic } from '../export/write-file.js';

const HELP = `Usage: atlas export oruk FEED [--out services.json] [--force]

Writes a Community Atlas feed as Open Referral UK 3.0 JSON: one page in the shape
of the ORUK /services API, each service with its organisation, locations,
schedules, cost options, contacts and taxonomy terms.

Options:
  --out FILE   where to write (default: standard output)
  --force      overwrite FILE when it already exists`;

export const command: Command = {
  summary: 'Export a feed as Open Referral UK 3.0 JSON',
  async run(args: string[], io: Io): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (error) {
      io.err(`atlas export oruk: ${(error as Error).message}\n\n${HELP}`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1) {
      io.err(`atlas export oruk: give exactly one FEED file.\n\n${HELP}`);
      return EXIT.usage;
    }
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
    if (out && !values.force && (await exists(out))) {
      io.err(`atlas export oruk: ${values.out} already exists. Use --force to overwrite it.`);
      return EXIT.usage;
    }
    const path = resolve(io.cwd, positionals[0] as string);
    let feed: Feed;
    try {
      feed = JSON.parse(await readFile(path, 'utf8')) as Feed;
    } catch (error) {
      io.err(`atlas export oruk: cannot read ${positionals[0]}: ${(error as Error).message}`);
      return EXIT.problems;
    }
    if (typeof feed !== 'object' || feed === null || !Array.isArray(feed.listings)) {
      io.err(`atlas export oruk: ${positionals[0]} is not a Community Atlas feed: expected an object with "listings": [...].`);
      return EXIT.problems;
    }
    const result = exportOruk(feed);
    const json = `${JSON.stringify(result.page, null, 2)}\n`;
    if (out) await writeFileAtomic(out, json);
    else io.out(json);
    io.err(`Wrote ${result.page.total_items} services from ${feed.listings.length} listings${out ? ` to ${values.out}` : ''}.`);
    if (result.skipped.length) io.err(['Skipped:', ...formatTally(result.skipped)].join('\n'));
    if (result.notes.length) io.err(['Not carried into ORUK:', ...formatTally(result.notes)].join('\n'));
    if (result.empty.length) io.err(['Required by ORUK but not in the feed, so written empty:', ...formatTally(result.empty)].join('\n'));
    return EXIT.ok;
  },
};
