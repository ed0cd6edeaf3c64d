// A new build of a sharded directory changes only the shards whose listings
// changed: a shard carries the date its content last changed, not the feed's,
// so with the previous manifest an unchanged shard keeps its text, hash and
// file name (hosts and browsers keep it cached), and the manifest names it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateFeed } from '../../../test/support/generate.js';
import { previousShards, writeShards } from '../src/engine/shards-write.js';
import { loadShards } from '../src/feed/manifest.js';
import type { Feed, Listing } from '../src/feed/types.js';

const AREAS = ['B', 'CF', 'LS', 'M'];

function feed(updated: string, rename?: string): Feed {
  const f = generateFeed(120, 9) as Feed;
  f.updated = updated;
  f.listings = f.listings.map((l: Listing, i) => ({
    ...l, ...(rename && i === 5 ? { name: rename } : {}),
    location: { ...l.location!, postcode: `${AREAS[i % AREAS.length]}${1 + (i % 5)} 2AB` },
  }) as Listing);
  return f;
}

test('rebuilt with a new date and one listing renamed, every other shard keeps its file; the changed one takes the new date', async () => {
  const files = new Map<string, string>();
  const emit = (file: { path: string; content: string }): void => void files.set(file.path, file.content);
  const first = writeShards(feed('2026-11-01'), emit);
  assert.ok(first.shards.every((s) => s.updated === '2026-11-01'));
  const second = writeShards(feed('2026-12-24', 'Renamed on Christmas Eve'), emit, { previous: previousShards(first) });
  const changed = second.shards.filter((s, i) => s.file !== first.shards[i]!.file);
  assert.deepEqual(changed.map((s) => s.area), [AREAS[5 % AREAS.length]]);
  assert.equal(changed[0]!.updated, '2026-12-24');
  assert.ok(second.shards.filter((s) => s !== changed[0]).every((s) => s.updated === '2026-11-01'));
  assert.equal(second.updated, '2026-12-24');
  // Without the previous manifest, every shard takes the feed's date.
  const fresh = writeShards(feed('2026-12-24', 'Renamed on Christmas Eve'), () => {});
  assert.ok(fresh.shards.every((s) => s.updated === '2026-12-24'));
  // The kept shards read back with the new manifest, with no problems.
  const serve = (async (input: RequestInfo | URL) => new Response(files.get(new URL(String(input)).pathname.slice(1)) ?? '', { status: files.has(new URL(String(input)).pathname.slice(1)) ? 200 : 404 })) as typeof fetch;
  const { data, skipped } = await loadShards(second, 'https://atlas.example/manifest.json', second.shards, { fetch: serve });
  assert.deepEqual(skipped, []);
  assert.equal(data.listings.length, 120);
  assert.ok(data.listings.some((l) => JSON.stringify(l.name).includes('Renamed on Christmas Eve')));
});
