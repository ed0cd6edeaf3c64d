import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ListingKind } from '@community-atlas/core';
import { EXIT, type Command, type Io } from '../io.js';
import { decodeCsv, importCsv, neutraliseFormula, parseCsv, type ImportCsvResult } from '../import/csv.js';
import { checkMapping, defaultMapping, type CsvMapping } from '../import/csv-mapping.js';
import { emptyCentroids, readCentroidCsv, type Centroids } from '../import/postcodes.js';
import { writeFileAtomic } from '../export/write-file.js';

const HELP = `Usage: atlas import csv FILE [--map mapping.json] [--kind asset|activity|transfer]
                       [--postcodes CENTROIDS.csv ...] [--publisher NAME] [--out feed.json]
                       [--report rows.csv] [--quiet]

Turns a spreadsheet saved as CSV (comma, semicolon or tab separated) into a
Community Atlas feed.

Options:
  --map FILE         how columns become feed fields (see the CLI README); without it,
                     common headers are recognised: name, title, description, address,
                     postcode, latitude/lat, longitude/lng/lon, phone, email, website/url,
                     category, needs, keywords, ward
  --kind KIND        asset, activity or transfer for every row (default: the mapping's, or asset)
  --postcodes FILE   postcode-centroid CSV (columns postcode|sector|outcode, lat, lng); give it
                     once per file. Rows without coordinates are placed at the full postcode,
                     else its sector, else its district, and the feed gets a gazetteer.
  --publisher NAME   the feed's publisher (default: the mapping's, else the file name)
  --today DATE       the feed's "updated" date (default: today), for reproducible output
  --out FILE         where to write the feed (default: standard output)
  --report FILE      write every row and what became of it (imported, or skipped and why,
                     and each caveat) as CSV, safe to open in a spreadsheet
  --quiet            print the summary only, not a line per skipped row or caveat
  --help             show this help

Exit status: 0 the feed was written and every row was imported or left out by a
mapping rule; 1 the feed was written but some rows could not be imported or the
file's quoting is broken (each is listed with its row number); 2 nothing was written (bad arguments, unreadable
file, or a mapping that names a column the file does not have).`;

export const command: Command = {
  summary: 'Import a spreadsheet (CSV) through a column mapping, with offline postcode geocoding',
  async run(args: string[], io: Io): Promise<number> {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        allowPositionals: true,
        options: {
          map: { type: 'string', short: 'm' },
          kind: { type: 'string' },
          postcodes: { type: 'string', multiple: true },
          publisher: { type: 'string' },
          today: { type: 'string' },
          out: { type: 'string', short: 'o' },
          report: { type: 'string' },
          quiet: { type: 'boolean', short: 'q' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (error) {
      io.err(`atlas import csv: ${(error as Error).message}\n\n${HELP}`);
      return EXIT.usage;
    }
    const { values, positionals } = parsed;
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1) {
      io.err(`atlas import csv: give exactly one CSV file.\n\n${HELP}`);
      return EXIT.usage;
    }
    const kind = values.kind;
    if (kind !== undefined && !['asset', 'activity', 'transfer'].includes(kind)) {
      io.err(`atlas import csv: --kind must be asset, activity or transfer, not "${kind}".`);
      return EXIT.usage;
    }
    if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) {
      io.err(`atlas import csv: --today must be a date like 2026-11-01, not "${values.today}".`);
      return EXIT.usage;
    }
    const file = positionals[0] as string;

    let bytes: Uint8Array;
    try {
      bytes = await readFile(resolve(io.cwd, file));
    } catch (error) {
      io.err(`atlas import csv: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return EXIT.usage;
    }
    const decoded = decodeCsv(bytes);
    const csv = parseCsv(decoded.text);
    if (decoded.warning) csv.problems.unshift(decoded.warning);
    if (csv.header.length === 0 || csv.header.every((h) => !h)) {
      io.err(`atlas import csv: ${file} has no header row.`);
      return EXIT.usage;
    }

    let mapping: CsvMapping;
    if (values.map) {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(resolve(io.cwd, values.map), 'utf8'));
      } catch (error) {
        io.err(`atlas import csv: cannot read the mapping ${values.map}: ${(error as Error).message}`);
        return EXIT.usage;
      }
      const problems = checkMapping(raw, csv.header);
      if (problems.length) {
        io.err(`atlas import csv: the mapping ${values.map} does not fit ${file}:`);
        for (const problem of problems) io.err(`  ${problem}`);
        io.err('Nothing was written.');
        return EXIT.usage;
      }
      mapping = raw as CsvMapping;
    } else {
      mapping = defaultMapping(csv.header);
      if (!mapping.fields.name) {
        io.err(`atlas import csv: ${file} has no name or title column; give a --map. Its columns are: ${csv.header.join(', ')}.`);
        return EXIT.usage;
      }
    }

    let centroids: Centroids | undefined;
    for (const path of values.postcodes ?? []) {
      centroids ??= emptyCentroids();
      try {
        readCentroidCsv(await readFile(resolve(io.cwd, path), 'utf8'), path, centroids);
      } catch (error) {
        io.err(`atlas import csv: ${(error as Error).message}`);
        return EXIT.usage;
      }
    }

    const result = importCsv(csv, {
      mapping,
      kind: kind as ListingKind | undefined,
      publisher: values.publisher ?? mapping.publisher ?? basename(file).replace(/\.csv$/i, ''),
      today: values.today ?? new Date().toISOString().slice(0, 10),
      centroids,
      progress: io.progress ? (done, total) => io.progress?.(`Read ${done} of ${total} rows`) : undefined,
    });
    if (io.progress && csv.rows.length >= 500) io.progress('');

    const json = `${JSON.stringify(result.feed, null, 2)}\n`;
    if (values.out) await writeFileAtomic(resolve(io.cwd, values.out), json);
    else io.out(json);
    if (values.report) await writeFileAtomic(resolve(io.cwd, values.report), rowReport(result));
    report(result, file, values.out, io, values.quiet ?? false);
    return result.errors.length || result.skipped.some((s) => !s.deliberate) ? EXIT.problems : EXIT.ok;
  },
};

/**
 * Every row and what became of it, as CSV for a spreadsheet: one line per row
 * (imported or skipped, with the reason) and one per caveat. Cells that a
 * spreadsheet would run as formulas are written with a leading apostrophe.
 */
export function rowReport(result: ImportCsvResult): string {
  const lines: string[][] = [['row', 'outcome', 'id', 'name', 'reason or caveat']];
  const caveats = new Map<number, string[]>();
  for (const w of [...result.errors, ...result.warnings]) caveats.set(w.line, [...(caveats.get(w.line) ?? []), w.message]);
  for (const line of [...caveats.keys()].filter((l) => !result.rows.some((r) => r.line === l)).sort((a, b) => a - b)) {
    for (const message of caveats.get(line) ?? []) lines.push([String(line), 'file', '', '', message]);
  }
  for (const row of result.rows) {
    lines.push([String(row.line), row.outcome, row.id ?? '', row.name ?? '', row.reason ?? '']);
    for (const message of caveats.get(row.line) ?? []) lines.push([String(row.line), 'caveat', row.id ?? '', row.name ?? '', message]);
  }
  const cell = (value: string): string => {
    const safe = neutraliseFormula(value);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

function report(result: ImportCsvResult, file: string, out: string | undefined, io: Io, quiet: boolean): void {
  if (!quiet) {
    for (const e of result.errors) io.err(`${file}: row ${e.line}: ${e.message}`);
    for (const s of result.skipped) io.err(`${file}: row ${s.line}: skipped: ${s.reason}`);
    for (const w of result.warnings) io.err(`${file}: row ${w.line}: ${w.message}`);
  }
  const byReason = new Map<string, number>();
  for (const s of result.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  const reasons = [...byReason].map(([reason, n]) => `${n} ${reason}`).join(', ');
  const g = result.geocoded;
  const placed = [
    g.source && `${g.source} with their own coordinates`,
    g.postcode && `${g.postcode} at their postcode`,
    g.sector && `${g.sector} at their postcode sector`,
    g.district && `${g.district} at their postcode district`,
    g.none && `${g.none} without a location on the map`,
  ].filter(Boolean);
  io.err(
    `Imported ${result.feed.listings.length} listing${result.feed.listings.length === 1 ? '' : 's'}, skipped ${result.skipped.length}${reasons ? ` (${reasons})` : ''}` +
      `${placed.length ? `; ${placed.join(', ')}` : ''}${out ? `. Wrote ${out}.` : '.'}`,
  );
  const also = [
    result.hoursInWords && `${result.hoursInWords} with opening hours in words, kept as notes`,
    result.summariesMade && `${result.summariesMade} given a summary from their category and organisation (the file has none)`,
    (result.errors.length || result.warnings.length) && `${result.errors.length + result.warnings.length} caveat${result.errors.length + result.warnings.length === 1 ? '' : 's'}${quiet ? ' (listed without --quiet, or in --report)' : ''}`,
  ].filter(Boolean);
  if (also.length) io.err(`Also: ${also.join('; ')}.`);
}
