// Map benchmark: <atlas-map> (its own clustering, ≤ 300 markers) against
// Leaflet.markercluster on the same 50,000 points, in the system Chromium.
// Prints each figure beside its DESIGN budget and beside the peer.
//   node bench/map.bench.mjs            (or npm run bench, which runs every bench/*.bench.mjs)
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench/out/map');
const require = createRequire(import.meta.url);
const POINTS = 50_000;
const BUDGET = { drawMs: 300, frameMs: 16, markers: 300, gzipKb: 60 };

mkdirSync(out, { recursive: true });

async function bundle() {
  await build({
    entryPoints: { atlas: join(root, 'bench/map/atlas-page.ts'), peer: join(root, 'bench/map/markercluster-page.ts') },
    bundle: true,
    format: 'esm',
    minify: true,
    outdir: out,
    conditions: ['source'],
    tsconfig: join(root, 'tsconfig.json'),
    target: 'es2022',
    logLevel: 'error',
  });
  const page = (script, head = '') => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>map bench</title>${head}
<style>html,body{margin:0} #map{width:1280px;height:800px} atlas-map{--atlas-map-height:800px}</style></head>
<body><div id="map"></div><script type="module" src="${script}"></script></body></html>`;
  writeFileSync(join(out, 'atlas.html'), page('atlas.js'));
  for (const css of ['leaflet/dist/leaflet.css', 'leaflet.markercluster/dist/MarkerCluster.css', 'leaflet.markercluster/dist/MarkerCluster.Default.css']) {
    copyFileSync(require.resolve(css), join(out, css.split('/').pop()));
  }
  writeFileSync(
    join(out, 'peer.html'),
    page('peer.js', '<link rel="stylesheet" href="leaflet.css"><link rel="stylesheet" href="MarkerCluster.css"><link rel="stylesheet" href="MarkerCluster.Default.css"><style>.peer-marker{background:#1d70b8;border-radius:50%}</style>'),
  );
}

/** The map chunk as the embed bundle would load it: Lit and core are in the first chunk already. */
async function chunkSize() {
  const result = await build({
    entryPoints: [join(root, 'packages/map/src/define.ts')],
    bundle: true,
    format: 'esm',
    minify: true,
    write: false,
    conditions: ['source'],
    tsconfig: join(root, 'tsconfig.json'),
    target: 'es2022',
    external: ['lit', 'lit/*', '@lit/*', '@community-atlas/core'],
    metafile: true,
    logLevel: 'error',
  });
  const code = result.outputFiles[0].contents;
  const parts = {};
  for (const [file, info] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const group = file.includes('node_modules/leaflet/') ? 'leaflet js'
      : file.includes('leaflet.styles') ? 'leaflet css'
      : file.includes('clusters') ? 'clustering'
      : 'atlas-map';
    parts[group] = (parts[group] ?? 0) + info.bytesInOutput;
  }
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length, parts };
}

function serve() {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    const file = path.startsWith('/tiles/') ? join(root, 'test/fixtures/tiles/tile.png') : join(out, path);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Keyboard pans and zooms, the same for both maps, with every animation frame's interval recorded. */
async function interact(page) {
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (window.__recording) requestAnimationFrame(tick);
    };
    window.__recording = true;
    requestAnimationFrame(tick);
  });
  let maxMarkers = await page.evaluate(() => window.benchMarkers());
  const steps = [
    ...Array(8).fill('ArrowRight'), ...Array(8).fill('ArrowDown'),
    'NumpadAdd', 'NumpadAdd', 'NumpadAdd', 'ArrowLeft', 'ArrowLeft', 'ArrowUp',
    'NumpadAdd', 'NumpadAdd', 'ArrowRight', 'NumpadSubtract', 'NumpadSubtract', 'NumpadSubtract', 'NumpadSubtract',
    'NumpadSubtract', 'ArrowLeft', 'ArrowLeft',
  ];
  for (const key of steps) {
    await page.keyboard.press(key);
    await page.waitForTimeout(350);
    maxMarkers = Math.max(maxMarkers, await page.evaluate(() => window.benchMarkers()));
  }
  // A mouse drag as well: the pan a pointer user makes.
  await page.mouse.move(640, 400);
  await page.mouse.down();
  for (let i = 0; i < 30; i++) await page.mouse.move(640 - i * 12, 400 - i * 6);
  await page.mouse.up();
  await page.waitForTimeout(400);
  maxMarkers = Math.max(maxMarkers, await page.evaluate(() => window.benchMarkers()));
  const frames = await page.evaluate(() => {
    window.__recording = false;
    return window.__frames.slice(2);
  });
  frames.sort((a, b) => a - b);
  const p95 = frames[Math.floor(frames.length * 0.95)];
  const p50 = frames[Math.floor(frames.length * 0.5)];
  const max = frames[frames.length - 1];
  const slow = frames.filter((f) => f > BUDGET.frameMs).length;
  return { p50, p95, max, slow, frames: frames.length, maxMarkers };
}

/**
 * Main-thread time per animation frame, from a Chrome trace of the same moves:
 * for each interval between two animation frames, how long the page's main
 * thread was running tasks (script, style, layout, paint, commit) within it.
 * Headless Chromium with software rendering draws every frame on the CPU in
 * its display compositor, and that drawing sets the floor under the frame
 * intervals above (the same for both maps, and for a map with no markers at
 * all); this figure is the part the page itself spends.
 */
function workPerFrame(trace) {
  const events = JSON.parse(trace.toString()).traceEvents;
  const threads = new Map();
  for (const e of events) {
    if (e.name !== 'FireAnimationFrame') continue;
    const key = `${e.pid}:${e.tid}`;
    threads.set(key, (threads.get(key) ?? 0) + 1);
  }
  const main = [...threads].sort((a, b) => b[1] - a[1])[0]?.[0];
  const onMain = (e) => `${e.pid}:${e.tid}` === main;
  const frames = events.filter((e) => onMain(e) && e.name === 'FireAnimationFrame').map((e) => e.ts).sort((a, b) => a - b);
  const tasks = events
    .filter((e) => onMain(e) && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask')
    .sort((a, b) => a.ts - b.ts);
  const work = [];
  let t = 0;
  for (let i = 1; i < frames.length; i++) {
    const from = frames[i - 1];
    const to = frames[i];
    while (t < tasks.length && tasks[t].ts + tasks[t].dur <= from) t++;
    let busy = 0;
    let reached = from;
    for (let k = t; k < tasks.length && tasks[k].ts < to; k++) {
      const start = Math.max(reached, tasks[k].ts);
      const end = Math.min(to, tasks[k].ts + tasks[k].dur);
      if (end > start) {
        busy += end - start;
        reached = end;
      }
    }
    work.push(busy / 1000);
  }
  work.sort((a, b) => a - b);
  return {
    workP95: work[Math.floor(work.length * 0.95)] ?? 0,
    workMax: work[work.length - 1] ?? 0,
    workSlow: work.filter((w) => w > BUDGET.frameMs).length,
    workFrames: work.length,
  };
}

/**
 * One page: the first draw, then the moves. `traced` records a trace of the
 * moves for `workPerFrame` (a separate page, so tracing never slows the
 * figures measured without it); `empty` takes the markers away before moving,
 * for the floor the tiles alone set.
 */
async function measure(browser, base, name, { traced = false, empty = false } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
  await page.goto(`${base}/${name}.html${process.env.HASH ?? ''}`);
  await page.waitForFunction(() => typeof window.benchDraw === 'function');
  const draw = await page.evaluate((n) => window.benchDraw(n), POINTS);
  await page.waitForTimeout(300);
  if (empty) await page.evaluate(() => window.benchEmpty());
  if (traced) {
    await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
    await interact(page);
    const work = workPerFrame(await browser.stopTracing());
    await page.close();
    return work;
  }
  if (empty) {
    const moves = await interact(page);
    await page.close();
    return moves;
  }
  // The same again in the same page: the work itself, without first-run compilation.
  const again = name === 'atlas' ? await page.evaluate((n) => window.benchRedraw(n), POINTS) : {};
  const moves = await interact(page);
  // Measured after the draw, so the draw above is the page's first (cold) run, as a resident gets it.
  const parts = name === 'atlas' ? await page.evaluate((n) => window.benchParts(n), POINTS) : {};
  await page.close();
  return { ...parts, ...again, ...draw, ...moves };
}

/** The first draw alone, in a fresh page: from listings, or (`?points`) from the typed arrays the search worker sends. */
async function firstDraw(browser, base, query) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error(`atlas${query}: ${e.message}`));
  await page.goto(`${base}/atlas.html${query}`);
  await page.waitForFunction(() => typeof window.benchDraw === 'function');
  const { drawMs } = await page.evaluate((n) => window.benchDraw(n), POINTS);
  await page.close();
  return drawMs;
}

const fmt = (n, unit) => `${n.toFixed(n < 10 ? 1 : 0)} ${unit}`;
function row(label, ours, budget, peer, unit) {
  const ok = ours <= budget ? 'ok  ' : 'OVER';
  return `${ok} ${label.padEnd(40)} ${fmt(ours, unit).padStart(10)}   budget ≤ ${fmt(budget, unit).padEnd(9)} Leaflet.markercluster ${fmt(peer, unit)}`;
}

await bundle();
const size = await chunkSize();
const server = await serve();
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  // Unthrottled frames: each animation-frame interval is then the time the page
  // really took for that frame, not the display's 60 Hz tick.
  args: ['--no-sandbox', '--disable-gpu', '--disable-gpu-vsync', '--disable-frame-rate-limit'],
});
try {
  // Warm-up run of each, so neither pays for a cold disk cache or JIT alone.
  await measure(browser, base, 'atlas');
  await measure(browser, base, 'peer');
  const atlas = await measure(browser, base, 'atlas');
  const peer = await measure(browser, base, 'peer');
  const bare = await measure(browser, base, 'atlas', { empty: true });
  const atlasWork = await measure(browser, base, 'atlas', { traced: true });
  // Fresh pages, alternating, so both see the same load on a shared machine; the median of three.
  const fromListings = [];
  const fromPoints = [];
  for (let i = 0; i < 3; i++) {
    fromListings.push(await firstDraw(browser, base, ''));
    fromPoints.push(await firstDraw(browser, base, '?points'));
  }
  const mid = (xs) => [...xs].sort((a, b) => a - b)[1];
  const peerWork = await measure(browser, base, 'peer', { traced: true });
  console.log(`\nmap: ${POINTS.toLocaleString('en-GB')} points, 1280×800, Chromium headless (software rendering)`);
  console.log(row('cluster and draw (to next frame)', atlas.drawMs, BUDGET.drawMs, peer.drawMs, 'ms'));
  console.log(row('  from typed arrays (the worker\'s points)', mid(fromPoints), BUDGET.drawMs, peer.drawMs, 'ms'));
  console.log(`     ${'  from listings, the same three pages'.padEnd(40)} ${fmt(mid(fromListings), 'ms').padStart(10)}   (median of 3 fresh pages each, alternating)`);
  console.log(`     ${'  same again, warm'.padEnd(40)} ${fmt(atlas.redrawMs, 'ms').padStart(10)}`);
  console.log(`     ${'  of which: placing (warm)'.padEnd(40)} ${fmt(atlas.placeMs, 'ms').padStart(10)}`);
  console.log(`     ${'  of which: clustering the view (warm)'.padEnd(40)} ${fmt(atlas.clusterMs, 'ms').padStart(10)}`);
  console.log(`     ${'clustering all 18 levels (not all needed)'.padEnd(40)} ${fmt(atlas.allLevelsMs, 'ms').padStart(10)}`);
  console.log(row('pan/zoom frame interval, 95th percentile', atlas.p95, BUDGET.frameMs, peer.p95, 'ms'));
  console.log(`     ${'  same moves, no markers (tiles only)'.padEnd(40)} ${fmt(bare.p95, 'ms').padStart(10)}   (${bare.slow}/${bare.frames} frames over 16 ms)`);
  console.log(row('page main-thread work per frame, p95', atlasWork.workP95, BUDGET.frameMs, peerWork.workP95, 'ms'));
  console.log(`     ${'  most main-thread work in one frame'.padEnd(40)} ${fmt(atlasWork.workMax, 'ms').padStart(10)}   ${''.padEnd(20)} Leaflet.markercluster ${fmt(peerWork.workMax, 'ms')}`);
  console.log(`     ${'  frames with over 16 ms of work'.padEnd(40)} ${`${atlasWork.workSlow}/${atlasWork.workFrames}`.padStart(10)}   ${''.padEnd(20)} Leaflet.markercluster ${peerWork.workSlow}/${peerWork.workFrames}`);
  console.log(`     ${'pan/zoom frame interval, median'.padEnd(40)} ${fmt(atlas.p50, 'ms').padStart(10)}   ${''.padEnd(20)} Leaflet.markercluster ${fmt(peer.p50, 'ms')}`);
  console.log(`     ${'pan/zoom longest frame'.padEnd(40)} ${fmt(atlas.max, 'ms').padStart(10)}   ${''.padEnd(20)} Leaflet.markercluster ${fmt(peer.max, 'ms')}`);
  console.log(`     ${'frames over 16 ms'.padEnd(40)} ${`${atlas.slow}/${atlas.frames}`.padStart(10)}   ${''.padEnd(20)} Leaflet.markercluster ${peer.slow}/${peer.frames}`);
  console.log(row('most marker elements in the page', atlas.maxMarkers, BUDGET.markers, peer.maxMarkers, ''));
  console.log(
    `${size.gzip / 1024 <= BUDGET.gzipKb ? 'ok  ' : 'OVER'} ${'map chunk, gzip (Lit and core excluded)'.padEnd(40)} ${fmt(size.gzip / 1024, 'KB').padStart(10)}   budget ≤ ${BUDGET.gzipKb} KB   (minified ${fmt(size.raw / 1024, 'KB')}: ${Object.entries(size.parts).map(([k, v]) => `${k} ${fmt(v / 1024, 'KB')}`).join(', ')})`,
  );
  console.log('     (frames unthrottled, so an interval is the time that frame took, including the CPU drawing the whole');
  console.log('     screen in software, which a GPU does on real devices; main-thread work is from a trace of the same moves;');
  console.log('     draw time is the first draw in a fresh page)');
} finally {
  await browser.close();
  server.close();
}
