/**
 * Next visits of real mobile library stops (Libraries Hacked timetables), the
 * way an importer would turn a row into a Session. Hand-worked answers are in
 * the comments, counted on a calendar from each row's start date.
 */
import { expect } from '@open-wc/testing';
import type { AtlasListing } from '../feed/normalised.js';
import type { Session } from '../feed/types.js';
import { checkOpeningHours, checkSchedule, nextSession, weeklySlots } from './index.js';
import type { OpeningHours } from '../feed/types.js';

// Declared in test/globals.d.ts: a URL prefix, or '' when ATLAS_REAL_DATA is unset.
const base = window.ATLAS_REAL_DATA ?? '';

/** Enough CSV for these files: quoted fields with commas and doubled quotes, CRLF or LF. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header = [], ...body] = rows.filter((r) => r.some((v) => v !== ''));
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const DAY_CODES: Record<string, string> = { Monday: 'MO', Tuesday: 'TU', Wednesday: 'WE', Thursday: 'TH', Friday: 'FR', Saturday: 'SA', Sunday: 'SU' };

/**
 * A timetable row as a Session. The files use two recurrence styles: "every N
 * weeks" (FREQ=WEEKLY;INTERVAL=N, the weekday coming from the start date) and
 * "nth weekday of the month" (FREQ=MONTHLY;BYDAY=2TU,4TU). The `day` column is
 * added as BYDAY to a weekly rule that lacks one, because in a few Birmingham
 * rows the start date is a Monday while the van comes on Tuesdays.
 */
function toSession(row: Record<string, string>): Session {
  let rrule = row.frequency ?? '';
  const code = DAY_CODES[row.day ?? ''];
  if (/FREQ=WEEKLY/i.test(rrule) && !/BYDAY=/i.test(rrule) && code) rrule += `;BYDAY=${code}`;
  const session: Session = { rrule, date: row.start, start: row.arrival ?? '', end: row.departure };
  if (row.end) session.until = row.end;
  if (row.exceptions) session.except = row.exceptions.split(/[;,\s]+/).filter(Boolean);
  return session;
}

const asListing = (session: Session): AtlasListing =>
  ({ id: 's', key: 's', kind: 'asset', name: 'stop', schedule: [session] }) as unknown as AtlasListing;

async function load(file: string): Promise<Record<string, string>[]> {
  const response = await fetch(`${base}${file.includes('/') ? file : `mobile-libraries/${file}`}`);
  expect(response.ok, `${file} should be served`).to.equal(true);
  return parseCsv(await response.text());
}

function find(rows: Record<string, string>[], community: string, stop: string): Record<string, string> {
  const row = rows.find((r) => r.community === community && r.stop === stop);
  expect(row, `${community}, ${stop}`).to.not.equal(undefined);
  return row as Record<string, string>;
}

const next = (row: Record<string, string>, from: string): string | undefined =>
  nextSession(asListing(toSession(row)), new Date(from))?.start.toISOString();

describe('real mobile library timetables', function () {
  before(function () {
    // Real UK data is never copied into the repository; without ATLAS_REAL_DATA there is nothing to read.
    if (!base) this.skip();
  });

  it('Suffolk, Culford Village Hall: every 4 weeks from Tuesday 3 March 2020', async () => {
    const row = find(await load('suffolk.csv'), 'Culford', 'Village Hall');
    expect(row.frequency).to.equal('FREQ=WEEKLY;INTERVAL=4');
    // 3 Mar 2020 → 3 Mar 2026 is 5 × 365 + 366 (29 Feb 2024) = 2191 days; 3 Mar →
    // 24 Nov 2026 is 245 + 21 = 266 more: 2457 days = 351 weeks. 351 = 4 × 87 + 3,
    // so 3 Nov 2026 was a visit (348 weeks) and the next is Tuesday 1 December
    // (352 weeks), 11:00 GMT.
    expect(next(row, '2026-11-23T00:00:00Z')).to.equal('2026-12-01T11:00:00.000Z');
    // Four weeks earlier, 3 November, still in GMT (clocks went back 25 October).
    expect(next(row, '2026-10-27T00:00:00Z')).to.equal('2026-11-03T11:00:00.000Z');
    // 8 September 2026 is 3 November less 8 weeks (340 weeks, a multiple of 4): 11:00 BST is 10:00 UTC.
    expect(next(row, '2026-09-02T00:00:00Z')).to.equal('2026-09-08T10:00:00.000Z');
  });

  it('Cambridgeshire, Balsham Bandstand: second and fourth Tuesdays (FREQ=MONTHLY;BYDAY=2TU,4TU)', async () => {
    const row = find(await load('cambridgeshire.csv'), 'Balsham', 'Bandstand');
    expect(row.frequency).to.equal('FREQ=MONTHLY;BYDAY=2TU,4TU');
    // November 2026 starts on a Sunday: Tuesdays 3, 10, 17, 24. From Monday 23rd: the 24th at 15:40 GMT.
    expect(next(row, '2026-11-23T00:00:00Z')).to.equal('2026-11-24T15:40:00.000Z');
    // December 2026 starts on a Tuesday: 1, 8, 15… so the second Tuesday is the 8th.
    expect(next(row, '2026-11-25T00:00:00Z')).to.equal('2026-12-08T15:40:00.000Z');
  });

  it('Worcestershire, Astley (Burf): first Friday of the month', async () => {
    const row = find(await load('worcestershire.csv'), 'Astley', 'Burf');
    expect(row.frequency).to.equal('FREQ=MONTHLY;BYDAY=1FR');
    // First Friday of December 2026 (1 December is a Tuesday) is the 4th; 12:45 GMT.
    expect(next(row, '2026-11-23T00:00:00Z')).to.equal('2026-12-04T12:45:00.000Z');
    // 1 June 2026 is a Monday, so the first Friday is the 5th; 12:45 BST is 11:45 UTC.
    expect(next(row, '2026-06-01T00:00:00Z')).to.equal('2026-06-05T11:45:00.000Z');
  });

  it('Midlothian, Bilston Nursery: every 2 weeks from Monday 24 February 2020, times written 9:30', async () => {
    const row = find(await load('midlothian.csv'), 'Bilston Primary School', 'Bilston Nursery');
    expect(row.arrival).to.equal('9:30');
    // 24 Feb 2020 → 24 Feb 2026: 366 + 365 + 365 + 365 + 366 + 365 = 2192 days
    // (29 Feb 2020 and 29 Feb 2024); → 23 Nov 2026: 272 more = 2464 = 352 weeks,
    // an even number, so Monday 23 November 2026 is a visit day.
    expect(next(row, '2026-11-23T00:00:00Z')).to.equal('2026-11-23T09:30:00.000Z');
    expect(next(row, '2026-11-24T00:00:00Z')).to.equal('2026-12-07T09:30:00.000Z');
  });

  it('Birmingham, Banners Gate: the day column (Tuesday) wins over a Monday start date', async () => {
    const row = find(await load('birmingham.csv'), 'Banners Gate', 'Coppice View Road');
    expect(row.start).to.equal('2020-03-16');
    expect(next(row, '2026-11-23T00:00:00Z')).to.equal('2026-11-24T10:00:00.000Z');
  });

  it('reads every row of every timetable file, and each next visit falls on the row’s day', async () => {
    const files = [
      'angus.csv', 'barnet.csv', 'bath_and_north_east_somerset.csv', 'birmingham.csv', 'cambridgeshire.csv',
      'east_riding_of_yorkshire.csv', 'hillingdon.csv', 'midlothian.csv', 'milton_keynes.csv', 'north_lincolnshire.csv',
      'north_somerset.csv', 'north_yorkshire.csv', 'perth_and_kinross.csv', 'portsmouth.csv', 'shropshire.csv',
      'somerset.csv', 'south_gloucestershire.csv', 'suffolk.csv', 'warwickshire.csv', 'west_berkshire.csv',
      'west_dunbartonshire.csv', 'wiltshire.csv', 'worcestershire.csv',
    ];
    const from = new Date('2026-11-23T00:00:00Z');
    const weekday = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long' });
    const problems: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const row of await load(file)) {
        const session = toSession(row);
        const problem = checkSchedule(session);
        if (problem) {
          problems.push(`${file} ${row.community}/${row.stop}: ${problem}`);
          continue;
        }
        const found = nextSession(asListing(session), from);
        if (!found) problems.push(`${file} ${row.community}/${row.stop}: no next visit`);
        else if (weekday.format(found.start) !== row.day) problems.push(`${file} ${row.community}/${row.stop}: ${weekday.format(found.start)}, not ${row.day}`);
        checked++;
      }
    }
    expect(problems).to.deep.equal([]);
    expect(checked).to.be.greaterThan(3000);
  });
});

describe('real library opening hours (public library data schema)', function () {
  before(function () {
    // Real UK data is never copied into the repository; without ATLAS_REAL_DATA there is nothing to read.
    if (!base) this.skip();
  });

  const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
  const CODES = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
  const hoursOf = (row: Record<string, string>): OpeningHours => {
    const hours: OpeningHours = {};
    DAYS.forEach((day, i) => {
      hours[CODES[i]!] = row[`${day} staffed hours`] ?? '';
    });
    return hours;
  };

  it('reads every library’s staffed hours but one, and names that one', async () => {
    const rows = await load('libraries/libraries_uk_schema_geocoded.csv');
    expect(rows.length).to.be.greaterThan(4000);
    const problems = rows.flatMap((row) => checkOpeningHours(hoursOf(row)).map((p) => `${row['Library name']}: ${p}`));
    // "10:00-00:00" (to midnight) and "07:00-02:00" (past midnight) are read
    // literally; only the lone "00:00" cannot be read.
    expect(problems).to.have.length(1);
    expect(problems[0]).to.contain('Phillip Whitehead Memorial Library').and.contain('"00:00"');
  });

  it('Copmanthorpe Library (York): slots and next opening, worked from its hours', async () => {
    const rows = await load('libraries/libraries_uk_schema_geocoded.csv');
    const row = rows.find((r) => r['Library name'] === 'Copmanthorpe Library');
    expect(row).to.not.equal(undefined);
    const library = { id: 'c', key: 'c', kind: 'asset', name: 'Copmanthorpe Library', schedule: [], openingHours: hoursOf(row!) } as unknown as AtlasListing;
    // Monday 09:00-13:00,14:00-17:30; Tuesday 14:00-18:30; Thursday 09:00-13:00;
    // Friday 14:00-17:30; Saturday 09:00-13:00; closed Wednesday and Sunday.
    expect([...weeklySlots(library)].sort()).to.deep.equal([
      'fr-afternoon', 'fr-evening', 'mo-afternoon', 'mo-evening', 'mo-morning',
      'sa-afternoon', 'sa-morning', 'th-afternoon', 'th-morning', 'tu-afternoon', 'tu-evening',
    ]);
    // Wednesday 25 November 2026: closed all day, so Thursday 09:00 GMT.
    expect(nextSession(library, new Date('2026-11-25T10:00:00Z'))?.start.toISOString()).to.equal('2026-11-26T09:00:00.000Z');
    // Monday 23 November, 13:15: the lunch break; it reopens at 14:00.
    expect(nextSession(library, new Date('2026-11-23T13:15:00Z'))?.start.toISOString()).to.equal('2026-11-23T14:00:00.000Z');
    // Wednesday 1 July 2026: Thursday 09:00 BST is 08:00 UTC.
    expect(nextSession(library, new Date('2026-07-01T10:00:00Z'))?.start.toISOString()).to.equal('2026-07-02T08:00:00.000Z');
  });
});
