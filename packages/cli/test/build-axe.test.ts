/**
 * The folder `atlas build` writes, served by a plain static web server and
 * opened in a real Chromium: the static pages pass axe with no JavaScript, and
 * index.html's finder loads ready.json from the same folder under
 * a strict Content-Security-Policy.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Feed } from '@community-atlas/core';
import { main } from '../src/main.js';
import { axe, embedDir, launchChromium, noBrowser, ROOT, sendFile, serve } from '../../../test/support/chromium.js';

const DEMO = join(ROOT, 'demo', 'feed.json');

/** What a careful council would send: no inline script or style, nothing from elsewhere. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'";

let site = '';
let server: { close(): Promise<void> } | undefined;
let origin = '';
let browser: Browser | undefined;
const served: string[] = [];

before(async () => {
  if (noBrowser) return;
  const dir = await mkdtemp(join(tmpdir(), 'atlas-build-axe-'));
  site = join(dir, 'site');
  const io = { cwd: dir, out() {}, err(text: string) { errors += `${text}\n`; } };
  let errors = '';
  // The kit's one-script-tag build, copied in beside the pages as a council would.
  const code = await main(['build', DEMO, '--out', site, '--embed', await embedDir()], io);
  assert.equal(code, 0, errors);
  // A static server like any other: files by path, a content type by extension, 404 for the rest.
  const files = await serve((_req, res, url) => void sendFile(res, site, url.pathname, { 'Content-Security-Policy': CSP }).then((path) => path && served.push(path)));
  server = files;
  origin = files.origin;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** One listing page of each kind, and the one with the most sections. */
async function samplePages(): Promise<string[]> {
  const feed = JSON.parse(await readFile(join(site, 'feed.json'), 'utf8')) as Feed;
  const files = new Set(await readdir(join(site, 'listings')));
  const pick: string[] = [];
  for (const kind of ['activity', 'asset', 'transfer'] as const) {
    const listing = feed.listings.find((l) => l.kind === kind);
    const file = listing && `${listing.id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}.html`;
    if (file && files.has(file)) pick.push(`listings/${file}`);
  }
  return pick;
}

test('the static pages read without JavaScript and pass axe without the kit\'s script', { skip: noBrowser }, async () => {
  // JavaScript off: what a reader without it, or a search engine, gets.
  const off = await browser!.newContext({ javaScriptEnabled: false });
  // axe is itself a script, so it cannot run where JavaScript is off (page.evaluate never returns there).
  // It runs instead in a page whose scripts are all refused, which draws the same document.
  const blocked = await browser!.newContext();
  await blocked.route('**/*.js', (route) => route.abort());
  try {
    const pages = ['index.html', ...(await samplePages())];
    assert.ok(pages.length >= 4, `a page of each kind: ${pages.join(', ')}`);
    for (const path of pages) {
      const page = await off.newPage();
      await page.goto(`${origin}/${path}`);
      // With JavaScript off the finder never draws, so index.html is its static list.
      if (path === 'index.html') assert.ok((await page.locator('atlas-finder .atlas-static li a').count()) > 100, 'the list shows');
      else assert.equal(await page.locator('h2').first().textContent(), 'What is it?');
      const html = await page.content();
      await page.close();

      const checked = await blocked.newPage();
      await checked.goto(`${origin}/${path}`);
      assert.equal(await checked.evaluate(() => customElements.get('atlas-finder')), undefined, 'the kit did not run');
      assert.equal(await checked.content(), html, `${path}: the same document as with JavaScript off`);
      assert.deepEqual(await axe(checked), [], `${path} passes axe`);
      await checked.close();
    }
  } finally {
    await off.close();
    await blocked.close();
  }
});

test('index.html served from a plain static server: the finder loads ready.json beside it, under a strict CSP', { skip: noBrowser }, async () => {
  const page = await browser!.newPage();
  const violations: string[] = [];
  const problems: string[] = [];
  page.on('console', (m) => {
    // The browser's own request for a favicon, which the built site has none of, is no problem of the kit's.
    if ((m.type() === 'error' || m.type() === 'warning') && !m.location().url.endsWith('/favicon.ico')) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.exposeFunction('reportCsp', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { reportCsp(v: string): void }).reportCsp(`${e.violatedDirective} ${e.blockedURI}`));
  });
  served.length = 0;
  try {
    await page.goto(`${origin}/index.html`);
    const finder = page.locator('atlas-finder');
    // Playwright's locators pierce open shadow roots: a card means the feed loaded and a first query ran.
    await finder.locator('atlas-card').first().waitFor({ timeout: 15_000 });
    // The first card may be the ready feed's first screen, drawn before the engine: wait for the engine too.
    await page.waitForFunction(() => !!(document.querySelector('atlas-finder') as unknown as { engine?: object }).engine, undefined, { timeout: 15_000 });
    // The ready feed alone: feed, facet columns and text index in one request.
    assert.ok(served.includes('/ready.json'), 'ready.json was fetched');
    assert.ok(!served.includes('/feed.json') && !served.includes('/index.json'), `only ready.json was needed: ${served.join(', ')}`);
    const total = await page.evaluate(async () => {
      const el = document.querySelector('atlas-finder') as unknown as { engine?: { size: number } };
      return el.engine?.size ?? 0;
    });
    const feed = JSON.parse(await readFile(join(site, 'feed.json'), 'utf8')) as Feed;
    assert.equal(total, feed.listings.length);
    assert.deepEqual(violations, [], 'no Content-Security-Policy violations');
    assert.deepEqual(problems.filter((p) => !/Lit is in dev mode/.test(p)), [], 'no console errors or warnings (a rejected index warns)');
    assert.equal(await page.locator('atlas-finder > .atlas-static').isVisible(), false, 'the static list gives way to the finder');
  } finally {
    await page.close();
  }
});
