// atlas build --shards: the demo feed, and listings with coordinates alone or no
// place, written as ready feeds by postcode area with a manifest beside them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadShards, normaliseFeed, readManifest, type Feed, type Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

const DEMO = fileURLToPath(new URL('../../../demo/feed.json', import.meta.url));

function captureIo(cwd: string): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', cwd, out(text: string) { io.stdout += `${text}\n`; }, err(text: string) { io.stderr += `${text}\n`; } };
  return io;
}

test('atlas build --shards writes shards named by content hash and a manifest that reads back to the whole feed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-shards-'));
  const demo = JSON.parse(await readFile(DEMO, 'utf8')) as Feed;
  // Two listings placed by coordinates alone, one with no place at all.
  demo.listings = demo.listings.map((l: Listing, i) =>
    i === 0 || i === 1 ? { ...l, location: { ...l.location!, postcode: undefined, lat: 52.61, lng: -1.43 } } as Listing
      : i === 2 ? { ...l, location: undefined, delivery: ['online'] } as unknown as Listing : l);
  await writeFile(join(dir, 'national.json'), JSON.stringify(demo));
  const io = captureIo(dir);
  assert.equal(await main(['build', 'national.json', '--out', 'site', '--shards'], io), 0, io.stderr);
  const site = join(dir, 'site');
  const manifest = readManifest(await readFile(join(site, 'manifest.json'), 'utf8'), 'manifest.json');
  // The manifest, the shards, and the national word index in a file of its own that the manifest names (fetched for word searches only).
  assert.deepEqual((await readdir(site)).sort(), ['manifest.json', 'shards', manifest.words!.file]);
  assert.match(manifest.words!.file, /^words\.[0-9a-f]{16}\.json$/);
  const files = (await readdir(join(site, 'shards'))).sort();
  assert.deepEqual(files, manifest.shards.map((s) => s.file.replace('shards/', '')).sort());
  for (const f of files) assert.match(f, /^([A-Z]{1,2}|g-?[\d.]+_-?[\d.]+|none)\.[0-9a-f]{16}\.json$/);
  assert.deepEqual(manifest.shards.map((s) => s.type).filter((t, i, all) => all.indexOf(t) === i).sort(), ['grid', 'none', 'postcode']);
  const whole = normaliseFeed(demo);
  assert.equal(manifest.listings, whole.listings.length);
  assert.match(io.stderr, new RegExp(`Built site: ${whole.listings.length} listings from 1 feed in ${manifest.shards.length} shards \\(\\d+ postcode areas, 1 grid cells, 1 with no place\\) and manifest\\.json, with \\d+ words in its national index \\(words\\.[0-9a-f]{16}\\.json\\)\\.`));

  const serve = (async (input: RequestInfo | URL) => {
    try {
      return new Response(await readFile(join(site, new URL(String(input)).pathname.replace(/^\/site\//, ''))), { status: 200 });
    } catch {
      return new Response('', { status: 404 });
    }
  }) as typeof fetch;
  const { data, skipped } = await loadShards(manifest, 'https://host.example/site/manifest.json', manifest.shards, { fetch: serve });
  assert.deepEqual(skipped, []);
  assert.deepEqual(data.listings.map((l) => l.key).sort(), whole.listings.map((l) => l.key).sort());
});
