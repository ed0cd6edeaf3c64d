// demo/national.html's directory: the real UK data (libraries, mobile library
// stops, an OpenActive page; there is no GP practice feed in it) imported and
// built into one sharded national directory with the GB gazetteer by
// demo/scripts/national.mjs, as `npm start` does; searchable by name and by
// postcode from the files alone, as copied into a built site (`vite build` of the
// demo), which any static server serves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EngineCore, loadShards, placePostcode, readManifest, shardsWithWord } from '@community-atlas/core';
import { buildNational, copyNational } from '../../../demo/scripts/national.mjs';

const REAL = process.env.ATLAS_REAL_DATA;

test('the national demo directory holds every source, finds a library by name and places a postcode from its files', { skip: REAL ? false : 'ATLAS_REAL_DATA is not set: it names the folder of real UK data the national demo is built from' }, async () => {
  const to = await mkdtemp(join(tmpdir(), 'atlas-national-'));
  const lines: string[] = [];
  const about = buildNational({ folder: REAL!, to, log: (line) => lines.push(line) });
  assert.ok(about, lines.join('\n'));
  // The built demo site (dist/demo) gets the directory in national-data/, beside national.html, which reads it from there.
  const built = await mkdtemp(join(tmpdir(), 'atlas-national-site-'));
  assert.equal(copyNational({ from: to, to: join(built, 'national-data') }), true);
  assert.deepEqual(JSON.parse(await readFile(join(built, 'national-data', 'about.json'), 'utf8')), about);
  const site = join(built, 'national-data', 'directory');
  const manifest = readManifest(await readFile(join(site, 'manifest.json'), 'utf8'));
  assert.equal(about.listings, manifest.listings);
  assert.ok(manifest.listings > 7000, `${manifest.listings} listings`);
  assert.ok(manifest.shards.filter((s) => s.type === 'postcode').length >= 100, 'shards by postcode area across the UK');
  assert.match(manifest.gazetteer!.attribution, /^Contains OS data © Crown copyright/);
  assert.deepEqual(about.sources.map((s) => s.attribution.split(/[;.]/)[0]), ['Libraries Hacked', 'Libraries Hacked', 'Everyone Active via OpenActive', 'Contains OS data © Crown copyright and database right 2025']);
  assert.match(about.noGpPractices, /no GP practice/);

  const serve = (async (input: RequestInfo | URL) => {
    try {
      return new Response(await readFile(join(site, new URL(String(input)).pathname.slice(1))), { status: 200 });
    } catch {
      return new Response('', { status: 404 });
    }
  }) as typeof fetch;
  const url = 'https://host.example/manifest.json';
  const options = { fetch: serve };
  // By name: the national word index names the shards; their listings hold it.
  const named = await shardsWithWord(manifest, url, 'barnet', options);
  assert.ok(named.length > 0, 'the word "barnet" is in the national index');
  const { data, skipped } = await loadShards(manifest, url, named.map((i) => manifest.shards[i]!), options);
  assert.deepEqual(skipped, []);
  const engine = new EngineCore(data).prepareAll();
  assert.ok(engine.query({ q: 'barnet', filters: {}, sort: 'relevance' }).total > 0);
  // Every source is in: libraries, mobile library stops (sessions), OpenActive sessions.
  const all = await loadShards(manifest, url, manifest.shards, options);
  assert.deepEqual(all.skipped, []);
  assert.ok(all.data.listings.filter((l) => /everyoneactive\.com/.test(l.url ?? '')).length > 200, 'the OpenActive sessions are in');
  const mobile = all.data.listings.filter((l) => l.categories.includes('mobile-library'));
  assert.ok(mobile.length > 2000, `the mobile library stops are in (${mobile.length})`);
  assert.ok(all.data.listings.filter((l) => l.categories.includes('library') && !l.categories.includes('mobile-library')).length > 3500, 'the libraries are in');
  // By postcode: placed from the gazetteer, then the shard of that area holds listings.
  const placed = await placePostcode(manifest, url, 'EN5 4QT', options);
  assert.ok(placed.ok && ['sector', 'district'].includes(placed.place.precision));
  assert.ok(manifest.shards.some((s) => s.area === 'EN' && s.listings > 0));
});
