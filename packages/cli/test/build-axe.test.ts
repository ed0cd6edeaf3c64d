/**
 * The folder `atlas build` writes, served by a plain static web server and
 * opened in a real Chromium: the static pages pass axe with no JavaScript, and
 * index.html's finder loads feed.json and index.json from the same folder under
 * a strict Content-Security-Policy.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Feed } from '@community-atlas/core';
import { main } from '../src/main.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEMO = join(ROOT, 'demo', 'feed.json');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
/** The kit's one-script-tag build (`npm run build -w packages/elements`, or `vite build --mode embed`). */
const EMBED = join(ROOT, 'dist', 'embed');
const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json',
};
/** What a careful council would send: no inline script or style, nothing from elsewhere. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'";

const noBrowser = !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM} (set CHROME_PATH)`;
const noEmbed = !existsSync(join(EMBED, 'atlas.js')) && 'the embed build (dist/embed/atlas.js) is missing: run vite build --mode embed';

let site = '';
let server: Server | undefined;
let origin = '';
let browser: Browser | undefined;
const served: string[] = [];

/** A static server like any other: files by path, a content type by extension, 404 for the rest. */
function serve(dir: string): Promise<Server> {
  const s = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
    readFile(file).then(
      (body) => {
        served.push(path);
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP }).end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

before(async () => {
  if (noBrowser) return;
  const dir = await mkdtemp(join(tmpdir(), 'atlas-build-axe-'));
  site = join(dir, 'site');
  const io = { cwd: dir, out() {}, err(text: string) { errors += `${text}\n`; } };
  let errors = '';
  const code = await main(['build', DEMO, '--out', site, ...(noEmbed ? ['--script', ''] : ['--embed', EMBED])], io);
  assert.equal(code, 0, errors);
  server = await serve(site);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

async function axe(page: Page): Promise<AxeViolation[]> {
  // Injected through the automation channel, so the page's CSP does not stand in the way of the check.
  await page.evaluate(await readFile(AXE, 'utf8'));
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(o?: object): Promise<{ violations: AxeViolation[] }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
}

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

test('index.html served from a plain static server: the finder loads ready.json beside it, under a strict CSP', { skip: noBrowser || noEmbed }, async () => {
  const page = await browser!.newPage();
  const violations: string[] = [];
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
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
