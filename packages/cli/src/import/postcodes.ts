/**
 * Offline geocoding from postcode-centroid CSVs: full postcode first, then sector
 * ("NB1 2"), then district ("NB1"). No request leaves the machine.
 */
import Papa from 'papaparse';

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
