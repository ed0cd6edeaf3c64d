import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  countDistrict, districtShards, previousShards, readManifest, shardOfListing, writeGazetteerShards, writeShards, type Feed, type Manifest, type PreviousShard,
} from '@community-atlas/core';
import { EXIT, type Command, type Io, readArgs } from '../io.js';
import { checkFeed, formatProblem } from './validate.js';
import { mergeForBuild, type BuildInput } from '../build/merge.js';
import { buildShardsLean, type LeanBuild } from '../build/shards.js';
import { readGazetteerDir, type GazetteerSource } from '../build/gazetteer.js';
import { buildSite, FILES, gazetteerFor } from '../build/site.js';
import { emptyCentroids, readCentroidCsv, type Centroids } from '../import/postcodes.js';
import { exists } from '../export/write-file.js';

const HELP = `Usage: atlas build FEED... --out DIR [--postcodes CENTROIDS.csv ...] [--force]
                   [--script URL] [--embed DIR] [--base-url URL]
                   [--shards [--gazetteer DIR [--gazetteer-attribution TEXT]]]

Writes a folder any static web server can serve:
  feed.json          the feeds merged into one (listings with errors left out)
  index.json         the prebuilt search index, for a finder given feed.json
  ready.json         the feed ready to use: normalised, with its facet columns and
                     text index prebuilt and a hash that the finder checks
  index.html         every listing grouped by kind, with the finder (on ready.json) over it
  listings/*.html    a page per listing, readable without JavaScript
  atlas-static.css   the pages' stylesheet (no inline styles or scripts)

Options:
  --out DIR          the folder to write (required)
  --force            replace DIR when it already exists
  --postcodes FILE   postcode-centroid CSV (columns postcode|sector|outcode, lat, lng);
                     the districts and sectors around the listings go into
                     feed.json's gazetteer, so postcode search needs no lookup
                     service. Give it more than once for several files.
  --script URL       the kit's script for index.html (default atlas.js; "" for none)
  --embed DIR        copy the kit's embed build (atlas.js and its chunks) into DIR
  --base-url URL     where the site will live, for canonical links
  --shards           for a national directory: instead of the above, write
                     manifest.json and shards/AREA.HASH.json, ready feeds by
                     postcode area (a half-degree grid for coordinates without
                     a postcode, one shard for listings with no place)
                     Rebuilt into the same DIR, a shard whose listings did not
                     change keeps its file name, so hosts keep it cached.
  --gazetteer DIR    with --shards: the national gazetteer from DIR's district
                     (outcode) and sector centroid CSVs, written as
                     gazetteer/AREA.HASH.json by postcode area and listed in
                     manifest.json, so the finder places any postcode with no
                     lookup service. Its attribution (from DIR's SOURCE.txt, its
                     "Contains … ©" lines) goes into every file and the manifest.
  --gazetteer-attribution TEXT
                     the attribution to carry instead of SOURCE.txt's

Nothing is replaced unless the whole folder was written.`;

async function readFeed(path: string, name: string): Promise<BuildInput | string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return `cannot read ${name}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`;
  }
  const report = checkFeed(text, name);
  const fatal = report.problems.find((p) => p.severity === 'error' && p.listingIndex === undefined);
  if (fatal) return formatProblem(fatal, name);
  return { name, feed: JSON.parse(text.replace(/^\uFEFF/, '')) as Feed, report };
}

/**
 * Writes the folder beside its final place and renames it in, so a reader (or a
 * web server) never sees half a site and a failed build leaves the old one.
 */
async function writeFolder(out: string, files: { path: string; content: string }[], embed: string[], embedDir?: string): Promise<void> {
  await writeFolderWith(out, async (temp) => {
    await mkdir(join(temp, 'listings'), { recursive: true });
    for (const file of files) await writeFile(join(temp, file.path), file.content, 'utf8');
    if (embedDir) for (const name of embed) await copyFile(join(embedDir, name), join(temp, name));
  });
}

/** Fills a fresh folder beside `out` with `fill`, then swaps it in whole. */
async function writeFolderWith(out: string, fill: (temp: string) => Promise<void>): Promise<void> {
  const suffix = randomBytes(6).toString('hex');
  const temp = join(dirname(out), `.${basename(out)}.${suffix}.tmp`);
  const old = join(dirname(out), `.${basename(out)}.${suffix}.old`);
  try {
    await mkdir(temp, { recursive: true });
    await fill(temp);
    const replacing = await exists(out);
    if (replacing) await rename(out, old);
    try {
      await rename(temp, out);
    } catch (error) {
      if (replacing) await rename(old, out);
      throw error;
    }
    if (replacing) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

async function run(args: string[], io: Io): Promise<number> {
  const parsed = readArgs('atlas build', HELP, args, io, {
    out: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
    postcodes: { type: 'string', multiple: true },
    script: { type: 'string' },
    embed: { type: 'string' },
    'base-url': { type: 'string' },
    shards: { type: 'boolean' },
    gazetteer: { type: 'string' },
    'gazetteer-attribution': { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (!positionals.length || !values.out) {
    io.err(`atlas build: give one or more FEED files and --out DIR.\n\n${HELP}`);
    return EXIT.usage;
  }
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) {
    io.err(`atlas build: --base-url must be an http(s) URL, not "${baseUrl}".`);
    return EXIT.usage;
  }
  const out = resolve(io.cwd, values.out);
  if (!values.force && (await exists(out))) {
    io.err(`atlas build: ${values.out} already exists. Use --force to replace it.`);
    return EXIT.usage;
  }

  let embedFiles: string[] = [];
  const embedDir = values.embed === undefined ? undefined : resolve(io.cwd, values.embed);
  if (embedDir) {
    try {
      embedFiles = (await readdir(embedDir)).filter((name) => /\.(m?js|css)$/i.test(name));
    } catch {
      io.err(`atlas build: cannot read the --embed folder ${values.embed}.`);
      return EXIT.usage;
    }
    if (!embedFiles.includes('atlas.js')) {
      io.err(`atlas build: ${values.embed} has no atlas.js; give the kit's embed build folder (dist/embed).`);
      return EXIT.usage;
    }
  }

  let centroids: Centroids | undefined;
  for (const path of values.postcodes ?? []) {
    centroids ??= emptyCentroids();
    try {
      readCentroidCsv(await readFile(resolve(io.cwd, path), 'utf8'), path, centroids);
    } catch (error) {
      io.err(`atlas build: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? `cannot read ${path}: no such file.` : (error as Error).message}`);
      return EXIT.usage;
    }
  }

  let gazetteer: GazetteerSource | undefined;
  if (values.gazetteer !== undefined) {
    if (!values.shards) {
      io.err('atlas build: --gazetteer goes with --shards (for one feed.json, --postcodes puts the districts and sectors it needs in the feed).');
      return EXIT.usage;
    }
    try {
      gazetteer = await readGazetteerDir(resolve(io.cwd, values.gazetteer), values['gazetteer-attribution']);
    } catch (error) {
      io.err(`atlas build: ${(error as Error).message}`);
      return EXIT.usage;
    }
  }

  if (values.shards) {
    const code = await buildShardsLeanly(positionals, out, values.out, io, gazetteer);
    if (code !== undefined) return code;
  }

  const inputs: BuildInput[] = [];
  for (const name of positionals) {
    const input = await readFeed(resolve(io.cwd, name), name);
    if (typeof input === 'string') {
      io.err(`atlas build: ${input}`);
      io.err(`Nothing was written to ${values.out}.`);
      return EXIT.problems;
    }
    inputs.push(input);
  }

  const merged = mergeForBuild(inputs);
  if (values.shards) return buildShards(merged, inputs, out, values.out, io, gazetteer);
  if (centroids) merged.feed.gazetteer = gazetteerFor(merged.feed, centroids);
  const site = buildSite(merged.feed, {
    script: values.script ?? 'atlas.js',
    stylesheet: FILES.stylesheet,
    ...(baseUrl ? { baseUrl: baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/` } : {}),
    progress: io.progress ? (done, total) => io.progress?.(`Writing page ${done} of ${total}`) : undefined,
  });
  // The written feed must pass the same checks a publisher runs on it.
  const check = checkFeed(site.files[0]!.content, FILES.feed);
  const errors = check.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    io.progress?.('');
    for (const p of errors.slice(0, 20)) io.err(formatProblem(p, FILES.feed));
    io.err(`atlas build: the merged feed would not pass atlas validate. Nothing was written to ${values.out}.`);
    return EXIT.problems;
  }
  try {
    await writeFolder(out, site.files, embedFiles, embedDir);
  } catch (error) {
    io.progress?.('');
    io.err(`atlas build: could not write ${values.out}: ${(error as Error).message}. Nothing was replaced.`);
    return EXIT.problems;
  }
  io.progress?.('');

  const pages = site.data.listings.length;
  const gaz = merged.feed.gazetteer && !('url' in merged.feed.gazetteer) ? merged.feed.gazetteer : undefined;
  io.err(
    `Built ${values.out}: ${pages} listing ${pages === 1 ? 'page' : 'pages'} and index.html from ${inputs.length} ${inputs.length === 1 ? 'feed' : 'feeds'}` +
      (gaz ? `; gazetteer of ${Object.keys(gaz.districts ?? {}).length} districts and ${Object.keys(gaz.sectors ?? {}).length} sectors in feed.json` : '') +
      '.',
  );
  if (merged.dropped) io.err(`Left out ${merged.dropped} unsafe ${merged.dropped === 1 ? 'value' : 'values'} (such as links that are not http, https, mailto or tel), as the finder does.`);
  if (merged.skipped) io.err(`Left out ${merged.skipped} ${merged.skipped === 1 ? 'listing' : 'listings'} with errors (run atlas validate on the feeds to see them).`);
  for (const r of merged.renamed) io.err(`${r.file}: listing "${r.from}" is also in an earlier feed; it is "${r.to}" in feed.json.`);
  if (!embedDir && (values.script ?? 'atlas.js') === 'atlas.js') {
    io.err('index.html loads atlas.js: put the kit\'s embed build beside it (or use --embed DIR); without it the page shows the static list.');
  }
  return EXIT.ok;
}

/**
 * The previous build's shards (from `out`/manifest.json, when `out` holds one):
 * a shard whose listings did not change keeps its date, text and file name.
 */
async function previousOf(out: string): Promise<Map<string, PreviousShard>> {
  try {
    return previousShards(readManifest(await readFile(join(out, 'manifest.json'), 'utf8')));
  } catch {
    return new Map();
  }
}

class Fallback extends Error {}

/**
 * `--shards` a shard at a time (build/shards.ts), for national feeds; undefined
 * when a feed cannot be read that way, and then nothing was written and the
 * ordinary reading (which says what is wrong with it) follows.
 */
async function buildShardsLeanly(names: string[], out: string, name: string, io: Io, gazetteer?: GazetteerSource): Promise<number | undefined> {
  const previous = await previousOf(out);
  let built: LeanBuild | undefined;
  try {
    await writeFolderWith(out, async (temp) => {
      await mkdir(join(temp, 'shards'), { recursive: true });
      const result = await buildShardsLean(
        names.map((n) => ({ path: resolve(io.cwd, n), name: n })),
        (file) => writeFileSync(join(temp, file.path), file.content, 'utf8'),
        {
          previous, temp, workers: Math.min(availableParallelism(), 4),
          progress: io.progress ? (done, total) => io.progress?.(`Writing shard ${done} of ${total}`) : undefined,
        },
      );
      if ('fallback' in result) throw new Fallback(result.fallback);
      built = result;
      await writeManifest(temp, result.manifest, gazetteer);
    });
  } catch (error) {
    io.progress?.('');
    if (error instanceof Fallback || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    io.err(`atlas build: could not write ${name}: ${(error as Error).message}. Nothing was replaced.`);
    return EXIT.problems;
  }
  io.progress?.('');
  report(built!.manifest, built!, names.length, name, io);
  return EXIT.ok;
}

/** manifest.json, with the national gazetteer's files beside it when there is one. */
async function writeManifest(temp: string, manifest: Manifest, gazetteer: GazetteerSource | undefined): Promise<void> {
  if (gazetteer) {
    await mkdir(join(temp, 'gazetteer'), { recursive: true });
    const { districts, sectors, attribution, licence, source } = gazetteer;
    manifest.gazetteer = writeGazetteerShards(
      { districts, sectors },
      { attribution, ...(licence ? { licence } : {}), ...(source ? { source } : {}) },
      (file) => writeFileSync(join(temp, file.path), file.content, 'utf8'),
    );
  }
  writeFileSync(join(temp, 'manifest.json'), `${JSON.stringify(manifest)}\n`, 'utf8');
}

function report(m: Manifest, merged: { skipped: number; dropped: number; renamed: { from: string; to: string; file: string }[] }, feeds: number, name: string, io: Io): void {
  const kinds = (type: string): number => m.shards.filter((s) => s.type === type).length;
  const parts = m.shards.filter((s) => s.districts);
  const splitAreas = new Set(parts.map((s) => /^[A-Z]+/.exec(s.area)?.[0])).size;
  io.err(
    `Built ${name}: ${m.listings} listings from ${feeds} ${feeds === 1 ? 'feed' : 'feeds'} in ${m.shards.length} shards ` +
      `(${kinds('postcode') - parts.length} postcode areas, ${parts.length ? `${parts.length} parts by district of ${splitAreas} larger areas, ` : ''}` +
      `${kinds('grid')} grid cells${kinds('none') ? ', 1 with no place' : ''}) and manifest.json, ` +
      `with ${m.words?.words ?? 0} words in its national index (${m.words?.file ?? 'none'}).`,
  );
  if (merged.dropped) io.err(`Left out ${merged.dropped} unsafe ${merged.dropped === 1 ? 'value' : 'values'} (such as links that are not http, https, mailto or tel), as the finder does.`);
  if (merged.skipped) io.err(`Left out ${merged.skipped} ${merged.skipped === 1 ? 'listing' : 'listings'} with errors (run atlas validate on the feeds to see them).`);
  for (const r of merged.renamed) io.err(`${r.file}: listing "${r.from}" is also in an earlier feed; it is "${r.to}" in the shards.`);
  const gaz = m.gazetteer;
  if (gaz) {
    const count = (key: 'districts' | 'sectors'): number => gaz.shards.reduce((n, s) => n + s[key], 0);
    io.err(`National gazetteer: ${count('districts')} districts and ${count('sectors')} sectors in ${gaz.shards.length} files by postcode area; shown with it: "${gaz.attribution}"`);
  }
}

/**
 * `--shards`: the merged feed split into ready feeds by postcode area (a grid
 * for coordinates without a postcode, one shard for no place), each named by
 * its content hash, and manifest.json beside them (core: feed/manifest.ts).
 * Shards are written as they are made, so a national feed's are never all in
 * memory at once. No HTML pages: at national scale they are the finder's job.
 */
async function buildShards(merged: ReturnType<typeof mergeForBuild>, inputs: readonly BuildInput[], out: string, name: string, io: Io, gazetteer?: GazetteerSource): Promise<number> {
  let manifest: Manifest | undefined;
  // Large postcode areas are split by district as the feeds have them (as the shard-at-a-time build counts them).
  const counts = new Map<string, Map<string, number>>();
  for (const input of inputs) for (const listing of input.feed.listings) countDistrict(counts, shardOfListing(listing ?? {}));
  try {
    await writeFolderWith(out, async (temp) => {
      await mkdir(join(temp, 'shards'), { recursive: true });
      manifest = writeShards(merged.feed, (file) => writeFileSync(join(temp, file.path), file.content, 'utf8'), {
        previous: await previousOf(out),
        progress: io.progress ? (done, total) => io.progress?.(`Writing shard ${done} of ${total}`) : undefined,
        districts: districtShards(counts),
      });
      await writeManifest(temp, manifest, gazetteer);
    });
  } catch (error) {
    io.progress?.('');
    io.err(`atlas build: could not write ${name}: ${(error as Error).message}. Nothing was replaced.`);
    return EXIT.problems;
  }
  io.progress?.('');
  report(manifest!, merged, inputs.length, name, io);
  return EXIT.ok;
}

export const command: Command = { summary: 'Build a deployable folder: merged feed, search index and static HTML pages', run };
