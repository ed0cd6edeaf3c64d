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
