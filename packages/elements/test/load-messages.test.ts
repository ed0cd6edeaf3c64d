/**
 * What the finder tells a person while a feed loads and when it cannot, in a real
 * Chromium against local servers (issue 18, item 6):
 * - a feed redirected to a site the page may not read (its Content-Security-Policy
 *   `connect-src`, or the other site's CORS headers) says the feed's site is not
 *   allowed, not "check your connection";
 * - a feed that is slow to arrive says "still loading" within 8 seconds, rather than
 *   20 seconds of silence and then an error. The page's clock is Playwright's fake
 *   clock, moved on by the test, so nothing here sleeps.
 *
 * The embed bundle (what a council page loads) is served as it is: `npm test`'s
 * build, or one made for this test when it runs on its own.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { embedDir, launchChromium, noBrowser, sendFile, serve } from '../../../test/support/chromium.js';

const FEED = JSON.stringify({
  version: '1',
  publisher: { name: 'Northbridge Borough Council' },
  listings: [{ id: 'walk', kind: 'activity', name: 'Riverside health walk' }],
});

let browser: Browser | undefined;
const servers: { close(): Promise<void> }[] = [];
let siteOrigin = '';
/** Responses to /slow.json, held until the test lets them go. */
const held: ServerResponse[] = [];
let heldArrived: (() => void) | undefined;

/** A page with one finder; `csp` is sent as the page's policy when given. */
function page(src: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Load messages</title>
<script type="module" src="/atlas.js"></script></head>
<body><main><atlas-finder src="${src}" lang="en"></atlas-finder></main></body></html>`;
}

before(async () => {
  if (noBrowser) return;
  const embed = await embedDir();
  // The other site: its feed with CORS headers (/open.json) and without (/closed.json).
  const other = await serve((_req, res, url) => {
    if (url.pathname === '/open.json') return void res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' }).end(FEED);
    if (url.pathname === '/closed.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(FEED);
    res.writeHead(404).end();
  });
  const site = await serve((_req, res, url) => {
    const csp = url.searchParams.get('csp');
    const policy: Record<string, string> = csp ? { 'Content-Security-Policy': csp } : {};
    if (url.pathname === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...policy }).end(page(url.searchParams.get('src') ?? '/feed.json'));
    if (url.pathname === '/feed.json') return void res.writeHead(200, { 'Content-Type': 'application/json', ...policy }).end(FEED);
    // Moved to the other site, as a council's feed often is when it changes host.
    if (url.pathname === '/moved-open.json') return void res.writeHead(302, { Location: `${other.origin}/open.json` }).end();
    if (url.pathname === '/moved-closed.json') return void res.writeHead(302, { Location: `${other.origin}/closed.json` }).end();
    if (url.pathname === '/slow.json') {
      held.push(res);
      heldArrived?.();
      return undefined;
    }
    void sendFile(res, embed, url.pathname, policy);
  });
  servers.push(other, site);
  siteOrigin = site.origin;
  browser = await launchChromium();
});

after(async () => {
  for (const res of held) res.destroy();
  await browser?.close();
  for (const s of servers) await s.close();
});

const open = (p: Page, src: string, csp?: string): Promise<unknown> =>
  p.goto(`${siteOrigin}/?src=${encodeURIComponent(src)}${csp ? `&csp=${encodeURIComponent(csp)}` : ''}`);

test('a feed redirected to a site the page\'s Content-Security-Policy does not allow says the feed\'s site is not allowed, not "check your connection"', { skip: noBrowser }, async () => {
  const p = await browser!.newPage();
  const logged: string[] = [];
  p.on('console', (m) => logged.push(m.text()));
  try {
    // The other site sends CORS headers: only the page's own policy stands in the way.
    await open(p, '/moved-open.json', "default-src 'self'");
    const alert = p.locator('atlas-finder [role=alert]');
    await alert.waitFor({ timeout: 15_000 });
    const words = await alert.innerText();
    assert.match(words, /not allowed/, words);
    assert.doesNotMatch(words, /connection/, words);
    // Whoever runs the site is told which rule, and which feed, in the console (the browser's own line names the site it led to).
    assert.ok(logged.some((l) => /Content-Security-Policy/.test(l) && /connect-src/.test(l) && l.includes('moved-open.json')), logged.join('\n'));
  } finally {
    await p.close();
  }
});

test('a feed redirected to a site that does not allow this page (no CORS headers) says the feed\'s site is not allowed, not "check your connection"', { skip: noBrowser }, async () => {
  const p = await browser!.newPage();
  const logged: string[] = [];
  p.on('console', (m) => logged.push(m.text()));
  try {
    await open(p, '/moved-closed.json');
    const alert = p.locator('atlas-finder [role=alert]');
    await alert.waitFor({ timeout: 15_000 });
    const words = await alert.innerText();
    assert.match(words, /not allowed/, words);
    assert.doesNotMatch(words, /connection/, words);
    assert.ok(logged.some((l) => /Access-Control-Allow-Origin/.test(l) && l.includes('moved-closed.json')), logged.join('\n'));
    // The same feed, allowed, loads: the words are about permission, not the feed.
    await open(p, '/moved-open.json');
    await p.locator('atlas-finder atlas-results').waitFor({ timeout: 15_000 });
  } finally {
    await p.close();
  }
});

test('a feed that is slow to arrive says "still loading" within 8 seconds, and its results when it comes', { skip: noBrowser }, async () => {
  const p = await browser!.newPage();
  try {
    await p.clock.install();
    const arrived = new Promise<void>((resolve) => (heldArrived = resolve));
    await open(p, '/slow.json');
    await arrived;
    const status = p.locator('atlas-finder [role=status]');
    await status.filter({ hasText: 'Loading' }).waitFor({ timeout: 15_000 });
    assert.doesNotMatch(await status.innerText(), /still/i, 'not at once');
    await p.clock.runFor(8_000);
    await status.filter({ hasText: /still loading/i }).waitFor({ timeout: 15_000 });
    // The feed's own timeout (20 s) has not been reached: no error yet.
    assert.equal(await p.locator('atlas-finder [role=alert]').count(), 0);
    held.shift()!.writeHead(200, { 'Content-Type': 'application/json' }).end(FEED);
    await p.locator('atlas-finder atlas-results').waitFor({ timeout: 15_000 });
  } finally {
    await p.close();
  }
});
