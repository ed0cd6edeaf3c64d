import { expect } from '@open-wc/testing';
import { formatDate, formatDateTime, formatList, formatTime } from './format.js';
import { costLines } from '../listing/listing-strings.js';
import { loadLanguage } from '../translations/index.js';

// Welsh dates must read as Welsh in every browser, including Chromium builds whose
// Intl has no Welsh (they would print "Monday, November 23 at 10:05 AM").
describe('date formatting', () => {
  // A Welsh page loads its strings, and with them the Welsh day and month names, before it shows a date.
  before(() => loadLanguage('cy'));
  const monday = new Date('2026-11-23T10:05:00Z');
  const summer = new Date('2026-07-01T08:30:00Z'); // 09:30 in London (British Summer Time)

  it('writes Welsh day and month names, in London time', () => {
    expect(formatDateTime(monday, 'cy-GB')).to.equal('Dydd Llun, 23 Tachwedd am 10:05yb');
    expect(formatDateTime(summer, 'cy-GB')).to.equal('Dydd Mercher, 1 Gorffennaf am 9:30yb');
    expect(formatTime(summer, 'cy-GB')).to.equal('9:30yb');
    expect(formatTime(new Date('2026-11-23T18:30:00Z'), 'cy-GB')).to.equal('6:30yh');
    expect(formatDate('2026-03-10', 'cy-GB')).to.equal('10 Mawrth 2026');
    expect(formatDate('2026-03-10', 'cy-GB', true)).to.equal('Dydd Mawrth, 10 Mawrth 2026');
  });

  it('writes English dates the British way', () => {
    expect(formatDateTime(monday, 'en-GB')).to.equal('Monday 23 November at 10:05am');
    // As GOV.UK writes times, and as the schedules' own words do: never 18:30 beside 6:30pm.
    expect(formatDateTime(new Date('2026-12-02T18:30:00Z'), 'en-GB')).to.equal('Wednesday 2 December at 6:30pm');
    expect(formatTime(new Date('2026-07-01T11:00:00Z'), 'en-GB')).to.equal('midday');
    expect(formatDate('2026-03-10', 'en-GB')).to.equal('10 March 2026');
  });

  it('gives back text it cannot read as a date', () => {
    expect(formatDate('soon', 'cy-GB')).to.equal('soon');
    expect(formatDate(undefined, 'cy-GB')).to.equal('');
  });
});

describe('formatList', () => {
  it('joins words with "and" in English and "a" or "ac" in Welsh', () => {
    expect(formatList([], 'en')).to.equal('');
    expect(formatList(['walking'], 'en')).to.equal('walking');
    expect(formatList(['walking', 'exercise', 'sport'], 'en')).to.equal('walking, exercise and sport');
    expect(formatList(['cerdded', 'ymarfer', 'chwaraeon'], 'cy')).to.equal('cerdded, ymarfer a chwaraeon');
    expect(formatList(['cerdded', 'ymarfer corff'], 'cy')).to.equal('cerdded ac ymarfer corff');
  });
});

describe('costLines', () => {
  const t = { costFree: 'Free', costAmount: (a: string, per?: string) => (per ? `${a} a ${per}` : a), costPer: { session: 'session' }, locale: 'en-GB' };
  it('gives the price and the feed’s own words, but not the same thing twice', () => {
    expect(costLines({ amount: 3, per: 'session', description: '£3 a session' }, t, 'en')).to.deep.equal(['£3 a session']);
    expect(costLines({ amount: 3, per: 'session', description: '£3 a session.' }, t, 'en')).to.deep.equal(['£3 a session']);
    expect(costLines({ amount: 2.5, per: 'session', description: 'Concessions £1.50' }, t, 'en')).to.deep.equal(['£2.50 a session', 'Concessions £1.50']);
    expect(costLines({ free: true, description: { en: 'Free', cy: 'Am ddim' } }, t, 'en')).to.deep.equal(['Free']);
    expect(costLines({ description: 'Pay what you can' }, t, 'en')).to.deep.equal(['Pay what you can']);
    expect(costLines(undefined, t, 'en')).to.deep.equal([]);
  });
});
