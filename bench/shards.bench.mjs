// The national build benchmark (issue 19 item 4): a generated national feed of
// 500,000 listings (test/support/generate.ts, spread over the real GB postcode
// districts when ATLAS_REAL_DATA is set, otherwise over made-up ones), built by
// `atlas build --shards` in a child process, as a publisher runs it. Prints the
// build's wall time and peak memory (the child's maximum resident set) beside
// the budgets (2 minutes, 2 GB), and what a second build of the same feed with
// a new `updated` date and one listing renamed changes: only that listing's
// shard gets a new file; every other shard keeps its name, so hosts and
// browsers keep them cached.
//   node bench/shards.bench.mjs                 (npm run bench runs it too)
//   SHARDS_BENCH_LISTINGS=100000 ...            (another size; default 500,000)
//   SHARDS_BENCH_SKIP_BUILD=1 ...               (reuse packages/*/dist)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench/out/shards');
mkdirSync(out, { recursive: true });
const count = Number(process.env.SHARDS_BENCH_LISTINGS ?? 500_000);
const realData = process.env.ATLAS_REAL_DATA;
const outcodes = realData && existsSync(join(realData, 'postcodes/outcodes_gb.csv')) ? join(realData, 'postcodes/outcodes_gb.csv') : undefined;

if (!process.env.SHARDS_BENCH_SKIP_BUILD || !existsSync(join(root, 'packages/cli/dist/main.js'))) {
  execFileSync('npm', ['run', 'build:node', '--silent'], { cwd: root, stdio: 'ignore' });
}
await build({
  entryPoints: { 'national-feed': join(root, 'bench/shards/national-feed.ts') },
  bundle: true, format: 'esm', platform: 'node', outdir: join(out, 'node'), outExtension: { '.js': '.mjs' },
  conditions: ['source'], tsconfig: join(root, 'tsconfig.json'), target: 'es2022', logLevel: 'error',
});
const { writeNationalFeed } = await import(join(out, 'node', 'national-feed.mjs'));

const feedPath = join(out, `national-${count}-${outcodes ? 'gb' : 'made-up'}.json`);
let districts;
if (!existsSync(feedPath)) {
  const started = performance.now();
  districts = writeNationalFeed(feedPath, count, outcodes).districts;
  console.error(`generated ${feedPath} in ${Math.round((performance.now() - started) / 1000)} s`);
}
const feedBytes = statSync(feedPath).size;

/** Runs `atlas build ARGS` in a child process; resolves with its wall time, peak memory and exit code. */
function atlasBuild(args) {
  const usageFile = join(out, 'usage.json');
  rmSync(usageFile, { force: true });
  const started = performance.now();
  return new Promise((resolve) => {
    let stderr = '';
    const child = spawn(process.execPath, [join(root, 'bench/shards/measure.mjs'), 'build', ...args], {
      cwd: out, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, SHARDS_BENCH_USAGE: usageFile },
    });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('close', (code) => {
      const wall = performance.now() - started;
      const usage = existsSync(usageFile) ? JSON.parse(readFileSync(usageFile, 'utf8')) : undefined;
      resolve({ code, wall, usage, stderr: stderr.replace(/\r[^\n]*\r/g, '').trim() });
    });
  });
}

const mb = (bytes) => `${(bytes / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 0 })} MB`;
const line = (ok, label, ours, budget) => console.log(`${ok === undefined ? '    ' : ok ? 'ok  ' : 'OVER'} ${label.padEnd(58)} ${ours.padStart(10)}   ${budget}`);

console.log(`\nshards: atlas build --shards of a generated national feed, ${count.toLocaleString('en-GB')} listings (${mb(feedBytes)} of JSON) over ${outcodes ? 'the real GB postcode districts (ATLAS_REAL_DATA)' : 'made-up postcode districts (set ATLAS_REAL_DATA for the real GB ones)'}${districts ? `, ${districts.toLocaleString('en-GB')} districts` : ''}`);
const first = await atlasBuild([feedPath, '--out', 'site', '--shards', '--force']);
if (first.code !== 0 || !first.usage) {
  console.log(`FAIL atlas build --shards exited with ${first.code}${first.usage ? '' : ' before it could report its memory'}:\n${first.stderr.slice(-2000)}`);
  process.exitCode = 1;
} else {
  const site = join(out, 'site');
  const shards = readdirSync(join(site, 'shards'));
  const bytes = shards.reduce((n, f) => n + statSync(join(site, 'shards', f)).size, 0);
  const manifestBytes = statSync(join(site, 'manifest.json')).size;
  line(first.wall <= 120_000, 'atlas build --shards: wall time', `${(first.wall / 1000).toFixed(1)} s`, '≤ 2 minutes (120 s)');
  line(first.usage.maxRSS <= 2 * 1024 ** 3, 'atlas build --shards: peak memory (max resident set)', mb(first.usage.maxRSS), '≤ 2 GB (2,147 MB)');
  line(undefined, 'shards written', `${shards.length}`, `${mb(bytes)} in all, manifest.json ${mb(manifestBytes)}; CPU ${((first.usage.user + first.usage.system) / 1e6).toFixed(1)} s`);
  console.error(first.stderr.split('\n').filter((l) => l.startsWith('Built')).join('\n'));

  // A new day's build: another `updated` date and one listing renamed. Only the renamed listing's shard may change its file.
  const feed = readFileSync(feedPath, 'utf8');
  const next = feed.replace(/"updated":"[^"]*"/, '"updated":"2026-12-24"').replace(/("id":"n7",[^\n]*?"name":")([^"]*)"/, '$1$2 (renamed)"');
  const nextPath = join(out, 'national-next.json');
  writeFileSync(nextPath, next);
  const before = JSON.parse(readFileSync(join(site, 'manifest.json'), 'utf8'));
  const second = await atlasBuild([nextPath, '--out', 'site', '--shards', '--force']);
  rmSync(nextPath, { force: true });
  if (second.code !== 0) {
    console.log(`FAIL the second build exited with ${second.code}:\n${second.stderr.slice(-2000)}`);
    process.exitCode = 1;
  } else {
    const after = JSON.parse(readFileSync(join(site, 'manifest.json'), 'utf8'));
    const old = new Set(before.shards.map((s) => s.file));
    const kept = after.shards.filter((s) => old.has(s.file)).length;
    line(kept === after.shards.length - 1, 'rebuilt with a new date and one listing renamed: shards kept', `${kept} of ${after.shards.length}`, `all but the renamed listing's shard (${after.shards.length - 1}) keep their file and hash`);
  }
}
