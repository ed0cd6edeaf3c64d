import { expect } from '@open-wc/testing';
import type { AtlasListing } from '../feed/normalised.js';
import type { Session } from '../feed/types.js';
import { checkSchedule, nextSession, parseRecurrence, upcomingSessions, weeklySlots } from './index.js';

const listing = (schedule: Session[]): AtlasListing =>
  ({ id: 'x', key: 'x', kind: 'activity', name: 'x', schedule }) as unknown as AtlasListing;
const dates = (schedule: Session[], from: string, count: number): string[] =>
  upcomingSessions(listing(schedule), new Date(from), count).map((s) => s.start.toISOString().slice(0, 16));

describe('recurrence rules beyond the everyday', () => {
  it('runs every other day from the first date (FREQ=DAILY;INTERVAL=2)', () => {
    expect(dates([{ rrule: 'FREQ=DAILY;INTERVAL=2', date: '2026-11-20', start: '08:00' }], '2026-11-23T00:00:00Z', 3)).to.deep.equal([
      '2026-11-24T08:00', '2026-11-26T08:00', '2026-11-28T08:00',
    ]);
  });

  it('runs on weekdays only (FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR)', () => {
    // Friday 27 November 2026, then Monday 30th.
    expect(dates([{ rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', start: '09:00' }], '2026-11-27T00:00:00Z', 2)).to.deep.equal([
      '2026-11-27T09:00', '2026-11-30T09:00',
    ]);
  });

  it('runs on a date of the month, skipping months without it (BYMONTHDAY=31)', () => {
    expect(dates([{ rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', start: '12:00' }], '2026-11-01T00:00:00Z', 2)).to.deep.equal([
      '2026-12-31T12:00', '2027-01-31T12:00',
    ]);
  });

  it('runs on the last day of the month (BYMONTHDAY=-1) and in chosen months only (BYMONTH)', () => {
    expect(dates([{ rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1;BYMONTH=2,11', start: '12:00' }], '2026-11-01T00:00:00Z', 3)).to.deep.equal([
      '2026-11-30T12:00', '2027-02-28T12:00', '2027-11-30T12:00',
    ]);
  });

  it('runs every third month from the first date (FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO)', () => {
    // From January 2026: January, April, July, October 2026, January 2027. First Mondays: 5 Oct 2026 (BST), 4 Jan 2027.
    expect(dates([{ rrule: 'FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO', date: '2026-01-05', start: '18:00' }], '2026-09-01T00:00:00Z', 2)).to.deep.equal([
      '2026-10-05T17:00', '2027-01-04T18:00',
    ]);
  });

  it('runs once a year on the first date, and on 29 February only in leap years', () => {
    const leap: Session[] = [{ rrule: 'FREQ=YEARLY', date: '2024-02-29', start: '10:00' }];
    expect(dates(leap, '2025-01-01T00:00:00Z', 1)).to.deep.equal(['2028-02-29T10:00']);
    expect(dates(leap, '2028-03-01T00:00:00Z', 1)).to.deep.equal(['2032-02-29T10:00']);
  });

  it('counts fortnights from the week start named by WKST', () => {
    // Sunday-start weeks: the fortnight that holds Sunday 1 Nov 2026 also holds Monday 2 Nov.
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,MO;WKST=SU';
    expect(dates([{ rrule: rule, date: '2026-11-01', start: '10:00' }], '2026-11-01T00:00:00Z', 4)).to.deep.equal([
      '2026-11-01T10:00', '2026-11-02T10:00', '2026-11-15T10:00', '2026-11-16T10:00',
    ]);
  });

  it('stops at a UNTIL date-time in UTC', () => {
    // 09:00 BST is 08:00 UTC, before 08:30Z on 7 July; the next week is past it.
    const s: Session = { rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20260707T083000Z', start: '09:00' };
    expect(dates([s], '2026-07-01T00:00:00Z', 3)).to.deep.equal(['2026-07-07T08:00']);
  });

  it('treats an end before the start as running past midnight', () => {
    const l = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=FR', start: '22:00', end: '02:00' }]);
    // Saturday 28 November 2026 01:00: Friday night's session is still on.
    const next = nextSession(l, new Date('2026-11-28T01:00:00Z'));
    expect(next?.start.toISOString()).to.equal('2026-11-27T22:00:00.000Z');
    expect(next?.end?.toISOString()).to.equal('2026-11-28T02:00:00.000Z');
    expect([...weeklySlots(l)]).to.deep.equal(['fr-evening']);
  });

  it('counts a date-of-month rule on every weekday for the day filter', () => {
    expect(weeklySlots(listing([{ rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', start: '10:00' }])).size).to.equal(7);
  });

  it('gives the same answer when asked again later, and a new one after the session ends', () => {
    const l = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }]);
    const first = nextSession(l, new Date('2026-11-23T00:00:00Z'));
    const again = nextSession(l, new Date('2026-11-24T10:59:00Z'));
    expect(again?.start.toISOString()).to.equal(first?.start.toISOString());
    expect(nextSession(l, new Date('2026-11-24T11:00:00Z'))?.start.toISOString()).to.equal('2026-12-01T10:00:00.000Z');
    // The shared answer cannot be changed by one caller under another's feet.
    expect(Object.isFrozen(again)).to.equal(true);
  });
});

describe('parseRecurrence problems', () => {
  const problems: [string, string][] = [
    ['FREQ=WEEKLY;BYDAY=XX', 'XX'],
    ['FREQ=WEEKLY;BYDAY=2TU', 'FREQ=MONTHLY'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20270101', 'both COUNT and UNTIL'],
    ['FREQ=WEEKLY;UNTIL=2027-01-01', 'UNTIL'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'twice'],
    ['FREQ=WEEKLY;BYSETPOS=1', 'BYSETPOS'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', '32'],
    ['FREQ=YEARLY;BYMONTH=3', 'YEARLY'],
    ['FREQ=WEEKLY;INTERVAL', 'NAME=VALUE'],
    ['', 'empty'],
  ];
  for (const [rule, words] of problems) {
    it(`explains "${rule}"`, () => {
      const result = parseRecurrence(rule);
      expect(result).to.be.a('string');
      expect(result as string).to.contain(words);
    });
  }

  it('needs a first date for COUNT and for a monthly rule on the date', () => {
    expect(checkSchedule({ rrule: 'FREQ=DAILY;COUNT=3', start: '10:00' })).to.contain('COUNT');
    expect(checkSchedule({ rrule: 'FREQ=MONTHLY', start: '10:00' })).to.contain('first session');
  });

  it('rejects an UNTIL before the first date, and an except list that is not dates', () => {
    expect(checkSchedule({ rrule: 'FREQ=DAILY;UNTIL=20260101', date: '2026-02-01', start: '10:00' })).to.contain('UNTIL');
    expect(checkSchedule({ rrule: 'FREQ=DAILY', except: ['Christmas'], start: '10:00' })).to.contain('Christmas');
  });
});
