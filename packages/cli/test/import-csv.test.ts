import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feed, Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

function captureIo(cwd: string): Io & { stdout: string; stderr: string; progressLines: string[] } {
  const io = {
    stdout: '',
    stderr: '',
    progressLines: [] as string[],
    cwd,
    out(text: string) { io.stdout += text + '\n'; },
    err(text: string) { io.stderr += text + '\n'; },
    progress(text: string) { io.progressLines.push(text); },
  };
  return io;
}

/** Writes the given files into a fresh folder and returns it. */
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-csv-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function run(files: Record<string, string>, args: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo>; feed?: Feed; dir: string }> {
  const dir = await folder(files);
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

function named(feed: Feed | undefined, name: string): Listing {
  const found = feed?.listings.find((l) => (typeof l.name === 'string' ? l.name : l.name.en) === name);
  assert.ok(found, `no listing named ${name}`);
  return found;
}

test('common headers work with no mapping; postcodes are tidied; given coordinates are kept', async () => {
  const csv = [
    'Name,Description,Address,Postcode,Latitude,Longitude,Telephone,Email,Website,Category',
    'Riverside Hall,A hall by the river,1 Wharf Road,nb3  2wr,52.59,-1.40,01632 960001,hall@example.org,https://example.org/hall,hall;community-centre',
    'Food Bank,Emergency food,2 High Street, NB12AA ,,,,,,food',
  ].join('\n');
  const { code, feed, io } = await run({ 'in.csv': csv }, ['in.csv']);
  assert.equal(code, 0, io.stderr);
  const hall = named(feed, 'Riverside Hall');
  assert.deepEqual(hall.location, { address: ['1 Wharf Road'], postcode: 'NB3 2WR', lat: 52.59, lng: -1.4, geocodePrecision: 'source' });
  assert.deepEqual(hall.categories, ['hall', 'community-centre']);
  assert.deepEqual(hall.contact, { phone: '01632 960001', email: 'hall@example.org' });
  assert.equal(hall.url, 'https://example.org/hall');
  assert.equal(hall.id, 'riverside-hall-nb3-2wr');
  assert.equal(named(feed, 'Food Bank').location?.postcode, 'NB1 2AA');
  assert.equal(named(feed, 'Food Bank').location?.lat, undefined);
  assert.match(io.stderr, /Imported 2 listings, skipped 0; 1 with their own coordinates, 1 without a location on the map\. Wrote feed\.json\./);
});

test('a byte-order mark, semicolons and a newline inside quotes are read as a spreadsheet would', async () => {
  const csv = '\uFEFFName;Description;Postcode\n"Knit and natter";"Bring your own wool.\nTea provided; cake too.";NB1 1AA\n;no name here;NB1 1AB\n';
  const { code, feed, io } = await run({ 'in.csv': csv }, ['in.csv']);
  assert.equal(feed?.listings.length, 1);
  assert.equal(named(feed, 'Knit and natter').description, 'Bring your own wool.\nTea provided; cake too.');
  // The quoted newline makes the nameless record start on spreadsheet line 4, not 3.
  assert.match(io.stderr, /in\.csv: row 4: skipped: no name/);
  assert.equal(code, 1, 'a row that could not be imported makes the exit status 1');
});

test('rows that cannot be imported are reported with their row numbers, and the rest are still written', async () => {
  const csv = ['name,postcode,latitude,longitude', 'Good,NB1 1AA,52.6,-1.4', ',NB1 1AB,,', 'Odd postcode,Not known,,', 'Bad coords,NB1 1AC,95,-1.4', 'Half coords,NB1 1AD,52.6,'].join('\r\n');
  const { code, feed, io } = await run({ 'in.csv': csv }, ['in.csv']);
  assert.equal(code, 1);
  assert.deepEqual(feed?.listings.map((l) => l.name), ['Good', 'Odd postcode', 'Bad coords', 'Half coords']);
  assert.match(io.stderr, /row 3: skipped: no name/);
  assert.match(io.stderr, /row 4: postcode "Not known" does not look like a UK postcode/);
  assert.match(io.stderr, /row 5: coordinates \(95, -1\.4\) are incomplete or out of range; left out/);
  assert.match(io.stderr, /row 6: coordinates \(52\.6, none\) are incomplete or out of range/);
  assert.equal(named(feed, 'Bad coords').location?.lat, undefined);
  assert.match(io.stderr, /Imported 4 listings, skipped 1 \(1 no name\)/);
});

test('a mapping that names a column the file does not have stops with exit 2 and writes nothing', async () => {
  const mapping = { fields: { name: 'Site name', 'location.postcode': 'Post code' }, skip: [{ column: 'Closed', when: 'filled', reason: 'closed' }] };
  const { code, io, feed } = await run({ 'in.csv': 'Name,Postcode\nA,NB1 1AA\n', 'map.json': JSON.stringify(mapping) }, ['in.csv', '--map', 'map.json']);
  assert.equal(code, 2);
  assert.equal(feed, undefined, 'nothing is written');
  assert.match(io.stderr, /fields\."name" names the column "Site name", which is not in the file\. Did you mean "Name"\?/);
  assert.match(io.stderr, /fields\."location\.postcode" names the column "Post code"/);
  assert.match(io.stderr, /skip\[0\]\.column names the column "Closed"/);
  assert.match(io.stderr, /Nothing was written\./);
});

test('a mapping with an unknown feed field, a bad weekday or a reasonless skip rule is refused', async () => {
  const mapping = { fields: { name: 'Name', colour: 'Name' }, openingHours: { monday: 'Name' }, skip: [{ column: 'Name', when: 'filled' }] };
  const { code, io } = await run({ 'in.csv': 'Name\nA\n', 'map.json': JSON.stringify(mapping) }, ['in.csv', '--map', 'map.json']);
  assert.equal(code, 2);
  assert.match(io.stderr, /fields\."colour" is not a feed field the importer fills/);
  assert.match(io.stderr, /openingHours\."monday" is not a weekday/);
  assert.match(io.stderr, /skip\[0\] needs a "reason"/);
});

test('a mapping file that is not JSON, and a file with no name column and no mapping, are usage errors', async () => {
  const bad = await run({ 'in.csv': 'Name\nA\n', 'map.json': '{ fields: ' }, ['in.csv', '--map', 'map.json']);
  assert.equal(bad.code, 2);
  assert.match(bad.io.stderr, /cannot read the mapping map\.json/);
  const noName = await run({ 'in.csv': 'Venue,Postcode\nA,NB1 1AA\n' }, ['in.csv']);
  assert.equal(noName.code, 2);
  assert.match(noName.io.stderr, /has no name or title column; give a --map\. Its columns are: Venue, Postcode\./);
  const missing = await run({}, ['nope.csv']);
  assert.equal(missing.code, 2);
  assert.match(missing.io.stderr, /cannot read nope\.csv: ENOENT/);
});

test('mapping transforms: joins, constants, maps, splits, Welsh, opening hours, deliberate skips and ids', async () => {
  const csv = [
    'Ref,Venue,Enw,Line 1,Line 2,Postcode,Type,Needs,Mon,Tue,Sat,Closed,Free',
    'H1,Market Hall,Neuadd y Farchnad,1 High St,Northbridge,NB1 1AA,Hall,loneliness | food,09:00-13:00,"09:00-12:00, 13:00-17:00",,,yes',
    'H2,Market Hall,,2 High St,,NB1 1AA,Church,,,,10:00-12:00,,no',
    'H3,Old Baths,,,,NB1 1AB,Hall,,,,,2019,',
    'H4,Market Hall,,3 High St,,NB1 1AA,Library,,9-5,9:30-17:00,25:00-26:00,,',
  ].join('\n');
  const mapping = {
    kind: 'asset',
    fields: {
      name: { lang: { en: 'Venue', cy: 'Enw' } },
      'location.address': { join: ['Line 1', 'Line 2'] },
      'location.postcode': 'Postcode',
      'location.name': { join: ['Venue', 'Line 1'], separator: ', ' },
      categories: [{ const: 'community' }, { column: 'Type', map: { hall: 'hall', church: ['faith-group', 'hall'] } }],
      needs: { column: 'Needs', split: '|' },
      'cost.free': 'Free',
      referral: { const: 'drop-in' },
    },
    openingHours: { mo: 'Mon', tu: 'Tue', sa: 'Sat' },
    skip: [{ column: 'Closed', when: 'filled', reason: 'closed' }],
  };
  const { code, feed, io } = await run({ 'in.csv': csv, 'map.json': JSON.stringify(mapping) }, ['in.csv', '--map', 'map.json']);
  assert.equal(code, 0, 'deliberate skips alone still exit 0');
  assert.match(io.stderr, /row 4: skipped: closed/);
  assert.match(io.stderr, /row 5: opening hours "9-5" in "Mon" are not like 09:00-13:00,14:00-17:00; left out/);
  assert.match(io.stderr, /Imported 3 listings, skipped 1 \(1 closed\)/);
  const [first, second, third] = feed?.listings ?? [];
  assert.deepEqual(first?.name, { en: 'Market Hall', cy: 'Neuadd y Farchnad' });
  assert.equal(second?.name, 'Market Hall', 'one language gives a plain string');
  assert.deepEqual(first?.location?.address, ['1 High St', 'Northbridge']);
  assert.equal(first?.location?.name, 'Market Hall, 1 High St');
  assert.deepEqual(first?.categories, ['community', 'hall']);
  assert.deepEqual(second?.categories, ['community', 'faith-group', 'hall']);
  assert.deepEqual(third?.categories, ['community'], 'an unmapped value gives nothing');
  assert.deepEqual(first?.needs, ['loneliness', 'food']);
  assert.deepEqual(first?.openingHours, { mo: '09:00-13:00', tu: '09:00-12:00,13:00-17:00' });
  assert.deepEqual(second?.openingHours, { sa: '10:00-12:00' });
  assert.deepEqual(third?.openingHours, { tu: '09:30-17:00' }, 'a one-digit hour is padded; 25:00 is refused');
  assert.match(io.stderr, /row 5: opening hours "25:00-26:00" in "Sat" are not like/);
  assert.deepEqual(first?.cost, { free: true });
  assert.deepEqual(second?.cost, { free: false });
  assert.equal(first?.referral?.[0], 'drop-in');
  // Default ids: slug of name and postcode, repeats numbered in row order.
  assert.deepEqual(feed?.listings.map((l) => l.id), ['market-hall-nb1-1aa', 'market-hall-nb1-1aa-2', 'market-hall-nb1-1aa-3']);
});

test('an email written with a name or a note keeps just the address; a web page in the email column is left out', async () => {
  const csv = 'name,email\nA,Bodmin Library <bodmin@example.org>\nB,Falmouth (falmouth@example.org)\nC,https://example.org/contact\nD,centre.@example.org\n';
  const { feed, io, code } = await run({ 'in.csv': csv }, ['in.csv']);
  assert.equal(code, 0);
  assert.deepEqual(feed?.listings.map((l) => l.contact?.email), ['bodmin@example.org', 'falmouth@example.org', undefined, undefined]);
  assert.match(io.stderr, /row 5: contact\.email "centre\.@example\.org" is not an email address; left out/);
  assert.match(io.stderr, /row 4: contact\.email "https:\/\/example\.org\/contact" is not an email address; left out/);
});

test('a web address without its scheme gets https; anything else in a link column is left out', async () => {
  const csv = 'name,website\nA,www.example.org/hall\nB,http://example.org\nC,javascript:alert(1)\nD,see leaflet\n';
  const { feed, io } = await run({ 'in.csv': csv }, ['in.csv']);
  assert.deepEqual(feed?.listings.map((l) => l.url), ['https://www.example.org/hall', 'http://example.org', undefined, undefined]);
  assert.match(io.stderr, /row 4: url "javascript:alert\(1\)" is not a web address; left out/);
  assert.match(io.stderr, /row 5: url "see leaflet" is not a web address; left out/);
});

test('a row with more cells than the header is imported with a warning; a short row reads its missing cells as empty', async () => {
  const csv = 'name,postcode\nLong row,NB1 1AA,extra,cells\nShort row\n';
  const { code, feed, io } = await run({ 'in.csv': csv }, ['in.csv']);
  assert.equal(code, 0);
  assert.match(io.stderr, /row 2: has 4 cells but the header has 2/);
  assert.deepEqual(feed?.listings.map((l) => [l.name, l.location?.postcode]), [['Long row', 'NB1 1AA'], ['Short row', undefined]]);
});

test('document links that are not web addresses are left out of the information pack', async () => {
  const mapping = { kind: 'transfer', fields: { name: 'Name', 'transfer.documents': { column: 'Docs', split: ';' } } };
  const csv = 'Name,Docs\nHall,https://example.org/pack/site_plan.PDF; S:\\Estates\\pack.docx\n';
  const { feed, io } = await run({ 'in.csv': csv, 'map.json': JSON.stringify(mapping) }, ['in.csv', '--map', 'map.json']);
  assert.deepEqual(feed?.listings[0]?.transfer?.documents, [{ title: 'Site plan', url: 'https://example.org/pack/site_plan.PDF', type: 'pdf' }]);
  assert.match(io.stderr, /row 2: transfer\.documents "S:\\Estates\\pack\.docx" is not a web address; left out/);
});

test('a schedule from columns: weekdays, times in several spellings, recurrence rules, dates and exceptions', async () => {
  const csv = [
    'name,day,from,to,repeat,first,last,not on',
    'Walk,Tuesday,10:00,11:00,,,,',
    'Choir,Mon & Thu,7.30pm,9pm,,,,25/12/2026; 01/01/2027',
    'Stop,Wednesday,0930,1000,FREQ=WEEKLY;INTERVAL=4,2026-11-04,31/03/2027,',
    'Café,Friday,14:00,15:30,FREQ=MONTHLY;BYDAY=2FR,,,',
    'Fair,,11am,3pm,,14/03/2027,,',
    'Broken,Someday,noon,,,,,',
    'No time,Tuesday,,,,,,',
  ].join('\n');
  const mapping = { kind: 'activity', fields: { name: 'name' }, schedule: { day: 'day', start: 'from', end: 'to', rrule: 'repeat', date: 'first', until: 'last', except: 'not on' } };
  const { feed, io, code } = await run({ 'in.csv': csv, 'map.json': JSON.stringify(mapping) }, ['in.csv', '--map', 'map.json']);
  assert.equal(code, 0);
  const schedule = (name: string): unknown => named(feed, name).schedule;
  assert.deepEqual(schedule('Walk'), [{ start: '10:00', end: '11:00', rrule: 'FREQ=WEEKLY;BYDAY=TU' }]);
  assert.deepEqual(schedule('Choir'), [{ start: '19:30', end: '21:00', rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', except: ['2026-12-25', '2027-01-01'] }]);
  assert.deepEqual(schedule('Stop'), [{ start: '09:30', end: '10:00', rrule: 'FREQ=WEEKLY;INTERVAL=4;BYDAY=WE', date: '2026-11-04', until: '2027-03-31' }]);
  assert.deepEqual(schedule('Café'), [{ start: '14:00', end: '15:30', rrule: 'FREQ=MONTHLY;BYDAY=2FR' }]);
  assert.deepEqual(schedule('Fair'), [{ start: '11:00', end: '15:00', date: '2027-03-14' }]);
  assert.equal(schedule('Broken'), undefined);
  assert.match(io.stderr, /row 7: start time "noon" is not a time such as 10:00 or 9\.30am; schedule left out/);
  assert.match(io.stderr, /row 8: the session has no start time in "from"; schedule left out/);
});

test('a quoted cell that is never closed is reported at its row and makes the exit status 1', async () => {
  const { code, feed, io } = await run({ 'in.csv': 'name,description\nA,fine\nB,"never closed\nC,lost\n' }, ['in.csv']);
  assert.equal(code, 1);
  assert.match(io.stderr, /in\.csv: row 3: a quoted cell is never closed, so everything after it was read as one cell/);
  assert.deepEqual(feed?.listings.map((l) => l.name), ['A', 'B']);
});

test('ids from a column are kept when safe, slugged when not, and de-duplicated', async () => {
  const csv = 'Ref,Name\nCAT-1,A\nCAT 2/b,B\nCAT-1,C\n,D\n';
  const { feed } = await run({ 'in.csv': csv, 'map.json': JSON.stringify({ id: { column: 'Ref' }, fields: { name: 'Name' } }) }, ['in.csv', '--map', 'map.json']);
  assert.deepEqual(feed?.listings.map((l) => l.id), ['CAT-1', 'cat-2-b', 'CAT-1-2', 'd']);
});

test('--postcodes places rows at the full postcode, else the sector, else the district, and writes a gazetteer of the area', async () => {
  const csv = ['name,postcode', 'Exact,NB1 1AA', 'Sector,nb1 1zz', 'District,NB1 9ZZ', 'Nowhere,ZZ9 9ZZ', 'No postcode,'].join('\n');
  const files = {
    'in.csv': csv,
    'full.csv': 'postcode,latitude,longitude\nNB1 1AA,52.601,-1.431\nXX1 1AA,50,-3\n',
    'sectors.csv': 'sector,lat,lng,postcode_count\nNB1 1,52.602,-1.432,10\nNB2 1,52.7,-1.5,4\n',
    'districts.csv': 'outcode,lat,lng\nNB1,52.603,-1.433\nNB2,52.71,-1.51\n',
  };
  const { code, feed, io } = await run(files, ['in.csv', '--postcodes', 'full.csv', '--postcodes', 'sectors.csv', '--postcodes', 'districts.csv']);
  assert.equal(code, 0, io.stderr);
  assert.deepEqual(named(feed, 'Exact').location, { postcode: 'NB1 1AA', lat: 52.601, lng: -1.431, geocodePrecision: 'postcode' });
  assert.deepEqual(named(feed, 'Sector').location, { postcode: 'NB1 1ZZ', lat: 52.602, lng: -1.432, geocodePrecision: 'sector' });
  assert.deepEqual(named(feed, 'District').location, { postcode: 'NB1 9ZZ', lat: 52.603, lng: -1.433, geocodePrecision: 'district' });
  assert.equal(named(feed, 'Nowhere').location?.lat, undefined);
  assert.equal(named(feed, 'No postcode').location, undefined);
  // Only the area the feed covers: NB2 is in the centroid files but no listing uses it.
  assert.deepEqual(feed?.gazetteer, { districts: { NB1: [52.603, -1.433] }, sectors: { 'NB1 1': [52.602, -1.432] } });
  assert.match(io.stderr, /1 at their postcode, 1 at their postcode sector, 1 at their postcode district, 2 without a location on the map/);
});

test('a centroid file without the expected columns is a usage error', async () => {
  const { code, io } = await run({ 'in.csv': 'name\nA\n', 'c.csv': 'code,x,y\nNB1,1,2\n' }, ['in.csv', '--postcodes', 'c.csv']);
  assert.equal(code, 2);
  assert.match(io.stderr, /c\.csv: a postcode-centroid file needs a postcode, sector or outcode column and lat and lng columns; its columns are code, x, y\./);
});

test('the same input gives the same bytes, and long imports report progress every 500 rows', async () => {
  const rows = Array.from({ length: 1200 }, (_, i) => `Group ${i % 400},NB1 ${1 + (i % 9)}AA`);
  const files = { 'in.csv': `name,postcode\n${rows.join('\n')}\n` };
  const a = await run(files, ['in.csv']);
  const b = await run(files, ['in.csv']);
  const bytesA = await readFile(join(a.dir, 'feed.json'), 'utf8');
  const bytesB = await readFile(join(b.dir, 'feed.json'), 'utf8');
  assert.equal(bytesA, bytesB);
  assert.equal(a.feed?.listings.length, 1200);
  assert.equal(new Set(a.feed?.listings.map((l) => l.id)).size, 1200, 'every id is unique');
  assert.deepEqual(a.io.progressLines.filter(Boolean), ['Read 500 of 1200 rows', 'Read 1000 of 1200 rows', 'Read 1200 of 1200 rows']);
});

test('without --out the feed goes to standard output and messages to standard error', async () => {
  const dir = await folder({ 'in.csv': 'name\nA\n' });
  const io = captureIo(dir);
  const code = await main(['import', 'csv', 'in.csv', '--today', '2026-11-01', '--publisher', 'Test Council'], io);
  assert.equal(code, 0);
  const feed = JSON.parse(io.stdout) as Feed;
  assert.deepEqual(feed.publisher, { name: 'Test Council' });
  assert.equal(feed.updated, '2026-11-01');
  assert.equal(feed.version, '1');
  await assert.rejects(access(join(dir, 'feed.json')));
  assert.match(io.stderr, /Imported 1 listing, skipped 0; 1 without a location on the map\./);
});

test('--kind sets every listing kind, and a bad --kind is a usage error', async () => {
  const good = await run({ 'in.csv': 'name\nA\n' }, ['in.csv', '--kind', 'activity']);
  assert.equal(good.feed?.listings[0]?.kind, 'activity');
  const bad = await run({ 'in.csv': 'name\nA\n' }, ['in.csv', '--kind', 'event']);
  assert.equal(bad.code, 2);
  assert.match(bad.io.stderr, /--kind must be asset, activity or transfer, not "event"/);
});

test('text saved in the wrong encoding ("CafÃ©") is read as meant, with a warning; real accents are left alone', async () => {
  const csv = 'name,description\nHungate Reading CafÃ©,Ysgol Gymraeg – caffi\nCaffî Trwsio,Café and crèche\nPaddington Library,Â£2 a session\n';
  const { code, feed, io } = await run({ 'in.csv': csv }, ['in.csv']);
  assert.equal(code, 0);
  assert.deepEqual(feed?.listings.map((l) => l.name), ['Hungate Reading Café', 'Caffî Trwsio', 'Paddington Library']);
  assert.equal(feed?.listings[1]?.description, 'Café and crèche');
  assert.equal(feed?.listings[2]?.description, '£2 a session');
  assert.match(io.stderr, /row 2: name "Hungate Reading CafÃ©" looked like text saved in the wrong encoding; read as "Hungate Reading Café"/);
  assert.doesNotMatch(io.stderr, /row 3:/);
});
