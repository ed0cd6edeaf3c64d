// The national sharded directory in the browser (issue 19 item 4, the browser half).
// The 500,000-listing national site that bench/shards.bench.mjs's feed builds into
// (`atlas build --shards`, with the national gazetteer when ATLAS_REAL_DATA is set),
// served by a local static server as a static host or CDN serves it: brotli or gzip
// by Accept-Encoding, Content-Length of the compressed body, a strong ETag (304 on
// If-None-Match), files named by content hash cached for a year, the rest revalidated.
// The page is the embed bundle (dist/embed, as a council embeds it) with
// <atlas-finder src=".../manifest.json">, opened over the DevTools protocol without
// the network panel (bench/quiet-page.mjs), a first visit each time (a browser
// context of its own, so an empty cache). For each of
//   - a postcode search (typed into the postcode field once the page is up, Enter),
//   - a word search for a name (typed into the search box, Enter),
//   - an opened listing link (?open=AREA~id, from navigation),
// it prints beside the budgets: the bytes on the wire (compressed bodies and headers,
// counted by the server) and the requests made until the first results were on the
// screen, from navigation (on the slow phone, where the shards asked for after the
// first answer cannot finish before it is drawn); the time to first results (from the Enter key, or for the
// link from navigation) on a desktop and on the slow-phone profile (Chromium CPU 4 ×
// slower, 150 ms round trip and 1.6 Mbit/s down, shaped by the server for every
// request, the worker's too, since the protocol's network emulation needs the network
// panel on); and the longest main-thread task from navigation until the page has been
// quiet for a second after first results (PerformanceObserver "longtask").
// Budgets (issue 19): a postcode's first results within 1.5 s on the desktop and 4 s
// on the slow phone, at most 3 MB transferred, never a main-thread task over 50 ms.
// Beside them, the peer: the same data as one whole-feed file (what a finder without
// shards must fetch): its bytes on the wire, and its time to first results on the
// desktop (one visit; SHARDS_BROWSER_PEER=0 skips it).
// The machine's load average is printed with each figure: timings on a busy machine are long.
//   node bench/shards-browser.bench.mjs       (npm run bench runs it too)
//   SHARDS_BROWSER_RUNS=5 ...                  (visits per figure, the median printed; default 3)
//   SHARDS_BENCH_LISTINGS=100000 ...           (another size of national feed; default 500,000)
//   SHARDS_BROWSER_SKIP_BUILD=1 ...            (reuse dist/embed as it is)
//   SHARDS_BROWSER_REBUILD=1 ...               (build the site afresh; otherwise it is built only when the feed or the
//                                               code that writes shards and manifests changed, since that takes minutes)
//   SHARDS_BROWSER_PROFILE=navigation ...      (the profile from navigation rather than from the page being up)
//   SHARDS_BROWSER_PROFILE=1 SHARDS_BROWSER_PROFILE_DIR=DIR ... (also writes each visit's CPU profile there, a .cpuprofile file)
//   SHARDS_BROWSER_TRACE=1 ...                 (what each task over 50 ms did, to stderr, and the longest script task's thread CPU
//                                               time per slow-phone visit beside the observer's wall time: the machine's load left out)
//   SHARDS_BROWSER_TRACE=1 SHARDS_BROWSER_TRACE_DIR=DIR ... (also writes each visit's trace there, a .json file)
//   SHARDS_BROWSER_TRACE_MORE=1 ...            (the trace also holds V8's compiling and its JavaScript samples: heavier, for a task's inside)
//   SHARDS_BROWSER_PHONE_ONLY=1 ...            (the slow-phone visits alone: the desktop's figures are left out)
//   SHARDS_BROWSER_SITE=DIR ...                (serve that built site as it is, never building it: with SHARDS_BROWSER_EMBED,
//                                               another version's site and bundle, for before-and-after pairs)
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { quietPage } from './quiet-page.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench/out/shards');
mkdirSync(out, { recursive: true });
const count = Number(process.env.SHARDS_BENCH_LISTINGS ?? 500_000);
const runs = Number(process.env.SHARDS_BROWSER_RUNS) || 3;
const realData = process.env.ATLAS_REAL_DATA;
const postcodes = realData && existsSync(join(realData, 'postcodes/outcodes_gb.csv')) ? join(realData, 'postcodes') : undefined;

// ---- The site: reused when its inputs (the feed, the build's code, the gazetteer) are those it was built from.
if (!existsSync(join(root, 'packages/cli/dist/main.js'))) execFileSync('npm', ['run', 'build:node', '--silent'], { cwd: root, stdio: 'ignore' });
const feedPath = join(out, `national-${count}-${postcodes ? 'gb' : 'made-up'}.json`);
if (!existsSync(feedPath)) {
  await build({
    entryPoints: { 'national-feed': join(root, 'bench/shards/national-feed.ts') },
    bundle: true, format: 'esm', platform: 'node', outdir: join(out, 'node'), outExtension: { '.js': '.mjs' },
    conditions: ['source'], tsconfig: join(root, 'tsconfig.json'), target: 'es2022', logLevel: 'error',
  });
  const { writeNationalFeed } = await import(join(out, 'node', 'national-feed.mjs'));
  writeNationalFeed(feedPath, count, postcodes && join(postcodes, 'outcodes_gb.csv'));
}
const siteDir = process.env.SHARDS_BROWSER_SITE ?? join(out, `browser-${count}`);
/** What the built site depends on: the feed, the code that writes shards and manifests, and the gazetteer. */
function siteInputs() {
  const hash = createHash('sha256');
  const feed = statSync(feedPath);
  hash.update(`${feedPath} ${feed.size} ${feed.mtimeMs} ${postcodes ?? ''}\n`);
  // The build's own code: a change to how shards or the manifest are written builds afresh (SHARDS_BROWSER_REBUILD=1 forces it).
  const files = [
    ...readdirSync(join(root, 'packages/cli/src/build')).filter((n) => n.endsWith('.ts')).sort().map((n) => `packages/cli/src/build/${n}`),
    'packages/core/src/engine/shards-write.ts', 'packages/core/src/engine/ready-write.ts', 'packages/core/src/feed/manifest.ts', 'packages/core/src/feed/ready.ts',
    // The prebuilt columns' form (a ready feed's facet bits).
    'packages/core/src/engine/core.ts',
  ];
  for (const file of files) if (existsSync(join(root, file))) hash.update(`${file}\n`).update(readFileSync(join(root, file)));
  return hash.digest('hex');
}
const inputs = siteInputs();
const stampFile = join(siteDir, 'inputs.txt');
if (!process.env.SHARDS_BROWSER_SITE && (process.env.SHARDS_BROWSER_REBUILD || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== inputs || !existsSync(join(siteDir, 'manifest.json')))) {
  console.error(`building the ${count.toLocaleString('en-GB')}-listing site (its inputs changed or it was never built; this takes minutes)…`);
  rmSync(siteDir, { recursive: true, force: true });
  const started = performance.now();
  const args = ['build', feedPath, '--out', siteDir, '--shards', '--force', ...(postcodes ? ['--gazetteer', postcodes] : [])];
  // The built CLI in a child process, as a publisher runs it (bench/shards/measure.mjs, which also notes its memory).
  const env = { ...process.env, SHARDS_BENCH_USAGE: join(out, 'browser-usage.json') };
  const code = await new Promise((resolve) => spawn(process.execPath, [join(root, 'bench/shards/measure.mjs'), ...args], { cwd: out, env, stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve));
  if (code !== 0) throw new Error(`atlas build --shards exited with ${code}`);
  writeFileSync(stampFile, inputs);
  console.error(`built in ${Math.round((performance.now() - started) / 1000)} s`);
}
const manifest = JSON.parse(readFileSync(join(siteDir, 'manifest.json'), 'utf8'));
// The national word index: a file of its own since manifest format 2, inline before (only whether a word is in it matters here).
const wordsFile = manifest.version >= 2 ? join(siteDir, manifest.words.file) : undefined;
const words = wordsFile ? JSON.parse(readFileSync(wordsFile, 'utf8')).words : manifest.words;

// ---- The embed bundle, as a council page loads it.
const embed = process.env.SHARDS_BROWSER_EMBED ?? join(root, 'dist/embed');
if (!process.env.SHARDS_BROWSER_EMBED && (!process.env.SHARDS_BROWSER_SKIP_BUILD || !existsSync(join(embed, 'atlas.js')))) {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'embed', '--logLevel', 'error'], { cwd: root, stdio: 'ignore' });
}

// ---- What is searched for: chosen from the built data, the same on every run.
// A postcode area with many listings is written as runs of its districts (B1-B15, …), each naming its districts.
const shardOf = ({ area, district }) => manifest.shards.find((s) => s.area === area || s.districts?.includes(district));
const POSTCODES = [
  { label: 'postcode in a city centre', postcode: 'B3 2HN', area: 'B', district: 'B3' },
  { label: 'postcode in a market town', postcode: 'SY1 1QR', area: 'SY', district: 'SY1' },
].filter((p) => shardOf(p));
if (!POSTCODES.length) throw new Error('the site has neither a B nor an SY shard: build it over the real GB districts (ATLAS_REAL_DATA)');
/** A listing to link to, and a word of its name that few shards hold (so a name search finds it without loading most of the country). */
function pickListing() {
  const shard = shardOf(POSTCODES[0]);
  const text = readFileSync(join(siteDir, shard.file), 'utf8');
  const listing = /"key":"([^"]+)"/.exec(text.slice(text.indexOf('"listings"')));
  return { key: `${shard.area}~${listing[1]}` };
}
const link = pickListing();
// The generated names are made of a few dozen words, each in almost every area: a name search there loads shards a few at a time.
const NAMES = [
  { label: 'a word of names in every area', q: 'westfield' },
].filter((n) => words[n.q]);

// ---- The static host.
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.map': 'application/json' };
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>National directory</title>
<script>window.__longTasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ at: e.startTime, ms: e.duration }); }).observe({ type: 'longtask', buffered: true });
window.__enter = undefined; addEventListener('keydown', (e) => { if (e.key === 'Enter') window.__enter = e.timeStamp; }, true);</script>
<script type="module" src="/atlas.js"></script></head>
<body><main><h1>National directory</h1><atlas-finder src="/national/manifest.json" lang="en" view="list"></atlas-finder></main></body></html>`;
const compressed = new Map();
/** A file's body as sent for an Accept-Encoding: brotli (quality 5, as CDNs compress on the fly) or gzip (level 6), or as it is. */
function encoded(path, body, accept) {
  const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : '';
  if (!encoding) return { encoding, bytes: body };
  const id = `${encoding} ${path} ${body.length}`;
  let bytes = compressed.get(id);
  if (!bytes) {
    bytes = encoding === 'br' ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gzipSync(body, { level: 6 });
    compressed.set(id, bytes);
  }
  return { encoding, bytes };
}
/** The slow-phone link, shared by every response: a round trip before each response, then 1.6 Mbit/s between them all. */
const PHONE = { latency: 150, bytesPerSecond: 1_600_000 / 8 };
let profile;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
async function sendShaped(res, head, body) {
  // The link of the visit that asked (a response still going out when the next visit starts keeps to its own).
  const link = profile;
  if (!link) {
    res.writeHead(...head);
    return void res.end(body);
  }
  await sleep(link.latency);
  res.writeHead(...head);
  const CHUNK = 8192;
  for (let at = 0; at < body.length || at === 0; at += CHUNK) {
    const piece = body.subarray(at, at + CHUNK);
    const start = Math.max(performance.now(), link.free);
    link.free = start + (piece.length * 1000) / link.bytesPerSecond;
    await sleep(link.free - performance.now());
    res.write(piece);
    if (!body.length) break;
  }
  res.end();
}
/** Every request served: its path, bytes on the wire (head and body) and when it was asked for and finished (ms since the epoch). */
let log = [];
let peerBody;
const server = createServer((req, res) => {
  const started = performance.timeOrigin + performance.now();
  const url = new URL(req.url, 'http://x');
  const path = decodeURIComponent(url.pathname);
  let body;
  let file;
  if (path === '/') body = Buffer.from(PAGE);
  else if (path === '/whole/feed.json' && peerBody) body = peerBody;
  else if (path === '/whole/') body = Buffer.from(PAGE.replace('/national/manifest.json', '/whole/feed.json'));
  else {
    const [dir, rest] = path.startsWith('/national/') ? [siteDir, path.slice('/national/'.length)] : [embed, path];
    file = join(dir, normalize(`/${rest}`));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      log.push({ path, bytes: 0, started, finished: started, status: 404 });
      return void res.writeHead(404, { 'content-length': 0 }).end();
    }
    body = readFileSync(file);
  }
  const type = path.endsWith('/') ? TYPES['.html'] : TYPES[extname(path)] ?? 'application/octet-stream';
  const { encoding, bytes } = encoded(path, body, req.headers['accept-encoding'] ?? '');
  const etag = `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 20)}${encoding ? `-${encoding}` : ''}"`;
  // Files named by their content (shards, gazetteer, the bundle's chunks) never change: cached for a year. The rest is checked each time.
  const immutable = /\.[0-9a-f]{8,}\.json$|-[\w-]{8}\.js$/.test(path);
  const headers = {
    'content-type': type, 'content-length': bytes.length, etag, vary: 'Accept-Encoding',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(encoding ? { 'content-encoding': encoding } : {}),
  };
  const notModified = req.headers['if-none-match'] === etag;
  const entry = { path, bytes: 0, started, finished: 0, status: notModified ? 304 : 200, encoding };
  log.push(entry);
  const sent = notModified ? Buffer.alloc(0) : bytes;
  res.on('finish', () => {
    entry.finished = performance.timeOrigin + performance.now();
    entry.bytes = sent.length + headerBytes(res, notModified ? 304 : 200, notModified ? { etag } : headers);
  });
  void sendShaped(res, notModified ? [304, { etag }] : [200, headers], sent);
});
/** The bytes of a response's status line and headers. */
function headerBytes(_res, status, headers) {
  return `HTTP/1.1 ${status} OK\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}Date: ${new Date().toUTCString()}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n`.length;
}
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });

// ---- In the page.
// Everything looked for is one of the finder's parts, in its shadow root: looked for there alone once the finder has one.
// Walking every element of the page through every shadow root, every 10 ms while the bench waited, was a task of up to
// 100 ms of its own on the slow phone, which the page's longtask observer counted as the page's.
const DEEP = `(window.__deep = window.__deep || ((selector, from = document) => {
  const finder = from === document ? document.querySelector('atlas-finder')?.shadowRoot : undefined;
  if (finder) return finder.querySelector(selector);
  const found = from.querySelector(selector);
  if (found) return found;
  for (const el of from.querySelectorAll('*')) if (el.shadowRoot) { const inner = window.__deep(selector, el.shadowRoot); if (inner) return inner; }
  return null;
}))`;
const WATCH = `(window.__watch = window.__watch || ((test) => new Promise((resolve) => {
  const until = performance.now() + 120000;
  const tick = () => { let ok = false; try { ok = test(); } catch {} ok ? resolve(performance.now()) : performance.now() > until ? resolve(NaN) : setTimeout(tick, 10); };
  tick();
})))`;
const results = `${DEEP}('atlas-results')?.shadowRoot`;
// A card on screen with its name drawn (a card's element comes a task before its words).
const CARDS = `() => !!${results}?.querySelector('atlas-card')?.shadowRoot?.querySelector('a')`;
const STATUS = `${results}?.querySelector('[role="status"]')?.textContent?.trim() ?? ''`;
const PROMPTED = `!!${DEEP}('atlas-results')?.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('Enter a postcode')`;
const OPENED = `() => !!${DEEP}('atlas-listing')?.shadowRoot?.querySelector('h1, h2')`;

/**
 * One first visit. `kind`: 'postcode' or 'words' (typed once the page asks for them), 'link' (the page opened at
 * `path` shows a listing) or 'first' (the page opened at `path` shows results).
 */
async function visit({ kind, text, path = '/', phone = false }) {
  profile = phone ? { ...PHONE, free: 0 } : undefined;
  log = [];
  const load = loadavg()[0];
  if (process.env.SHARDS_BROWSER_TRACE) {
    const more = process.env.SHARDS_BROWSER_TRACE_MORE ? ['v8', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.cpu_profiler'] : [];
    await browser.startTracing(undefined, { categories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', 'v8.execute', 'blink.user_timing', ...more] });
  }
  const navigated = performance.timeOrigin + performance.now();
  const page = await quietPage(browser, `${origin}${path}`, {
    isolated: true,
    ready: kind === 'link' || kind === 'first' ? `${DEEP}, ${WATCH}, true` : PROMPTED,
    before: async (send) => {
      if (phone) await send('Emulation.setCPUThrottlingRate', { rate: 4 });
      if (profileFrom === 'navigation') await startProfiler(send);
    },
  });
  if (profileFrom === 'up') await startProfiler(page.send);
  let firstAt;
  let ms;
  if (kind === 'link' || kind === 'first') {
    firstAt = await page.evaluate(`${WATCH}(${kind === 'link' ? OPENED : CARDS})`);
    ms = firstAt;
  } else {
    const field = kind === 'postcode' ? `${DEEP}('atlas-location').shadowRoot.querySelector('input')` : `${DEEP}('atlas-search').shadowRoot.querySelector('input')`;
    await page.evaluate(`${WATCH}, ${field}.focus()`);
    await page.send('Input.insertText', { text });
    const waiting = page.evaluate(`${WATCH}(${CARDS})`);
    await page.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
    await page.send('Input.dispatchKeyEvent', { type: 'char', key: 'Enter', text: '\r' });
    await page.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
    firstAt = await waiting;
    ms = firstAt - (await page.evaluate('window.__enter'));
  }
  const status = await page.evaluate(STATUS).catch(() => '');
  const origin0 = await page.evaluate('performance.timeOrigin');
  const firstWall = origin0 + firstAt;
  // Quiet for a second after first results: any long task of the loading is in.
  let seen = -1;
  for (;;) {
    await sleep(1000);
    const n = await page.evaluate('window.__longTasks.length');
    if (n === seen) break;
    seen = n;
  }
  const tasks = await page.evaluate('window.__longTasks');
  if (process.env.SHARDS_BROWSER_PROFILE) {
    console.error(`${kind} ${text ?? path}, ${phone ? 'slow phone' : 'desktop'}: profile from ${profileFrom === 'navigation' ? 'navigation' : 'the page being up'}`);
    const { profile: cpuProfile } = await page.send('Profiler.stop');
    explainProfile(cpuProfile);
    // SHARDS_BROWSER_PROFILE_DIR: each visit's profile as a .cpuprofile file (DevTools' Performance panel opens it).
    if (process.env.SHARDS_BROWSER_PROFILE_DIR) {
      mkdirSync(process.env.SHARDS_BROWSER_PROFILE_DIR, { recursive: true });
      writeFileSync(join(process.env.SHARDS_BROWSER_PROFILE_DIR, `${kind}-${(text ?? path).replace(/\W+/g, '_')}-${phone ? 'phone' : 'desktop'}-${Date.now()}.cpuprofile`), JSON.stringify(cpuProfile));
    }
  }
  await page.close();
  let traced;
  if (process.env.SHARDS_BROWSER_TRACE) {
    console.error(`${kind} ${text ?? path}, ${phone ? 'slow phone' : 'desktop'}: long tasks (wall ms; cpu ms) from navigation, first results at ${Math.round(firstAt)} ms`);
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    // SHARDS_BROWSER_TRACE_DIR: each visit's trace as a file too (DevTools' Performance panel opens it).
    if (process.env.SHARDS_BROWSER_TRACE_DIR) {
      mkdirSync(process.env.SHARDS_BROWSER_TRACE_DIR, { recursive: true });
      writeFileSync(join(process.env.SHARDS_BROWSER_TRACE_DIR, `${kind}-${(text ?? path).replace(/\W+/g, '_')}-${phone ? 'phone' : 'desktop'}-${Date.now()}.json`), JSON.stringify({ traceEvents: trace }));
    }
    traced = explainLongTasks(trace);
    console.error(`  the page's longtask observer: ${tasks.map((t) => `at ${Math.round(t.at)}: ${Math.round(t.ms)} ms`).join(', ') || 'none'}`);
  }
  const before = log.filter((r) => r.finished && r.finished <= firstWall);
  return {
    ms, load, status, fromNavigation: firstWall - navigated,
    bytes: before.reduce((n, r) => n + r.bytes, 0), requests: before.length, files: before.map((r) => r.path),
    longest: Math.max(0, ...tasks.map((t) => t.ms)),
    // SHARDS_BROWSER_TRACE=1: the longest script task's thread CPU time (what the longtask observer's wall time is, less the machine's load).
    longestCpu: traced?.script,
    encodings: [...new Set(before.filter((r) => r.path.endsWith('.json')).map((r) => r.encoding || 'identity'))],
  };
}

/** SHARDS_BROWSER_PROFILE=1 profiles from the page being up (the prompt shown, or the listing's first frame); =navigation from navigation. */
const profileFrom = process.env.SHARDS_BROWSER_PROFILE ? (process.env.SHARDS_BROWSER_PROFILE === 'navigation' ? 'navigation' : 'up') : undefined;
async function startProfiler(send) {
  await send('Profiler.enable');
  await send('Profiler.setSamplingInterval', { interval: 200 });
  await send('Profiler.start');
}

/**
 * SHARDS_BROWSER_TRACE=1: what the page's main thread did in each task over 50 ms (its longest parts), to stderr,
 * and the thread CPU time of its longest tasks, returned. The page's main thread is the renderer's main thread of the
 * process that navigated to the bench's page (the trace holds the browser's own pages too, whose scripts are not the page's).
 */
function explainLongTasks(trace) {
  const navigation = trace.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL?.startsWith(origin));
  const thread = navigation && trace.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === navigation.pid && e.args?.name === 'CrRendererMain');
  if (!thread) return undefined;
  const mine = trace.filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X');
  const navigationStart = navigation.ts;
  for (const task of mine.filter((e) => e.name === 'RunTask' && e.dur > 50_000)) {
    const inside = mine.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.dur > 5_000)
      .sort((a, b) => b.dur - a.dur).slice(0, 8)
      .map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : ''}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${e.args?.data?.type ? ` ${e.args.data.type}` : ''} ${(e.dur / 1000).toFixed(0)}`);
    console.error(`  at ${((task.ts - navigationStart) / 1000).toFixed(0)}: long task ${(task.dur / 1000).toFixed(0)} ms (cpu ${((task.tdur ?? 0) / 1000).toFixed(0)}): ${inside.join(' | ')}`);
  }
  // The longest task's thread CPU by what it did: the navigation (the blank page's unload and the new document's
  // commit, before the page's own time begins), the document's parse, a script (what the page's longtask observer
  // reports: it leaves out the document's parse and the browser's rendering), or rendering (style, layout, paint) alone.
  // Under CPU throttling a task's thread CPU time counts the throttling too (4 × its CPU), and unlike its wall time
  // it leaves out the time the machine's other work kept the thread waiting: on a busy machine, tasks of 4 ms of CPU
  // measured 85 to 170 ms of wall time.
  // An event dispatched with no listener of the page's (the new document's pagereveal, at its first rendering) runs no script.
  const SCRIPT = new Set(['FunctionCall', 'RunMicrotasks', 'TimerFire', 'EvaluateScript', 'v8.evaluateModule', 'HandlePostMessage', 'FireAnimationFrame']);
  const NAVIGATION = new Set(['pagehide', 'visibilitychange', 'webkitvisibilitychange', 'unload']);
  const longest = { navigation: 0, parse: 0, script: 0, rendering: 0 };
  // Tasks as the thread ran them: a task run inside another (a nested loop) is part of that one.
  const runs = mine.filter((e) => e.name === 'RunTask');
  const outer = runs.filter((t) => !runs.some((u) => u !== t && u.ts <= t.ts && u.ts + u.dur >= t.ts + t.dur && u.dur > t.dur));
  for (const task of outer.filter((e) => e.tdur > 5_000)) {
    const inside = mine.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const script = inside.filter((e) => SCRIPT.has(e.name));
    const kind = !script.length && inside.some((e) => e.name === 'EventDispatch' && NAVIGATION.has(e.args?.data?.type)) ? 'navigation'
      : inside.some((e) => e.name === 'ParseHTML' && e.ts - navigationStart < 5_000_000 && !inside.some((f) => f.name === 'FunctionCall')) && !script.some((e) => e.name !== 'EvaluateScript') ? 'parse'
        : script.length ? 'script' : 'rendering';
    longest[kind] = Math.max(longest[kind], task.tdur / 1000);
  }
  console.error(`  longest task cpu: script ${longest.script.toFixed(0)}, parse ${longest.parse.toFixed(0)}, rendering ${longest.rendering.toFixed(0)}, navigation ${longest.navigation.toFixed(0)}`);
  return longest;
}

/** SHARDS_BROWSER_PROFILE=1: the functions the page's main thread spent most time in (self time), to stderr (SHARDS_BROWSER_EMBED=an unminified build names them). */
function explainProfile(profile) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const name = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.error([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, t]) => `  ${t.toFixed(0).padStart(5)} ms ${n}`).join('\n'));
  // The busy stretches (samples not idle, gaps under 2 ms) of 40 ms or more, each with the functions it spent most time in, with their callees.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const idle = (id) => ['(idle)', '(root)', '(program)'].includes(byId.get(id).callFrame.functionName);
  let t = profile.startTime;
  const at = profile.samples.map((id, i) => (t += dt[i]));
  for (let i = 0; i < profile.samples.length;) {
    if (idle(profile.samples[i])) { i++; continue; }
    let j = i;
    while (j + 1 < profile.samples.length && (!idle(profile.samples[j + 1]) || at[j + 1] - at[j] < 2000) && !(idle(profile.samples[j + 1]) && idle(profile.samples[j]))) j++;
    const ms = (at[j] - at[i]) / 1000;
    if (ms >= 40) {
      const total = new Map();
      for (let k = i; k <= j; k++) {
        const seen = new Set();
        for (let id = profile.samples[k]; id !== undefined; id = parent.get(id)) {
          const f = byId.get(id).callFrame;
          if (!f.url) continue;
          const name = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
          if (seen.has(name)) continue;
          seen.add(name);
          total.set(name, (total.get(name) ?? 0) + (dt[k + 1] ?? 0) / 1000);
        }
      }
      console.error(`  busy ${ms.toFixed(0)} ms at ${((at[i] - profile.startTime) / 1000).toFixed(0)}: ${[...total].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([n, v]) => `${n} ${v.toFixed(0)}`).join(' | ')}`);
    }
    i = j + 1;
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmtMs = (n) => (n === undefined || !Number.isFinite(n) ? '—' : `${Math.round(n).toLocaleString('en-GB')} ms`);
const fmtMB = (n) => `${(n / 1e6).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} MB`;
const line = (ok, label, ours, budget, note = '') => console.log(`${ok === undefined ? '    ' : ok ? 'ok  ' : 'OVER'} ${label.padEnd(58)} ${ours.padStart(10)}   ${budget.padEnd(12)}${note ? `  ${note}` : ''}`);
const loads = (visits) => `load ${visits.map((v) => v.load.toFixed(1)).join(', ')}`;
const shortFiles = (files) => files.map((f) => f.replace(/^\/national\//, '').replace(/\.([0-9a-f]{8})[0-9a-f]+\.json$/, '.$1….json').replace(/^\/assets\//, '')).join(' ');

const shardBytes = manifest.shards.map((s) => s.bytes).sort((a, b) => a - b);
console.log(`\nnational sharded directory in Chromium: ${manifest.listings.toLocaleString('en-GB')} listings in ${manifest.shards.length} shards (median ${fmtMB(median(shardBytes))}, largest ${fmtMB(shardBytes.at(-1))} of JSON), manifest.json ${fmtMB(statSync(join(siteDir, 'manifest.json')).size)} (${fmtMB(encoded('/m', readFileSync(join(siteDir, 'manifest.json')), 'gzip').bytes.length)} gzip)${wordsFile ? `, word index ${fmtMB(statSync(wordsFile).size)} (${fmtMB(encoded('/w', readFileSync(wordsFile), 'gzip').bytes.length)} gzip)` : ', word index inside it'}${manifest.gazetteer ? ', national gazetteer' : ''}`);
console.log(`served with gzip/brotli, ETag, immutable caching of hashed files; first visits (empty cache); median of ${runs}; machine load average (1 min) beside each`);
console.log('desktop: no throttling. slow phone: CPU 4 × slower, 150 ms round trip, 1.6 Mbit/s down (shaped by the server).');

const phoneOnly = !!process.env.SHARDS_BROWSER_PHONE_ONLY;
const cases = [
  ...POSTCODES.map((p) => ({ ...p, kind: 'postcode', text: p.postcode, label: `${p.label} (${p.postcode})`, budgeted: true })),
  ...NAMES.map((n) => ({ ...n, kind: 'words', text: n.q, label: `word search: ${n.label} ("${n.q}")` })),
  { kind: 'link', path: `/?open=${encodeURIComponent(link.key)}`, label: `listing link (?open=${link.key})` },
];
try {
  for (const c of cases.filter((k) => !process.env.SHARDS_BROWSER_ONLY || k.label.includes(process.env.SHARDS_BROWSER_ONLY))) {
    // A first visit, not counted: the server compresses the files this case needs once.
    await visit({ ...c });
    const desktop = [];
    const phone = [];
    for (let r = 0; r < runs; r++) {
      if (!phoneOnly) desktop.push(await visit({ ...c }));
      phone.push(await visit({ ...c, phone: true }));
    }
    const timed = c.kind === 'link' ? 'from navigation' : 'from Enter';
    const first = desktop[0] ?? phone[0];
    console.log(`\n${c.label}: "${first.status}" (data sent as ${first.encodings.join(', ')})`);
    // Counted on the slow phone: on the desktop the next step's shards (asked for once the first answer is made) can finish
    // before the page has drawn it, and would be counted though the first page did not wait for them.
    const bytes = median(phone.map((v) => v.bytes));
    line(c.budgeted ? bytes <= 3e6 : undefined, 'bytes transferred to first results, from navigation', fmtMB(bytes), c.budgeted ? '≤ 3 MB' : '');
    line(undefined, 'requests to first results, from navigation', String(median(phone.map((v) => v.requests))), '', shortFiles(phone[0].files));
    const d = median(desktop.map((v) => v.ms));
    const p = median(phone.map((v) => v.ms));
    if (!phoneOnly) line(c.budgeted ? d <= 1500 : undefined, `time to first results, desktop (${timed})`, fmtMs(d), c.budgeted ? '≤ 1,500 ms' : '', loads(desktop));
    line(c.budgeted ? p <= 4000 : undefined, `time to first results, slow phone (${timed})`, fmtMs(p), c.budgeted ? '≤ 4,000 ms' : '', loads(phone));
    if (c.kind !== 'link') line(undefined, 'page open to first results, slow phone (from navigation)', fmtMs(median(phone.map((v) => v.fromNavigation))), '', 'the page up, the text typed, Enter');
    const ld = median(desktop.map((v) => v.longest));
    const lp = median(phone.map((v) => v.longest));
    if (!phoneOnly) line(ld <= 50, 'longest main-thread task, desktop', fmtMs(ld), '≤ 50 ms');
    line(lp <= 50, 'longest main-thread task, slow phone (CPU 4 × slower)', fmtMs(lp), '≤ 50 ms');
    if (phone.every((v) => v.longestCpu !== undefined)) {
      line(undefined, 'longest script task, slow phone, thread CPU (trace)', fmtMs(median(phone.map((v) => v.longestCpu))), '', `per visit ${phone.map((v) => Math.round(v.longestCpu)).join(', ')}; the machine's load left out`);
    }
  }

  if (process.env.SHARDS_BROWSER_PEER !== '0') {
    // The peer: the same listings as one whole-feed file, what a finder without shards fetches and reads before any answer.
    peerBody = readFileSync(feedPath);
    const gz = encoded('/whole/feed.json', peerBody, 'gzip').bytes.length;
    console.log(`\npeer: the same ${count.toLocaleString('en-GB')} listings as one whole-feed file (${fmtMB(peerBody.length)} of JSON, ${fmtMB(gz)} gzip)`);
    line(undefined, 'bytes transferred before any search can answer', fmtMB(gz), '', `on the slow phone the download alone takes ${fmtMs((gz * 8 * 1000) / 1_600_000)}`);
    const v = await visit({ kind: 'first', path: '/whole/' }).catch((error) => ({ error }));
    if (v.error) line(undefined, 'time to first results, desktop (from navigation)', 'failed', '', String(v.error.message ?? v.error).slice(0, 80));
    else {
      line(undefined, 'time to its first results (no search yet), desktop, from navigation', Number.isFinite(v.ms) ? fmtMs(v.ms) : 'never', '', `load ${v.load.toFixed(1)}; one visit${Number.isFinite(v.ms) ? '' : '; the finder gave up (the page error above)'}`);
      line(undefined, 'longest main-thread task, desktop', fmtMs(v.longest), '');
    }
  }
} finally {
  await browser.close();
  server.close();
}
