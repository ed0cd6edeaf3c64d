/**
 * The embed bundle (what a council page loads) given a sharded directory's
 * manifest, from a plain static server under a strict Content-Security-Policy:
 * the built search worker loads its shard code (a chunk of its own) and the
 * shards near a postcode, and the finder says what the results cover. The
 * element tests check the behaviour from the sources; this checks the build.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeShards } from '@community-atlas/core';
import { nationalFeed } from '../../../test/support/generate.js';
import { embedDir, launchChromium, noBrowser, sendFile, serve } from '../../../test/support/chromium.js';

const CSP = "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>National directory</title>
<script type="module" src="/atlas.js"></script></head>
<body><main><h1>National directory</h1><atlas-finder src="/national/manifest.json" lang="en" view="list"></atlas-finder></main></body></html>`;

let browser: Browser | undefined;
let site: { origin: string; close(): Promise<void> } | undefined;
const requested: string[] = [];

before(async () => {
  if (noBrowser) return;
  const embed = await embedDir();
  const shards = await mkdtemp(join(tmpdir(), 'atlas-national-'));
  const files: { path: string; content: string }[] = [];
  const manifest = writeShards(nationalFeed(420), (file) => files.push(file));
  files.push({ path: 'manifest.json', content: JSON.stringify(manifest) });
  for (const file of files) {
    await mkdir(dirname(join(shards, file.path)), { recursive: true });
    await writeFile(join(shards, file.path), file.content);
  }
  site = await serve((_req, res, url) => {
    requested.push(url.pathname);
    const headers = { 'Content-Security-Policy': CSP };
    if (url.pathname === '/') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...headers }).end(PAGE);
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname.startsWith('/national/')) return void sendFile(res, shards, url.pathname.slice('/national/'.length), headers);
    return void sendFile(res, embed, url.pathname, headers);
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('the embed bundle searches a sharded directory from a plain static server under a strict CSP, loading only the shards near a postcode', { skip: noBrowser }, async () => {
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${site!.origin}/`);
  const status = page.locator('atlas-finder atlas-results [role="status"]');
  await status.filter({ hasText: 'Enter a postcode' }).waitFor({ timeout: 60_000 });
  await page.locator('atlas-finder atlas-location input').fill('B3 4AB');
  await page.locator('atlas-finder atlas-location input').press('Enter');
  await status.filter({ hasText: 'Showing results within 25 miles.' }).waitFor({ timeout: 60_000 });
  assert.match((await status.textContent()) ?? '', /^\d+ results\. Showing results within 25 miles\.$/);
  assert.ok(await page.locator('atlas-finder atlas-results atlas-card').count() > 0);
  const shards = requested.filter((p) => p.startsWith('/national/shards/')).map((p) => /shards\/([^.]+)\./.exec(p)![1]!);
  for (const near of ['B', 'WS', 'CV']) assert.ok(shards.includes(near), `${near} was loaded: ${shards.join(' ')}`);
  for (const far of ['LS', 'EH', 'CF', 'SW']) assert.ok(!shards.includes(far), `${far} was not loaded: ${shards.join(' ')}`);
  assert.deepEqual(errors, [], `requested: ${requested.join(' ')}`);
  await page.close();
});
