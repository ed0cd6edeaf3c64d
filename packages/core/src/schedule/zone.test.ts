import { expect } from '@open-wc/testing';
import { londonOffsetMinutes, ukRuleOffsetMinutes } from './zone.js';

describe('London offset', () => {
  it('agrees with the UK summer-time rule every hour around each change, 2020–2030', () => {
    const mismatches: string[] = [];
    for (let year = 2020; year <= 2030; year++) {
      for (const month of [2, 9]) {
        // Every hour from the 20th of March or October to the 3rd of the next month.
        for (let t = Date.UTC(year, month, 20); t < Date.UTC(year, month + 1, 3); t += 3_600_000) {
          if (londonOffsetMinutes(t) !== ukRuleOffsetMinutes(t)) mismatches.push(new Date(t).toISOString());
        }
      }
    }
    expect(mismatches).to.deep.equal([]);
  });
  it('changes at 01:00 UTC on 29 March and 25 October 2026', () => {
    expect(londonOffsetMinutes(Date.UTC(2026, 2, 29, 0, 59))).to.equal(0);
    expect(londonOffsetMinutes(Date.UTC(2026, 2, 29, 1, 0))).to.equal(60);
    expect(londonOffsetMinutes(Date.UTC(2026, 9, 25, 0, 59))).to.equal(60);
    expect(londonOffsetMinutes(Date.UTC(2026, 9, 25, 1, 0))).to.equal(0);
  });
});
