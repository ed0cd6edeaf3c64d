// Screenshots of <atlas-map> at phone and desktop widths, on local tiles, for a
// person to look at (not a test). Writes bench/out/map/screenshot-*.png.
//   node bench/map-screenshots.mjs
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'bench/out/map');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { shot: join(root, 'bench/map/screenshot-page.ts') },
  bundle: true, format: 'esm', outdir: out, conditions: ['source'], tsconfig: join(root, 'tsconfig.json'), target: 'es2022', logLevel: 'error',
});
writeFileSync(join(out, 'shot.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>atlas-map</title><style>body{margin:1rem;font-family:system-ui,sans-serif} atlas-map{--atlas-map-height:520px}</style></head>
<body><h1>Results</h1><div id="map"></div><p id="list">The list of results follows the map.</p><script type="module" src="shot.js"></script></body></html>`);

const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const file = path.startsWith('/tiles/') ? join(root, 'test/fixtures/tiles/tile.png') : join(out, path);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': { '.html': 'text/html', '.js': 'text/javascript', '.png': 'image/png' }[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const [width, height] of [[375, 760], [1280, 720]]) {
    const page = await browser.newPage({ viewport: { width, height } });
    page.on('pageerror', (e) => console.error(e.message));
    await page.goto(`http://127.0.0.1:${server.address().port}/shot.html`);
    await page.waitForFunction(() => document.querySelector('atlas-map')?.matches(':state(ready)'));
    await page.waitForTimeout(600);
    const file = join(out, `screenshot-${width}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    if (width === 1280) {
      // Closer in, to see single markers, the shared address, the area and the outline.
      for (let i = 0; i < 3; i++) {
        await page.click('atlas-map >> button[aria-label="Zoom in"]');
        await page.waitForTimeout(500);
      }
      await page.click('atlas-map >> button[aria-label^="2 listings at"]').catch(() => {});
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, 'screenshot-1280-zoomed.png') });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Shift+Tab');
      await page.screenshot({ path: join(out, 'screenshot-1280-focus.png') });
      await page.focus('atlas-map >> .leaflet');
      await page.keyboard.press('ArrowRight');
      await page.screenshot({ path: join(out, 'screenshot-1280-map-focus.png') });
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
