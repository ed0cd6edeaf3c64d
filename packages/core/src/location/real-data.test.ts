/**
 * Postcode search offline, on real GB centroids (OS Code-Point Open derived
 * district and sector centres) and real mobile library stops in Cambridgeshire:
 * what `atlas import --postcodes` builds for a feed, and what a resident's
 * search then finds.
 */
import { expect } from '@open-wc/testing';
import { buildGazetteer, distanceMiles, lookupPostcode } from './index.js';
import type { CentroidRow } from './index.js';

// Declared in test/globals.d.ts: a URL prefix, or '' when ATLAS_REAL_DATA is unset.
const base = window.ATLAS_REAL_DATA ?? '';

/** Enough CSV for these files (quoted fields with commas; no quotes inside quotes that matter here). */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter(Boolean);
  const split = (line: string): string[] => (line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []).map((f) => f.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
  const header = split(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const values = split(line);
    return Object.fromEntries(header.map((h, i) => [h, values[i] ?? '']));
  });
}

async function load(path: string): Promise<Record<string, string>[]> {
  const response = await fetch(`${base}${path}`);
  expect(response.ok, `${path} should be served`).to.equal(true);
  return parseCsv(await response.text());
}

describe('postcode search on real centroids', function () {
  before(function () {
    // Real UK data is never copied into the repository; without ATLAS_REAL_DATA there is nothing to read.
    if (!base) this.skip();
  });

  it('builds a small gazetteer around Cambridgeshire stops and finds each stop’s postcode within a few miles of it', async () => {
    const [outcodes, sectors, stops] = await Promise.all([
      load('postcodes/outcodes_gb.csv'),
      load('postcodes/sectors_gb.csv'),
      load('mobile-libraries/cambridgeshire.csv'),
    ]);
    const withPostcode = stops.filter((s) => s.postcode);
    expect(withPostcode.length).to.be.greaterThan(100);
    const rows: CentroidRow[] = [
      ...outcodes.map((r) => ({ outcode: r.outcode, lat: r.lat ?? '', lng: r.lng ?? '' })),
      ...sectors.map((r) => ({ sector: r.sector, lat: r.lat ?? '', lng: r.lng ?? '' })),
    ];
    const gazetteer = buildGazetteer(rows, withPostcode.map((s) => s.postcode ?? ''));
    const districts = Object.keys(gazetteer.districts ?? {});
    // The county and a margin around it, not the whole country (2,863 districts).
    expect(districts).to.include('CB25');
    expect(districts).to.not.include('AB10');
    expect(districts.length).to.be.lessThan(300);
    // Real centroid of sector CB25 9, rounded to 4 places.
    expect(gazetteer.sectors?.['CB25 9']).to.deep.equal([52.2554, 0.21]);

    let far = 0;
    const unknown: string[] = [];
    for (const stop of withPostcode) {
      const place = await lookupPostcode((stop.postcode ?? '').toLowerCase(), { gazetteer });
      if (!place) {
        unknown.push(stop.postcode ?? '');
        continue;
      }
      expect(place.precision).to.be.oneOf(['sector', 'district']);
      const miles = distanceMiles({ lat: Number(stop.geoy), lng: Number(stop.geox) }, place);
      if (!(miles < 5)) far++;
    }
    // A sector centre is normally within a few miles of any address in it in rural
    // Cambridgeshire; allow a handful of large sectors or mistyped postcodes.
    expect(far).to.be.lessThan(withPostcode.length * 0.05);
    // Real timetables still carry postcodes of districts that were retired (PE17
    // was split up around 2000); those are not found rather than guessed.
    expect(unknown).to.include('PE17 1EP');
    expect(unknown.length).to.be.lessThan(withPostcode.length * 0.05);
  });
});
