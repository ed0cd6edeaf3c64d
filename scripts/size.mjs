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
// The map chunk: the lazily loaded files plus their own static imports not already loaded.
const mapBytes = lazy.reduce((n, f) => n + gz(f), 0);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const row = (name, bytes, budget, aim) =>
  console.log(`${name.padEnd(28)} ${kb(bytes).padStart(9)} gzip   budget ${kb(budget)}${aim ? `, aim ${kb(aim)}` : ''}   ${bytes <= budget ? 'ok' : 'OVER BUDGET'}`);
console.log(`files: ${files.join(', ')}`);
row('first chunk (no map)', firstBytes, 35 * 1024, 25 * 1024);
row('map chunk (when shown)', mapBytes, 60 * 1024);
const workerBytes = workers.reduce((n, f) => n + gz(f), 0);
if (workers.length) console.log(`${'search worker (large feeds)'.padEnd(28)} ${kb(workerBytes).padStart(9)} gzip   no budget: loaded only for feeds of 2 MB or more, off the main thread`);
if (firstBytes > 35 * 1024 || mapBytes > 60 * 1024) process.exitCode = 1;
