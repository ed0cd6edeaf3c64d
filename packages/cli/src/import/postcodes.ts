/**
 * Offline geocoding from postcode-centroid CSVs: full postcode first, then sector
 * ("NB1 2"), then district ("NB1"). No request leaves the machine.
 */
import Papa from 'papaparse';
import type { Gazetteer } from '@community-atlas/core';

type GeocodePrecision = 'postcode' | 'sector' | 'district';

export interface Centroids {
  postcodes: Map<string, [number, number]>;
  sectors: Map<string, [number, number]>;
  districts: Map<string, [number, number]>;
}

export function emptyCentroids(): Centroids {
  return { postcodes: new Map(), sectors: new Map(), districts: new Map() };
}

const UK_POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/;

/**
 * "nb12aa", " NB1  2AA " and "Nb1 2aa" all become "NB1 2AA". Anything that is not
 * shaped like a UK postcode comes back undefined, so the caller keeps the original.
 */
export function normalisePostcode(text: string): string | undefined {
  const compact = text.toUpperCase().replace(/\s+/g, '');
  const match = UK_POSTCODE.exec(compact);
  return match ? `${match[1]} ${match[2]}` : undefined;
}

export function sectorOf(postcode: string): string {
  return postcode.slice(0, -2);
}

export function districtOf(postcode: string): string {
  return postcode.split(' ')[0] as string;
}

const KEY_COLUMNS: Record<string, keyof Centroids> = {
  postcode: 'postcodes',
  pcd: 'postcodes',
  pcds: 'postcodes',
  sector: 'sectors',
  postcode_sector: 'sectors',
  outcode: 'districts',
  district: 'districts',
  postcode_district: 'districts',
};

/**
 * Reads one centroid CSV into `into`. Which table it fills comes from the name of
 * its key column (postcode, sector or outcode/district), so any mix of files works.
 */
export function readCentroidCsv(text: string, fileName: string, into: Centroids): { table: keyof Centroids; rows: number } {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: 'greedy' });
  const fields = (parsed.meta.fields ?? []).map((f) => f.trim().toLowerCase());
  const original = parsed.meta.fields ?? [];
  const keyIndex = fields.findIndex((f) => f in KEY_COLUMNS);
  const latIndex = fields.findIndex((f) => f === 'lat' || f === 'latitude');
  const lngIndex = fields.findIndex((f) => f === 'lng' || f === 'lon' || f === 'long' || f === 'longitude');
  if (keyIndex < 0 || latIndex < 0 || lngIndex < 0) {
    throw new Error(
      `${fileName}: a postcode-centroid file needs a postcode, sector or outcode column and lat and lng columns; its columns are ${original.join(', ') || '(none)'}.`,
    );
  }
  const table = KEY_COLUMNS[fields[keyIndex] as string] as keyof Centroids;
  const [keyCol, latCol, lngCol] = [original[keyIndex], original[latIndex], original[lngIndex]] as [string, string, string];
  let rows = 0;
  for (const row of parsed.data) {
    const rawKey = (row[keyCol] ?? '').toUpperCase().replace(/\s+/g, ' ').trim();
    const lat = Number(row[latCol]);
    const lng = Number(row[lngCol]);
    if (!rawKey || !Number.isFinite(lat) || !Number.isFinite(lng) || (lat === 0 && lng === 0)) continue;
    const key = table === 'postcodes' ? normalisePostcode(rawKey) : rawKey;
    if (!key) continue;
    into[table].set(key, [lat, lng]);
    rows++;
  }
  return { table, rows };
}

/** The most precise centroid known for a (normalised) postcode. */
export function geocode(postcode: string, centroids: Centroids): { lat: number; lng: number; precision: GeocodePrecision } | undefined {
  const tries: [Map<string, [number, number]>, string, GeocodePrecision][] = [
    [centroids.postcodes, postcode, 'postcode'],
    [centroids.sectors, sectorOf(postcode), 'sector'],
    [centroids.districts, districtOf(postcode), 'district'],
  ];
  for (const [table, key, precision] of tries) {
    const found = table.get(key);
    if (found) return { lat: found[0], lng: found[1], precision };
  }
  return undefined;
}

interface CoverageOptions {
  /** How far beyond the listings' box districts are included. Default 10 miles: a rural district's centre can be that far from a home at its edge. */
  marginMiles?: number;
  /** How far from the nearest listing sectors are included. Default 10 miles. */
  sectorMiles?: number;
}

const MILES_PER_DEGREE_LAT = 69.05;
const round4 = (n: number): number => Math.round(n * 1e4) / 1e4;

/**
 * The gazetteer a feed carries, so that a resident's postcode is placed with no
 * lookup service: every district whose centre lies in the box around the
 * listings' points (given or geocoded), widened by a margin, and every sector
 * within a few miles of a listing, plus the districts and sectors of the
 * postcodes listings use. A national feed gets every district it covers, not
 * only those that hold a listing, and a feed whose rows have coordinates but no
 * postcode (mobile library stops) gets one too. Coordinates are rounded to four
 * places (about 10 metres), ample for a centroid.
 */
export function coverageGazetteer(
  centroids: Centroids,
  points: readonly [number, number][],
  usedDistricts: ReadonlySet<string> = new Set(),
  usedSectors: ReadonlySet<string> = new Set(),
  options: CoverageOptions = {},
): Gazetteer | undefined {
  const margin = options.marginMiles ?? 10;
  const reach = options.sectorMiles ?? 10;
  const box = { s: Infinity, n: -Infinity, w: Infinity, e: -Infinity };
  for (const [lat, lng] of points) {
    box.s = Math.min(box.s, lat);
    box.n = Math.max(box.n, lat);
    box.w = Math.min(box.w, lng);
    box.e = Math.max(box.e, lng);
  }
  const districts: Record<string, [number, number]> = {};
  const sectors: Record<string, [number, number]> = {};
  if (Number.isFinite(box.s)) {
    const dLat = margin / MILES_PER_DEGREE_LAT;
    const dLng = margin / (69.17 * Math.max(0.1, Math.cos((((box.s + box.n) / 2) * Math.PI) / 180)));
    for (const [key, [lat, lng]] of centroids.districts) {
      if (lat >= box.s - dLat && lat <= box.n + dLat && lng >= box.w - dLng && lng <= box.e + dLng) districts[key] = [round4(lat), round4(lng)];
    }
    // Sectors near a listing: points bucketed in cells of about `reach` miles, so each sector checks nine cells.
    const cellLat = reach / MILES_PER_DEGREE_LAT;
    const cellLng = reach / (69.17 * 0.5); // at most 60°N in GB, where a degree of longitude is half as long
    const cells = new Map<string, [number, number][]>();
    for (const p of points) {
      const key = `${Math.floor(p[0] / cellLat)},${Math.floor(p[1] / cellLng)}`;
      const list = cells.get(key) ?? [];
      list.push(p);
      cells.set(key, list);
    }
    const near = (lat: number, lng: number): boolean => {
      const i = Math.floor(lat / cellLat);
      const j = Math.floor(lng / cellLng);
      for (let di = -1; di <= 1; di++) {
        for (let dj = -1; dj <= 1; dj++) {
          for (const p of cells.get(`${i + di},${j + dj}`) ?? []) if (miles(lat, lng, p[0], p[1]) <= reach) return true;
        }
      }
      return false;
    };
    for (const [key, [lat, lng]] of centroids.sectors) if (near(lat, lng)) sectors[key] = [round4(lat), round4(lng)];
  }
  for (const key of usedDistricts) {
    const found = centroids.districts.get(key);
    if (found) districts[key] = [round4(found[0]), round4(found[1])];
  }
  for (const key of usedSectors) {
    const found = centroids.sectors.get(key);
    if (found) sectors[key] = [round4(found[0]), round4(found[1])];
  }
  const sorted = (table: Record<string, [number, number]>): Record<string, [number, number]> =>
    Object.fromEntries(Object.keys(table).sort().map((k) => [k, table[k] as [number, number]]));
  const gazetteer: Gazetteer = {};
  if (Object.keys(districts).length) gazetteer.districts = sorted(districts);
  if (Object.keys(sectors).length) gazetteer.sectors = sorted(sectors);
  return Object.keys(gazetteer).length ? gazetteer : undefined;
}

/** Great-circle miles. */
function miles(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLng = (lng2 - lng1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
