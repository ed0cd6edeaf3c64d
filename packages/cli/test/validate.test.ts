import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

function captureIo(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd: join(root, 'test/fixtures/feeds'),
    out(text: string) { io.stdout += text + '\n'; },
    err(text: string) { io.stderr += text + '\n'; },
  };
  return io;
}

async function validate(...args: string[]): Promise<{ code: number; lines: string[]; stdout: string }> {
  const io = captureIo();
  const code = await main(['validate', ...args], io);
  return { code, lines: io.stderr.trimEnd().split('\n'), stdout: io.stdout };
}

test('the valid fixtures pass the schema and every check: exit 0', async () => {
  for (const file of ['valid.json', 'bom.json']) {
    const { code, lines } = await validate(file);
    assert.equal(code, 0, lines.join('\n'));
    assert.equal(lines[0], `${file}: 5 listings kept, 0 skipped, 0 errors, 0 warnings`);
    assert.match(lines[1]!, /^valid: 1 feed, 0 errors, 0 warnings in \d+ ms$/);
  }
});

test('warnings alone still exit 0', async () => {
  const { code, lines } = await validate('swapped-coordinates.json');
  assert.equal(code, 0);
  assert.equal(
    lines[0],
    'swapped-coordinates.json: listing "swapped" ($.listings[0].location.lat): expected a latitude between 49 and 61 for a place in the UK, found -1.5 (warning, read as latitude 52.4, longitude -1.5)',
  );
});

test('wrong types: each problem on one line with listing, path, expected and found; exit 1', async () => {
  const { code, lines } = await validate('wrong-types.json');
  assert.equal(code, 1);
  assert.ok(lines.includes('wrong-types.json: listing "bad-kind" ($.listings[1].kind): expected one of asset, activity, transfer, found "event" (error, listing skipped)'));
  assert.ok(lines.includes('wrong-types.json: listing "postcode" ($.listings[5].location.lat): expected a latitude between -90 and 90, found 152.3 (error, breaks the feed schema; the finder: coordinates dropped)'));
  assert.ok(lines.includes('wrong-types.json: listing "postcode" ($.listings[5].location.postcode): expected a UK postcode (NB1 2AA), found "not a postcode" (warning, postcode dropped)'));
  assert.ok(lines.includes('wrong-types.json: 4 listings kept, 3 skipped, 7 errors, 2 warnings'));
});

test('not JSON and truncated files give the line and column', async () => {
  const notJson = await validate('not-json.json');
  assert.equal(notJson.code, 1);
  assert.equal(
    notJson.lines[0],
    'not-json.json: ($): The feed is not valid JSON: at line 1, column 1, expected a value (text in double quotes, a number, an object, a list, true, false or null) but found "T" (error, feed not usable)',
  );
  const truncated = await validate('truncated.json');
  assert.equal(truncated.code, 1);
  assert.match(truncated.lines[0]!, /^truncated\.json: \(\$\): The feed is cut off: it ends at line 31, column 38/);
});

test('javascript: links are errors in the CLI, duplicates skip the later listing', async () => {
  const js = await validate('javascript-urls.json');
  assert.equal(js.code, 1);
  assert.equal(js.lines.filter((l) => l.includes('expected a link starting http:, https:, mailto: or tel:')).length, 6);
  const dup = await validate('duplicate-ids.json');
  assert.equal(dup.code, 1);
  assert.equal(dup.lines[0], 'duplicate-ids.json: listing "hall-1" ($.listings[1].id): expected an id no other listing in the feed uses, found "hall-1" (error, listing skipped)');
});

test('the strict schema catches what the tolerant checks let through (a misspelt field)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-validate-'));
  const file = join(dir, 'typo.json');
  writeFileSync(file, JSON.stringify({ version: '1', publisher: { name: 'P' }, updated: '2026-11-01', listings: [{ id: 'a', kind: 'asset', name: 'A', location: { postCode: 'NB1 2AA' } }] }));
  const { code, lines } = await validate(file);
  assert.equal(code, 1);
  assert.equal(lines[0], `${file}: listing "a" ($.listings[0].location.postCode): expected only the fields the schema defines (or ones starting x-), found a field "postCode" (error, breaks the feed schema)`);
});

test('several files, one unreadable: all reported, exit 1', async () => {
  const { code, lines } = await validate('valid.json', 'nope.json');
  assert.equal(code, 1);
  assert.ok(lines.includes('nope.json: The file cannot be read: there is no such file (error)'));
  assert.match(lines.at(-1)!, /^problems found: 2 feeds, 1 error, 0 warnings in \d+ ms$/);
});

test('--json prints one report for machines', async () => {
  const { code, stdout } = await validate('--json', 'duplicate-ids.json');
  assert.equal(code, 1);
  const report = JSON.parse(stdout) as { valid: boolean; files: { problems: { code: string; path: string; listingId: string }[] }[] };
  assert.equal(report.valid, false);
  assert.deepEqual(report.files[0]!.problems.map((p) => [p.code, p.path, p.listingId]), [['duplicate-id', '$.listings[1].id', 'hall-1']]);
});

test('bad usage exits 2', async () => {
  assert.equal((await validate()).code, 2);
  const unknown = await validate('--strict', 'valid.json');
  assert.equal(unknown.code, 2);
  assert.match(unknown.lines[0]!, /unknown option "--strict"/);
});

test('text that a spreadsheet would run as a formula is a warning naming the listing and field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-formula-'));
  writeFileSync(join(dir, 'feed.json'), JSON.stringify({
    version: '1', publisher: { name: 'Test' }, updated: '2026-11-01',
    listings: [
      { id: 'hall', kind: 'asset', name: 'Riverside Hall', summary: '=HYPERLINK("http://evil.example","Click")', contact: { phone: '+44 1632 960001' }, location: { lat: 52.1, lng: -1.5 } },
      { id: 'club', kind: 'activity', name: 'Club', keywords: ['ok', '@SUM(1+1)'], schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00' }] },
    ],
  }));
  const io = { stdout: '', stderr: '', cwd: dir, out(t: string) { io.stdout += t + '\n'; }, err(t: string) { io.stderr += t + '\n'; } };
  assert.equal(await main(['validate', 'feed.json'], io), 0, 'a warning');
  assert.match(io.stderr, /feed\.json: listing "hall" \(\$\.listings\[0\]\.summary\): expected text that does not start with =, \+, - or @ \(a spreadsheet would run it as a formula\), found "=HYPERLINK/);
  assert.match(io.stderr, /listing "club" \(\$\.listings\[1\]\.keywords\[1\]\): expected text that does not start/);
  assert.doesNotMatch(io.stderr, /phone|lng/, 'a phone number and a negative longitude are not formulas');
  assert.match(io.stderr, /0 errors, 2 warnings/);
});
