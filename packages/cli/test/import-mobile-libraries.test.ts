import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feed } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

// Real mobile library timetables for 23 UK library services, read from a folder
// outside the repository (ATLAS_REAL_DATA); skipped when it is not set.
const dir = process.env.ATLAS_REAL_DATA;
const MAPPING = fileURLToPath(new URL('../mappings/mobile-libraries.json', import.meta.url));

test('every stop of 23 mobile library timetables becomes a listing with one recurring session', { skip: !dir && 'ATLAS_REAL_DATA is not set' }, async () => {
  const folder = join(dir as string, 'mobile-libraries');
  const files = (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort();
  assert.equal(files.length, 23);
  const out = await mkdtemp(join(tmpdir(), 'atlas-mobile-'));
  let listings = 0;
  const rules = new Map<string, number>();
  for (const file of files) {
    const io: Io & { stderr: string } = { stderr: '', cwd: folder, out() {}, err(text: string) { io.stderr += text + '\n'; } };
    const code = await main(['import', 'csv', file, '--map', MAPPING, '--today', '2026-11-01', '--out', join(out, `${file}.json`)], io);
    assert.equal(code, 0, `${file}: ${io.stderr}`);
    assert.doesNotMatch(io.stderr, /row \d+:/, `${file} imports without a caveat`);
    assert.equal(await main(['validate', join(out, `${file}.json`)], io), 0, `${file} passes atlas validate: ${io.stderr}`);
    const feed = JSON.parse(await readFile(join(out, `${file}.json`), 'utf8')) as Feed;
    for (const listing of feed.listings) {
      listings++;
      assert.equal(listing.schedule?.length, 1, listing.id);
      const rule = listing.schedule?.[0]?.rrule ?? '';
      const style = rule.replace(/BYDAY=[^;]*/, 'BYDAY=…');
      rules.set(style, (rules.get(style) ?? 0) + 1);
      assert.ok(listing.location?.lat !== undefined && listing.location.lng !== undefined, listing.id);
    }
  }
  assert.equal(listings, 3223);
  // Both recurrence styles in the data: every N weeks on the row's weekday (BYDAY added
  // from the day column), and the nth weekday of the month as written.
  assert.equal(rules.get('FREQ=WEEKLY;INTERVAL=4;BYDAY=…'), 1186);
  assert.equal(rules.get('FREQ=WEEKLY;INTERVAL=2;BYDAY=…'), 901);
  assert.equal(rules.get('FREQ=WEEKLY;INTERVAL=3;BYDAY=…'), 485);
  assert.equal(rules.get('FREQ=WEEKLY;INTERVAL=1;BYDAY=…'), 65);
  assert.equal(rules.get('FREQ=MONTHLY;BYDAY=…'), 3223 - 1186 - 901 - 485 - 65);
});

test('with --postcodes each mobile library feed gets a gazetteer of the area its stops cover, though few rows have a postcode', { skip: !dir && 'ATLAS_REAL_DATA is not set' }, async () => {
  const folder = join(dir as string, 'mobile-libraries');
  const postcodes = join(dir as string, 'postcodes');
  const outcodes = (await readFile(join(postcodes, 'outcodes_gb.csv'), 'utf8')).trim().split('\n').slice(1).map((line) => {
    const [code, lat, lng] = line.split(',');
    return { code: code as string, lat: Number(lat), lng: Number(lng) };
  });
  const nearestDistrict = (lat: number, lng: number): string => {
    let best = { code: '', d: Infinity };
    for (const o of outcodes) {
      const d = (o.lat - lat) ** 2 + ((o.lng - lng) * Math.cos((lat * Math.PI) / 180)) ** 2;
      if (d < best.d) best = { code: o.code, d };
    }
    return best.code;
  };
  const out = await mkdtemp(join(tmpdir(), 'atlas-mobile-gaz-'));
  let districts = 0;
  for (const file of (await readdir(folder)).filter((f) => f.endsWith('.csv')).sort()) {
    const io: Io & { stderr: string } = { stderr: '', cwd: folder, out() {}, err(text: string) { io.stderr += text + '\n'; } };
    const target = join(out, `${file}.json`);
    const args = ['import', 'csv', file, '--map', MAPPING, '--today', '2026-11-01', '--out', target];
    assert.equal(await main([...args, '--postcodes', join(postcodes, 'sectors_gb.csv'), '--postcodes', join(postcodes, 'outcodes_gb.csv')], io), 0, io.stderr);
    const feed = JSON.parse(await readFile(target, 'utf8')) as Feed;
    const gazetteer = feed.gazetteer as { districts?: Record<string, unknown>; sectors?: Record<string, unknown> } | undefined;
    assert.ok(gazetteer?.districts && gazetteer.sectors, `${file} has a gazetteer`);
    for (const listing of feed.listings) {
      const { lat, lng } = listing.location as { lat: number; lng: number };
      const district = nearestDistrict(lat, lng);
      assert.ok(district in gazetteer.districts, `${file}: the district of ${listing.id} (${district}) is in its gazetteer`);
    }
    districts += Object.keys(gazetteer.districts).length;
    assert.equal(await main(['validate', target], io), 0, io.stderr);
  }
  assert.ok(districts > 500, `${districts} districts over the 23 feeds`);
});
