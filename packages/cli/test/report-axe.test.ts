/**
 * The page `atlas report` writes, opened in a real Chromium from the file system
 * as a data officer would open it: it passes axe, and printed on A4 nothing runs
 * off the page's right edge.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { main } from '../src/main.js';
import { axe, launchChromium, noBrowser, ROOT } from '../../../test/support/chromium.js';

const DEMO = join(ROOT, 'demo', 'feed.json');

let browser: Browser | undefined;
let dir = '';

async function write(args: string[], name: string): Promise<string> {
  let errors = '';
  const code = await main(['report', ...args, '--today', '2026-11-01', '--out', join(dir, name)], { cwd: dir, out() {}, err(t: string) { errors += `${t}\n`; } });
  assert.equal(code, 0, errors);
  return pathToFileURL(join(dir, name, 'index.html')).href;
}

before(async () => {
  if (noBrowser) return;
  dir = await mkdtemp(join(tmpdir(), 'atlas-report-axe-'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** A4 less the report's 12 mm side margins, in CSS pixels (96 per inch). */
const A4_PRINTABLE_PX = Math.floor(((210 - 24) / 25.4) * 96);

async function check(url: string): Promise<{ pages: number }> {
  const page = await browser!.newPage();
  try {
    await page.goto(url);
    assert.equal(await page.locator('script').count(), 0, 'no script');
    assert.deepEqual(await axe(page), [], 'passes axe');
    // Every chart is an image with a name, and a table follows it.
    const charts = await page.locator('svg[role="img"]').evaluateAll((svgs) =>
      svgs.map((svg) => ({ title: svg.querySelector('title')?.textContent ?? '', table: svg.closest('figure')?.nextElementSibling?.tagName ?? svg.closest('figure')?.querySelector('figcaption')?.textContent ?? '' })),
    );
    for (const c of charts) {
      assert.ok(c.title, 'a chart has a title');
      assert.ok(c.table === 'TABLE' || /table/i.test(c.table), `${c.title}: a table gives its numbers`);
    }
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: A4_PRINTABLE_PX, height: 1100 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= A4_PRINTABLE_PX, `printed, the page is ${overflow} px wide; A4 holds ${A4_PRINTABLE_PX}`);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    return { pages };
  } finally {
    await page.close();
  }
}

test('the demo feed\'s report passes axe and prints on A4', { skip: noBrowser }, async () => {
  const { pages } = await check(await write([DEMO], 'demo'));
  assert.ok(pages >= 5 && pages <= 25, `${pages} pages`);
});

test('with --boundaries, the shaded map and its table pass axe and print on A4', { skip: noBrowser }, async () => {
  const url = await write([DEMO, '--boundaries', fileURLToPath(new URL('./fixtures/demo-boundaries.geojson', import.meta.url))], 'areas');
  const page = await browser!.newPage();
  await page.goto(url);
  assert.equal(await page.locator('#chart-map-title + desc + g path.area').count(), 5, 'five shaded areas');
  assert.equal(await page.locator('table:has(caption:text-is("Listings in each area shaded on the map")) tbody tr').count(), 5);
  await page.close();
  const { pages } = await check(url);
  assert.ok(pages >= 5 && pages <= 26, `${pages} pages`);
});

test('a report that could not compute everything passes axe and prints too', { skip: noBrowser }, async () => {
  const feed = { version: '1', publisher: { name: 'Test Council' }, updated: '2026-11-01', listings: [{ id: 'a', kind: 'asset', name: 'Hall <A>', lastVerified: '2062-01-01' }, { id: 'b', kind: 'asset', name: 'Hall B' }] };
  await writeFile(join(dir, 'bad.json'), JSON.stringify(feed));
  const url = await write([join(dir, 'bad.json')], 'bad');
  const page = await browser!.newPage();
  await page.goto(url);
  assert.match((await page.locator('.notice').textContent()) ?? '', /could not work out/);
  assert.equal(await page.locator('text=Hall <A>').count(), 1, 'feed text is text');
  await page.close();
  await check(url);
});
