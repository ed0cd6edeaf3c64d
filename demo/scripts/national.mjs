// `npm start` runs this first: builds the national demo directory (demo/national.html)
// from the real UK data, with the project's own tools as a data team would run them:
//   atlas import csv (libraries, each mobile library timetable), atlas import openactive,
//   atlas build --shards --gazetteer (one sharded directory and the GB postcode gazetteer).
// The data is read from ATLAS_REAL_DATA, else ../shared/data beside the repository, and
// never copied into the repository: everything goes to demo/national-data/ (git-ignored).
// Without the data it says how to get it, builds nothing, and the page says so too.
// It builds again only when the data or this script changed (national-data/stamp.json).
// `vite build` runs it too, and copies the directory into the built site (dist/demo/national-data/,
// `copyNational`), so the built demo works from any static server.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const data = resolve(process.env.ATLAS_REAL_DATA || join(root, '..', 'shared', 'data'));
const out = join(root, 'demo', 'national-data');
const needed = ['libraries/libraries_uk_schema_geocoded.csv', 'mobile-libraries', 'openactive', 'postcodes/outcodes_gb.csv', 'postcodes/sectors_gb.csv'];

export function nationalSources(folder = data) {
  const mobile = readdirSync(join(folder, 'mobile-libraries')).filter((f) => f.endsWith('.csv')).sort();
  const openactive = readdirSync(join(folder, 'openactive')).filter((f) => f.endsWith('.json')).sort();
  return { mobile, openactive };
}

export function buildNational({ folder = data, to = out, log = console.log } = {}) {
  const missing = needed.filter((p) => !existsSync(join(folder, p)));
  if (missing.length) {
    log(`national demo: no real data at ${folder} (missing ${missing.join(', ')}). To see demo/national.html, set ATLAS_REAL_DATA to the folder of real UK data (libraries/, mobile-libraries/, openactive/, postcodes/; see the README) and run npm start again.`);
    return undefined;
  }
  const { mobile, openactive } = nationalSources(folder);
  const inputs = [...needed.filter((p) => p.endsWith('.csv')), ...mobile.map((f) => `mobile-libraries/${f}`), ...openactive.map((f) => `openactive/${f}`), 'postcodes/SOURCE.txt'];
  const stamp = JSON.stringify({ folder, script: statSync(fileURLToPath(import.meta.url)).mtimeMs, cli: statSync(join(root, 'packages/cli/dist/main.js'), { throwIfNoEntry: false })?.mtimeMs, files: inputs.map((p) => [p, statSync(join(folder, p), { throwIfNoEntry: false })?.size]) });
  if (existsSync(join(to, 'directory', 'manifest.json')) && existsSync(join(to, 'stamp.json')) && readFileSync(join(to, 'stamp.json'), 'utf8') === stamp) {
    log('national demo: demo/national-data/ is up to date.');
    return JSON.parse(readFileSync(join(to, 'about.json'), 'utf8'));
  }
  if (!existsSync(join(root, 'packages/cli/dist/main.js'))) execFileSync('npm', ['run', 'build:node', '--silent'], { cwd: root, stdio: 'inherit' });
  const feeds = join(to, 'feeds');
  rmSync(feeds, { recursive: true, force: true });
  mkdirSync(feeds, { recursive: true });
  const started = Date.now();
  const atlas = (...args) => {
    const run = spawnSync(process.execPath, [join(root, 'packages/cli/bin/atlas.js'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
    if (run.status !== 0) throw Object.assign(new Error(`atlas ${args[0]} exited with ${run.status}`), { stderr: run.stderr });
    return run.stderr;
  };
  const mapping = (name) => join(root, 'packages/cli/mappings', name);
  log('national demo: atlas import csv (libraries) …');
  atlas('import', 'csv', join(folder, 'libraries/libraries_uk_schema_geocoded.csv'), '--map', mapping('libraries.json'), '--out', join(feeds, '01-libraries.json'));
  log(`national demo: atlas import csv (${mobile.length} mobile library timetables) …`);
  for (const f of mobile) atlas('import', 'csv', join(folder, 'mobile-libraries', f), '--map', mapping('mobile-libraries.json'), '--out', join(feeds, `02-mobile-${f.replace(/\.csv$/, '')}.json`));
  log('national demo: atlas import openactive …');
  atlas('import', 'openactive', ...openactive.map((f) => join(folder, 'openactive', f)), '--out', join(feeds, '03-openactive.json'));
  log('national demo: atlas build --shards --gazetteer …');
  const feedFiles = readdirSync(feeds).sort().map((f) => join(feeds, f));
  const built = atlas('build', ...feedFiles.map((f) => relative(root, f)), '--out', relative(root, join(to, 'directory')), '--shards', '--force', '--gazetteer', join(folder, 'postcodes'));
  const manifest = JSON.parse(readFileSync(join(to, 'directory', 'manifest.json'), 'utf8'));
  const about = {
    listings: manifest.listings,
    shards: manifest.shards.length,
    feeds: feedFiles.length,
    built: built.split('\n').filter((l) => /^(Built|National gazetteer|Left out)/.test(l)),
    sources: [
      { name: 'UK public libraries', licence: 'Libraries Hacked (MIT) with Arts Council England data (Open Government Licence v3.0)', attribution: 'Libraries Hacked; Arts Council England' },
      { name: `Mobile library stops of ${mobile.length} library services`, licence: 'Libraries Hacked (MIT), compiled from council timetables', attribution: 'Libraries Hacked' },
      { name: 'Everyone Active sessions (one OpenActive page, January 2020)', licence: 'CC BY 4.0', attribution: 'Everyone Active via OpenActive' },
      { name: 'GB postcode districts and sectors (Code-Point Open)', licence: manifest.gazetteer?.licence ?? 'Open Government Licence v3.0', attribution: manifest.gazetteer?.attribution ?? '' },
    ],
    noGpPractices: 'The real data folder has no GP practice feed, so none are in this directory.',
  };
  writeFileSync(join(to, 'about.json'), `${JSON.stringify(about, null, 1)}\n`);
  writeFileSync(join(to, 'stamp.json'), stamp);
  log(`national demo: ${about.listings} listings from ${about.feeds} feeds in ${about.shards} shards, built in ${Math.round((Date.now() - started) / 1000)} s into demo/national-data/.`);
  return about;
}

/**
 * Copies the built national directory (the files demo/national.html reads: about.json and directory/) from `from`
 * into `to`, the national-data/ folder of a built site; false, copying nothing, when it was not built.
 */
export function copyNational({ from = out, to }) {
  if (!existsSync(join(from, 'directory', 'manifest.json')) || !existsSync(join(from, 'about.json'))) return false;
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  cpSync(join(from, 'about.json'), join(to, 'about.json'));
  cpSync(join(from, 'directory'), join(to, 'directory'), { recursive: true });
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildNational();
  } catch (error) {
    // The other demo pages must still start: say what failed and go on.
    console.error(`national demo: the build failed, so demo/national.html will say the data is missing:\n${error.stderr ?? error.message}`);
  }
}
