import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXIT, type Command, type Io, readArgs } from '../io.js';
import { importOpenActive } from '../import/openactive.js';
import { formatTally } from '../export/tally.js';
import { exists, writeFileAtomic } from '../export/write-file.js';

const HELP = `Usage: atlas import openactive FILE... [--out feed.json] [--publisher NAME] [--force]

Reads saved OpenActive RPDE pages (sessions, session series, events) and writes a
Community Atlas feed of physical activities. Give the pages in any order, or a
folder of them: each item's latest version wins and deleted items are dropped.

Options:
  --out FILE        where to write the feed (default: standard output)
  --publisher NAME  the feed's publisher name (default: the most common organiser,
                    else the host the pages came from, else the first file's name)
  --today DATE      today's date (default: today): the feed's "updated", and the day
                    before which a session is over
  --force           overwrite FILE when it already exists
  --help            show this help

Exit status: 0 the feed was written; 1 a page could not be read or no listing was
written (a feed is still written from the pages that could be read, when any);
2 bad arguments or an output file that exists.`;

export const command: Command = {
  summary: 'Import OpenActive RPDE pages of sessions and events',
  async run(args: string[], io: Io): Promise<number> {
    const parsed = readArgs('atlas import openactive', HELP, args, io, {
      out: { type: 'string', short: 'o' },
      publisher: { type: 'string' },
      today: { type: 'string' },
      force: { type: 'boolean' },
    });
    if (typeof parsed === 'number') return parsed;
    const { values, positionals } = parsed;
    if (!positionals.length) {
      io.err(`atlas import openactive: give at least one RPDE page file or folder.\n\n${HELP}`);
      return EXIT.usage;
    }
    const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
    if (out && !values.force && (await exists(out))) {
      io.err(`atlas import openactive: ${values.out} already exists. Use --force to overwrite it.`);
      return EXIT.usage;
    }

    if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
      io.err(`atlas import openactive: --today must be a date like 2026-11-01, not "${values.today}".`);
      return EXIT.usage;
    }

    const pages: unknown[] = [];
    const pageNames: string[] = [];
    let unreadable = 0;
    let files: string[];
    try {
      files = await expand(positionals.map((p) => resolve(io.cwd, p)));
    } catch (error) {
      io.err(`atlas import openactive: ${(error as Error).message}`);
      return EXIT.problems;
    }
    // A page that is not JSON is reported and the others are still read: one bad download never loses the rest.
    for (const file of files) {
      const content = await readFile(file, 'utf8');
      try {
        pages.push(JSON.parse(content.replace(/^\uFEFF/, '')));
        pageNames.push(file);
      } catch (error) {
        unreadable++;
        io.err(`atlas import openactive: ${file} is not valid JSON: ${(error as Error).message}; skipped`);
      }
    }

    const result = importOpenActive(pages, {
      pageNames,
      ...(values.publisher ? { publisher: values.publisher } : {}),
      ...(values.today ? { today: values.today } : {}),
    });
    for (const why of result.badPages) io.err(`atlas import openactive: ${why}`);
    if (!result.feed.listings.length) {
      io.err(`atlas import openactive: no listings to write from ${files.length} ${files.length === 1 ? 'file' : 'files'} (${result.itemsRead} items read); nothing was written.`);
      if (result.skipped.length) io.err(['Skipped:', ...formatTally(result.skipped)].join('\n'));
      return EXIT.problems;
    }
    const json = `${JSON.stringify(result.feed, null, 2)}\n`;
    if (out) await writeFileAtomic(out, json);
    else io.out(json);

    io.err(
      `Read ${result.itemsRead} items from ${pages.length} ${pages.length === 1 ? 'page' : 'pages'}: ` +
        `${result.deleted} deleted, ${result.superseded} replaced by a later version. ` +
        `Wrote ${result.feed.listings.length} listings at ${result.venues} venues${out ? ` to ${values.out}` : ''}.`,
    );
    if (result.skipped.length) io.err(['Skipped:', ...formatTally(result.skipped)].join('\n'));
    if (result.notes.length) io.err(['Did not map, or changed on the way:', ...formatTally(result.notes)].join('\n'));
    if (result.past.count) {
      io.err(
        `Warning: ${result.past.count} of ${result.feed.listings.length} listings have only past sessions (every session is over before ${result.feed.updated}), ` +
          `e.g. ${result.past.examples.join(', ')}. They are kept; the finder marks each "No upcoming sessions" and leaves it out of ` +
          'day and time filters. Fetch newer pages of the feed, or leave them out.',
      );
    }
    return unreadable || result.badPages.length ? EXIT.problems : EXIT.ok;
  },
};

/** Files as given; a folder gives its .json files in name order. */
async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new Error(`cannot read ${path}: no such file or folder.`);
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((n) => n.toLowerCase().endsWith('.json')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (!names.length) throw new Error(`${path} has no .json files.`);
    files.push(...names.map((n) => join(path, n)));
  }
  return files;
}
