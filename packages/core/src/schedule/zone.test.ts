import { expect } from '@open-wc/testing';
import { londonInstant, londonOffsetMinutes, ukRuleOffsetMinutes } from './zone.js';

const HOUR = 3_600_000;

/** London's offset as the browser's own time zone data gives it, asked afresh each time: the reference. */
const london = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
function intlOffset(t: number): number {
  const p: Record<string, number> = {};
  for (const part of london.formatToParts(new Date(t))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return Math.round((Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - t) / 60_000);
}

describe('London offset', () => {
  it('is what Intl says, every hour of March, October and November and every six hours otherwise, 1966–2045', () => {
    // 1968–71 (British Standard Time, BST all year), the 1970s and 1980s (other change dates) and
    // 1981–95 (October's change on the day after the fourth Saturday) are years the UK rule does not
    // describe, so these must come from Intl; 1996 on must agree whichever way they are worked out.
    const mismatches: string[] = [];
    for (let year = 1966; year <= 2045; year++) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); ) {
        if (londonOffsetMinutes(t) !== intlOffset(t)) mismatches.push(new Date(t).toISOString());
        const month = new Date(t).getUTCMonth();
        t += month === 2 || month === 9 || month === 10 ? HOUR : 6 * HOUR;
      }
    }
    expect(mismatches.slice(0, 10)).to.deep.equal([]);
  });
  it('is what Intl says one minute either side of every change, 1966–2045, asked in any order', () => {
    const changes: number[] = [];
    for (let t = Date.UTC(1966, 0, 1); t < Date.UTC(2046, 0, 1); t += HOUR) if (intlOffset(t) !== intlOffset(t - HOUR)) changes.push(t);
    // Years 1996 on change twice each, at 01:00 UTC; the earlier years add changes of their own.
    expect(changes.length).to.be.greaterThan(2 * 50);
    const mismatches: string[] = [];
    // Backwards and from far apart years in turn, so no answer leans on the year asked before.
    for (const t of [...changes].reverse().flatMap((c, i, all) => [c, all[all.length - 1 - i]!])) {
      for (const at of [t - 60_000, t, t + 60_000]) if (londonOffsetMinutes(at) !== intlOffset(at)) mismatches.push(new Date(at).toISOString());
    }
    expect(mismatches).to.deep.equal([]);
  });
  it('keeps to the UK summer-time rule from 1996, which it uses while Intl agrees', () => {
    const mismatches: string[] = [];
    for (let year = 1996; year <= 2045; year++) {
      for (const month of [2, 9]) {
        for (let t = Date.UTC(year, month, 20); t < Date.UTC(year, month + 1, 3); t += HOUR) {
          if (ukRuleOffsetMinutes(t) !== intlOffset(t)) mismatches.push(new Date(t).toISOString());
        }
      }
    }
    expect(mismatches).to.deep.equal([]);
  });
  it('asks the time zone data a few times a year, not twice a day: a finder opening works out thousands of offsets', () => {
    // The data is Temporal's where the browser has it, else Intl's; both are counted.
    const temporal = (globalThis as { Temporal?: { Instant: { fromEpochMilliseconds: (ms: number) => unknown } } }).Temporal;
    const formatToParts = Intl.DateTimeFormat.prototype.formatToParts;
    const fromEpochMilliseconds = temporal?.Instant.fromEpochMilliseconds;
    let calls = 0;
    Intl.DateTimeFormat.prototype.formatToParts = function (this: Intl.DateTimeFormat, date?: Date | number) {
      calls++;
      return formatToParts.call(this, date);
    };
    if (temporal && fromEpochMilliseconds) {
      temporal.Instant.fromEpochMilliseconds = (ms: number) => {
        calls++;
        return fromEpochMilliseconds.call(temporal.Instant, ms);
      };
    }
    try {
      // Every day at 10:00 and 22:00 UTC for thirty years no other test asks about.
      for (let t = Date.UTC(2050, 0, 1, 10); t < Date.UTC(2080, 0, 1); t += 12 * HOUR) londonOffsetMinutes(t);
    } finally {
      Intl.DateTimeFormat.prototype.formatToParts = formatToParts;
      if (temporal && fromEpochMilliseconds) temporal.Instant.fromEpochMilliseconds = fromEpochMilliseconds;
    }
    // 21,914 instants on 10,957 days: two questions a day would be 21,914.
    expect(calls).to.be.greaterThan(0);
    expect(calls).to.be.at.most(30 * 20);
  });
  it('asks no date formatter where the browser has Temporal: the first one a page makes loads date patterns, a long task', function () {
    if (!('Temporal' in globalThis)) this.skip(); // Safari, and browsers before Chromium 144 and Firefox 139, ask Intl
    const DateTimeFormat = Intl.DateTimeFormat;
    const formatToParts = DateTimeFormat.prototype.formatToParts;
    let asked = 0;
    Intl.DateTimeFormat = new Proxy(DateTimeFormat, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        asked++;
        return new target(...args);
      },
    });
    DateTimeFormat.prototype.formatToParts = function (this: Intl.DateTimeFormat, date?: Date | number) {
      asked++;
      return formatToParts.call(this, date);
    };
    let offsets = 0;
    try {
      // Years no other test asks about, across both changes: 2081 to 2090, every hour of March and October.
      for (let year = 2081; year <= 2090; year++) {
        for (const month of [2, 9]) for (let t = Date.UTC(year, month, 1); t < Date.UTC(year, month + 1, 1); t += HOUR) offsets += londonOffsetMinutes(t);
      }
    } finally {
      Intl.DateTimeFormat = DateTimeFormat;
      DateTimeFormat.prototype.formatToParts = formatToParts;
    }
    expect(offsets).to.be.greaterThan(0);
    expect(asked, 'questions to Intl.DateTimeFormat').to.equal(0);
  });
  it('changes at 01:00 UTC on 29 March and 25 October 2026', () => {
    expect(londonOffsetMinutes(Date.UTC(2026, 2, 29, 0, 59))).to.equal(0);
    expect(londonOffsetMinutes(Date.UTC(2026, 2, 29, 1, 0))).to.equal(60);
    expect(londonOffsetMinutes(Date.UTC(2026, 9, 25, 0, 59))).to.equal(60);
    expect(londonOffsetMinutes(Date.UTC(2026, 9, 25, 1, 0))).to.equal(0);
  });
  it('puts a 10:00 session at 09:00 UTC in summer and 10:00 UTC in winter, also in 1971, when BST ran all year', () => {
    const day = (y: number, m: number, d: number): number => Date.UTC(y, m, d) / 86_400_000;
    expect(new Date(londonInstant(day(2026, 6, 1), 600)).toISOString()).to.equal('2026-07-01T09:00:00.000Z');
    expect(new Date(londonInstant(day(2026, 0, 5), 600)).toISOString()).to.equal('2026-01-05T10:00:00.000Z');
    expect(new Date(londonInstant(day(1971, 0, 5), 600)).toISOString()).to.equal('1971-01-05T09:00:00.000Z');
  });
});
