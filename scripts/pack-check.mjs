// Packages that install: what an app developer does with the published packages, checked
// end to end. Packs every workspace package (built first: `npm run build:packages`), installs
// the tarballs into a fresh project in a temporary folder outside the workspace (so nothing
// resolves through the workspace's own node_modules or its "source" condition), builds that
// project with Vite, serves the build and opens it in Chromium: a finder must show results
// and its map must draw markers. Also runs the installed `atlas` command once.
//
//   npm run test:pack            (part of `npm test`)
//   KEEP_PACK_DIR=1 npm run test:pack   keeps the temporary project to look at
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const repo = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'map', 'elements', 'cli'];
const work = mkdtempSync(join(tmpdir(), 'atlas-pack-'));
const app = join(work, 'app');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const step = (what) => console.log(`pack check: ${what}`);

let server;
let browser;
try {
  // 1. Pack. Scripts are skipped: the packages were built by `npm run build:packages`, and a
  //    package missing something it declares is exactly what this check must catch.
  step('packing');
  const tarballs = [];
  for (const name of packages) {
    const dir = join(repo, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const out = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], dir));
    const files = new Set(out[0].files.map((f) => f.path));
    // Every file the exports map, `main`, `bin` and `customElements` name must be in the tarball.
    const named = [];
    const walk = (v) => (typeof v === 'string' ? named.push(v) : v && typeof v === 'object' && Object.values(v).forEach(walk));
    walk(manifest.exports);
    walk(manifest.bin);
    if (manifest.customElements) named.push(manifest.customElements);
    const missing = named.map((p) => p.replace(/^\.\//, '')).filter((p) => !files.has(p));
    if (missing.length) throw new Error(`${manifest.name}: the tarball lacks ${missing.join(', ')}, which its package.json names (is it built?)`);
    tarballs.push(join(work, out[0].filename));
  }

  // 2. A fresh project, as an app developer writes it: one page, one import, one feed.
  step('installing the tarballs into a fresh project');
  mkdirSync(join(app, 'public'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'atlas-pack-check', private: true, type: 'module' }, null, 2));
  writeFileSync(join(app, 'index.html'), `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Installed from the tarballs</title></head>
  <body>
    <atlas-finder src="feed.json" view="both" tile-url="tile.png"></atlas-finder>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`);
  writeFileSync(join(app, 'main.js'), `import '@community-atlas/elements/define';
import { text } from '@community-atlas/core';
import { AtlasMap } from '@community-atlas/map';
// The named public API resolves from the installed packages.
window.packCheck = { text: text({ en: 'ok' }), map: typeof AtlasMap };
`);
  copyFileSync(join(repo, 'packages/elements/test-fixtures/small-feed.json'), join(app, 'public/feed.json'));
  copyFileSync(join(repo, 'test/fixtures/tiles/tile.png'), join(app, 'public/tile.png'));
  // All four at once, so that each package's dependency on the others is met by its tarball.
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], app);

  // The installed command works too (it exits non-zero on an invalid feed or a broken install).
  run(join(app, 'node_modules/.bin/atlas'), ['validate', 'public/feed.json'], app);

  // 3. Build the project with Vite (the workspace's Vite binary; the app's imports resolve from
  //    the app's own node_modules).
  step('building the project with Vite');
  run(process.execPath, [join(repo, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], app);
  const dist = join(app, 'dist');
  const built = readdirSync(join(dist, 'assets'));
  if (!built.some((f) => f.endsWith('.js'))) throw new Error(`no script in the build: ${built.join(', ')}`);

  // 4. Serve the build and open it in Chromium.
  step('opening the build in Chromium');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.css': 'text/css' };
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^([/\\])+/, '');
    const file = join(dist, path || 'index.html');
    if (path.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  // Nothing leaves the page but what it serves itself.
  await page.route((u) => !u.href.startsWith(url), (route) => { errors.push(`request to ${route.request().url()}`); return route.abort(); });
  await page.goto(url);
  // Generous: this waits for a condition and fails only if it never comes (a loaded CI machine is slow, not wrong).
  const timeout = 60_000;
  const seen = await page.waitForFunction(() => {
    const finder = document.querySelector('atlas-finder');
    const results = finder?.shadowRoot?.querySelector('atlas-results');
    const cards = results?.shadowRoot?.querySelectorAll('atlas-card').length ?? 0;
    const map = finder?.shadowRoot?.querySelector('atlas-map');
    const markers = map?.shadowRoot?.querySelectorAll('.atlas-markers .marker').length ?? 0;
    return cards > 0 && markers > 0 && { cards, markers, check: window.packCheck };
  }, undefined, { timeout, polling: 100 }).then((h) => h.jsonValue());
  if (seen.check?.text !== 'ok' || seen.check?.map !== 'function') throw new Error(`the named imports did not resolve: ${JSON.stringify(seen.check)}`);
  if (errors.length) throw new Error(`the page reported:\n  ${errors.join('\n  ')}`);
  step(`ok: ${seen.cards} results and ${seen.markers} map markers in a Vite app built from the packed packages`);
} catch (error) {
  console.error(`pack check FAILED: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  server?.close();
  if (process.env.KEEP_PACK_DIR) console.log(`pack check: kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
