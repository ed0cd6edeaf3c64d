// Where a search-bench load's time goes: CPU profiles of the page and of the
// search worker (Chrome DevTools Protocol, in the system Chromium) while one
// feed loads to its first page, summed by function and cut into the page's busy
// stretches (its long tasks).
//   node bench/search.profile.mjs                    (10,000 listings, plain and ready)
//   PROFILE_SIZES=1000,10000 PROFILE_READY=0 node bench/search.profile.mjs
//   PROFILE_SAVE=1 ...   (also writes bench/out/search/*.cpuprofile, to open in DevTools)
//   PROFILE_TOP=12 ...   (with PROFILE_WINDOW: that many functions for each stretch; default 4)
//   PROFILE_TRACE=1 ...  (a Chromium trace instead: the page's and the worker's tasks, with what native work each did;
//                         with PROFILE_SAVE=1 also written to bench/out/search/*.trace.json, whose tasks name where they were posted from)
//   PROFILE_TRACE_MORE=1 (the trace with mojo, IPC and network categories too: which pipe or message a native task served)
//   PROFILE_WINDOW=1 ... (the page's profile only from the load's start to its first page, not the bench's own parses and waits;
//                         then both threads' busy stretches in that window, in order, on one clock, each sample
//                         counted at most 0.6 ms, so that a thread taken off its core does not charge its wait to a function)
//   SEARCH_BENCH_FEED=http, SEARCH_BENCH_CHUNKED=1, SEARCH_BENCH_NO_WORDS=1   (as in the search bench: feeds over HTTP; sent with no
//                        length; no words asked after the first page)
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serveSearchBench } from './search/serve.mjs';

const WS = globalThis.WebSocket ?? (await import('ws')).default;
const out = fileURLToPath(new URL('out/search', import.meta.url));
const server = await serveSearchBench({ minify: false });
const port = 9300 + (process.pid % 500);
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', `--remote-debugging-port=${port}`] });

/** A flat CDP client over the browser's WebSocket: commands by session, events to listeners. */
async function cdp() {
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const ws = new WS(webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  let id = 0;
  const waiting = new Map();
  const listeners = [];
  ws.onmessage = (event) => {
    const m = JSON.parse(typeof event.data === 'string' ? event.data : event.data.toString());
    if (m.id !== undefined) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(`${m.error.message}`)); else w.resolve(m.result);
    } else for (const l of listeners) l(m);
  };
  return {
    send: (method, params = {}, sessionId) => new Promise((resolve, reject) => {
      waiting.set(++id, { resolve, reject });
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    }),
    on: (l) => listeners.push(l),
    close: () => ws.close(),
  };
}

const fmt = (us) => `${(us / 1000).toFixed(1)} ms`.padStart(10);
const where = (f) => `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;

/** Self and total time per function, and the busy stretches (samples not idle, gaps under 2 ms) of at least `longMs`. */
function summarise(label, profile, longMs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id) => { const s = []; for (let i = id; i !== undefined; i = parent.get(i)) s.push(byId.get(i)); return s; };
  const self = new Map();
  const total = new Map();
  let t = profile.startTime;
  const samples = profile.samples.map((id, k) => { t += profile.timeDeltas[k]; return { id, t }; });
  const dt = (k) => (k + 1 < samples.length ? samples[k + 1].t - samples[k].t : 0);
  let busy = 0;
  for (let k = 0; k < samples.length; k++) {
    const node = byId.get(samples[k].id);
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(root)') continue;
    busy += dt(k);
    const key = where(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + dt(k));
    const seen = new Set();
    for (const f of stackOf(samples[k].id)) {
      const fk = where(f.callFrame);
      if (seen.has(fk)) continue;
      seen.add(fk);
      total.set(fk, (total.get(fk) ?? 0) + dt(k));
    }
  }
  console.log(`\n== ${label}: ${fmt(profile.endTime - profile.startTime)} profiled, ${fmt(busy)} busy`);
  const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log('  self time:');
  for (const [k, v] of top(self, 22)) console.log(`  ${fmt(v)}  ${k}`);
  console.log('  total time (with callees):');
  for (const [k, v] of top(total, 30)) if (!k.startsWith('(root)')) console.log(`  ${fmt(v)}  ${k}`);
  // Busy stretches: what the thread did without a break.
  const stretches = [];
  let start;
  let lastBusy;
  for (let k = 0; k < samples.length; k++) {
    const name = byId.get(samples[k].id).callFrame.functionName;
    const idle = name === '(idle)' || name === '(root)';
    if (!idle) {
      if (start === undefined || samples[k].t - lastBusy > 2000) {
        if (start !== undefined) stretches.push([start, lastBusy]);
        start = k;
      }
      lastBusy = samples[k].t;
      stretches.last = k;
    }
  }
  if (start !== undefined) stretches.push([start, lastBusy]);
  for (const [k0, tEnd] of stretches) {
    const t0 = samples[k0].t;
    if (tEnd - t0 < longMs * 1000) continue;
    const s = new Map();
    for (let k = k0; k < samples.length && samples[k].t <= tEnd; k++) {
      const node = byId.get(samples[k].id);
      if (['(idle)', '(root)'].includes(node.callFrame.functionName)) continue;
      // Attribute to the outermost named frame below the root, and the innermost.
      const stack = stackOf(samples[k].id).reverse().filter((f) => f.callFrame.functionName !== '(root)');
      const key = `${where(stack[0].callFrame)}  >  ${where(stack[Math.min(stack.length - 1, 2)].callFrame)}  …  ${where(node.callFrame)}`;
      s.set(key, (s.get(key) ?? 0) + dt(k));
    }
    console.log(`  busy stretch at +${((t0 - profile.startTime) / 1000).toFixed(0)} ms for ${fmt(tEnd - t0)}:`);
    for (const [k, v] of top(s, 10)) console.log(`    ${fmt(v)}  ${k}`);
  }
}


/**
 * The thread's busy stretches in order (gaps of at least 1 ms between them) from `from` to `to` (profile
 * clock, µs), each with when it started after `zero`, how long, and its three heaviest functions (self time).
 */
function timeline(label, profile, zero, from, to) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** The outermost named frame below the root: which task (message, slice, module) a sample is in. */
  const outer = (id) => {
    const chain = [];
    for (let i = id; i !== undefined; i = parent.get(i)) if (byId.get(i).callFrame.functionName !== '(root)') chain.unshift(byId.get(i).callFrame.functionName || '(anonymous)');
    return chain.slice(0, 3).join(' > ');
  };
  let t = profile.startTime;
  const samples = profile.samples.map((id, k) => { t += profile.timeDeltas[k]; return { id, t }; });
  const stretches = [];
  let cur;
  let busy = 0;
  for (let k = 0; k + 1 < samples.length; k++) {
    const { id, t: at } = samples[k];
    if (at < from || at > to) continue;
    const node = byId.get(id);
    const name = node.callFrame.functionName;
    if (name === '(idle)' || name === '(root)') continue;
    // At most 3 sampling intervals a sample: on a busy machine a thread taken off its core shows as one
    // sample as long as it waited, charged to whatever it was running (this is then close to its CPU time).
    const d = Math.min(samples[k + 1].t - at, 600);
    busy += d;
    const task = name === '(garbage collector)' || name === '(program)' ? cur?.task : outer(id);
    if (!cur || at - cur.end > 300 || (task !== undefined && task !== cur.task)) stretches.push((cur = { start: at, end: at, fns: new Map(), task }));
    cur.end = at + d;
    const key = where(node.callFrame);
    cur.fns.set(key, (cur.fns.get(key) ?? 0) + d);
  }
  console.log(`\n== ${label}: timeline from the load's start (${(busy / 1000).toFixed(1)} ms busy in the window)`);
  for (const s of stretches) {
    const top = [...s.fns].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP) || 4).map(([k, v]) => `${k.trim()} ${(v / 1000).toFixed(1)}`).join(', ');
    console.log(`  +${((s.start - zero) / 1000).toFixed(1).padStart(6)} ms ${((s.end - s.start) / 1000).toFixed(1).padStart(6)} ms [${s.task?.trim() ?? ''}]: ${top}`);
  }
}

/** From a Chromium trace: the page's main thread and the worker's tasks of at least `longMs`, each with the events inside it summed by name. */
function summariseTrace(label, events, longMs) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const marks = events.filter((e) => e.name?.startsWith('bench-') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'n' || e.ph === 'b' || e.ph === 'e' || e.ph === 'X'));
  const start = marks.find((e) => e.name === 'bench-load');
  if (!start) { console.log('no bench-load mark in the trace'); return; }
  const pid = start.pid;
  const t0 = start.ts;
  const markLine = marks.filter((m) => m.pid === pid).map((m) => `${m.name} +${((m.ts - t0) / 1000).toFixed(0)}`).join(', ');
  console.log(`\n== ${label} (trace): ${markLine}`);
  const end = marks.find((e) => e.name === 'bench-first-page')?.ts ?? Infinity;
  for (const [key, name] of names) {
    if (!key.startsWith(`${pid}:`) || !/CrRendererMain|DedicatedWorker/.test(name)) continue;
    const tid = Number(key.split(':')[1]);
    const own = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.ts >= t0 - 1000 && e.ts <= end).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // A task may show as RunTask with ThreadControllerImpl::RunTask inside it: each counted once.
    const tasks = [];
    let until = -Infinity;
    for (const e of own) {
      if ((e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') || e.ts < until) continue;
      tasks.push(e);
      until = e.ts + e.dur;
    }
    if (!tasks.length) continue;
    const busy = tasks.reduce((s, e) => s + e.dur, 0);
    const cpu = tasks.reduce((s, e) => s + (e.tdur ?? e.dur), 0);
    // The worker's every task of a millisecond or more (it has few); the page's of `longMs` or more.
    const least = /DedicatedWorker/.test(name) ? 1 : longMs;
    console.log(`  ${name} (tid ${tid}), to the first page: ${tasks.length} tasks, ${(busy / 1000).toFixed(0)} ms busy, ${(cpu / 1000).toFixed(0)} ms CPU; those of ${least} ms or more:`);
    for (const task of tasks) {
      if (task.dur < least * 1000) continue;
      const inside = own.filter((e) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + task.dur && !/RunTask|HandlePostMessage|v8\.callFunction|SimpleWatcher|AsyncTask Run/.test(e.name));
      const sum = new Map();
      for (const e of inside) {
        const k = e.name + (e.args?.data?.functionName ? ` ${e.args.data.functionName}` : '') + (e.args?.data?.url ? ` ${String(e.args.data.url).split('/').pop()}` : '');
        sum.set(k, (sum.get(k) ?? 0) + (e.dur ?? 0));
      }
      const what = [...sum].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`).join(' | ');
      console.log(`    +${((task.ts - t0) / 1000).toFixed(0).padStart(4)} ms ${(task.dur / 1000).toFixed(1).padStart(6)} ms (CPU ${((task.tdur ?? task.dur) / 1000).toFixed(1).padStart(5)}): ${what}`);
    }
  }
}

const client = await cdp();
try {
  // A page of the raw connection's own, not a Playwright page (whose network panel adds work on the main thread: see quietPage).
  const { targetId } = await client.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId: pageSession } = await client.send('Target.attachToTarget', { targetId, flatten: true });
  await client.send('Runtime.enable', {}, pageSession);
  const params = [process.env.SEARCH_BENCH_FEED === 'http' ? 'http' : '', process.env.SEARCH_BENCH_NO_WORDS ? 'nowords' : ''].filter(Boolean).join('&');
  await client.send('Page.navigate', { url: `${server.url}${params ? `?${params}` : ''}` }, pageSession);
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await client.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, pageSession);
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  };
  while ((await evaluate('typeof window.benchLoad')) !== 'function') await new Promise((r) => setTimeout(r, 50));
  let workerSession;
  let workerStarted;
  client.on(async (m) => {
    if (m.method === 'Target.attachedToTarget' && m.params.targetInfo.type === 'worker') {
      const s = m.params.sessionId;
      workerSession = s;
      workerStarted = (async () => {
        await client.send('Profiler.enable', {}, s);
        await client.send('Profiler.setSamplingInterval', { interval: 200 }, s);
        await client.send('Profiler.start', {}, s);
        await client.send('Runtime.runIfWaitingForDebugger', {}, s);
      })();
    }
  });
  await client.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, pageSession);
  await client.send('Profiler.enable', {}, pageSession);
  await client.send('Profiler.setSamplingInterval', { interval: 200 }, pageSession);
  const run = (...args) => evaluate(`window.benchLoad(...${JSON.stringify(args)})`);
  const sizes = (process.env.PROFILE_SIZES ?? '10000').split(',').map(Number);
  const kinds = process.env.PROFILE_READY === '0' ? [false] : process.env.PROFILE_READY === 'only' ? [true] : [false, true];
  for (const n of sizes) {
    server.writeReady(n);
    for (const ready of kinds) {
      // Warm-up (compilation, the generator's first run), as the bench does.
      await run(n, 'auto', ready, true);
      await workerStarted;
      if (workerSession) await client.send('Profiler.stop', {}, workerSession);
      await evaluate('window.benchDispose()');
      workerSession = undefined;
      workerStarted = undefined;
      if (process.env.PROFILE_TRACE) {
        await browser.startTracing(undefined, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink', 'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-v8.gc', ...(process.env.PROFILE_TRACE_MORE ? ['mojom', 'ipc', 'blink.net', 'base', 'disabled-by-default-devtools.timeline.stack'] : [])] });
        const result = await run(n, 'auto', ready, true);
        const trace = JSON.parse((await browser.stopTracing()).toString());
        if (process.env.PROFILE_SAVE) writeFileSync(join(out, `${n}-${ready ? 'ready' : 'plain'}.trace.json`), JSON.stringify(trace));
        await evaluate('window.benchDispose()');
        workerSession = undefined;
        console.log(`\n######## ${n} ${ready ? 'ready' : 'plain'}: first page ${result.firstPageMs.toFixed(0)} ms, parse ${result.parseMs.toFixed(1)} ms, longest task ${result.longestTaskMs.toFixed(0)} ms`);
        summariseTrace(`${n} ${ready ? 'ready' : 'plain'}`, trace.traceEvents, Number(process.env.PROFILE_TRACE_MS) || 15);
        continue;
      }
      let profile;
      let result;
      if (process.env.PROFILE_WINDOW) {
        // The page starts and ends its own profile at the bench's marks (console.profile), so the profile is the load alone.
        const finished = new Promise((resolve) => client.on((m) => {
          if (m.method === 'Profiler.consoleProfileFinished' && m.sessionId === pageSession) resolve(m.params.profile);
        }));
        await evaluate(`(() => { const mark = performance.mark.bind(performance); performance.mark = (name, ...rest) => {
          if (name === 'bench-load') console.profile('load');
          const m = mark(name, ...rest);
          if (name === 'bench-first-page') console.profileEnd('load');
          return m; }; })()`);
        result = await run(n, 'auto', ready, true);
        profile = await finished;
        await evaluate('delete performance.mark');
      } else {
        await client.send('Profiler.start', {}, pageSession);
        result = await run(n, 'auto', ready, true);
        ({ profile } = await client.send('Profiler.stop', {}, pageSession));
      }
      let workerProfile;
      if (workerSession) {
        await workerStarted;
        workerProfile = (await client.send('Profiler.stop', {}, workerSession)).profile;
      }
      await evaluate('window.benchDispose()');
      workerSession = undefined;
      const label = `${n.toLocaleString('en-GB')} ${ready ? 'ready' : 'plain'}`;
      console.log(`\n######## ${label}: first page ${result.firstPageMs.toFixed(0)} ms, parse ${result.parseMs.toFixed(1)} ms, longest task ${result.longestTaskMs.toFixed(0)} ms, ${result.inWorker ? 'worker' : 'page'}`);
      summarise(`${label}, page`, profile, 20);
      if (process.env.PROFILE_WINDOW) {
        // Both threads' stretches on one clock, from the load's start to its first page.
        timeline(`${label}, page`, profile, profile.startTime, profile.startTime, profile.endTime);
        if (workerProfile) timeline(`${label}, worker`, workerProfile, profile.startTime, profile.startTime, profile.endTime);
      }
      if (workerProfile) {
        console.log(`  (the worker's profile starts ${((workerProfile.startTime - profile.startTime) / 1000).toFixed(0)} ms after the page's)`);
        summarise(`${label}, worker`, workerProfile, 20);
      }
      if (process.env.PROFILE_SAVE) {
        writeFileSync(join(out, `${n}-${ready ? 'ready' : 'plain'}-page.cpuprofile`), JSON.stringify(profile));
        if (workerProfile) writeFileSync(join(out, `${n}-${ready ? 'ready' : 'plain'}-worker.cpuprofile`), JSON.stringify(workerProfile));
      }
    }
  }
} finally {
  client.close();
  await browser.close();
  server.close();
}
