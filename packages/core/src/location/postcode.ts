/**
 * Postcodes: reading what a person typed as a postcode, sector or district; looking
 * one up (offline from the feed's gazetteer first, then only a lookup service the
 * embedder configured); and the gazetteers the CLI writes into a feed or the finder
 * reads from the listings. Loaded by the finder only when a postcode is submitted.
 */
import { isValid, toNormalised, toOutcode, toSector, validOutcode } from 'postcode';
import type { AtlasListing } from '../feed/normalised.js';
import type { Gazetteer } from '../feed/types.js';
import { isValidLatLng, type LatLng } from './distance.js';

const toRad = (deg: number): number => (deg * Math.PI) / 180;

export interface PostcodeQuery {
  /** `postcode` "NB1 2AA", `sector` "NB1 2", `district` (outcode) "NB1". */
  kind: 'postcode' | 'sector' | 'district';
  /** Normalised: upper case, one space between outward and inward parts. */
  value: string;
}

/**
 * Reads text a person typed as a postcode, a sector or a district, in any case
 * and spacing: "nb12aa", "NB1  2AA", "nb1", "NB1 2". Undefined when the text is
 * not one ("walking group"), so a search box can decide what to do with it.
 * "NB12" with no space is read as the district NB12, never the sector NB1 2.
 */
export function parsePostcodeQuery(text: string): PostcodeQuery | undefined {
  if (typeof text !== 'string') return undefined;
  const compact = text.trim().toUpperCase().replace(/\s+/g, ' ');
  if (!compact || compact.length > 10) return undefined;
  if (isValid(compact)) {
    const value = toNormalised(compact);
    if (value) return { kind: 'postcode', value };
  }
  const noSpace = compact.replace(/ /g, '');
  if (validOutcode(noSpace) && !compact.includes(' ')) return { kind: 'district', value: noSpace };
  // A sector, or a full postcode with its last letters not yet typed ("NB1 2A").
  const sector = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d)[A-Z]?$/.exec(compact);
  if (sector && sector[1] && validOutcode(sector[1]) && (compact.includes(' ') || /[A-Z]$/.test(compact))) {
    return { kind: 'sector', value: `${sector[1]} ${sector[2]}` };
  }
  if (validOutcode(noSpace)) return { kind: 'district', value: noSpace };
  return undefined;
}

export interface PostcodePlace extends LatLng {
  /** The normalised postcode, sector or district, for display ("NB1 2AA"). */
  label: string;
  /** How exact the point is: the postcode itself, or the centre of its sector or district. */
  precision: 'postcode' | 'sector' | 'district';
}

export interface LookupOptions {
  gazetteer?: Gazetteer;
  /**
   * Base URL of a postcodes.io-compatible service (`GET {service}/postcodes/{pc}`,
   * `GET {service}/outcodes/{outcode}`). Nothing leaves the page unless this is set.
   */
  service?: string;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

export type LookupResult =
  | { ok: true; place: PostcodePlace }
  | {
      ok: false;
      /**
       * `not-a-postcode`: the text is not shaped like one. `not-found`: no such
       * postcode (the service said so, or there is no service and the gazetteer
       * does not know it or its area). `unavailable`: the service failed or gave
       * something unreadable. `aborted`: the caller cancelled.
       */
      reason: 'not-a-postcode' | 'not-found' | 'unavailable' | 'aborted';
    };

/**
 * Where a postcode is, as a point, or undefined. Never throws: a postcode that
 * does not exist and a service that is down both give undefined; use
 * `lookupPostcodeDetailed` to tell them apart.
 */
export async function lookupPostcode(text: string, options: LookupOptions = {}): Promise<PostcodePlace | undefined> {
  const result = await lookupPostcodeDetailed(text, options);
  return result.ok ? result.place : undefined;
}

/**
 * Order of lookup: an exact postcode from the gazetteer; for a full postcode,
 * then the service, when one is configured, for an exact answer (a sector centre
 * can be a mile or more from a rural home, and the embedder chose to allow the
 * request); then the gazetteer's sector and district centres; last, for a sector
 * or district the gazetteer does not know, the service's district. When the
 * service says a postcode does not exist, the answer is "not found", not its
 * sector's centre: a mistyped postcode should be corrected, not silently
 * approximated. When the service is down, the gazetteer answers.
 */
export async function lookupPostcodeDetailed(text: string, options: LookupOptions = {}): Promise<LookupResult> {
  const query = parsePostcodeQuery(text);
  if (!query) return { ok: false, reason: 'not-a-postcode' };
  const gaz = options.gazetteer;
  const fromGazetteer = (table: Record<string, [number, number]> | undefined, key: string, precision: PostcodePlace['precision']): LookupResult | undefined => {
    const entry = table && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    if (!Array.isArray(entry)) return undefined;
    const point = { lat: Number(entry[0]), lng: Number(entry[1]) };
    return isValidLatLng(point) ? { ok: true, place: { ...point, label: key, precision } } : undefined;
  };

  const outcode = query.kind === 'district' ? query.value : (query.value.split(' ')[0] ?? '');
  const sector = query.kind === 'sector' ? query.value : query.kind === 'postcode' ? (toSector(query.value) ?? '') : '';
  const service = serviceBase(options.service);

  let serviceResult: LookupResult | undefined;
  if (query.kind === 'postcode') {
    const exact = fromGazetteer(gaz?.postcodes, query.value, 'postcode');
    if (exact) return exact;
    // Only a full postcode gains from the service: for a sector or a district
    // the service knows no more than the gazetteer, so nothing is sent.
    if (service) {
      serviceResult = await askService(service, query, options);
      if (serviceResult.ok || serviceResult.reason !== 'unavailable') return serviceResult;
    }
  }
  const approximate =
    (sector ? fromGazetteer(gaz?.sectors, sector, 'sector') : undefined) ?? fromGazetteer(gaz?.districts, outcode, 'district');
  if (approximate) return approximate;
  if (service && query.kind !== 'postcode') return askService(service, query, options);
  return serviceResult ?? { ok: false, reason: 'not-found' };
}

function serviceBase(service: string | undefined): string | undefined {
  if (!service || typeof service !== 'string') return undefined;
  try {
    const url = new URL(service, typeof location === 'undefined' ? undefined : location.href);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.href.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

async function askService(base: string, query: PostcodeQuery, options: LookupOptions): Promise<LookupResult> {
  const doFetch = options.fetch ?? (typeof fetch === 'function' ? fetch.bind(globalThis) : undefined);
  if (!doFetch) return { ok: false, reason: 'unavailable' };
  // postcodes.io has no sector endpoint, so a sector is looked up as its district.
  const isPostcode = query.kind === 'postcode';
  const code = isPostcode ? query.value : (query.value.split(' ')[0] ?? '');
  const url = `${base}/${isPostcode ? 'postcodes' : 'outcodes'}/${encodeURIComponent(code)}`;
  try {
    const response = await doFetch(url, { signal: options.signal, credentials: 'omit', headers: { accept: 'application/json' } });
    if (response.status === 404) return { ok: false, reason: 'not-found' };
    if (!response.ok) return { ok: false, reason: 'unavailable' };
    const body = (await response.json()) as { result?: { latitude?: unknown; longitude?: unknown } | null };
    const point = { lat: Number(body?.result?.latitude ?? Number.NaN), lng: Number(body?.result?.longitude ?? Number.NaN) };
    // postcodes.io gives null coordinates for a few real postcodes (new builds, PO boxes).
    if (body?.result === null) return { ok: false, reason: 'not-found' };
    if (!isValidLatLng(point)) return { ok: false, reason: 'unavailable' };
    return { ok: true, place: { ...point, label: code, precision: isPostcode ? 'postcode' : 'district' } };
  } catch (error) {
    if (options.signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) return { ok: false, reason: 'aborted' };
    return { ok: false, reason: 'unavailable' };
  }
}

/** One centroid row, as read from a district (`outcode`) or sector (`sector`) CSV. Numbers may be strings. */
export interface CentroidRow {
  outcode?: string;
  sector?: string;
  lat: number | string;
  lng: number | string;
}

export interface GazetteerOptions {
  /** Include every district and sector within this many miles of the wanted area. Default 5. */
  marginMiles?: number;
  /** Extra points the area must cover (listings without postcodes). */
  points?: Iterable<LatLng>;
  attribution?: string;
}

/**
 * The gazetteer a feed carries so that postcode search works offline: every
 * district and sector whose centre lies within the box around the wanted
 * postcodes' districts (and `points`), widened by a margin, because residents
 * just outside the area search too. Coordinates are rounded to 4 decimal
 * places (about 10 metres), ample for a centroid, to keep the feed small.
 */
export function buildGazetteer(rows: Iterable<CentroidRow>, wantedPostcodes: Iterable<string>, options: GazetteerOptions = {}): Gazetteer {
  const districts = new Map<string, LatLng>();
  const sectors = new Map<string, LatLng>();
  for (const row of rows) {
    const point = { lat: Number(row.lat), lng: Number(row.lng) };
    if (!isValidLatLng(point)) continue;
    if (row.sector) {
      const q = parsePostcodeQuery(row.sector);
      if (q?.kind === 'sector') sectors.set(q.value, point);
    } else if (row.outcode) {
      const q = parsePostcodeQuery(row.outcode);
      if (q?.kind === 'district') districts.set(q.value, point);
    }
  }
  const box = { s: Infinity, w: Infinity, n: -Infinity, e: -Infinity };
  const extend = (p: LatLng): void => {
    box.s = Math.min(box.s, p.lat);
    box.n = Math.max(box.n, p.lat);
    box.w = Math.min(box.w, p.lng);
    box.e = Math.max(box.e, p.lng);
  };
  for (const pc of wantedPostcodes) {
    const q = parsePostcodeQuery(pc);
    if (!q) continue;
    const outcode = q.kind === 'district' ? q.value : (q.kind === 'postcode' ? toOutcode(q.value) : q.value.split(' ')[0]) ?? '';
    const sector = q.kind === 'postcode' ? toSector(q.value) : q.kind === 'sector' ? q.value : undefined;
    const p = (sector ? sectors.get(sector) : undefined) ?? districts.get(outcode);
    if (p) extend(p);
  }
  for (const p of options.points ?? []) if (isValidLatLng(p)) extend(p);
  const gazetteer: Gazetteer = { districts: {}, sectors: {} };
  if (options.attribution) gazetteer.attribution = options.attribution;
  if (!Number.isFinite(box.s)) return gazetteer;
  const margin = options.marginMiles ?? 5;
  const dLat = margin / 69.05;
  const dLng = margin / (69.17 * Math.max(0.1, Math.cos(toRad((box.s + box.n) / 2))));
  const inside = (p: LatLng): boolean => p.lat >= box.s - dLat && p.lat <= box.n + dLat && p.lng >= box.w - dLng && p.lng <= box.e + dLng;
  const round = (p: LatLng): [number, number] => [Math.round(p.lat * 1e4) / 1e4, Math.round(p.lng * 1e4) / 1e4];
  for (const [key, p] of [...districts].sort(([a], [b]) => a.localeCompare(b))) if (inside(p)) gazetteer.districts![key] = round(p);
  for (const [key, p] of [...sectors].sort(([a], [b]) => a.localeCompare(b))) if (inside(p)) gazetteer.sectors![key] = round(p);
  return gazetteer;
}

/**
 * A gazetteer read from the listings themselves, for a feed that carries none
 * (or whose gazetteer leaves gaps): each postcode a listing is at, given by
 * the source or geocoded from that full postcode, is a point; each sector and
 * district is the middle of the listings in it. A sector's middle is not its
 * true centre, but it lies among the places a resident there would be
 * measured against, which is what "near" needs, and it costs no request.
 * Listings shown only as an area (a refuge) never add their postcode, and
 * a point geocoded from a sector or district adds nothing finer than that.
 * With `district` ("EH1"), only that district's postcodes are read.
 */
export function gazetteerFromListings(listings: Iterable<AtlasListing>, district?: string): Gazetteer {
  // Only one district's listings, when the caller knows which it wants: a cheap test of the text
  // first (a postcode is its district and three characters), so 100,000 listings cost a few
  // milliseconds, not the fifth of a second parsing every postcode would.
  const wanted = district?.toUpperCase().replace(/\s+/g, '');
  const postcodes: Record<string, [number, number]> = {};
  const sums = { sectors: new Map<string, [number, number, number]>(), districts: new Map<string, [number, number, number]>() };
  const add = (table: Map<string, [number, number, number]>, key: string, p: LatLng): void => {
    const sum = table.get(key) ?? [0, 0, 0];
    sum[0] += p.lat;
    sum[1] += p.lng;
    sum[2] += 1;
    table.set(key, sum);
  };
  const round = (n: number): number => Math.round(n * 1e4) / 1e4;
  for (const listing of listings) {
    const loc = listing.location;
    if (!loc || loc.precision === 'approximate' || typeof loc.postcode !== 'string') continue;
    if (wanted) {
      const compact = loc.postcode.toUpperCase().replace(/\s+/g, '');
      if (compact.length !== wanted.length + 3 || !compact.startsWith(wanted)) continue;
    }
    const point = { lat: loc.lat, lng: loc.lng };
    if (!isValidLatLng(point)) continue;
    const query = parsePostcodeQuery(loc.postcode);
    if (query?.kind !== 'postcode') continue;
    const from = loc.geocodePrecision ?? 'source';
    if (from === 'district') {
      add(sums.districts, toOutcode(query.value) ?? '', point);
      continue;
    }
    if (from === 'source' || from === 'postcode') postcodes[query.value] ??= [round(point.lat), round(point.lng)];
    add(sums.sectors, toSector(query.value) ?? '', point);
    add(sums.districts, toOutcode(query.value) ?? '', point);
  }
  const middles = (table: Map<string, [number, number, number]>): Record<string, [number, number]> => {
    const out: Record<string, [number, number]> = {};
    for (const [key, [lat, lng, n]] of table) if (key) out[key] = [round(lat / n), round(lng / n)];
    return out;
  };
  return { postcodes, sectors: middles(sums.sectors), districts: middles(sums.districts) };
}

