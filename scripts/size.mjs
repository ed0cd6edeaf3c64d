// Builds the one-script-tag embed bundle and prints gzip sizes of its first chunk
// (everything a page loads before a map is shown) and of the map chunk, against
// the budgets in DESIGN.md. Exits non-zero when a budget is exceeded.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const out = 'dist/embed';
execFileSync('npx', ['vite', 'build', '--mode', 'embed', '--logLevel', 'warn'], { stdio: 'inherit' });

const files = readdirSync(out).filter((f) => f.endsWith('.js'));
const gz = (f) => gzipSync(readFileSync(join(out, f)), { level: 9 }).length;
const staticImports = (f) => [...readFileSync(join(out, f), 'utf8').matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]);

// The first chunk is atlas.js plus whatever it imports statically.
const first = new Set(['atlas.js']);
for (const f of first) for (const dep of staticImports(f)) first.add(dep);
const firstBytes = [...first].reduce((n, f) => n + gz(f), 0);
// The search worker loads only for large feeds (2 MB or more) and runs off the main thread: reported on its own.
const workers = files.filter((f) => f.startsWith('atlas-worker-'));
const lazy = files.filter((f) => !first.has(f) && !workers.includes(f));
// The map chunk is the lazily loaded code that carries Leaflet, with its own static imports not already loaded.
const mapFiles = new Set(lazy.filter((f) => /leaflet/i.test(readFileSync(join(out, f), 'utf8'))));
for (const f of mapFiles) for (const dep of staticImports(f)) if (!first.has(dep)) mapFiles.add(dep);
const mapBytes = [...mapFiles].reduce((n, f) => n + gz(f), 0);
// Everything else loads only when a page needs it (Welsh strings, an Open Referral UK source, …).
const onDemand = lazy.filter((f) => !mapFiles.has(f));
const onDemandBytes = onDemand.reduce((n, f) => n + gz(f), 0);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const row = (name, bytes, budget, aim) =>
  console.log(`${name.padEnd(30)} ${kb(bytes).padStart(9)} gzip   budget ${kb(budget)}${aim ? `, aim ${kb(aim)}` : ''}   ${bytes <= budget ? 'ok' : 'OVER BUDGET'}`);
const info = (name, bytes, note) => console.log(`${name.padEnd(30)} ${kb(bytes).padStart(9)} gzip   ${note}`);
console.log(`files: ${files.join(', ')}`);
row('first chunk (no map)', firstBytes, 35 * 1024, 25 * 1024);
// atlas.js should carry the first chunk alone: a file it imports is only requested once atlas.js has
// arrived and been parsed, one more round trip before the finder can start.
if (first.size > 1) console.log(`  WARNING: atlas.js imports ${[...first].slice(1).join(', ')} before it can run (one more round trip on a slow phone)`);
for (const f of onDemand) info(`  on demand: ${f.replace(/^atlas-|-[\w-]{8}\.js$/g, '')}`, gz(f), 'loaded only when that page needs it');
info('finder without map, in all', firstBytes + onDemandBytes, 'first chunk and every on-demand chunk');
row('map chunk (when shown)', mapBytes, 60 * 1024);
const workerBytes = workers.reduce((n, f) => n + gz(f), 0);
if (workers.length) info('search worker (large feeds)', workerBytes, 'no budget: loaded only for feeds of 2 MB or more, off the main thread');
if (firstBytes > 35 * 1024 || mapBytes > 60 * 1024) process.exitCode = 1;
