// The page's main thread while a feed loads to its first page of results (the
// search bench's load: bench/search/page.ts's benchLoad), from a Chromium trace:
// the longest task in wall time and in CPU time (the thread's own time, which a
// busy machine inflates far less), and what the longest did. For comparing two
// builds on a shared machine: given several source trees, it serves each one's
// bench page and worker and alternates between them, load by load.
//   node bench/main-thread-load.mjs
//   MAIN_LOAD_TREES=../other-checkout,. MAIN_LOAD_SIZES=100000 MAIN_LOAD_RUNS=4 node bench/main-thread-load.mjs
//   MAIN_LOAD_READY=0|only   (plain feeds only, ready feeds only; default both)
//   MAIN_LOAD_FEED=http      (feeds over HTTP from the bench's server, as a finder loads one; default blob: URLs, as the search bench;
//                            SEARCH_BENCH_CHUNKED=1 as there: sent with no length)
//   SEARCH_BENCH_NO_WORDS=1  (no words asked after each first page, as in the search bench: see there)
// Besides the longest task, each load prints the CPU time of all the page's main-thread tasks and of the
// search worker's, from the load's start to its first page.
// Budget (issue 16): no main-thread task over 50 ms while loading. A figure here is
// one trace per load (tracing adds a little); the search bench's own figure is the
// Long Tasks API's, without tracing.
import { chromium } from 'playwright-core';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { quietPage } from './quiet-page.mjs';

const trees = (process.env.MAIN_LOAD_TREES ?? '.').split(',').map((t) => resolve(t));
const sizes = (process.env.MAIN_LOAD_SIZES ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
const runs = Number(process.env.MAIN_LOAD_RUNS) || 3;
const kinds = process.env.MAIN_LOAD_READY === '0' ? [false] : process.env.MAIN_LOAD_READY === 'only' ? [true] : [false, true];

const servers = [];
for (const tree of trees) {
  const { serveSearchBench } = await import(pathToFileURL(resolve(tree, 'bench/search/serve.mjs')).href);
  servers.push({ tree, server: await serveSearchBench() });
}
// A browser each: two bench pages in one renderer would share one heap, and each would pay for the other's collections.
// --expose-gc, as in the search bench: the page collects its own parse baseline's garbage before each load, not during it.
const browsers = [];
for (let t = 0; t < trees.length; t++) browsers.push(await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--js-flags=--expose-gc'] }));

const overHttp = process.env.MAIN_LOAD_FEED === 'http';

/** CPU time of the page's main thread and of the search worker's thread, from bench-load to bench-first-page, in ms. */
function threadsOf(events) {
  const start = events.find((e) => e.name === 'bench-load');
  const end = events.find((e) => e.name === 'bench-first-page');
  if (!start || !end) return { main: 0, worker: 0 };
  const names = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === start.pid).map((e) => [e.tid, e.args?.name ?? '']));
  const cpu = (tid) => {
    // A task may show as RunTask with ThreadControllerImpl::RunTask inside it: each counted once.
    const tasks = events
      .filter((e) => e.pid === start.pid && e.tid === tid && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts >= start.ts && e.ts <= end.ts)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    let sum = 0;
    let until = -Infinity;
    for (const e of tasks) {
      if (e.ts < until) continue;
      sum += (e.tdur ?? e.dur) / 1000;
      until = e.ts + e.dur;
    }
    return sum;
  };
  const workers = [...names].filter(([, name]) => /^DedicatedWorker/.test(name)).map(([tid]) => cpu(tid));
  return { main: cpu(start.tid), worker: workers.reduce((a, b) => a + b, 0) };
}

/** The page's main-thread tasks from the bench-load mark to 100 ms after bench-first-page: [{wall, cpu, what}]. */
function tasksOf(events) {
  const start = events.find((e) => e.name === 'bench-load');
  const end = events.find((e) => e.name === 'bench-first-page');
  if (!start || !end) return [];
  const own = events.filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && e.ts >= start.ts && e.ts <= end.ts + 100_000);
  const tasks = own.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
  return tasks.map((task) => {
    const inside = own.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && !/RunTask/.test(e.name) && e.dur > 2_000);
    const named = inside.sort((a, b) => b.dur - a.dur).slice(0, 4)
      .map((e) => `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''} ${(e.dur / 1000).toFixed(0)}`);
    return { wall: task.dur / 1000, cpu: (task.tdur ?? task.dur) / 1000, at: (task.ts - start.ts) / 1000, what: named.join(' | ') };
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const pages = [];
  const params = [overHttp ? 'http' : '', process.env.SEARCH_BENCH_NO_WORDS ? 'nowords' : ''].filter(Boolean).join('&');
  for (let t = 0; t < trees.length; t++) pages.push(await quietPage(browsers[t], `${servers[t].server.url}${params ? `?${params}` : ''}`));
  console.log(`feeds loaded from ${overHttp ? 'the bench server over HTTP' : 'blob: URLs of their text'}`);
  for (const n of sizes) {
    for (const ready of kinds) {
      for (const { server } of servers) server.writeReady(n);
      // Warm-up of each: compilation, the generator's first run.
      for (const page of pages) await page.run('benchLoad', n, 'auto', ready);
      const figures = trees.map(() => []);
      for (let r = 0; r < runs; r++) {
        for (let t = 0; t < trees.length; t++) {
          await browsers[t].startTracing(undefined, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'toplevel'] });
          const load = loadavg()[0];
          const result = await pages[t].run('benchLoad', n, 'auto', ready);
          const events = JSON.parse((await browsers[t].stopTracing()).toString()).traceEvents;
          const tasks = tasksOf(events);
          const threads = threadsOf(events);
          const byWall = tasks.reduce((a, b) => (b.wall > a.wall ? b : a), { wall: 0, cpu: 0, at: 0, what: '' });
          const byCpu = tasks.reduce((a, b) => (b.cpu > a.cpu ? b : a), { wall: 0, cpu: 0, at: 0, what: '' });
          figures[t].push({ wall: byWall.wall, cpu: byCpu.cpu, first: result.firstPageMs, observed: result.longestTaskMs, load, ...threads });
          console.log(`${n} ${ready ? 'ready' : 'plain'} ${trees[t]}: first page ${Math.round(result.firstPageMs)} ms; longest task ${byWall.wall.toFixed(0)} ms wall, longest CPU ${byCpu.cpu.toFixed(0)} ms (Long Tasks API, untraced figure's kind: ${result.longestTaskMs.toFixed(0)} ms); CPU main ${threads.main.toFixed(0)} ms, worker ${threads.worker.toFixed(0)} ms; load ${load.toFixed(1)}`);
          for (const task of [...tasks].sort((a, b) => b.cpu - a.cpu).slice(0, 4)) console.log(`    +${task.at.toFixed(0)} ms: ${task.wall.toFixed(0)} wall, ${task.cpu.toFixed(0)} CPU: ${task.what}`);
        }
      }
      for (let t = 0; t < trees.length; t++) {
        const f = figures[t];
        console.log(`== ${n} ${ready ? 'ready' : 'plain'} ${trees[t]}, median of ${runs}: longest main-thread task ${median(f.map((x) => x.wall)).toFixed(0)} ms wall, ${median(f.map((x) => x.cpu)).toFixed(0)} ms CPU (budget 50); all main-thread CPU ${median(f.map((x) => x.main)).toFixed(0)} ms, worker CPU ${median(f.map((x) => x.worker)).toFixed(0)} ms; first page ${Math.round(median(f.map((x) => x.first)))} ms; load ${f.map((x) => x.load.toFixed(1)).join(', ')}`);
      }
    }
  }
} finally {
  for (const browser of browsers) await browser.close();
  for (const { server } of servers) server.close();
}
