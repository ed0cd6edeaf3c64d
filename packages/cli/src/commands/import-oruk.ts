import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, type Command, type Io } from '../io.js';
import { fetchOrukPages, importOruk } from '@community-atlas/core/oruk';
import { formatTally } from '../export/tally.js';
import { exists, writeFileAtomic } from '../export/write-file.js';

const HELP = `Usage: atlas import oruk SOURCE [--out feed.json] [--publisher NAME] [--force]

Reads Open Referral UK (3.0 or 1.0) and writes a Community Atlas feed.

SOURCE is one of:
  a JSON file          one API page, an array of services, or ORUK 1.0 tables
  a folder             every .json file in it, in name order (saved API pages)
  an http(s) URL       the base of an ORUK API: pages are fetched one by one
                       from {URL}/services?page=N&per_page=SIZE

Options:
  --out FILE        where to write the feed (default: standard output)
  --publisher NAME  the feed's publisher name (default: from the source)
  --force           overwrite FILE when it already exists
  --per-page N      services per API page (default 100)
  --delay MS        pause between API pages, to be polite (default 250)
  --max-pages N     stop after N pages (default 1000)

Nothing is written unless every page was read: a failed page leaves FILE untouched.`;

/** What the command needs from the outside world, so tests can stand in for it. */
export interface ImportOrukDeps {
  fetch: typeof fetch;
  sleep(ms: number): Promise<void>;
  /** Today's date (ISO), for the feed's `updated` when the source gives none. */
  today(): string;
}

const defaultDeps: ImportOrukDeps = {
  fetch: (...args) => fetch(...args),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  today: () => new Date().toISOString().slice(0, 10),
};

const USER_AGENT = 'community-atlas-cli/0.1 (atlas import oruk)';
const RETRIES = 4;

export function createImportOrukCommand(deps: ImportOrukDeps = defaultDeps): Command {
  return {
    summary: 'Import Open Referral UK (3.0 or 1.0) from a file, a folder of pages or an API',
    async run(args: string[], io: Io): Promise<number> {
      let parsed;
      try {
        parsed = parseArgs({
          args,
          allowPositionals: true,
          options: {
            out: { type: 'string', short: 'o' },
            publisher: { type: 'string' },
            force: { type: 'boolean' },
            'per-page': { type: 'string' },
            delay: { type: 'string' },
            'max-pages': { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
        });
      } catch (error) {
        io.err(`atlas import oruk: ${(error as Error).message}\n\n${HELP}`);
        return EXIT.usage;
      }
      const { values, positionals } = parsed;
      if (values.help) {
        io.out(HELP);
        return EXIT.ok;
      }
      if (positionals.length !== 1) {
        io.err(`atlas import oruk: give exactly one SOURCE (a file, a folder or an http(s) URL).\n\n${HELP}`);
        return EXIT.usage;
      }
      const source = positionals[0] as string;
      const numbers: Record<string, number> = {};
      for (const [name, fallback] of [['per-page', 100], ['delay', 250], ['max-pages', 1000]] as const) {
        const raw = values[name];
        const n = raw === undefined ? fallback : Number(raw);
        if (!Number.isInteger(n) || n < 0 || (name !== 'delay' && n < 1)) {
          io.err(`atlas import oruk: --${name} must be a whole number${name === 'delay' ? '' : ' of 1 or more'}, not "${raw}".`);
          return EXIT.usage;
        }
        numbers[name] = n;
      }
      const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
      if (out && !values.force && (await exists(out))) {
        io.err(`atlas import oruk: ${values.out} already exists. Use --force to overwrite it.`);
        return EXIT.usage;
      }

      const isUrl = /^https?:\/\//i.test(source);
      let documents: unknown[];
      try {
        if (isUrl) {
          const maxPages = numbers['max-pages'] ?? 1000;
          const read = await fetchOrukPages(source, {
            perPage: numbers['per-page'] ?? 100,
            delay: numbers.delay ?? 250,
            maxPages,
            retries: RETRIES,
            fetch: deps.fetch,
            sleep: (ms) => deps.sleep(ms),
            headers: { 'User-Agent': USER_AGENT },
            onPage: (page) => io.progress?.(`Fetching page ${page}…`),
          });
          documents = read.documents;
          if (read.truncated) io.err(`Stopped after ${maxPages} pages (--max-pages); the API may have more.`);
        } else {
          documents = await readSource(resolve(io.cwd, source));
        }
      } catch (error) {
        io.err(`atlas import oruk: ${(error as Error).message}`);
        io.err(out ? `Nothing was written to ${values.out}.` : 'No feed was written.');
        return EXIT.problems;
      }

      const publisher = values.publisher ?? (isUrl ? new URL(source).hostname : basename(source).replace(/\.json$/i, ''));
      let result;
      try {
        result = importOruk(documents, { publisher, today: deps.today() });
      } catch (error) {
        io.err(`atlas import oruk: ${(error as Error).message}`);
        return EXIT.problems;
      }
      const json = `${JSON.stringify(result.feed, null, 2)}\n`;
      if (out) await writeFileAtomic(out, json);
      else io.out(json);

      const { feed } = result;
      const placed = feed.listings.filter((l) => l.location?.lat !== undefined).length;
      io.err(
        `Read ${result.servicesRead} services from ${documents.length} ${documents.length === 1 ? 'document' : 'documents'}; ` +
          `wrote ${feed.listings.length} listings (${placed} with a map position)${out ? ` to ${values.out}` : ''}.`,
      );
      if (result.skipped.length) io.err(['Skipped:', ...formatTally(result.skipped)].join('\n'));
      if (result.notes.length) io.err(['Did not map, or changed on the way:', ...formatTally(result.notes)].join('\n'));
      return EXIT.ok;
    },
  };
}

export const command: Command = createImportOrukCommand();

/** A file, or every .json file in a folder in name order (page-1, page-2, …, page-10). */
async function readSource(path: string): Promise<unknown[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new Error(`cannot read ${path}: no such file or folder.`);
  }
  const files = info.isDirectory()
    ? (await readdir(path))
        .filter((name) => name.toLowerCase().endsWith('.json'))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((name) => join(path, name))
    : [path];
  if (!files.length) throw new Error(`${path} has no .json files.`);
  const documents: unknown[] = [];
  for (const file of files) {
    const content = await readFile(file, 'utf8');
    try {
      documents.push(JSON.parse(content));
    } catch (error) {
      throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
    }
  }
  return documents;
}
