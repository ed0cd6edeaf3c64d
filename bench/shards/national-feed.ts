/**
 * A national feed for bench/shards.bench.mjs: `count` listings from
 * test/support/generate.ts, given national ids and spread over postcode
 * districts (the real GB districts when a centroid CSV is given, weighted by
 * how many postcodes each holds; otherwise 2,400 made-up districts in 120
 * areas over Great Britain's box). Written a chunk at a time, so the feed is
 * never all in memory.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { generateFeed, prng } from '../../test/support/generate.js';

interface District { outcode: string; lat: number; lng: number; weight: number }

function realDistricts(csv: string): District[] {
  const [head, ...rows] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const cols = head!.split(',');
  const at = (name: string): number => cols.indexOf(name);
  return rows.map((row) => {
    const cells = row.split(',');
    return { outcode: cells[at('outcode')]!, lat: Number(cells[at('lat')]), lng: Number(cells[at('lng')]), weight: Number(cells[at('postcode_count')]) || 1 };
  }).filter((d) => Number.isFinite(d.lat) && Number.isFinite(d.lng));
}

function madeUpDistricts(): District[] {
  const random = prng(19);
  const letters = 'ABCDEFGHJKLMNOPRSTUWY';
  const out: District[] = [];
  for (let a = 0; a < 120; a++) {
    const area = `${letters[a % letters.length]}${letters[Math.floor(a / letters.length) + 3]}`;
    const lat = 50.2 + random() * 8;
    const lng = -5.3 + random() * 7;
    for (let d = 1; d <= 20; d++) out.push({ outcode: `${area}${d}`, lat: lat + (random() - 0.5) * 0.3, lng: lng + (random() - 0.5) * 0.5, weight: 1 });
  }
  return out;
}

export function writeNationalFeed(path: string, count: number, outcodesCsv?: string): { districts: number; real: boolean } {
  const districts = outcodesCsv ? realDistricts(outcodesCsv) : madeUpDistricts();
  const cumulative: number[] = [];
  let sum = 0;
  for (const d of districts) cumulative.push((sum += d.weight));
  const random = prng(2027);
  const pickDistrict = (): District => {
    const r = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return districts[lo]!;
  };
  const fd = openSync(path, 'w');
  const CHUNK = 10_000;
  const head = generateFeed(0);
  writeSync(fd, `${JSON.stringify({ ...head, publisher: { name: 'Benchland national directory', url: 'https://example.org' }, listings: [] }).slice(0, -2)}\n`);
  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    const chunk = generateFeed(n, 1000 + done / CHUNK).listings.map((listing, i) => {
      const d = pickDistrict();
      const inward = `${Math.floor(random() * 10)}${'ABDEFGHJLNPQRSTUWXYZ'[Math.floor(random() * 20)]}${'ABDEFGHJLNPQRSTUWXYZ'[Math.floor(random() * 20)]}`;
      const location = { ...listing.location!, postcode: `${d.outcode} ${inward}`, lat: Number((d.lat + (random() - 0.5) * 0.04).toFixed(5)), lng: Number((d.lng + (random() - 0.5) * 0.06).toFixed(5)) };
      return JSON.stringify({ ...listing, id: `n${done + i}`, location });
    });
    writeSync(fd, `${done ? ',\n' : ''}${chunk.join(',\n')}`);
  }
  writeSync(fd, '\n]}\n');
  closeSync(fd);
  return { districts: districts.length, real: Boolean(outcodesCsv) };
}
