import { expect } from '@open-wc/testing';
import type { AtlasListing } from '../feed/normalised.js';
import type { OpeningHours, Session } from '../feed/types.js';
import {
  checkOpeningHours,
  checkSchedule,
  formatClock,
  hasSessionBetween,
  isOnNow,
  londonDate,
  londonMidnightAfter,
  londonWeekday,
  matchesWhen,
  nextSession,
  parseOpeningHours,
  upcomingSessions,
  weeklySlots,
} from './index.js';

function listing(schedule: Session[], openingHours?: OpeningHours): AtlasListing {
  return {
    id: 'x', key: 'x', publisherId: 'p', kind: 'activity', name: 'Test',
    referral: [], categories: [], needs: [], keywords: [], accessibility: [], languages: [], delivery: [], areas: [],
    schedule, openingHours,
  };
}
const iso = (d: Date | undefined): string | undefined => d?.toISOString();

describe('nextSession', () => {
  it('finds the next weekly session in GMT (Monday 23 Nov 2026 → Tuesday 24th 10:00 = 10:00 UTC)', () => {
    const next = nextSession(listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }]), new Date('2026-11-23T09:00:00Z'));
    expect(iso(next?.start)).to.equal('2026-11-24T10:00:00.000Z');
    expect(iso(next?.end)).to.equal('2026-11-24T11:00:00.000Z');
  });

  it('keeps 10:00 local in BST (Tuesday 2 June 2026 10:00 BST = 09:00 UTC)', () => {
    const next = nextSession(listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00' }]), new Date('2026-06-01T12:00:00Z'));
    expect(iso(next?.start)).to.equal('2026-06-02T09:00:00.000Z');
  });

  it('returns a session under way, so a finder can say "on now"', () => {
    const next = nextSession(listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }]), new Date('2026-11-24T10:30:00Z'));
    expect(iso(next?.start)).to.equal('2026-11-24T10:00:00.000Z');
  });

  describe('across the clock changes (last Sundays of March and October)', () => {
    const sunday = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '10:00', end: '11:00' }]);
    const cases: [string, string, string][] = [
      // 2026: BST starts Sunday 29 March, ends Sunday 25 October.
      ['2026-03-21T12:00:00Z', '2026-03-22T10:00:00.000Z', 'last GMT Sunday before March 2026 change'],
      ['2026-03-28T12:00:00Z', '2026-03-29T09:00:00.000Z', '29 March 2026, the first BST morning'],
      ['2026-10-17T12:00:00Z', '2026-10-18T09:00:00.000Z', 'last BST Sunday, 18 October 2026'],
      ['2026-10-24T12:00:00Z', '2026-10-25T10:00:00.000Z', '25 October 2026, back to GMT'],
      // 2027: BST starts Sunday 28 March, ends Sunday 31 October.
      ['2027-03-27T12:00:00Z', '2027-03-28T09:00:00.000Z', '28 March 2027'],
      ['2027-10-30T12:00:00Z', '2027-10-31T10:00:00.000Z', '31 October 2027'],
    ];
    for (const [from, expected, what] of cases) {
      it(what, () => expect(iso(nextSession(sunday, new Date(from))?.start)).to.equal(expected));
    }

    it('moves a time the clocks skip (01:30 on 29 March 2026) to 02:30 BST', () => {
      const next = nextSession(listing([{ date: '2026-03-29', start: '01:30' }]), new Date('2026-03-28T00:00:00Z'));
      expect(iso(next?.start)).to.equal('2026-03-29T01:30:00.000Z');
    });

    it('gives a session over the October change its real length (00:30–02:30 on 25 Oct 2026 lasts three hours)', () => {
      const next = nextSession(listing([{ date: '2026-10-25', start: '00:30', end: '02:30' }]), new Date('2026-10-24T00:00:00Z'));
      expect(iso(next?.start)).to.equal('2026-10-24T23:30:00.000Z');
      expect(iso(next?.end)).to.equal('2026-10-25T02:30:00.000Z');
    });
  });

  it('counts "every 2 weeks" from the session date (from Tue 3 Nov 2026: 17 Nov, not 10 Nov)', () => {
    const l = listing([{ rrule: 'FREQ=WEEKLY;INTERVAL=2', date: '2026-11-03', start: '10:00' }]);
    expect(iso(nextSession(l, new Date('2026-11-04T00:00:00Z'))?.start)).to.equal('2026-11-17T10:00:00.000Z');
    expect(iso(nextSession(l, new Date('2026-11-18T00:00:00Z'))?.start)).to.equal('2026-12-01T10:00:00.000Z');
  });

  it('does not run before its first date', () => {
    const l = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', date: '2027-01-05', start: '10:00' }]);
    expect(iso(nextSession(l, new Date('2026-11-23T00:00:00Z'))?.start)).to.equal('2027-01-05T10:00:00.000Z');
  });

  it('finds the nth weekday of the month: 2TU in November 2026 is the 10th', () => {
    const l = listing([{ rrule: 'FREQ=MONTHLY;BYDAY=2TU', start: '14:00' }]);
    expect(iso(nextSession(l, new Date('2026-11-01T00:00:00Z'))?.start)).to.equal('2026-11-10T14:00:00.000Z');
    expect(iso(nextSession(l, new Date('2026-11-11T00:00:00Z'))?.start)).to.equal('2026-12-08T14:00:00.000Z');
  });

  it('finds the last Friday (-1FR) and skips an excepted date: 25 Dec 2026 → 29 Jan 2027', () => {
    const l = listing([{ rrule: 'FREQ=MONTHLY;BYDAY=-1FR', start: '19:00', except: ['2026-12-25'] }]);
    expect(iso(nextSession(l, new Date('2026-11-01T00:00:00Z'))?.start)).to.equal('2026-11-27T19:00:00.000Z');
    expect(iso(nextSession(l, new Date('2026-11-28T00:00:00Z'))?.start)).to.equal('2027-01-29T19:00:00.000Z');
  });

  it('stops at COUNT (3 daily sessions from 23 Nov 2026: the last is the 25th)', () => {
    const l = listing([{ rrule: 'FREQ=DAILY;COUNT=3', date: '2026-11-23', start: '09:00' }]);
    expect(iso(nextSession(l, new Date('2026-11-25T08:00:00Z'))?.start)).to.equal('2026-11-25T09:00:00.000Z');
    expect(nextSession(l, new Date('2026-11-25T10:00:00Z'))).to.equal(undefined);
  });

  it('stops at UNTIL in the rule and at the session’s until date', () => {
    const byRule = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20261201', start: '10:00' }]);
    const byField = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', until: '2026-12-01', start: '10:00' }]);
    for (const l of [byRule, byField]) {
      expect(iso(nextSession(l, new Date('2026-11-30T00:00:00Z'))?.start)).to.equal('2026-12-01T10:00:00.000Z');
      expect(nextSession(l, new Date('2026-12-02T00:00:00Z'))).to.equal(undefined);
    }
  });

  it('handles one-off dates, past and future', () => {
    const l = listing([{ date: '2026-12-05', start: '11:00', end: '15:00' }]);
    expect(iso(nextSession(l, new Date('2026-11-23T00:00:00Z'))?.start)).to.equal('2026-12-05T11:00:00.000Z');
    expect(nextSession(l, new Date('2026-12-06T00:00:00Z'))).to.equal(undefined);
  });

  it('picks the earliest of several sessions', () => {
    const l = listing([
      { rrule: 'FREQ=WEEKLY;BYDAY=FR', start: '10:00' },
      { rrule: 'FREQ=WEEKLY;BYDAY=WE', start: '18:00' },
    ]);
    expect(iso(nextSession(l, new Date('2026-11-23T00:00:00Z'))?.start)).to.equal('2026-11-25T18:00:00.000Z');
  });

  it('finds the next opening from opening hours, and the current one while open', () => {
    const library = listing([], { mo: '09:00-13:00,14:00-17:00', we: '10:00-16:00' });
    // Monday 23 November 2026, 13:30 GMT: closed for lunch.
    expect(iso(nextSession(library, new Date('2026-11-23T13:30:00Z'))?.start)).to.equal('2026-11-23T14:00:00.000Z');
    expect(iso(nextSession(library, new Date('2026-11-23T10:00:00Z'))?.start)).to.equal('2026-11-23T09:00:00.000Z');
    // After Monday's close the next opening is Wednesday.
    expect(iso(nextSession(library, new Date('2026-11-23T17:00:00Z'))?.start)).to.equal('2026-11-25T10:00:00.000Z');
  });
});

describe('isOnNow and hasSessionBetween', () => {
  const walk = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }]);
  it('is on during a session and not after it', () => {
    expect(isOnNow(walk, new Date('2026-11-24T10:30:00Z'))).to.equal(true);
    expect(isOnNow(walk, new Date('2026-11-24T11:00:00Z'))).to.equal(false);
    expect(isOnNow(walk, new Date('2026-11-24T09:59:00Z'))).to.equal(false);
  });
  it('is open during opening hours in BST', () => {
    const library = listing([], { sa: '09:00-12:00' });
    // Saturday 6 June 2026, 08:30 UTC = 09:30 BST.
    expect(isOnNow(library, new Date('2026-06-06T08:30:00Z'))).to.equal(true);
    expect(isOnNow(library, new Date('2026-06-06T11:30:00Z'))).to.equal(false);
  });
  it('is never on now for a session with no end time', () => {
    expect(isOnNow(listing([{ rrule: 'FREQ=DAILY', start: '10:00' }]), new Date('2026-11-24T10:30:00Z'))).to.equal(false);
  });
  it('finds a session inside a window and none outside it', () => {
    expect(hasSessionBetween(walk, new Date('2026-11-24T00:00:00Z'), new Date('2026-11-25T00:00:00Z'))).to.equal(true);
    expect(hasSessionBetween(walk, new Date('2026-11-25T00:00:00Z'), new Date('2026-11-30T00:00:00Z'))).to.equal(false);
    // A window that starts while the session is on overlaps it.
    expect(hasSessionBetween(walk, new Date('2026-11-24T10:59:00Z'), new Date('2026-11-24T12:00:00Z'))).to.equal(true);
  });
});

describe('upcomingSessions', () => {
  it('merges sessions and opening hours in order', () => {
    const l = listing(
      [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '18:00', end: '19:00' }, { date: '2026-11-24', start: '12:00' }],
      { tu: '09:00-11:00' },
    );
    const list = upcomingSessions(l, new Date('2026-11-23T00:00:00Z'), 4).map((s) => iso(s.start));
    expect(list).to.deep.equal([
      '2026-11-24T09:00:00.000Z',
      '2026-11-24T12:00:00.000Z',
      '2026-11-24T18:00:00.000Z',
      '2026-12-01T09:00:00.000Z',
    ]);
  });
  it('shows a session given twice only once', () => {
    const l = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '18:00' }, { date: '2026-11-24', start: '18:00' }]);
    expect(upcomingSessions(l, new Date('2026-11-23T00:00:00Z'), 2).map((s) => iso(s.start))).to.deep.equal([
      '2026-11-24T18:00:00.000Z',
      '2026-12-01T18:00:00.000Z',
    ]);
  });
});

describe('weeklySlots', () => {
  it('lists each weekday and part of the day a listing runs or is open in', () => {
    const l = listing(
      [
        { rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', start: '10:00', end: '13:00' },
        { rrule: 'FREQ=MONTHLY;BYDAY=-1FR', start: '19:00' },
      ],
      { sa: '09:00-12:00' },
    );
    expect([...weeklySlots(l)].sort()).to.deep.equal(
      ['fr-evening', 'sa-morning', 'th-afternoon', 'th-morning', 'tu-afternoon', 'tu-morning'],
    );
  });
  it('uses the first date’s weekday for a rule without BYDAY', () => {
    const l = listing([{ rrule: 'FREQ=WEEKLY;INTERVAL=4', date: '2020-03-03', start: '11:00', end: '11:30' }]);
    expect([...weeklySlots(l)]).to.deep.equal(['tu-morning']);
  });
  it('puts 17:00 in the evening and 12:00 in the afternoon', () => {
    expect([...weeklySlots(listing([{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '17:00' }]))]).to.deep.equal(['mo-evening']);
    expect([...weeklySlots(listing([{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '12:00' }]))]).to.deep.equal(['mo-afternoon']);
  });
  it('leaves out, given a date, the sessions that are over by then (a finished summer scheme, a one-off last year)', () => {
    const l = listing([
      { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE', date: '2026-07-27', until: '2026-08-28', start: '10:00', end: '15:00' },
      { date: '2026-10-03', start: '19:00' },
      { rrule: 'FREQ=WEEKLY;BYDAY=TU;UNTIL=20260901T000000Z', start: '14:00' },
      { rrule: 'FREQ=WEEKLY;BYDAY=TH', start: '10:00', end: '11:00' },
    ]);
    const now = new Date('2026-11-22T12:00:00Z');
    expect([...weeklySlots(l, now)]).to.deep.equal(['th-morning']);
    expect([...weeklySlots(l)].sort()).to.deep.equal(['mo-afternoon', 'mo-morning', 'sa-evening', 'th-morning', 'tu-afternoon', 'we-afternoon', 'we-morning']);
    // Still on its last day until it ends; a one-off still to come counts.
    expect([...weeklySlots(l, new Date('2026-08-26T13:00:00Z'))].sort()).to.include.members(['mo-morning', 'we-afternoon', 'sa-evening']);
    expect(weeklySlots(listing([{ date: '2026-08-28', start: '10:00', end: '15:00' }]), new Date('2026-08-28T12:00:00Z')).size).to.equal(2);
  });
});

describe('bad input', () => {
  it('reports a rule that does not parse and leaves the rest of the listing working', () => {
    const bad: Session = { rrule: 'every other tuesday', start: '10:00' };
    expect(checkSchedule(bad)).to.be.a('string');
    const l = listing([bad, { rrule: 'FREQ=WEEKLY;BYDAY=WE', start: '10:00' }]);
    expect(iso(nextSession(l, new Date('2026-11-23T00:00:00Z'))?.start)).to.equal('2026-11-25T10:00:00.000Z');
    expect(nextSession(listing([bad]), new Date('2026-11-23T00:00:00Z'))).to.equal(undefined);
    expect(weeklySlots(listing([bad])).size).to.equal(0);
  });
  it('names what is wrong with unsupported or malformed rules', () => {
    expect(checkSchedule({ rrule: 'FREQ=HOURLY', start: '10:00' })).to.contain('FREQ=HOURLY');
    expect(checkSchedule({ rrule: 'FREQ=MONTHLY;BYDAY=6TU', start: '10:00' })).to.contain('6TU');
    expect(checkSchedule({ rrule: 'FREQ=WEEKLY;INTERVAL=0', start: '10:00' })).to.contain('INTERVAL');
    expect(checkSchedule({ rrule: 'BYDAY=TU', start: '10:00' })).to.contain('FREQ');
    expect(checkSchedule({ rrule: 'FREQ=WEEKLY;INTERVAL=2', start: '10:00' })).to.contain('date of the first session');
  });
  it('rejects times like 25:00 and 10:60', () => {
    expect(checkSchedule({ rrule: 'FREQ=DAILY', start: '25:00' })).to.contain('25:00');
    expect(checkSchedule({ rrule: 'FREQ=DAILY', start: '10:00', end: '10:60' })).to.contain('10:60');
    expect(nextSession(listing([{ rrule: 'FREQ=DAILY', start: '25:00' }]), new Date('2026-11-23T00:00:00Z'))).to.equal(undefined);
  });
  it('rejects an until before the start date', () => {
    const s: Session = { rrule: 'FREQ=WEEKLY;BYDAY=TU', date: '2026-11-03', until: '2026-10-01', start: '10:00' };
    expect(checkSchedule(s)).to.contain('before the first date');
    expect(nextSession(listing([s]), new Date('2026-09-01T00:00:00Z'))).to.equal(undefined);
  });
  it('rejects dates that do not exist and sessions with neither date nor rule', () => {
    expect(checkSchedule({ date: '2026-02-30', start: '10:00' })).to.contain('2026-02-30');
    expect(checkSchedule({ start: '10:00' })).to.contain('date');
  });
  it('accepts good sessions', () => {
    expect(checkSchedule({ rrule: 'RRULE:FREQ=MONTHLY;BYDAY=1TU,3TU', start: '9:30', end: '10:15' })).to.equal(undefined);
  });
  it('returns nothing for an invalid date instead of throwing', () => {
    const l = listing([{ rrule: 'FREQ=DAILY', start: '10:00' }]);
    expect(nextSession(l, new Date(Number.NaN))).to.equal(undefined);
    expect(isOnNow(l, new Date(Number.NaN))).to.equal(false);
  });
  it('skips bad opening hours and reports them', () => {
    const l = listing([], { mo: '25:00-26:00', tu: '09:00-12:00' });
    expect(checkOpeningHours(l.openingHours)).to.have.length(1);
    expect(iso(nextSession(l, new Date('2026-11-23T00:00:00Z'))?.start)).to.equal('2026-11-24T09:00:00.000Z');
  });
});

describe('parseOpeningHours and formatClock', () => {
  it('reads the library data format', () => {
    expect(parseOpeningHours('09:00-13:00,14:00-17:00')).to.deep.equal([{ start: 540, end: 780 }, { start: 840, end: 1020 }]);
    expect(parseOpeningHours('1:00-18:00')).to.deep.equal([{ start: 60, end: 1080 }]);
    expect(parseOpeningHours('')).to.deep.equal([]);
    expect(parseOpeningHours('00:00')).to.equal(undefined);
    expect(parseOpeningHours('10:00-10:00')).to.equal(undefined);
    expect(parseOpeningHours('10:00-24:00')).to.deep.equal([{ start: 600, end: 1440 }]);
  });
  it('reads an end of 00:00 as midnight and an earlier end as after midnight', () => {
    expect(parseOpeningHours('10:00-00:00')).to.deep.equal([{ start: 600, end: 1440 }]);
    expect(parseOpeningHours('19:00-02:00')).to.deep.equal([{ start: 1140, end: 1560 }]);
    const late = listing([], { fr: '19:00-02:00' });
    // Saturday 28 November 2026, 01:00: still open from Friday night.
    expect(isOnNow(late, new Date('2026-11-28T01:00:00Z'))).to.equal(true);
    expect(nextSession(late, new Date('2026-11-28T01:00:00Z'))?.end?.toISOString()).to.equal('2026-11-28T02:00:00.000Z');
  });
  it('writes times the GOV.UK way, in English and Welsh', () => {
    expect([540, 810, 720, 0, 1020].map((m) => formatClock(m))).to.deep.equal(['9am', '1:30pm', 'midday', 'midnight', '5pm']);
    expect(formatClock(540, 'cy')).to.equal('9yb');
  });
  it('gives the London date of an instant', () => {
    expect(londonDate(new Date('2026-06-30T23:30:00Z'))).to.equal('2026-07-01');
    expect(londonDate(new Date('2026-12-31T23:30:00Z'))).to.equal('2026-12-31');
  });
});

describe('matchesWhen, londonWeekday and londonMidnightAfter', () => {
  const tuesdayWalk = listing([{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }]);
  it('matches today only until the UK day ends', () => {
    // Monday 23 November 2026: the walk is tomorrow.
    expect(matchesWhen(tuesdayWalk, 'today', new Date('2026-11-23T12:00:00Z'))).to.equal(false);
    expect(matchesWhen(tuesdayWalk, 'today', new Date('2026-11-24T08:00:00Z'))).to.equal(true);
    expect(matchesWhen(tuesdayWalk, 'today', new Date('2026-11-24T11:30:00Z'))).to.equal(false);
  });
  it('matches this week over the next seven UK days', () => {
    // Wednesday 25th: next Tuesday (1 December) is within today and the next six days.
    expect(matchesWhen(tuesdayWalk, 'this-week', new Date('2026-11-25T12:00:00Z'))).to.equal(true);
    const fortnightly = listing([{ rrule: 'FREQ=WEEKLY;INTERVAL=2', date: '2026-11-24', start: '10:00' }]);
    expect(matchesWhen(fortnightly, 'this-week', new Date('2026-11-25T12:00:00Z'))).to.equal(false);
  });
  it('matches now only while on, and nothing for an unknown value', () => {
    expect(matchesWhen(tuesdayWalk, 'now', new Date('2026-11-24T10:15:00Z'))).to.equal(true);
    expect(matchesWhen(tuesdayWalk, 'soon', new Date('2026-11-24T10:15:00Z'))).to.equal(false);
  });
  it('uses the UK date, not UTC, around midnight in summer', () => {
    // 23:30 UTC on Monday 29 June 2026 is 00:30 BST on Tuesday.
    expect(londonWeekday(new Date('2026-06-29T23:30:00Z'))).to.equal('tu');
    expect(londonMidnightAfter(new Date('2026-06-29T12:00:00Z')).toISOString()).to.equal('2026-06-29T23:00:00.000Z');
    expect(londonMidnightAfter(new Date('2026-10-24T12:00:00Z'), 2).toISOString()).to.equal('2026-10-26T00:00:00.000Z');
  });
});
