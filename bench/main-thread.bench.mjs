// The main thread while a page opens (issue 18, item 7): the longest task, and all
// tasks over 50 ms added up, from navigation until the view is on screen and the page
// has been quiet for a second, in Chromium (PerformanceObserver, type "longtask"); beside them, the CPU time of the
// longest task on the page's main thread (from a trace), which a busy machine inflates far less than wall time.
// The embed bundle (dist/embed, built if missing) on a plain page, as a council
// embeds it; DESIGN.md's budget is no task over 50 ms.
//   - the page as a resident opens it: the first twenty results of the demo feed;
//   - a shared list link (?list=five,keys) on the demo feed, in prescriber mode;
//   - a copied link to an open listing with a search (?q=…&open=…) on the demo feed;
//   - a listing whose description is 1 MB (?open=big, the demo feed plus that listing),
//     and the same listing's card in the results.
//   node bench/main-thread.bench.mjs          (npm run bench runs it too)
//   MAIN_BENCH_RUNS=5 ...                      (visits per figure, the median printed; default 3)
//   MAIN_BENCH_EMBED=dir1,dir2 ...             (compare builds: each visit alternates between them, so both see the same load)
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { quietPage } from './quiet-page.mjs';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const embeds = (process.env.MAIN_BENCH_EMBED ?? join(root, 'dist/embed')).split(',');
if (!existsSync(join(embeds[0], 'atlas.js'))) execFileSync('npx', ['vite', 'build', '--mode', 'embed', '--logLevel', 'error'], { cwd: root, stdio: 'ignore' });
let embed = embeds[0];
const runs = Number(process.env.MAIN_BENCH_RUNS) || 3;

const demo = JSON.parse(readFileSync(join(root, 'demo/feed.json'), 'utf8'));
const words = 'Our group meets every week in the hall by the river, with tea, cake and a warm welcome for anyone who would like to come along. ';
const big = {
  ...demo,
  listings: [...demo.listings, { id: 'big', kind: 'activity', name: 'A group with a very long description', summary: 'Its description is a megabyte.', description: words.repeat(Math.ceil(1_048_576 / words.length)).slice(0, 1_048_576) }],
};
const feeds = { '/feed.json': JSON.stringify(demo), '/big.json': JSON.stringify(big) };
const keys = demo.listings.filter((l) => l.kind === 'activity').slice(0, 5).map((l) => l.id);
const open = demo.listings.find((l) => l.kind === 'activity');

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/') {
    const src = url.searchParams.get('feed') ?? '/feed.json';
    const mode = url.searchParams.has('list') ? ' mode="prescriber"' : '';
    return void res.writeHead(200, { 'content-type': TYPES['.html'] }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Main thread</title>
<script>window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });</script>
<script type="module" src="/atlas.js"></script></head><body><main><atlas-finder src="${src}"${mode} lang="en"></atlas-finder></main></body></html>`);
  }
  if (feeds[url.pathname]) return void res.writeHead(200, { 'content-type': TYPES['.json'] }).end(feeds[url.pathname]);
  const file = join(embed, normalize(url.pathname));
  if (!file.startsWith(embed) || !existsSync(file)) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });

const finder = 'document.querySelector("atlas-finder")?.shadowRoot';
const SHOWN = {
  list: `!!${finder}?.querySelector("atlas-print-view")?.shadowRoot?.querySelector("li")`,
  open: `!!${finder}?.querySelector("atlas-listing")?.shadowRoot?.querySelector("h2, h1")`,
  // A card with its name drawn (a card's element comes a task before its words).
  card: `!!${finder}?.querySelector("atlas-results")?.shadowRoot?.querySelector("atlas-card")?.shadowRoot?.querySelector("a")`,
  page: `(${finder}?.querySelector("atlas-results")?.shadowRoot?.querySelectorAll("atlas-card").length ?? 0) >= 20`,
};

/**
 * One visit: the longest task and the sum of long tasks until `shown` holds and a second has passed with no new
 * long task; and, from a trace, the longest task's CPU time on the page's main thread. On a shared machine a task's
 * wall time includes the time the thread waited for a core; its CPU time does not, so two builds compare fairly.
 */
async function visit(path, shown) {
  // The whole browser traced (the page is not a Playwright page), the page's main thread picked out afterwards.
  await browser.startTracing(undefined, { categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline'] });
  // Not a Playwright page: its network panel keeps a copy of each response body, a task on the page's main thread that
  // no resident's browser runs; and nothing of the automation library's is put into the page (see quiet-page.mjs).
  const page = await quietPage(browser, `${origin}${path}`, { ready: shown });
  let seen = -1;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const n = await page.evaluate('window.__longTasks.length');
    if (n === seen) break;
    seen = n;
  }
  const tasks = await page.evaluate('window.__longTasks');
  const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await page.close();
  return { longest: Math.max(0, ...tasks), total: tasks.reduce((a, b) => a + b, 0), count: tasks.length, cpu: longestCpu(trace) };
}

/** The longest task's CPU time (ms) on the renderer's main thread, the one that ran the page's scripts, after the page began to load. */
function longestCpu(trace) {
  const scripted = trace.find((e) => e.name === 'EvaluateScript' || e.name === 'v8.evaluateModule');
  if (!scripted) return 0;
  const start = trace.find((e) => e.pid === scripted.pid && e.tid === scripted.tid && e.name === 'ParseHTML')?.ts ?? 0;
  let longest = 0;
  for (const e of trace) {
    if (e.pid !== scripted.pid || e.tid !== scripted.tid || e.ph !== 'X' || e.name !== 'RunTask' || e.ts < start) continue;
    longest = Math.max(longest, (e.tdur ?? e.dur) / 1000);
  }
  return longest;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases = [
  ['the page opened: its first twenty results (demo, 617)', '/', SHOWN.page],
  ['share link: ?list= five options, prescriber (demo, 617)', `/?list=${keys.join(',')}`, SHOWN.list],
  ['copied link: ?q=…&open=… (demo, 617)', `/?q=walk&open=${encodeURIComponent(open.id)}`, SHOWN.open],
  ['1 MB description: ?open=big (demo + 1)', '/?feed=/big.json&open=big', SHOWN.open],
  ['1 MB description: its card in the results (demo + 1)', '/?feed=/big.json&q=megabyte', SHOWN.card],
];
console.log(`\nMain thread while a page opens (Chromium, no throttling; median of ${runs} visits; budget: no task over 50 ms)`);
console.log(`${'case'.padEnd(56)} ${'longest task'.padStart(13)} ${'all long tasks'.padStart(15)}   budget     ${'its CPU time'.padStart(12)}`);
for (const [label, path, shown] of cases) {
  const visits = embeds.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [b, dir] of embeds.entries()) {
      embed = dir;
      visits[b].push(await visit(path, shown));
    }
  }
  for (const [b, dir] of embeds.entries()) {
    const longest = median(visits[b].map((v) => v.longest));
    const total = median(visits[b].map((v) => v.total));
    const cpu = median(visits[b].map((v) => v.cpu));
    const name = embeds.length > 1 ? `${label} [${dir.split('/').pop()}]` : label;
    console.log(`${name.padEnd(56)} ${`${longest.toFixed(0)} ms`.padStart(13)} ${`${total.toFixed(0)} ms`.padStart(15)}   ≤ 50 ms ${longest <= 50 ? 'ok  ' : 'OVER'} ${`${cpu.toFixed(0)} ms`.padStart(12)}`);
  }
}
await browser.close();
server.close();
