import { expect } from '@open-wc/testing';
import { describeOpeningHours, describeSession, describeSessionLine } from './index.js';

const now = new Date('2026-11-23T12:00:00Z');

describe('describeSession', () => {
  const cases: [Parameters<typeof describeSession>[0], string][] = [
    [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }, 'Every Tuesday, 10am–11am'],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=TU,TH', start: '18:30' }, 'Every Tuesday and Thursday, from 6:30pm'],
    [{ rrule: 'FREQ=WEEKLY;INTERVAL=2', date: '2020-02-24', start: '9:30', end: '10:30' }, 'Every other Monday, 9:30am–10:30am'],
    [{ rrule: 'FREQ=WEEKLY;INTERVAL=4', date: '2020-03-03', start: '11:00', end: '11:30' }, 'Every 4 weeks on Tuesday, 11am–11:30am'],
    [{ rrule: 'FREQ=MONTHLY;BYDAY=2TU,4TU', start: '15:40', end: '16:45' }, 'Second and fourth Tuesday of the month, 3:40pm–4:45pm'],
    [{ rrule: 'FREQ=MONTHLY;BYDAY=-1FR', start: '19:00', end: '21:00' }, 'Last Friday of the month, 7pm–9pm'],
    [{ rrule: 'FREQ=MONTHLY;BYMONTHDAY=15', start: '12:00', end: '13:00' }, '15th of the month, midday–1pm'],
    [{ rrule: 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '09:00' }, 'Every weekday, 8am–9am'],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=WE;UNTIL=20261216', start: '10:00' }, 'Every Wednesday, from 10am, until Wednesday 16 December 2026'],
    [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', date: '2027-01-04', start: '10:00' }, 'Every Monday, from 10am, starting Monday 4 January 2027'],
    [{ date: '2026-12-05', start: '11:00', end: '15:00' }, 'Saturday 5 December 2026, 11am–3pm'],
  ];
  for (const [session, text] of cases) {
    it(text, () => expect(describeSession(session, now)).to.equal(text));
  }
  it('is undefined for a session that cannot be read', () => {
    expect(describeSession({ rrule: 'every other tuesday', start: '10:00' }, now)).to.equal(undefined);
    expect(describeSession({ rrule: 'FREQ=DAILY', start: '25:00' }, now)).to.equal(undefined);
  });
});

describe('describeSessionLine', () => {
  const van = { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', date: '2026-11-17', start: '10:00', end: '10:45', place: { en: 'Village hall car park', cy: 'Maes parcio neuadd y pentref' }, notes: 'Stops only in dry weather.' };
  it('says where a session is and what its notes say, after its times', () => {
    expect(describeSessionLine(van, 'en', now)).to.equal('Every other Tuesday, 10am–10:45am, Village hall car park. Stops only in dry weather.');
    expect(describeSessionLine({ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }, 'en', now)).to.equal('Every Tuesday, 10am–11am');
  });
  it('in Welsh, gives the times with the place and notes (the rule is not put in Welsh words), and nothing for a session with neither', () => {
    expect(describeSessionLine(van, 'cy', now)).to.equal('10yb–10:45yb, Maes parcio neuadd y pentref. Stops only in dry weather.');
    expect(describeSessionLine({ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00' }, 'cy', now)).to.equal(undefined);
  });
});

describe('describeOpeningHours', () => {
  it('lists the days given, with closed days and split days', () => {
    expect(describeOpeningHours({ mo: '09:00-13:00,14:00-17:00', tu: '', sa: 'nonsense' })).to.deep.equal([
      { day: 'mo', name: 'Monday', text: '9am–1pm, 2pm–5pm', closed: false },
      { day: 'tu', name: 'Tuesday', text: 'Closed', closed: true },
    ]);
  });

  it('gives the days and times in Welsh on a Welsh page', () => {
    expect(describeOpeningHours({ mo: '09:00-12:00,13:30-17:00', su: '' }, 'cy')).to.deep.equal([
      { day: 'mo', name: 'Dydd Llun', text: '9yb–canol dydd, 1:30yh–5yh', closed: false },
      { day: 'su', name: 'Dydd Sul', text: 'Ar gau', closed: true },
    ]);
  });
});
