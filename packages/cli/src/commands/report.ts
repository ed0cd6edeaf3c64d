import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { geoContains, type GeoPermissibleObjects } from 'd3-geo';
import { isIsoDate, mergeFeeds, normaliseFeed, readFeedJson, slugify, text, type AtlasData, type Listing } from '@community-atlas/core';
import { EXIT, type Command, type Io } from '../io.js';
import { computeReport, rawKey, ukToday, type FeedSummary, type ReportFigures } from '../report/figures.js';
import { reportHtml } from '../report/html.js';
import { rewind, type Boundary } from '../report/charts.js';
import { writeFileAtomic } from '../export/write-file.js';

const HELP = `Usage: atlas report FEED... [--out DIR] [--since OLD_FEED] [--stale MONTHS]
                    [--today YYYY-MM-DD] [--boundaries AREAS.geojson]

Writes a report on how fresh, complete and well spread the feeds are, for the
data team: DIR/index.html (a static page: no script, prints on A4) and
DIR/report.json (the same figures).

  freshness      listings by months since last checked; the stale ones by
                 provider, with a ready "is this still right?" email each;
                 listings whose every session is in the past
  completeness   which of the five questions each listing answers, per category
  coverage       listings per area and need, a map, and the gaps named
  duplicates     same name and postcode, or same phone and similar name;
                 broken websites, phone numbers, emails and postcodes
  changes        with --since: listings added, removed and changed

Options:
  --out DIR            where to write (default: report)
  --since OLD_FEED     an earlier feed to compare with
  --stale MONTHS       stale after this many months (default 12)
  --today YYYY-MM-DD   the day to count from (default today, UK)
  --boundaries FILE    GeoJSON of the areas (features named or numbered as the
                       feed's areas): the map shades them by listings
  --help               show this help

Exit codes: 0 written, 1 a feed could not be read (nothing written), 2 bad usage.`;

interface Loaded {
  data: AtlasData;
  raw: Map<string, Listing>;
  summary: FeedSummary;
}

async function loadFeed(io: Io, file: string): Promise<Loaded | string> {
  let body: string;
  try {
    body = await readFile(resolve(io.cwd, file), 'utf8');
  } catch (error) {
    return `${file}: cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message}.`;
  }
  const read = readFeedJson(body, file);
  if (!read.ok) return `${file}: ${read.problem.message}`;
  const data = normaliseFeed(read.value, { source: file });
  const fatal = data.problems.find((p) => p.severity === 'error' && p.listingIndex === undefined);
  if (fatal) return `${file}: ${fatal.message}`;
  const publisherId = data.publishers[0]?.id ?? '';
  const raw = new Map<string, Listing>();
  const listings = (read.value as { listings?: unknown }).listings;
  for (const l of Array.isArray(listings) ? (listings as Listing[]) : []) {
    if (l && typeof l === 'object' && typeof l.id === 'string' && !raw.has(rawKey({ publisherId, id: l.id }))) raw.set(rawKey({ publisherId, id: l.id }), l);
  }
  return {
    data,
    raw,
    summary: { file, publisher: data.publishers.map((p) => p.name).join(', '), ...(data.updated ? { updated: data.updated } : {}), listings: data.listings.length, skipped: data.skipped },
  };
}

async function loadAll(io: Io, files: string[]): Promise<{ data: AtlasData; raw: Map<string, Listing>; feeds: FeedSummary[] } | string> {
  const loaded: Loaded[] = [];
  for (const file of files) {
    const one = await loadFeed(io, file);
    if (typeof one === 'string') return one;
    loaded.push(one);
  }
  const data = loaded.length === 1 ? loaded[0]!.data : mergeFeeds(loaded.map((l) => l.data));
  return { data, raw: new Map(loaded.flatMap((l) => [...l.raw])), feeds: loaded.map((l) => l.summary) };
}

/** The feed's areas drawn from a GeoJSON file: each feature matched to an area by id or name, or counted by the points inside it. */
async function readBoundaries(io: Io, file: string, figures: ReportFigures, data: AtlasData): Promise<Boundary[] | string> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    return `${file}: cannot be read as GeoJSON: ${(error as Error).message}`;
  }
  const features = (json as { type?: string; features?: unknown }).type === 'FeatureCollection' ? (json as { features: unknown[] }).features : undefined;
  if (!Array.isArray(features)) return `${file}: expected a GeoJSON FeatureCollection`;
  const areas = figures.coverage.by === 'area' ? figures.coverage.areas : [];
  const boundaries: Boundary[] = [];
  for (const raw of features) {
    const feature = raw as { id?: unknown; properties?: Record<string, unknown> | null; geometry?: { type?: string } | null };
    const type = feature.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon') continue;
    const geometry = rewind(feature.geometry as GeoPermissibleObjects);
    const values = [feature.id, ...Object.values(feature.properties ?? {})].filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String);
    const area = areas.find((a) => values.some((v) => v === a.id || v.toLowerCase() === a.name.toLowerCase() || slugify(v) === a.id));
    const nameKey = Object.keys(feature.properties ?? {}).find((k) => /name|nm$/i.test(k));
    const name = area?.name ?? (nameKey ? String(feature.properties![nameKey]) : values[0] ?? 'Area');
    const listings = area
      ? area.listings
      : data.listings.filter((l) => l.location?.lat !== undefined && l.location.lng !== undefined && geoContains(geometry, [l.location.lng, l.location.lat])).length;
    boundaries.push({ name: text(name, 'en'), listings, geometry });
  }
  if (!boundaries.length) return `${file}: no Polygon or MultiPolygon features`;
  return boundaries;
}

async function run(args: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        since: { type: 'string' },
        stale: { type: 'string' },
        today: { type: 'string' },
        boundaries: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`atlas report: ${(error as Error).message}\n\n${HELP}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (!positionals.length) {
    io.err(`atlas report: name at least one feed file\n\n${HELP}`);
    return EXIT.usage;
  }
  const staleMonths = values.stale === undefined ? 12 : Number(values.stale);
  if (!Number.isInteger(staleMonths) || staleMonths < 1) {
    io.err(`atlas report: --stale takes a whole number of months (1 or more), not "${values.stale}"`);
    return EXIT.usage;
  }
  const today = values.today ?? ukToday();
  if (!isIsoDate(today)) {
    io.err(`atlas report: --today takes a date as 2026-11-01, not "${today}"`);
    return EXIT.usage;
  }
  const now = await loadAll(io, positionals);
  if (typeof now === 'string') {
    io.err(`atlas report: ${now} Nothing was written.`);
    return EXIT.problems;
  }
  let since: Parameters<typeof computeReport>[0]['since'];
  if (values.since) {
    const old = await loadAll(io, [values.since]);
    if (typeof old === 'string') {
      io.err(`atlas report: --since ${old} Nothing was written.`);
      return EXIT.problems;
    }
    since = { file: values.since, data: old.data, raw: old.raw };
  }
  const figures = computeReport({ data: now.data, raw: now.raw, feeds: now.feeds, today, staleMonths, ...(since ? { since } : {}) });
  let boundaries: Boundary[] | undefined;
  if (values.boundaries) {
    const read = await readBoundaries(io, values.boundaries, figures, now.data);
    if (typeof read === 'string') {
      io.err(`atlas report: --boundaries ${read}. Nothing was written.`);
      return EXIT.problems;
    }
    boundaries = read;
  }
  const out = resolve(io.cwd, values.out ?? 'report');
  await mkdir(out, { recursive: true });
  await writeFileAtomic(join(out, 'report.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await writeFileAtomic(join(out, 'index.html'), reportHtml(figures, boundaries ? { boundaries } : {}));
  const fr = figures.freshness;
  const share = fr.freshShare === null ? 'unknown (no listing has a lastVerified date)' : `${Math.round(fr.freshShare * 100)}%`;
  io.err(
    [
      `${figures.listings} listings on ${today}: fresh ${share}; ${fr.stale} stale, ${fr.neverChecked} never checked, ${fr.future.length} dated in the future; ${fr.pastSessionsOnly.length} with every session past.`,
      `Complete (all five questions): ${figures.completeness.complete}. Gaps: ${figures.coverage.gaps.reduce((s, g) => s + g.needs.length, 0)}. Possible duplicates: ${figures.duplicates.length} groups. Broken fields: ${figures.broken.length}.`,
      ...(figures.changes ? [`Since ${figures.changes.since}: ${figures.changes.added.length} added, ${figures.changes.removed.length} removed, ${figures.changes.changed.length} changed.`] : []),
      ...figures.notComputed.map((x) => `Not computed: ${x.what}: ${x.why}`),
      `Wrote ${join(values.out ?? 'report', 'index.html')} and report.json.`,
    ].join('\n'),
  );
  return EXIT.ok;
}

export const command: Command = {
  summary: 'write a freshness, completeness and coverage report (HTML and JSON) for the data team',
  run,
};
