import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildVocabulary, type Feed, type Listing, type NeedDefinition } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REFERENCE = '2026-11-01';

async function generate(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'atlas-demo-'));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'demo/scripts/generate-feed.ts'), out], { cwd: ROOT });
  return out;
}

test('the committed demo feed is exactly what the generator writes', async () => {
  const out = await generate();
  for (const file of ['feed.json', 'data/northbridge-postcode-sectors.csv', 'data/northbridge-postcode-districts.csv']) {
    assert.equal(await readFile(join(out, file), 'utf8'), await readFile(join(ROOT, 'demo', file), 'utf8'), `demo/${file} is stale: run npm run demo:feed`);
  }
});

test('the demo feed has what the demo pages and journeys need', async () => {
  const feed = JSON.parse(await readFile(join(ROOT, 'demo/feed.json'), 'utf8')) as Feed;
  const { listings } = feed;
  const of = (kind: Listing['kind']): Listing[] => listings.filter((l) => l.kind === kind);
  assert.ok(listings.length >= 550 && listings.length <= 650, `${listings.length} listings`);
  assert.equal(new Set(listings.map((l) => l.id)).size, listings.length, 'ids are unique');
  assert.ok(of('asset').length > 150 && of('activity').length > 300);

  // Places fall in a town-sized patch (about 10 km), and every postcode's sector is in the gazetteer.
  const sectors = (feed.gazetteer as { sectors: Record<string, unknown> }).sectors;
  for (const l of listings) {
    const loc = l.location;
    if (loc?.lat === undefined || loc.lng === undefined) continue;
    assert.ok(Math.abs(loc.lat - 52.6) < 0.06 && Math.abs(loc.lng + 1.43) < 0.09, `${l.id} at ${loc.lat},${loc.lng}`);
    if (loc.postcode) assert.ok(sectors[loc.postcode.slice(0, -2)], `${l.id}: no sector for ${loc.postcode}`);
  }
  const wards = new Set(feed.areas?.map((a) => a.id));
  assert.equal(wards.size, 8);
  assert.ok(listings.every((l) => (l.areas ?? []).every((a) => wards.has(a))), 'every area is a defined ward');

  // Needs are the vocabulary's (built-in or the feed's own), so the Need filter has no near-twins
  // such as "Money debt" beside "Money and debt".
  const vocabulary = buildVocabulary((feed.vocabulary?.needs ?? []) as NeedDefinition[]);
  const unknown = [...new Set(listings.flatMap((l) => l.needs ?? []))].filter((id) => !vocabulary.needs.has(id));
  assert.deepEqual(unknown, [], 'need ids not in the vocabulary');

  // Sensitive and remote services.
  const approximate = listings.filter((l) => l.location?.precision === 'approximate');
  assert.ok(approximate.some((l) => /domestic abuse/i.test(String(l.name))));
  assert.ok(approximate.some((l) => /home-visiting/i.test(String(l.name))));
  assert.ok(approximate.every((l) => l.location?.postcode === undefined && l.location?.address === undefined), 'no address for an approximate place');
  assert.ok(listings.some((l) => !l.location && l.delivery?.includes('online')));
  assert.ok(listings.some((l) => !l.location && l.delivery?.includes('phone')));

  // Sessions: every style, and one-off dates within the year after the reference date.
  const sessions = of('activity').flatMap((l) => l.schedule ?? []);
  for (const pattern of [/^FREQ=WEEKLY;BYDAY=/, /^FREQ=WEEKLY;INTERVAL=2;/, /^FREQ=MONTHLY;BYDAY=-?\d/]) {
    assert.ok(sessions.some((s) => pattern.test(s.rrule ?? '')), String(pattern));
  }
  const oneOffs = sessions.filter((s) => !s.rrule);
  assert.ok(oneOffs.length > 5 && oneOffs.every((s) => s.date !== undefined && s.date > REFERENCE && s.date < '2027-11-01'));
  assert.ok(listings.some((l) => l.openingHours && l.categories?.includes('library')));

  // Stale listings, Welsh, cost help.
  assert.ok(listings.filter((l) => (l.lastVerified ?? '') < '2025-11-01').length > 20, 'some listings not checked for over a year');
  assert.ok(listings.filter((l) => typeof l.name === 'object' && 'cy' in l.name).length > 10);
  assert.ok(listings.some((l) => l.cost?.personalBudget) && listings.some((l) => l.cost?.help) && listings.some((l) => l.cost?.free));

  // Asset transfers: open and closed deadlines, documents, outlines; the ACV register with a disposal notice.
  const transfers = of('transfer').filter((l) => l.transfer);
  assert.equal(transfers.length, 12);
  const deadlines = transfers.map((l) => l.transfer?.dates?.eoiDeadline).filter((d): d is string => Boolean(d));
  assert.ok(deadlines.some((d) => d > REFERENCE) && deadlines.some((d) => d < REFERENCE));
  assert.equal(new Set(transfers.map((l) => l.transfer?.status)).size, 5, 'every status');
  assert.ok(transfers.every((l) => (l.transfer?.documents ?? []).every((d) => d.url.startsWith('https://example.org/') && d.sizeBytes && d.type)));
  assert.ok(transfers.filter((l) => l.location?.outline).length >= 2);
  const acv = of('transfer').filter((l) => l.acv);
  assert.equal(acv.length, 6);
  assert.equal(acv.filter((l) => l.acv?.disposalNotifiedOn).length, 1);
});

test('the demo feed passes atlas validate with no errors or warnings', async () => {
  const io: Io & { stderr: string; stdout: string } = { stderr: '', stdout: '', cwd: ROOT, out(text: string) { io.stdout += text + '\n'; }, err(text: string) { io.stderr += text + '\n'; } };
  assert.equal(await main(['validate', 'demo/feed.json'], io), 0, io.stderr);
  assert.match(io.stdout + io.stderr, /0 errors, 0 warnings/);
});
