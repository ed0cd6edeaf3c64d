/**
 * The map under a council's strict Content-Security-Policy: no `'unsafe-inline'`
 * in `style-src`, tiles only from the tile host. The embed bundle (what a council
 * page loads) is served with that policy from one local server and the tiles from
 * another, in a real Chromium; not one policy violation may be raised, and the
 * markers must sit where their coordinates put them after zooming.
 *
 * Needs the embed build (`npm run build:embed`, which `npm test` runs first).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EMBED = join(ROOT, 'dist', 'embed');
const TILE = join(ROOT, 'test', 'fixtures', 'tiles', 'tile.png');
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

const noBrowser = !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM} (set CHROME_PATH)`;
const noEmbed = !existsSync(join(EMBED, 'atlas.js')) && 'the embed build (dist/embed/atlas.js) is missing: run npm run build:embed';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json',
};

/** Three places far enough apart never to cluster, close enough to share one view. */
const FEED = {
  version: '1',
  publisher: { name: 'Northbridge Borough Council' },
  listings: [
    { id: 'walk', kind: 'activity', name: 'Riverside health walk', location: { name: 'Riverside Park', lat: 52.1, lng: -1.2 } },
    { id: 'hall', kind: 'asset', name: 'Northbridge Community Hall', location: { name: 'Hall', lat: 52.16, lng: -1.05 } },
    { id: 'depot', kind: 'transfer', name: 'Old depot', location: { name: 'Depot', lat: 52.03, lng: -1.12 } },
  ],
};

let browser: Browser | undefined;
let site: Server | undefined;
let tiles: Server | undefined;
let siteOrigin = '';
let tileOrigin = '';
let csp = '';

function listen(s: Server): Promise<string> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)));
}

function page(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Map under a strict CSP</title>
<link rel="stylesheet" href="/page.css"><script type="module" src="/atlas.js"></script></head>
<body><main><atlas-finder src="/feed.json" view="map" lang="en" tile-url="${tileOrigin}/{z}/{x}/{y}.png" tile-attribution="Test tiles"></atlas-finder></main></body></html>`;
}

before(async () => {
  if (noBrowser || noEmbed) return;
  const png = await readFile(TILE);
  tiles = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png));
  tileOrigin = await listen(tiles);
  csp = `default-src 'self'; img-src 'self' ${tileOrigin}; style-src 'self'`;
  site = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': csp });
    if (url.pathname === '/') return void res.writeHead(200, headers(TYPES['.html']!)).end(page());
    if (url.pathname === '/feed.json') return void res.writeHead(200, headers(TYPES['.json']!)).end(JSON.stringify(FEED));
    if (url.pathname === '/page.css') return void res.writeHead(200, headers(TYPES['.css']!)).end('atlas-finder { display: block; width: 900px; --atlas-map-height: 480px; }');
    const path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
    readFile(join(EMBED, path)).then(
      (body) => res.writeHead(200, headers(TYPES[extname(path)] ?? 'application/octet-stream')).end(body),
      () => res.writeHead(404).end('not found'),
    );
  });
  siteOrigin = await listen(site);
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  for (const s of [site, tiles]) await new Promise((resolve) => (s ? s.close(resolve) : resolve(undefined)));
});

interface Spot { id: string; x: number; y: number }

/** Centre of each marker on screen, by listing. */
async function spots(p: Page): Promise<Spot[]> {
  return p.evaluate(() => {
    const map = document.querySelector('atlas-finder')?.shadowRoot?.querySelector('atlas-map');
    return [...(map?.shadowRoot?.querySelectorAll<HTMLElement>('.atlas-markers .marker') ?? [])].map((m) => {
      const r = m.getBoundingClientRect();
      // Named by the first word of the listing's name in the marker's label.
      const id = (m.getAttribute('aria-label') ?? '').match(/Riverside|Northbridge|Old depot/)?.[0] ?? '?';
      return { id: ({ Riverside: 'walk', Northbridge: 'hall', 'Old depot': 'depot' } as Record<string, string>)[id] ?? id, x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }).sort((a, b) => a.id.localeCompare(b.id));
  });
}

function distance(a: Spot, b: Spot): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/** The map's own announcement after a zoom ("Zoomed out to level 9, …"), then a frame for the markers to be drawn. */
async function zoom(p: Page, button: 'Zoom in' | 'Zoom out', level: number): Promise<void> {
  const map = p.locator('atlas-finder atlas-map');
  await map.getByRole('button', { name: button, exact: true }).click();
  await map.getByText(new RegExp(`^Zoomed (in|out) to level ${level}\\b`)).waitFor({ state: 'attached' });
  await p.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function levelOf(p: Page): Promise<number> {
  // Tiles are requested as /{z}/{x}/{y}.png: the level shown is that of the last tiles asked for.
  return p.evaluate(() => {
    const map = document.querySelector('atlas-finder')?.shadowRoot?.querySelector('atlas-map');
    const srcs = [...(map?.shadowRoot?.querySelectorAll<HTMLImageElement>('img.leaflet-tile') ?? [])].map((i) => i.src);
    return Math.max(...srcs.map((s) => Number(new URL(s).pathname.split('/')[1])));
  });
}

test('the map under default-src \'self\'; img-src \'self\' TILEHOST; style-src \'self\': no policy violation, and markers where their coordinates put them after zooming', { skip: noBrowser || noEmbed }, async () => {
  const p = await browser!.newPage({ viewport: { width: 1000, height: 900 } });
  const violations: string[] = [];
  await p.exposeFunction('reportCsp', (v: string) => violations.push(v));
  await p.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportCsp(v: string): void }).reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  try {
    await p.goto(`${siteOrigin}/`);
    await p.locator('atlas-finder atlas-map .atlas-markers .marker').first().waitFor({ timeout: 15_000 });
    await p.waitForFunction(() => {
      const map = document.querySelector('atlas-finder')?.shadowRoot?.querySelector('atlas-map');
      return map?.matches(':state(ready)') && map.shadowRoot!.querySelectorAll('.atlas-markers .marker').length === 3;
    }, undefined, { timeout: 15_000 });
    const start = await levelOf(p);
    const first = await spots(p);
    assert.deepEqual(first.map((s) => s.id), ['depot', 'hall', 'walk'], 'three separate markers');

    await zoom(p, 'Zoom out', start - 1);
    const out = await spots(p);
    await zoom(p, 'Zoom in', start);
    const back = await spots(p);

    assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
    // One zoom level halves every distance on the map: markers that piled up, or stayed put, fail this.
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]] as const) {
      const before = distance(first[a]!, first[b]!);
      assert.ok(before > 40, `${first[a]!.id} and ${first[b]!.id} are apart on screen (${before.toFixed(1)} px)`);
      const ratio = distance(out[a]!, out[b]!) / before;
      assert.ok(Math.abs(ratio - 0.5) < 0.02, `zoomed out, ${first[a]!.id}–${first[b]!.id} is half as far (${ratio.toFixed(3)})`);
      assert.ok(Math.abs(distance(back[a]!, back[b]!) - before) < 1.5, `zoomed back in, ${first[a]!.id}–${first[b]!.id} is as far as at first`);
    }
    // Due north-east of the depot on the ground is up and to the right on screen.
    const [depot, hall, walk] = back as [Spot, Spot, Spot];
    assert.ok(hall.x > walk.x && hall.y < walk.y, 'the hall is north-east of the walk');
    assert.ok(walk.y < depot.y, 'the walk is north of the depot');
  } finally {
    await p.close();
  }
});
