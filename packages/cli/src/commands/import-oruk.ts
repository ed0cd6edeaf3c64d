import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, type Command, type Io } from '../io.js';
import { importOruk, readOrukApi, type OrukReadProblem } from '@community-atlas/core/oruk';
import { formatTally } from '../export/tally.js';
import { exists, writeFileAtomic } from '../export/write-file.js';

const HELP = `Usage: atlas import oruk SOURCE [--out feed.json] [--publisher NAME] [--force]

Reads Open Referral UK (3.0 or 1.0) and writes a Community Atlas feed.

SOURCE is one of:
  a JSON file          one API page, an array of services, or ORUK 1.0 tables
  a folder             every .json file in it, in name order (saved API pages)
  an http(s) URL       the base of an ORUK 3.0 API: list pages are read one by
                       one from {URL}/services?page=N&per_page=SIZE, then each
                       service's full record from {URL}/services/{id}, a few at
                       a time

Options:
  --out FILE        where to write the feed (default: standard output)
  --publisher NAME  the feed's publisher name (default: from the source)
  --force           overwrite FILE when it already exists
  --per-page N      services per API page (default 100)
  --delay MS        pause between API pages, to be polite (default 250)
  --max-pages N     stop after N pages (default 1000)
  --concurrency N   full records read at once (default 4)
  --restart         ignore what an earlier, unfinished run read

Every request is retried up to four times, waiting longer each time. A list page
or a full record that still fails is named, and the rest are imported: the feed
is written and the exit status is 1. With --out, the full records read so far are
kept in FILE.progress.json until a run reads them all, so running the same
command again fetches only what is missing.`;

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
            concurrency: { type: 'string' },
            restart: { type: 'boolean' },
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
      for (const [name, fallback] of [['per-page', 100], ['delay', 250], ['max-pages', 1000], ['concurrency', 4]] as const) {
        const raw = values[name];
        const n = raw === undefined ? fallback : Number(raw);
        if (!Number.isInteger(n) || n < 0 || (name !== 'delay' && n < 1)) {
          io.err(`atlas import oruk: --${name} must be a whole number${name === 'delay' ? '' : ' of 1 or more'}, not "${raw}".`);
          return EXIT.usage;
        }
        numbers[name] = n;
      }
      const out = values.out === undefined ? undefined : resolve(io.cwd, values.out);
      // A feed written by a run that could not read everything may be replaced by the run that carries on from it.
      const carriesOn = out !== undefined && /^https?:\/\//i.test(source) && (await exists(`${out}.progress.json`));
      if (out && !values.force && !carriesOn && (await exists(out))) {
        io.err(`atlas import oruk: ${values.out} already exists. Use --force to overwrite it.`);
        return EXIT.usage;
      }

      const isUrl = /^https?:\/\//i.test(source);
      let documents: unknown[];
      let problems: OrukReadProblem[] = [];
      const progressFile = out && isUrl ? `${out}.progress.json` : undefined;
      let saved: ResumeState | undefined;
      let kept = 0;
      try {
        if (isUrl) {
          const maxPages = numbers['max-pages'] ?? 1000;
          saved = progressFile ? await readResume(progressFile, source, Boolean(values.restart), io) : undefined;
          const state: ResumeState = saved ?? { source, details: {} };
          let unsaved = 0;
          let lastSave = Date.now();
          const save = async (): Promise<void> => {
            if (!progressFile || !unsaved) return;
            unsaved = 0;
            lastSave = Date.now();
            await writeFileAtomic(progressFile, JSON.stringify(state));
          };
          let pending: Promise<void> = Promise.resolve();
          const read = await readOrukApi(source, {
            perPage: numbers['per-page'] ?? 100,
            delay: numbers.delay ?? 250,
            maxPages,
            retries: RETRIES,
            concurrency: numbers.concurrency ?? 4,
            fetch: deps.fetch,
            sleep: (ms) => deps.sleep(ms),
            headers: { 'User-Agent': USER_AGENT },
            known: (id, listed) => {
              const record = state.details[id];
              // A service changed since the earlier run is read again.
              if (!record || (listed.last_modified !== undefined && record.last_modified !== listed.last_modified)) return undefined;
              return record;
            },
            onDetail: (id, record) => {
              state.details[id] = record as Record<string, unknown>;
              unsaved++;
              if (unsaved >= 50 || Date.now() - lastSave > 5000) pending = pending.then(save);
            },
            onProgress: (p) => io.progress?.(
              p.detailsWanted
                ? `Read ${p.pagesRead}${p.totalPages ? ` of ${p.totalPages}` : ''} list pages; full records ${p.detailsRead} of ${p.detailsWanted}`
                : `Read ${p.pagesRead}${p.totalPages ? ` of ${p.totalPages}` : ''} list pages (${p.servicesListed} services)`,
            ),
          });
          await pending;
          io.progress?.('');
          documents = read.documents;
          problems = read.problems;
          if (progressFile) {
            if (problems.length && Object.keys(state.details).length) {
              unsaved++;
              await save();
            } else {
              await rm(progressFile, { force: true });
            }
            kept = problems.length ? Object.keys(state.details).length : 0;
          }
          const details = read.detailsFetched + read.detailsReused;
          if (details) io.err(`Read ${read.servicesListed} services from ${documents.length} list ${documents.length === 1 ? 'page' : 'pages'} and ${details} full records (${read.detailsFetched} fetched${read.detailsReused ? `, ${read.detailsReused} kept from the earlier run` : ''}).`);
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
      if (problems.length) {
        io.err([`Could not read ${problems.length} ${problems.length === 1 ? 'part' : 'parts'} of the API; the rest was imported:`, ...problems.map((p) => `  ${p.message}`)].join('\n'));
        io.err(`Run the same command again to try what failed again${kept ? `: the ${kept} full records read are kept in ${values.out}.progress.json, so only what is missing is fetched` : ''}.`);
        return EXIT.problems;
      }
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

/** What an unfinished API read has fetched, kept beside the output so a second run carries on. */
interface ResumeState {
  source: string;
  details: Record<string, Record<string, unknown>>;
}

async function readResume(path: string, source: string, restart: boolean, io: Io): Promise<ResumeState | undefined> {
  if (restart || !(await exists(path))) return undefined;
  try {
    const state = JSON.parse(await readFile(path, 'utf8')) as ResumeState;
    if (state.source !== source || typeof state.details !== 'object' || state.details === null) {
      io.err(`${path} is from a run against another source; starting again.`);
      return undefined;
    }
    io.err(`Carrying on from an earlier run: ${Object.keys(state.details).length} full records already read (--restart to read everything again).`);
    return state;
  } catch {
    io.err(`${path} could not be read; starting again.`);
    return undefined;
  }
}
