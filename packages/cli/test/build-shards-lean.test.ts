// atlas build --shards reads a national feed a shard at a time (build/shards.ts):
// every shard it writes, and the manifest, must be exactly what splitting the
// whole merged feed writes, with bad listings, unsafe links, ids shared within
// and across feeds, places the check drops, grid cells, no place and a
// byte-order mark all in the feeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countDistrict, districtShards, shardOfListing, writeShards, type Feed, type Listing } from '@community-atlas/core';
import { generateFeed } from '../../../test/support/generate.js';
import { buildShardsLean, splitListings } from '../src/build/shards.js';
import { mergeForBuild } from '../src/build/merge.js';
import { checkFeed } from '../src/commands/validate.js';

const AREAS = ['B', 'CF', 'EH', 'LS', 'M'];

function feed(seed: number, publisher: string): Feed {
  const f = generateFeed(300, seed) as Feed;
  f.publisher = { name: publisher };
  f.listings = f.listings.map((l: Listing, i) => {
    const listing = { ...l, id: `x${i}` } as Record<string, unknown>;
    const location = { ...(l.location as object), postcode: `${AREAS[i % AREAS.length]}${1 + (i % 4)} 3CD` } as Record<string, unknown>;
    if (i % 17 === 0) delete listing.name; // an error: left out
    if (i % 19 === 0) listing.contact = { url: 'javascript:alert(1)', phone: '01234 567890' }; // an unsafe link: dropped, listing kept
    if (i % 23 === 0) location.postcode = 'NOT A POSTCODE'; // a place the check drops
    if (i % 29 === 0) delete location.postcode; // coordinates alone: a grid cell
    if (i % 37 === 0) Object.assign(location, { postcode: undefined, lat: 95 }); // a point the check drops: no place
    if (i % 31 === 0) return { ...listing, location: undefined, delivery: ['online'] };
    if (i === 40 || i === 41) listing.id = 'twin'; // the same id twice in one feed
    return { ...listing, location };
  }) as unknown as Listing[];
  return f;
}

test('the shard-at-a-time build writes exactly the shards and manifest of the whole merged feed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-lean-'));
  const feeds = [feed(3, 'First Council'), feed(4, 'Second Trust')];
  // The second feed shares most ids with the first (x0, x1, …): they take its publisher's prefix.
  const texts = [`\uFEFF${JSON.stringify(feeds[0], null, 1)}`, JSON.stringify(feeds[1])];
  const paths = await Promise.all(texts.map(async (text, i) => {
    const path = join(dir, `feed${i}.json`);
    await writeFile(path, text);
    return path;
  }));

  const whole = mergeForBuild(texts.map((text, i) => ({ name: `feed${i}.json`, feed: JSON.parse(text.replace(/^\uFEFF/, '')) as Feed, report: checkFeed(text, `feed${i}.json`) })));
  const expected = new Map<string, string>();
  const manifest = writeShards(whole.feed, (file) => expected.set(file.path, file.content));

  const got = new Map<string, string>();
  const lean = await buildShardsLean(paths.map((path, i) => ({ path, name: `feed${i}.json` })), (file) => got.set(file.path, file.content));
  assert.ok(!('fallback' in lean), 'fallback' in lean ? lean.fallback : '');
  assert.ok(whole.skipped > 0 && whole.dropped > 0 && whole.renamed.length > 0, 'the feeds have errors, unsafe links and shared ids');
  assert.ok(manifest.shards.some((s) => s.type === 'grid') && manifest.shards.some((s) => s.type === 'none'));
  assert.ok(!manifest.shards.some((s) => s.area.startsWith('g95')), 'a listing whose point is dropped moves to the shard for no place');
  assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
  for (const [path, content] of expected) assert.equal(got.get(path), content, path);
  assert.deepEqual(lean.manifest, manifest);
  assert.equal(lean.skipped, whole.skipped);
  assert.equal(lean.dropped, whole.dropped);
  assert.deepEqual(lean.renamed, whole.renamed);
});

test('areas with more listings than a shard holds are split by district the same way, listing their districts, with no text index in the shards', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-lean-'));
  const feeds = [feed(5, 'First Council'), feed(6, 'Second Trust')];
  const texts = feeds.map((f) => JSON.stringify(f));
  const paths = await Promise.all(texts.map(async (text, i) => {
    const path = join(dir, `feed${i}.json`);
    await writeFile(path, text);
    return path;
  }));
  // 120 listings an area, 30 a district: at most 70 a shard gives runs of two districts.
  const counts = new Map<string, Map<string, number>>();
  for (const f of feeds) for (const listing of f.listings) countDistrict(counts, shardOfListing(listing));
  const districts = districtShards(counts, 70);
  const whole = mergeForBuild(texts.map((text, i) => ({ name: `feed${i}.json`, feed: JSON.parse(text) as Feed, report: checkFeed(text, `feed${i}.json`) })));
  const expected = new Map<string, string>();
  const manifest = writeShards(whole.feed, (file) => expected.set(file.path, file.content), { districts });
  const got = new Map<string, string>();
  const lean = await buildShardsLean(paths.map((path, i) => ({ path, name: `feed${i}.json` })), (file) => got.set(file.path, file.content), { shardListings: 70 });
  assert.ok(!('fallback' in lean), 'fallback' in lean ? lean.fallback : '');
  assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
  for (const [path, content] of expected) assert.equal(got.get(path), content, path);
  assert.deepEqual(lean.manifest, manifest);

  const postcode = manifest.shards.filter((s) => s.type === 'postcode');
  assert.deepEqual(postcode.map((s) => s.area), AREAS.flatMap((a) => [`${a}1-${a}2`, `${a}3-${a}4`]));
  for (const shard of postcode) {
    const [first, last] = shard.area.split('-');
    assert.deepEqual(shard.districts, [first, last]);
    assert.ok(shard.listings <= 70, `${shard.area}: ${shard.listings} listings`);
    const text = expected.get(shard.file)!;
    const data = JSON.parse(text.slice(text.indexOf('\n') + 1).replace(/^/, '{')) as { feed: Feed; index?: object };
    assert.equal(data.index, undefined, `${shard.area}: an index in the shard`);
    assert.doesNotMatch(text.slice(0, text.indexOf('\n')), /"textIndex"/, `${shard.area}: an index file named in its header`);
    for (const l of data.feed.listings) assert.ok(shard.districts!.includes(l.location!.postcode!.split(' ')[0]!), `${l.id} in ${shard.area}`);
  }
});

test('the listings of a feed are found in its bytes without parsing it, whatever the layout', () => {
  const text = '{ "listings" :\n [ {"id":"a","s":"]\\"[,{"} ,\n{"id":"b","n":[1,[2]]}\n],"x":{"listings":[9]}}';
  const split = splitListings(Buffer.from(text), 0)!;
  const pieces = [];
  for (let i = 0; i < split.bounds.length; i += 2) pieces.push(text.slice(split.bounds[i], split.bounds[i + 1]));
  assert.deepEqual(pieces.map((p) => JSON.parse(p)), [{ id: 'a', s: ']"[,{' }, { id: 'b', n: [1, [2]] }]);
  assert.equal(text[split.open], '[');
  assert.equal(text[split.close], ']');
  assert.equal(splitListings(Buffer.from('{"listings":[]}'), 0)!.bounds.length, 0);
  assert.equal(splitListings(Buffer.from('{"other":[{"listings":[1]}]}'), 0), undefined);
});
