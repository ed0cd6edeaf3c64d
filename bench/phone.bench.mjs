// The slow-phone benchmark (DESIGN.md, issue 16): the council demo page built for
// production (vite build), served by a local static server with gzip, as a first
// visit (a browser context of its own, so an empty cache) on a phone profile:
// Chromium's CPU slowed 4 × (Emulation.setCPUThrottlingRate) and a slow 4G link
// (150 ms round trip, 1.6 Mbit/s down) made by the server itself.
// For the 607-listing demo feed and a 10,000-listing feed (test/support/generate.ts),
// plain and as the ready feed atlas build writes,
// it prints: time to first results, to the whole feed's answer (the finder's atlas-load: for a plain
// feed still arriving, first results are the listings so far), to an opened listing (clicking the first card), the page's
// layout shift up to a second after first results (what a resident sees move),
// to the first map view (the page opened with ?view=map), the requests made before
// first results and how many round trips had to follow one another, beside the budgets.
//
// The pages are driven over the DevTools protocol without its network domain
// (bench/quiet-page.mjs): with that domain on, DevTools copies every response body
// on the page's main thread, work no resident's phone does. So the link is shaped by
// the server (Chromium's own network emulation needs that domain for a page's
// fetches), and requests are counted by the server. Map tiles are refused
// (nothing leaves the machine); the map view is timed to its first markers.
//   node bench/phone.bench.mjs              (npm run bench runs it too)
//   PHONE_BENCH_RUNS=3 ...                   (visits per figure, the median printed; default 3)
//   PHONE_BENCH_SKIP_BUILD=1 ...             (reuse dist/demo)
//   PHONE_BENCH_DIST=folder ...              (serve that build instead, e.g. one of main's, for paired runs)
//   PHONE_BENCH_FEEDS=ready ...              (only these rows: demo, plain, ready)
//   PHONE_BENCH_WORDS=1 ...                  (also first results of a visit with words, ?q=walk)
//   PHONE_BENCH_INDEX_FILE=1 ...             (the ready feed with its text index in a file beside it, which the worker fetches)
//   PHONE_BENCH_NO_KINDS=1 ...               (the council page's finder without kinds, as atlas build's index.html: a ready feed's prebuilt parts are used)
//   PHONE_BENCH_TIMELINE=1 ...               (also when each request of the first visit was asked for and done)
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { Buffer } from 'node:buffer';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { quietPage } from './quiet-page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.env.PHONE_BENCH_DIST ? normalize(process.env.PHONE_BENCH_DIST) : join(root, 'dist/demo');
if (!process.env.PHONE_BENCH_DIST && (!process.env.PHONE_BENCH_SKIP_BUILD || !existsSync(dist))) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'ignore' });
}
const generate = (code) => execFileSync('npx', ['tsx', '-e', `import { generateFeed } from './test/support/generate.ts'; ${code}`], { cwd: root, maxBuffer: 1 << 30 });
const generated = generate('process.stdout.write(JSON.stringify(generateFeed(10000)))');
// The same listings as the ready feed atlas build writes (normalised, columns and index prebuilt), served at the same address.
// PHONE_BENCH_INDEX_FILE=1: written with its text index in a file of its own beside it (ready-index.SEAL.json, which
// atlas build does not write), served beside the feed's address too, so the worker fetches it rather than indexing the listings.
const indexFile = !!process.env.PHONE_BENCH_INDEX_FILE;
const written = JSON.parse(generate(`import { serializeReady } from './packages/core/src/index.ts'; const r = serializeReady(generateFeed(10000), { indexFile: ${indexFile} }); process.stdout.write(JSON.stringify({ text: r.text, index: r.index }))`).toString());
const ready = Buffer.from(written.text);
const readyIndex = written.index ? { path: `/${written.index.path}`, body: Buffer.from(written.index.text) } : undefined;
const only = process.env.PHONE_BENCH_FEEDS?.split(',');
const feeds = [
  { id: 'demo', label: 'demo feed, 607 listings', body: readFileSync(join(root, 'demo/feed.json')) },
  { id: 'plain', label: 'generated feed, 10,000 listings', body: generated },
  { id: 'ready', label: 'the same 10,000 listings as a ready feed (atlas build)', body: ready },
].filter((f) => !only || only.includes(f.id));
/** Also the time to the first results of a first visit whose state has words (?q=walk): the text index's cost. */
const words = !!process.env.PHONE_BENCH_WORDS;

/** The slow 4G link: each response waits one round trip, and every response shares 1.6 Mbit/s. */
const LINK = { roundTripMs: 150, bytesPerSecond: 1_600_000 / 8 };
const CPU_SLOWDOWN = 4;
/** Bytes sent at a time: small enough that responses at the same moment share the link fairly. */
const PIECE = 4096;
let linkFreeAt = 0;
const LATE_TIMER_MS = 50;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
/** Sends `body` at the link's pace: each piece takes its turn on the one shared link. */
async function sendPaced(res, body) {
  for (let at = 0; at < body.length; at += PIECE) {
    const piece = body.subarray(at, at + PIECE);
    // A link that was busy a moment ago carries on where its last piece ended, so timers that fire late on a
    // loaded machine do not make the link slower than 1.6 Mbit/s; an idle link starts now.
    const now = performance.now();
    const start = linkFreeAt >= now - LATE_TIMER_MS ? linkFreeAt : now;
    linkFreeAt = start + (piece.length / LINK.bytesPerSecond) * 1000;
    await sleep(linkFreeAt - performance.now());
    if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve));
  }
  await new Promise((resolve) => res.end(resolve));
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const gzipped = new Map();
let feedBody = feeds[0].body;
/** Every request of the current visit: path, when it reached the server and when its last byte left (ms, server clock). */
let log = [];
const server = createServer(async (req, res) => {
  const arrived = performance.now();
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const entry = { path, arrived, done: Infinity };
  log.push(entry);
  let body;
  if (path.endsWith('/feed.json')) body = feedBody;
  else if (readyIndex && path === readyIndex.path) body = readyIndex.body;
  else {
    const file = join(dist, normalize(path === '/' ? '/council.html' : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
      await sleep(LINK.roundTripMs);
      res.writeHead(404).end();
      entry.done = performance.now();
      return;
    }
    body = readFileSync(file);
    // PHONE_BENCH_NO_KINDS=1: the council page's finder without its kinds attribute, as atlas build's index.html has it
    // (a finder given kinds keeps a filtered copy of the listings, and a ready feed's prebuilt parts go unused).
    if (process.env.PHONE_BENCH_NO_KINDS && file.endsWith('council.html')) body = Buffer.from(body.toString('utf8').replace(/ kinds="[^"]*"/, ''));
  }
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  await sleep(LINK.roundTripMs);
  // As a static host or CDN serves text: compressed when the browser accepts it.
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !/image\/png/.test(type)) {
    let zipped = gzipped.get(body);
    if (!zipped) gzipped.set(body, (zipped = gzipSync(body, { level: 6 })));
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': zipped.length });
    await sendPaced(res, zipped);
  } else {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    await sendPaced(res, body);
  }
  entry.done = performance.now();
});
server.on('connection', (socket) => socket.setNoDelay(true));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  // No request leaves the machine: every other host fails to resolve (map tiles; the markers are what is measured).
  args: ['--no-sandbox', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});

/**
 * Run at document start: polls (every 10 ms, in the page) until `test` holds and
 * resolves with performance.now() then (from navigation), or NaN after a minute.
 * First results and the map's first markers are watched from the start.
 */
const finderRoot = 'document.querySelector("atlas-finder")?.shadowRoot';
// A card with its name drawn (a card's element comes a task before its words).
const FIRST_RESULTS = `() => !!${finderRoot}?.querySelector("atlas-results")?.shadowRoot?.querySelector("atlas-card")?.shadowRoot?.querySelector("a")`;
const OPEN_LISTING = `() => !!${finderRoot}?.querySelector("atlas-listing")?.shadowRoot?.querySelector("h2, h1")`;
const MAP_DRAWN = `() => { const m = ${finderRoot}?.querySelector("atlas-map")?.shadowRoot; return !!m && m.querySelectorAll(".atlas-markers .marker").length > 0; }`;
const WATCH = `window.__atlasWatch = (test) => new Promise((resolve) => {
  const until = performance.now() + 60000;
  const tick = () => { let ok = false; try { ok = test(); } catch {} ok ? resolve(performance.now()) : performance.now() > until ? resolve(NaN) : setTimeout(tick, 10); };
  tick();
});
window.__firstResults = window.__atlasWatch(${FIRST_RESULTS});
// The whole feed's answer given to the list (the finder's atlas-load event; its cards draw in the tasks after): later than
// first results when these were a ready feed's first screen or a plain feed's listings so far.
window.__loaded = new Promise((resolve) => document.addEventListener('atlas-load', () => resolve(performance.now()), { once: true }));
// How far the page's content moved without the visitor doing anything (cumulative layout shift, summed over the visit):
// the host page's footer pushed down as the finder grows is a shift a resident sees.
window.__shift = 0;
new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; }).observe({ type: 'layout-shift', buffered: true });
if (location.search.includes('view=map')) window.__mapDrawn = window.__atlasWatch(${MAP_DRAWN});`;

/** One first visit on the phone profile. */
async function visit(path, after) {
  log = [];
  const page = await quietPage(browser, origin + path, {
    ready: "location.protocol === 'http:' && typeof window.__firstResults === 'object'",
    isolated: true,
    before: async (send) => {
      await send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 1, mobile: false });
      await send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      // The Page domain (not Network): a script added for new documents runs only with it on.
      await send('Page.enable');
      await send('Page.addScriptToEvaluateOnNewDocument', { source: WATCH });
    },
  });
  const figures = await after(page);
  await page.close();
  // The server's clock at navigation: the page's request arrives a moment after the page's performance.now() starts.
  const start = log[0]?.arrived ?? 0;
  const before = start + (figures.firstResults ?? Infinity);
  const early = log.filter((r) => r.arrived <= before);
  // Round trips one after another: a request waited for each request that had finished before it was made.
  const depth = [];
  early.forEach((r, i) => {
    depth[i] = 1 + Math.max(0, ...early.slice(0, i).map((q, k) => (q.done <= r.arrived ? depth[k] : 0)));
  });
  figures.requests = early.length;
  figures.roundTrips = Math.max(0, ...depth);
  figures.files = early.map((r, i) => `${r.path}${depth[i] > 1 ? ` (${depth[i]})` : ''}`);
  // When each request reached the server and when its last byte left, from navigation: where the time went.
  const at = (t) => Math.round(t - start).toLocaleString('en-GB');
  figures.timeline = early.map((r, i) => `${r.path.padEnd(44)} depth ${depth[i]}  asked ${at(r.arrived).padStart(6)} ms  done ${at(r.done).padStart(6)} ms`);
  return figures;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (n) => (n === undefined || !Number.isFinite(n) ? '—' : `${Math.round(n).toLocaleString('en-GB')} ms`);
const line = (ok, label, ours, budget) => console.log(`${ok === undefined ? '    ' : ok ? 'ok  ' : 'OVER'} ${label.padEnd(46)} ${ours.padStart(10)}   ${budget}`);
const runs = Number(process.env.PHONE_BENCH_RUNS) || 3;

try {
  console.log('\nslow phone: council demo (production build), first visit, CPU 4 × slower (the page; not its worker), 150 ms round trip, 1.6 Mbit/s down (made by the server), gzip, no DevTools network panel');
  for (const feed of feeds) {
    feedBody = feed.body;
    const list = [];
    const map = [];
    for (let r = 0; r < runs; r++) {
      list.push(await visit('/council.html', async (page) => {
        const firstResults = await page.evaluate('window.__firstResults');
        // The shifts up to a second after first results (the rest of the first screen), before the click below.
        const shift = await page.evaluate('new Promise((resolve) => setTimeout(() => resolve(window.__shift), 1000))');
        const openMs = await page.evaluate(`(async () => {
          const card = ${finderRoot}.querySelector("atlas-results").shadowRoot.querySelector("atlas-card");
          const t = performance.now();
          card.shadowRoot.querySelector("a, button").click();
          return (await window.__atlasWatch(${OPEN_LISTING})) - t;
        })()`);
        const loaded = await page.evaluate('Promise.race([window.__loaded, new Promise((resolve) => setTimeout(() => resolve(NaN), 30000))])');
        return { firstResults, openMs, shift, loaded };
      }));
      map.push(await visit('/council.html?view=map', async (page) => ({
        firstResults: await page.evaluate('window.__firstResults'),
        mapMs: await page.evaluate('window.__mapDrawn'),
      })));
    }
    const withWords = [];
    for (let r = 0; words && r < runs; r++) {
      withWords.push(await visit('/council.html?q=walk', async (page) => ({ firstResults: await page.evaluate('window.__firstResults') })));
    }
    const gz = gzipSync(feed.body, { level: 6 }).length;
    console.log(`\n${feed.label} (${(feed.body.length / 1e6).toFixed(2)} MB, ${(gz / 1e6).toFixed(2)} MB gzip; median of ${runs} visits)`);
    const first = median(list.map((v) => v.firstResults));
    const open = median(list.map((v) => v.openMs));
    line(first <= 3000, 'time to first results (from navigation)', ms(first), '≤ 3,000 ms');
    line(undefined, "time to the whole feed's answer (atlas-load)", ms(median(list.map((v) => v.loaded))), '');
    line(open <= 1000, 'time to an opened listing (from the click)', ms(open), '≤ 1,000 ms');
    line(undefined, 'layout shift to 1 s after first results (CLS)', median(list.map((v) => v.shift)).toFixed(3), '(Web Vitals: good ≤ 0.1; DESIGN.md sets no budget)');
    line(undefined, 'time to first map view (?view=map, from navigation)', ms(median(map.map((v) => v.mapMs))), '');
    if (words) line(undefined, `first results with words (?q=walk)${feed.id === 'ready' ? (indexFile ? ', index file' : ', index built') : ''}`, ms(median(withWords.map((v) => v.firstResults))), '');
    line(undefined, 'requests before first results', String(median(list.map((v) => v.requests))), '');
    line(undefined, 'round trips one after another before first results', String(median(list.map((v) => v.roundTrips))), '');
    console.log(`     ${list[0].files.join(', ')}`);
    if (process.env.PHONE_BENCH_TIMELINE) console.log(`     first visit, from navigation (server clock):\n       ${list[0].timeline.join('\n       ')}`);
    if (process.env.PHONE_BENCH_TIMELINE && words) console.log(`     first visit with words, from navigation (server clock):\n       ${withWords[0].timeline.join('\n       ')}`);
  }
  console.log(`
(round trips one after another: the page is 1, and a request counts one more than the deepest request that had
finished before it was made, so a chunk asked for by a chunk, or the feed asked for by a script, counts one more;
the number in brackets is that depth. Requests and depths are counted by the server. This counts every wait in
turn that a visit had, including one that came from a slow processor rather than from a chunk naming a chunk;
the initiators Chromium reports, counted before, put nearly every chunk at 2, because Vite's preload helper asks
for a dynamic import's chunks through links in the document.)`);
} finally {
  await browser.close();
  server.close();
}
