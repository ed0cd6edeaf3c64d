// The slow-phone benchmark (DESIGN.md, issue 16): the council demo page built for
// production (vite build), served by a local static server with gzip, in Chromium
// with the CPU slowed 4 × (CDP Emulation.setCPUThrottlingRate) and a slow 4G link
// (Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up),
// cache off, as a first visit. For the 607-listing demo feed and a 10,000-listing feed
// (test/support/generate.ts), it prints: time to first results, to an opened listing
// (clicking the first card), to the first map view (the page opened with ?view=map),
// the requests made before first results and how many round trips had to follow one
// another (a chunk that asks for a chunk), beside the budgets. Map tiles are refused
// (nothing leaves the machine); the map view is timed to its first markers.
//   node bench/phone.bench.mjs              (npm run bench runs it too)
//   PHONE_BENCH_RUNS=3 ...                   (visits per figure, the median printed; default 3)
//   PHONE_BENCH_SKIP_BUILD=1 ...             (reuse dist/demo)
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist/demo');
if (!process.env.PHONE_BENCH_SKIP_BUILD || !existsSync(dist)) {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'ignore' });
}
const generated = execFileSync('npx', ['tsx', '-e', "import { generateFeed } from './test/support/generate.ts'; process.stdout.write(JSON.stringify(generateFeed(10000)))"], { cwd: root, maxBuffer: 1 << 30 });
const feeds = [
  { label: 'demo feed, 607 listings', body: readFileSync(join(root, 'demo/feed.json')) },
  { label: 'generated feed, 10,000 listings', body: generated },
];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };
const gzipped = new Map();
let feedBody = feeds[0].body;
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let body;
  if (path.endsWith('/feed.json')) body = feedBody;
  else {
    const file = join(dist, normalize(path === '/' ? '/council.html' : path));
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    body = readFileSync(file);
  }
  const type = TYPES[extname(path)] ?? 'application/octet-stream';
  // As a static host or CDN serves text: compressed when the browser accepts it.
  if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') && !/image\/png/.test(type)) {
    let zipped = gzipped.get(body);
    if (!zipped) gzipped.set(body, (zipped = gzipSync(body, { level: 6 })));
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': zipped.length });
    return void res.end(zipped);
  }
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });

/** Polls (every 10 ms, in the page) until `test` holds; resolves with performance.now() at that moment, or NaN after a minute. */
const WATCH = `window.__atlasWatch = (test) => new Promise((resolve) => {
  const until = performance.now() + 60000;
  const tick = () => { let ok = false; try { ok = test(); } catch {} ok ? resolve(performance.now()) : performance.now() > until ? resolve(NaN) : setTimeout(tick, 10); };
  tick();
});`;
const finderRoot = 'document.querySelector("atlas-finder")?.shadowRoot';
const FIRST_RESULTS = `() => !!${finderRoot}?.querySelector("atlas-results")?.shadowRoot?.querySelector("atlas-card")`;
const OPEN_LISTING = `() => !!${finderRoot}?.querySelector("atlas-listing")?.shadowRoot?.querySelector("h2, h1")`;
const MAP_DRAWN = `() => { const m = ${finderRoot}?.querySelector("atlas-map")?.shadowRoot; return !!m && m.querySelectorAll(".atlas-markers .marker").length > 0; }`;

/** One first visit on the phone profile. */
async function visit(path, after) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  page.on('crash', () => console.error('the page crashed'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Which request asked for which: a request's depth is one more than its initiator's.
  const depth = new Map();
  const requests = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    const from = e.initiator?.url || e.initiator?.stack?.callFrames?.[0]?.url || e.initiator?.stack?.parent?.callFrames?.[0]?.url;
    const d = e.type === 'Document' ? 1 : (depth.get(from) ?? 1) + 1;
    if (!depth.has(e.request.url)) depth.set(e.request.url, d);
    requests.push({ url: e.request.url, depth: d, at: e.timestamp });
  });
  // No request leaves the machine: map tiles are refused (the markers are what is measured).
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.addInitScript(WATCH);
  await page.goto(origin + path, { waitUntil: 'commit' });
  const figures = await after(page);
  const before = figures.firstResults ?? Infinity;
  // Requests made before first results (timestamps are seconds since an arbitrary origin; the document request is the first).
  const start = requests[0]?.at ?? 0;
  const early = requests.filter((r) => (r.at - start) * 1000 <= before);
  figures.requests = early.length;
  figures.roundTrips = Math.max(0, ...early.map((r) => r.depth));
  figures.files = early.map((r) => `${r.url.replace(origin, '')}${r.depth > 1 ? ` (${r.depth})` : ''}`);
  await context.close();
  return figures;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (n) => (n === undefined || !Number.isFinite(n) ? '—' : `${Math.round(n).toLocaleString('en-GB')} ms`);
const line = (ok, label, ours, budget) => console.log(`${ok === undefined ? '    ' : ok ? 'ok  ' : 'OVER'} ${label.padEnd(46)} ${ours.padStart(10)}   ${budget}`);
const runs = Number(process.env.PHONE_BENCH_RUNS) || 3;

try {
  console.log('\nslow phone: council demo (production build), Chromium with CPU 4 × slower, 150 ms round trip, 1.6 Mbit/s down, gzip, first visit');
  for (const feed of feeds) {
    feedBody = feed.body;
    const list = [];
    const map = [];
    for (let r = 0; r < runs; r++) {
      list.push(await visit('/council.html', async (page) => {
        const firstResults = await page.evaluate(`window.__atlasWatch(${FIRST_RESULTS})`);
        const clicked = await page.evaluate(`(() => { const card = ${finderRoot}.querySelector("atlas-results").shadowRoot.querySelector("atlas-card"); const a = card.shadowRoot.querySelector("a, button"); const t = performance.now(); a.click(); return t; })()`);
        const opened = await page.evaluate(`window.__atlasWatch(${OPEN_LISTING})`);
        return { firstResults, openMs: opened - clicked };
      }));
      map.push(await visit('/council.html?view=map', async (page) => ({
        firstResults: await page.evaluate(`window.__atlasWatch(${FIRST_RESULTS})`).catch(() => undefined),
        mapMs: await page.evaluate(`window.__atlasWatch(${MAP_DRAWN})`),
      })));
    }
    const gz = gzipSync(feed.body, { level: 6 }).length;
    console.log(`\n${feed.label} (${(feed.body.length / 1e6).toFixed(2)} MB, ${(gz / 1e6).toFixed(2)} MB gzip; median of ${runs} visits)`);
    const first = median(list.map((v) => v.firstResults));
    const open = median(list.map((v) => v.openMs));
    line(first <= 3000, 'time to first results (from navigation)', ms(first), '≤ 3,000 ms');
    line(open <= 1000, 'time to an opened listing (from the click)', ms(open), '≤ 1,000 ms');
    line(undefined, 'time to first map view (?view=map, from navigation)', ms(median(map.map((v) => v.mapMs))), '');
    line(undefined, 'requests before first results', String(median(list.map((v) => v.requests))), '');
    line(undefined, 'round trips one after another before first results', String(median(list.map((v) => v.roundTrips))), '');
    console.log(`     ${list[0].files.join(', ')}`);
  }
  console.log('\n(round trips one after another: the page, then each file asked for by a file before it, counted by the initiator Chromium reports; the number in brackets is that depth.)');
} finally {
  await browser.close();
  server.close();
}
