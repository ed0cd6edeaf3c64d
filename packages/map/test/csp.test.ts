/**
 * The map under a council's strict Content-Security-Policy: no `'unsafe-inline'`
 * in `style-src`, tiles only from the tile host. The embed bundle (what a council
 * page loads) is served with that policy from one local server and the tiles from
 * another, in a real Chromium; not one policy violation may be raised, and the
 * markers must sit where their coordinates put them after zooming.
 *
 * The embed bundle is `npm test`'s build, or one made for this test when it runs on its own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { embedDir, launchChromium, noBrowser, ROOT, sendFile, serve } from '../../../test/support/chromium.js';

const TILE = join(ROOT, 'test', 'fixtures', 'tiles', 'tile.png');

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
const servers: { close(): Promise<void> }[] = [];
let siteOrigin = '';
let tileOrigin = '';

function page(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Map under a strict CSP</title>
<link rel="stylesheet" href="/page.css"><script type="module" src="/atlas.js"></script></head>
<body><main><atlas-finder src="/feed.json" view="map" lang="en" tile-url="${tileOrigin}/{z}/{x}/{y}.png" tile-attribution="Test tiles"></atlas-finder></main></body></html>`;
}

before(async () => {
  if (noBrowser) return;
  const embed = await embedDir();
  const png = await readFile(TILE);
  const tiles = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'image/png' }).end(png));
  tileOrigin = tiles.origin;
  const policy = { 'Content-Security-Policy': `default-src 'self'; img-src 'self' ${tileOrigin}; style-src 'self'` };
  const site = await serve((_req, res, url) => {
    if (url.pathname === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...policy }).end(page());
    if (url.pathname === '/feed.json') return void res.writeHead(200, { 'Content-Type': 'application/json', ...policy }).end(JSON.stringify(FEED));
    if (url.pathname === '/page.css') return void res.writeHead(200, { 'Content-Type': 'text/css', ...policy }).end('atlas-finder { display: block; width: 900px; --atlas-map-height: 480px; }');
    void sendFile(res, embed, url.pathname, policy);
  });
  servers.push(tiles, site);
  siteOrigin = site.origin;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
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

test('the map under default-src \'self\'; img-src \'self\' TILEHOST; style-src \'self\': no policy violation, and markers where their coordinates put them after zooming', { skip: noBrowser }, async () => {
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
