import { expect } from '@open-wc/testing';
import { formatDate, formatDateTime, formatList, formatMiles, formatMoney, formatNumber, formatTime } from './format.js';
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

// This module writes English dates and numbers itself, so that a finder opening makes no Intl
// formatter (the first one loads the browser's locale data: a long task). Intl is the reference.
describe('English dates and numbers, against Intl', () => {
  const london = { timeZone: 'Europe/London' } as const;
  const intlDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', ...london });
  const intlDateWeekday = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', weekday: 'long', ...london });
  const intlDay = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', ...london });

  it('writes every date as Intl does in en-GB: each hour either side of midnight and the clock changes, 1990–2040', () => {
    const mismatches: string[] = [];
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2041, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) {
      const d = new Date(t);
      const day = intlDay.format(d);
      const ours = [formatDate(d, 'en-GB'), formatDate(d, 'en-GB', true), formatDateTime(d, 'en-GB').replace(/ at .*/, '')];
      const theirs = [intlDate.format(d), intlDateWeekday.format(d), day];
      if (ours.join('|') !== theirs.join('|')) mismatches.push(`${d.toISOString()}: ${ours.join('|')} ≠ ${theirs.join('|')}`);
    }
    expect(mismatches.slice(0, 5)).to.deep.equal([]);
  });

  it('writes numbers, miles and prices as Intl does in en-GB and cy-GB', () => {
    const values = [0, 1, 7, 12, 999, 1000, 1234, 12_345, 123_456, 1_234_567, 98_765_432, 2.5, 0.25, 9.95, 10.5, 1234.5, 0.05, 12.345, -3, -1234.5, -0.001];
    for (let i = 0; i < 300; i++) values.push(Math.round(Math.random() * 10 ** (1 + (i % 8))) / (i % 3 ? 100 : 1));
    const mismatches: string[] = [];
    for (const locale of ['en-GB', 'cy-GB']) {
      const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
      const two = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
      const pounds = new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });
      const pence = new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', maximumFractionDigits: 2 });
      for (const n of values) {
        const pairs: [string, string][] = [
          [formatNumber(n, locale), whole.format(n)],
          [formatNumber(n, locale, 2), two.format(n)],
          [formatMoney(Math.abs(n), locale), (Math.abs(n) % 1 ? pence : pounds).format(Math.abs(n))],
        ];
        for (const [ours, theirs] of pairs) if (ours !== theirs) mismatches.push(`${locale} ${n}: ${ours} ≠ ${theirs}`);
      }
    }
    expect(mismatches.slice(0, 5)).to.deep.equal([]);
    expect(formatMiles(0.04, 'en-GB')).to.equal('0');
    expect(formatMiles(3.46, 'en-GB')).to.equal('3.5');
    expect(formatMiles(1234.4, 'en-GB')).to.equal('1,234');
  });
});

describe('formatList', () => {
  it('joins words with "and" in English and "a" or "ac" in Welsh', () => {
    expect(formatList([], 'en')).to.equal('');
    expect(formatList(['walking'], 'en')).to.equal('walking');
    expect(formatList(['walking', 'exercise', 'sport'], 'en')).to.equal('walking, exercise and sport');
    expect(formatList(['cerdded', 'ymarfer', 'chwaraeon'], 'cy')).to.equal('cerdded, ymarfer, chwaraeon');
    // No "a" before the last: it would have to mutate "cymdeithasol" to "chymdeithasol", and a publisher's word may not be Welsh.
    expect(formatList(['cwmni', 'cymdeithasol'], 'cy')).to.equal('cwmni, cymdeithasol');
    expect(formatList(['cerdded', 'ymarfer corff'], 'cy')).to.equal('cerdded, ymarfer corff');
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
