// atlas build --shards: a feed split into ready feeds by postcode area (a grid
// for coordinates without a postcode, one shard for no place) and a manifest;
// reading shards checks each against the manifest and leaves out, with a
// message, any that is missing, fails its hash or comes from another build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateFeed } from '../../../test/support/generate.js';
import { EngineCore } from '../src/engine/full.js';
import type { FinderState } from '../src/engine/types.js';
import { writeShards } from '../src/engine/shards-write.js';
import { ManifestError, WordIndex, loadShards, loadWords, readManifest, shardsEncoded, shardsWithWord, type Manifest, type WordsFile } from '../src/feed/manifest.js';
import { normaliseFeed } from '../src/feed/normalise.js';
import { readyPartsOf } from '../src/feed/ready-parts.js';
import type { Feed, Listing } from '../src/feed/types.js';

const NOW = new Date('2026-11-24T10:30:00Z');
const BASE = 'https://atlas.example/national/manifest.json';
const AREAS = ['B', 'CF', 'LS', 'M', 'NN', 'SW', 'EH'];

/** A generated feed spread over several postcode areas, with some listings placed by coordinates alone and some with no place. */
function national(updated = '2026-11-01', rename?: string): Feed {
  const feed = generateFeed(700, 5) as Feed;
  feed.updated = updated;
  feed.listings = feed.listings.map((l: Listing, i) => {
    const listing = { ...l, ...(rename && i === 3 ? { name: rename } : {}) } as Listing;
    if (i % 13 === 0) return { ...listing, location: undefined, delivery: ['online'] } as unknown as Listing;
    if (i % 7 === 0) return { ...listing, location: { ...listing.location!, postcode: undefined } } as Listing;
    const area = AREAS[Math.floor(i / 3) % AREAS.length]!;
    return { ...listing, location: { ...listing.location!, postcode: `${area}${1 + (i % 9)} ${1 + (i % 8)}AB` } } as Listing;
  });
  return feed;
}

function build(feed: Feed): { manifest: Manifest; files: Map<string, string> } {
  const files = new Map<string, string>();
  const manifest = writeShards(feed, (file) => files.set(file.path, file.content));
  files.set('manifest.json', JSON.stringify(manifest));
  return { manifest, files };
}

const serve = (files: Map<string, string>): typeof fetch => (async (input: RequestInfo | URL) => {
  const path = new URL(String(input)).pathname.replace('/national/', '');
  const body = files.get(path);
  return body === undefined ? new Response('not found', { status: 404 }) : new Response(body, { status: 200 });
}) as typeof fetch;

test('shards by postcode area, grid cell and no place, named by content hash, with a manifest of areas, boxes, counts, bytes, hashes and words', async () => {
  const feed = national();
  const { manifest, files } = build(feed);
  const whole = normaliseFeed(feed);
  assert.equal(manifest.listings, whole.listings.length);
  assert.deepEqual(new Set(manifest.shards.map((s) => s.type)), new Set(['postcode', 'grid', 'none']));
  assert.deepEqual(manifest.shards.filter((s) => s.type === 'postcode').map((s) => s.area).sort(), [...AREAS].sort());
  for (const shard of manifest.shards) {
    assert.match(shard.file, new RegExp(`^shards/${shard.area.replace('.', '\\.')}\\.${shard.hash}\\.json$`));
    const text = files.get(shard.file)!;
    assert.equal(shard.bytes, Buffer.byteLength(text));
    const { data } = await loadShards(manifest, BASE, [shard], { fetch: serve(files) });
    assert.equal(data.listings.length, shard.listings);
    assert.ok(readyPartsOf(data.listings), `${shard.area}: one shard alone keeps its prebuilt parts`);
    assert.equal(Object.values(shard.counts.kind!).reduce((a, b) => a + b, 0), shard.listings, `${shard.area}: counts per kind`);
    for (const l of data.listings) {
      if (shard.type === 'postcode') assert.ok(l.location?.postcode?.startsWith(shard.area), `${l.key} in ${shard.area}`);
      if (shard.type === 'none') assert.equal(l.location, undefined);
      if (l.location?.lat !== undefined) {
        const [s, w, n, e] = shard.bbox!;
        assert.ok(l.location.lat >= s && l.location.lat <= n && l.location.lng! >= w && l.location.lng! <= e, `${l.key} inside its shard's box`);
      }
    }
    // The national text index names exactly the shards whose own index finds a word.
    const engine = new EngineCore(data, { now: () => NOW }).prepareAll();
    const index = manifest.shards.indexOf(shard);
    for (const word of ['knit', 'choir', 'riverside', 'zebrafinch']) {
      const found = engine.query({ q: word, filters: {}, sort: 'relevance' }, NOW).total > 0;
      assert.equal((await shardsWithWord(manifest, BASE, word, { fetch: serve(files) })).includes(index), found, `${word} in ${shard.area}`);
    }
  }
  // Every shard together is the whole feed, answering as it does.
  const { data, skipped } = await loadShards(manifest, BASE, manifest.shards, { fetch: serve(files) });
  assert.deepEqual(skipped, []);
  assert.deepEqual(data.listings.map((l) => l.key).sort(), whole.listings.map((l) => l.key).sort());
  const all = new EngineCore(data, { now: () => NOW }).prepareAll();
  const reference = new EngineCore(whole, { now: () => NOW }).prepareAll();
  const states: FinderState[] = [{ q: '', filters: {}, sort: 'name' }, { q: '', filters: { cost: ['free'] }, sort: 'next' }, { q: 'walk', filters: {}, sort: 'name' }];
  for (const state of states) {
    const a = all.query(state, NOW);
    const b = reference.query(state, NOW);
    assert.deepEqual([a.total, a.keys, a.facets], [b.total, b.keys, b.facets]);
  }
});

test('a shard that is missing, fails its hash or is from an older build is reported and left out; the rest are read', async () => {
  const { manifest, files } = build(national('2026-12-01', 'Zebrafinch aviary'));
  const older = build(national('2026-11-01'));
  const [missing, damaged, stale] = manifest.shards.filter((s) => s.type === 'postcode');
  files.delete(missing!.file);
  const text = files.get(damaged!.file)!;
  files.set(damaged!.file, text.replace('Everyone welcome', 'Everyone welcom'));
  assert.ok(files.get(damaged!.file) !== text, "the shard was damaged");
  const olderShard = older.manifest.shards.find((s) => s.area === stale!.area)!;
  assert.ok(olderShard.hash !== stale!.hash, "the rename changed that shard");
  files.set(stale!.file, older.files.get(olderShard.file)!);

  const { data, skipped } = await loadShards(manifest, BASE, manifest.shards, { fetch: serve(files) });
  const messages = skipped.map((s) => s.problem.message);
  assert.equal(skipped.length, 3, messages.join('\n'));
  assert.match(messages[0]!, new RegExp(`^Shard ${missing!.area} \\(${missing!.file}\\) could not be loaded \\(HTTP 404\\); its ${missing!.listings} listings are left out\\.$`));
  assert.match(messages[1]!, /fails its hash: its text does not match its hash/);
  assert.match(messages[2]!, /is from an older build than the manifest \(its hash is [0-9a-f]+, the manifest names [0-9a-f]+\): upload the shards written with this manifest/);
  const left = manifest.shards.filter((s) => ![missing, damaged, stale].includes(s)).reduce((n, s) => n + s.listings, 0);
  assert.equal(data.listings.length, left);
  assert.deepEqual(data.problems.filter((p) => p.code.startsWith('shard-')).map((p) => p.code), ['shard-missing', 'shard-hash', 'shard-build']);
});

test('a manifest from a newer format version, of an older one, not JSON or without shards gets a clear message', () => {
  const { manifest } = build(national());
  const text = JSON.stringify(manifest);
  assert.deepEqual(readManifest(text).shards, manifest.shards);
  assert.throws(() => readManifest(text.replace('"version":2', '"version":3'), 'manifest.json'), (e: unknown) =>
    e instanceof ManifestError && /^manifest\.json is of manifest format version 3, newer than this version of Community Atlas reads \(2\): update the kit\.$/.test(e.message));
  assert.throws(() => readManifest(text.replace('"version":2', '"version":0'), 'manifest.json'), /format version 0; this version of Community Atlas reads 1 to 2: rebuild it with atlas build --shards/);
  assert.throws(() => readManifest(text.replace(/"words":\{[^}]*\}/, '"words":{"file":"words.json"}'), 'manifest.json'), /has no usable "words" \(it needs a "file" and a "hash"\)/);
  assert.throws(() => readManifest(text.slice(0, 100), 'manifest.json'), /manifest\.json is not valid JSON .*: it may be cut off; upload it again/);
  assert.throws(() => readManifest('{"format":"community-atlas-manifest","version":1}', 'manifest.json'), /has no usable list of shards/);
  assert.throws(() => readManifest('{"listings":[]}', 'manifest.json'), /is not a Community Atlas manifest/);
});

test('the word index is a file of its own, named by its hash, that the manifest names; a manifest of format 1, which carried it inline, is still read', async () => {
  const { manifest, files } = build(national());
  const entry = manifest.words!;
  assert.match(entry.file, new RegExp(`^words\\.${entry.hash}\\.json$`));
  const text = files.get(entry.file)!;
  assert.equal(entry.bytes, Buffer.byteLength(text));
  const file = JSON.parse(text) as WordsFile;
  assert.equal(file.format, 'community-atlas-words');
  assert.equal(file.build, manifest.build);
  assert.equal(entry.words, Object.keys(file.words).length);
  // The manifest itself holds no word: only the shards' entries and the file's name.
  assert.deepEqual(Object.keys((JSON.parse(files.get('manifest.json')!) as { words: object }).words).sort(), ['bytes', 'file', 'hash', 'words']);
  // A word in a few shards is written as their positions, a word in many as a bit set.
  assert.ok(Object.values(file.words).some((at) => Array.isArray(at)), 'some word is in a few shards');
  assert.ok(Object.values(file.words).some((at) => typeof at === 'string' && /^[\w-]+$/.test(at)), 'some word is in many shards');
  const read = await loadWords(manifest, BASE, { fetch: serve(files) });
  assert.ok(read.index);
  assert.equal(read.index.size, entry.words);

  // The same directory as format 1 wrote it: the index inline, as lists of positions. It answers the same.
  const inline = Object.fromEntries(Object.keys(file.words).map((word) => [word, read.index.shards(word)]));
  assert.deepEqual(inline.walk, manifest.shards.flatMap((_, i) => (read.index.shards('walk').includes(i) ? [i] : [])), 'positions in order');
  const { words: _, ...rest } = manifest;
  const old = readManifest(JSON.stringify({ ...rest, version: 1, words: inline }), 'manifest.json');
  assert.equal(old.words, undefined);
  const none = (async () => { throw new Error('a format 1 manifest fetches no word index'); }) as unknown as typeof fetch;
  const oldRead = await loadWords(old, BASE, { fetch: none });
  for (const word of ['walk', 'knit', 'choir', 'riverside', 'zebrafinch', 'Caf\u00e9']) {
    assert.deepEqual(oldRead.index!.shards(word), read.index.shards(word), word);
  }
  for (const prefix of ['wa', 'kn', 'zz']) assert.deepEqual([...oldRead.index!.shardsStartingWith(prefix)].sort(), [...read.index.shardsStartingWith(prefix)].sort(), prefix);
  assert.ok(read.index.shards('walk').length > 1);
});

test('a word index that is missing or fails its hash is reported; shardsWithWord says so', async () => {
  const { manifest, files } = build(national());
  const entry = manifest.words!;
  const damaged = new Map(files);
  damaged.set(entry.file, files.get(entry.file)!.replace('"walk":"', '"walks":"'));
  let read = await loadWords(manifest, BASE, { fetch: serve(damaged) });
  assert.equal(read.problem?.code, 'words-hash');
  assert.match(read.problem!.message, new RegExp(`^The word index \\(${entry.file.replace(/\./g, '\\.')}\\) fails its hash \\(the manifest names ${entry.hash}\\): upload the files written with this manifest; a search by name looks only in the listings already loaded\\.$`));
  const missing = new Map(files);
  missing.delete(entry.file);
  read = await loadWords(manifest, BASE, { fetch: serve(missing) });
  assert.equal(read.problem?.code, 'words-missing');
  assert.match(read.problem!.message, /could not be loaded \(HTTP 404\)/);
  await assert.rejects(shardsWithWord(manifest, BASE, 'walk', { fetch: serve(missing) }), (e: unknown) => e instanceof ManifestError && /could not be loaded/.test(e.message));
});

test('a word index holds any set of shards exactly: positions for a few, a bit set for many', () => {
  let seed = 7;
  const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (const count of [1, 8, 9, 326, 1000]) {
    const sets = [[], [0], [count - 1], Array.from({ length: count }, (_, i) => i), Array.from({ length: count }, (_, i) => i).filter(() => random() < 0.4)];
    const entries = Object.fromEntries(sets.map((set, i) => [`w${i}`, shardsEncoded(set, count)]));
    const index = new WordIndex(JSON.parse(JSON.stringify(entries)) as Record<string, number[] | string>);
    sets.forEach((set, i) => assert.deepEqual(index.shards(`w${i}`), set, `${count} shards, set ${i}`));
    assert.deepEqual([...index.shardsStartingWith('w')].sort((a, b) => a - b), [...new Set(sets.flat())].sort((a, b) => a - b));
  }
});
