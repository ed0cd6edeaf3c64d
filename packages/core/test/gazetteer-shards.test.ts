// The national gazetteer of a sharded directory: districts and sectors in one
// file per postcode area, named by hash and listed in the manifest; a postcode
// is placed from its area's file alone (sector centre, else district centre),
// fetched once, and a missing or damaged file is said plainly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeGazetteerShards, type ShardFile } from '../src/engine/shards-write.js';
import { placePostcode } from '../src/location/gazetteer-shards.js';
import type { GazetteerShard } from '../src/feed/manifest.js';

const BASE = 'https://atlas.example/national/manifest.json';
const ATTRIBUTION = 'Contains OS data © Crown copyright and database right 2025.';

function build(): { files: Map<string, string>; manifest: { gazetteer: ReturnType<typeof writeGazetteerShards> } } {
  const files = new Map<string, string>();
  const gazetteer = writeGazetteerShards(
    {
      districts: { AB10: [57.135, -2.12], B1: [52.48, -1.9], B12: [52.46, -1.88], SW1A: [51.5, -0.13] },
      sectors: { 'AB10 1': [57.144, -2.106], 'B1 1': [52.479, -1.905], 'SW1A 1': [51.501, -0.141] },
    },
    { attribution: ATTRIBUTION, licence: 'OGL-UK-3.0' },
    (file: ShardFile) => files.set(file.path, file.content),
  );
  return { files, manifest: { gazetteer } };
}

const serve = (files: Map<string, string>, asked: string[] = []): typeof fetch => (async (input: RequestInfo | URL) => {
  const path = new URL(String(input)).pathname.replace('/national/', '');
  asked.push(path);
  const body = files.get(path);
  return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 });
}) as typeof fetch;

test('gazetteer shards by postcode area, named by hash, with counts and the attribution in the manifest and in every file', () => {
  const { files, manifest } = build();
  assert.equal(manifest.gazetteer.attribution, ATTRIBUTION);
  assert.deepEqual(manifest.gazetteer.shards.map((s) => [s.area, s.districts, s.sectors]), [['AB', 1, 1], ['B', 2, 1], ['SW', 1, 1]]);
  for (const shard of manifest.gazetteer.shards) {
    assert.match(shard.file, new RegExp(`^gazetteer/${shard.area}\\.${shard.hash}\\.json$`));
    const text = files.get(shard.file)!;
    assert.equal(shard.bytes, Buffer.byteLength(text));
    const json = JSON.parse(text) as GazetteerShard;
    assert.equal(json.attribution, ATTRIBUTION);
    assert.equal(json.area, shard.area);
  }
});

test('placePostcode places a postcode at its sector, else its district, from one fetched file, once per area', async () => {
  const { files, manifest } = build();
  const asked: string[] = [];
  const cache = new Map<string, Promise<GazetteerShard>>();
  const options = { fetch: serve(files, asked), cache };
  const sector = await placePostcode(manifest, BASE, 'b1 1aa', options);
  assert.deepEqual(sector, { ok: true, place: { lat: 52.479, lng: -1.905, label: 'B1 1', precision: 'sector' }, attribution: ATTRIBUTION });
  const district = await placePostcode(manifest, BASE, 'B12 9ZZ', options);
  assert.deepEqual(district.ok && district.place, { lat: 52.46, lng: -1.88, label: 'B12', precision: 'district' });
  assert.deepEqual(asked, [manifest.gazetteer.shards[1]!.file], 'one file for area B, fetched once');
  assert.deepEqual(await placePostcode(manifest, BASE, 'ZZ9 9ZZ', options), { ok: false, reason: 'not-found' });
  assert.deepEqual(await placePostcode(manifest, BASE, 'B99 1AA', options), { ok: false, reason: 'not-found' });
  assert.deepEqual(await placePostcode(manifest, BASE, 'knitting', options), { ok: false, reason: 'not-a-postcode' });
  assert.deepEqual(await placePostcode({}, BASE, 'B1 1AA', options), { ok: false, reason: 'no-gazetteer' });
});

test('a gazetteer shard that is missing or fails its hash is said plainly, and asked for again next time', async () => {
  const { files, manifest } = build();
  const ab = manifest.gazetteer.shards[0]!;
  files.set(ab.file, files.get(ab.file)!.replace('57.135', '57.136'));
  const damaged = await placePostcode(manifest, BASE, 'AB10 1XG', { fetch: serve(files) });
  assert.equal(damaged.ok, false);
  assert.match(!damaged.ok ? damaged.message ?? '' : '', /gazetteer shard gazetteer\/AB\.[0-9a-f]{16}\.json fails its hash/);
  const sw = manifest.gazetteer.shards[2]!;
  const text = files.get(sw.file)!;
  files.delete(sw.file);
  const cache = new Map<string, Promise<GazetteerShard>>();
  const missing = await placePostcode(manifest, BASE, 'SW1A 1AA', { fetch: serve(files), cache });
  assert.deepEqual(missing, { ok: false, reason: 'unavailable', message: `the gazetteer shard ${sw.file} could not be loaded (HTTP 404)` });
  files.set(sw.file, text);
  const again = await placePostcode(manifest, BASE, 'SW1A 1AA', { fetch: serve(files), cache });
  assert.equal(again.ok && again.place.precision, 'sector');
});
