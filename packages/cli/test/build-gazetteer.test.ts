// atlas build --shards --gazetteer DIR: the national gazetteer as files by
// postcode area, named by hash, listed in the manifest with the data's
// attribution (from DIR's SOURCE.txt), so any postcode places from one small
// file with no lookup service; and the whole GB gazetteer from the real data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { placePostcode, readManifest, type GazetteerShard } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

const DEMO = fileURLToPath(new URL('../../../demo/feed.json', import.meta.url));
const REAL = process.env.ATLAS_REAL_DATA;

function captureIo(cwd: string): Io & { stderr: string } {
  const io = { stderr: '', cwd, out() {}, err(text: string) { io.stderr += `${text}\n`; } };
  return io;
}

const serveFrom = (site: string): typeof fetch => (async (input: RequestInfo | URL) => {
  try {
    return new Response(await readFile(join(site, new URL(String(input)).pathname.replace(/^\/site\//, ''))), { status: 200 });
  } catch {
    return new Response('', { status: 404 });
  }
}) as typeof fetch;

const SOURCE = `Dataset: Test centroids
Licence: Open Government Licence v3.0. Required attribution:
  "Contains OS data © Crown copyright and database right <year>."
Commit: 2025-10-22
`;

test('--gazetteer writes gazetteer files by postcode area with the attribution from SOURCE.txt, and a postcode places from its area\'s file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-gaz-'));
  await mkdir(join(dir, 'pc'));
  await writeFile(join(dir, 'pc', 'outcodes.csv'), 'outcode,lat,lng,postcode_count\nNN1,52.2391,-0.8885,900\nNN2,52.2611,-0.9022,800\nAB10,57.135178,-2.120448,667\n');
  await writeFile(join(dir, 'pc', 'sectors.csv'), 'sector,lat,lng\nNN1 2,52.2401,-0.8901\nAB10 1,57.144864,-2.106883\n');
  await writeFile(join(dir, 'pc', 'SOURCE.txt'), SOURCE);
  const io = captureIo(dir);
  assert.equal(await main(['build', DEMO, '--out', 'site', '--shards', '--gazetteer', 'pc'], io), 0, io.stderr);
  const site = join(dir, 'site');
  const manifest = readManifest(await readFile(join(site, 'manifest.json'), 'utf8'));
  const attribution = 'Contains OS data © Crown copyright and database right 2025.';
  assert.equal(manifest.gazetteer?.attribution, attribution);
  assert.equal(manifest.gazetteer?.licence, 'Open Government Licence v3.0');
  assert.deepEqual(manifest.gazetteer?.shards.map((s) => [s.area, s.districts, s.sectors]), [['AB', 1, 1], ['NN', 2, 1]]);
  assert.deepEqual((await readdir(join(site, 'gazetteer'))).sort(), manifest.gazetteer!.shards.map((s) => s.file.replace('gazetteer/', '')).sort());
  for (const s of manifest.gazetteer!.shards) assert.equal((JSON.parse(await readFile(join(site, s.file), 'utf8')) as GazetteerShard).attribution, attribution);
  assert.match(io.stderr, /National gazetteer: 3 districts and 2 sectors in 2 files by postcode area; shown with it: "Contains OS data © Crown copyright and database right 2025\."/);

  const options = { fetch: serveFrom(site) };
  const url = 'https://host.example/site/manifest.json';
  assert.deepEqual(await placePostcode(manifest, url, 'nn1 2ab', options), { ok: true, place: { lat: 52.2401, lng: -0.8901, label: 'NN1 2', precision: 'sector' }, attribution });
  const district = await placePostcode(manifest, url, 'NN2 7ZZ', options);
  assert.deepEqual(district.ok && [district.place.label, district.place.precision], ['NN2', 'district']);
});

test('--gazetteer with no attribution, without --shards, or of a folder with no centroids is refused, saying why', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-gaz-bad-'));
  await mkdir(join(dir, 'pc'));
  await writeFile(join(dir, 'pc', 'outcodes.csv'), 'outcode,lat,lng\nNN1,52.2391,-0.8885\n');
  await mkdir(join(dir, 'empty'));
  let io = captureIo(dir);
  assert.equal(await main(['build', DEMO, '--out', 'site', '--shards', '--gazetteer', 'pc'], io), 2);
  assert.match(io.stderr, /says no attribution .*give it with --gazetteer-attribution TEXT/);
  io = captureIo(dir);
  assert.equal(await main(['build', DEMO, '--out', 'site', '--gazetteer', 'pc'], io), 2);
  assert.match(io.stderr, /--gazetteer goes with --shards/);
  io = captureIo(dir);
  assert.equal(await main(['build', DEMO, '--out', 'site', '--shards', '--gazetteer', 'empty'], io), 2);
  assert.match(io.stderr, /has no district \(outcode\) or sector centroid CSV/);
  io = captureIo(dir);
  assert.equal(await main(['build', DEMO, '--out', 'site', '--shards', '--gazetteer', 'pc', '--gazetteer-attribution', 'Contains test data.'], io), 0, io.stderr);
});

test('the whole GB gazetteer from the real data places every district and sector from its area\'s file', { skip: REAL ? false : 'ATLAS_REAL_DATA is not set: it names the folder of real UK data (postcodes/outcodes_gb.csv, sectors_gb.csv, SOURCE.txt)' }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-gaz-gb-'));
  const io = captureIo(dir);
  assert.equal(await main(['build', DEMO, '--out', 'site', '--shards', '--gazetteer', join(REAL!, 'postcodes')], io), 0, io.stderr);
  const site = join(dir, 'site');
  const manifest = readManifest(await readFile(join(site, 'manifest.json'), 'utf8'));
  const gaz = manifest.gazetteer!;
  assert.match(gaz.attribution, /^Contains OS data © Crown copyright and database right \d{4}\. Contains Royal Mail data © Royal Mail copyright and database right \d{4}\. Contains National Statistics data © Crown copyright and database right \d{4}\.$/);
  const rows = async (file: string): Promise<string[][]> => (await readFile(join(REAL!, 'postcodes', file), 'utf8')).trim().split('\n').slice(1).map((l) => l.split(','));
  const districts = await rows('outcodes_gb.csv');
  const sectors = await rows('sectors_gb.csv');
  assert.equal(gaz.shards.reduce((n, s) => n + s.districts, 0), districts.length);
  assert.equal(gaz.shards.reduce((n, s) => n + s.sectors, 0), sectors.length);
  const largest = Math.max(...gaz.shards.map((s) => s.bytes));
  assert.ok(largest < 40_000, `the largest gazetteer file is ${largest} bytes: one file per search stays small`);
  const cache = new Map();
  const options = { fetch: serveFrom(site), cache };
  const url = 'https://host.example/site/manifest.json';
  for (const [outcode, lat, lng] of districts) {
    const placed = await placePostcode(manifest, url, outcode!, options);
    assert.ok(placed.ok && placed.place.precision === 'district' && Math.abs(placed.place.lat - Number(lat)) < 1e-4 && Math.abs(placed.place.lng - Number(lng)) < 1e-4, `${outcode}`);
  }
  for (const [sector, lat] of sectors) {
    const placed = await placePostcode(manifest, url, `${sector}ZZ`, options);
    assert.ok(placed.ok && placed.place.precision === 'sector' && Math.abs(placed.place.lat - Number(lat)) < 1e-4, `${sector}`);
  }
  assert.equal(cache.size, gaz.shards.length, 'each area\'s file fetched once');
  assert.deepEqual(await placePostcode(manifest, url, 'BT1 1AA', options), { ok: false, reason: 'not-found' }, 'Northern Ireland is not in the GB data');
});
