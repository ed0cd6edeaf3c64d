/** A listing's location: name, address, postcode, position (UK box, swapped pairs), radius, outline. */
import type { Location } from '../types.js';
import { MAX_RADIUS_METRES, NAME_LENGTH, SUMMARY_LENGTH } from '../rules.js';
import { type Checker, describeValue, isObject } from './checker.js';
import { normalisePostcode } from '../postcode.js';

export function readLocation(c: Checker, raw: unknown, path: string): Location | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isObject(raw)) {
    c.wrongType(path, 'location', 'an object with a postcode or lat and lng', raw);
    return undefined;
  }
  const out: Location = {};
  const precision = c.oneOf(raw.precision, ['exact', 'approximate'] as const, `${path}.precision`, 'location precision');
  if (precision) out.precision = precision;
  const name = c.text(raw.name, `${path}.name`, 'the location name', NAME_LENGTH);
  if (name) out.name = name;
  const address = c.strings(raw.address, `${path}.address`, 'the address');
  if (address.length) out.address = address;
  if (raw.postcode !== undefined && raw.postcode !== null && raw.postcode !== '') {
    const postcode = normalisePostcode(raw.postcode);
    if (postcode) {
      out.postcode = postcode;
    } else {
      c.warn('bad-postcode', `${path}.postcode`, 'a UK postcode (NB1 2AA)', raw.postcode, `postcode ${describeValue(raw.postcode)} is not a UK postcode`, 'postcode dropped');
    }
  }
  const point = c.latLng(raw.lat, raw.lng, path);
  if (point) {
    out.lat = point.lat;
    out.lng = point.lng;
  }
  const radius = c.number(raw.radius, `${path}.radius`, 'the radius', { min: 1, max: MAX_RADIUS_METRES, expected: 'a radius in metres, from 1 to 100,000' });
  if (radius !== undefined) out.radius = radius;
  const uprn = c.string(raw.uprn, `${path}.uprn`, 'the UPRN');
  if (uprn) out.uprn = uprn;
  if (raw.outline !== undefined && raw.outline !== null) {
    const o = raw.outline;
    if (isObject(o) && (o.type === 'Polygon' || o.type === 'MultiPolygon') && Array.isArray(o.coordinates)) {
      // A corner off the globe (1e10 degrees) is a broken export; drawn, it would throw the map's bounds far away.
      const depth = o.type === 'Polygon' ? 3 : 4;
      const bad = badCorner(o.coordinates, depth);
      if (!bad) {
        out.outline = o as unknown as NonNullable<Location['outline']>;
      } else {
        const at = `${path}.outline.coordinates${bad}`;
        const indices = bad.slice(1, -1).split('][').map(Number);
        const value = indices.reduce<unknown>((v, i) => (v as unknown[])[i], o.coordinates);
        const axis = indices.length === depth ? indices[depth - 1] : undefined;
        const expected = axis === 0 ? 'a longitude between -180 and 180' : axis === 1 ? 'a latitude between -90 and 90' : 'a [longitude, latitude] pair';
        c.warn('out-of-range', at, expected, value, `the outline has a corner that is not a place on the globe (${expected}, not ${describeValue(value)})`, 'outline dropped');
      }
    } else {
      c.wrongType(`${path}.outline`, 'the outline', 'a GeoJSON Polygon or MultiPolygon', o);
    }
  }
  const directions = c.text(raw.directions, `${path}.directions`, 'directions', SUMMARY_LENGTH);
  if (directions) out.directions = directions;
  return Object.keys(out).length ? out : undefined;
}

/**
 * Whether a GeoJSON outline's coordinates are `depth` levels of lists (3 for a
 * Polygon, 4 for a MultiPolygon) ending in [longitude, latitude] pairs on the
 * globe. Gives the path below `coordinates` of the first corner that is not
 * ("[0][1][0]" for a longitude of 1e10), or '' when every corner is.
 */
function badCorner(c: unknown, depth: number): string {
  if (!Array.isArray(c)) return '-';
  if (depth < 2) {
    const inRange = (v: unknown, limit: number): boolean => typeof v === 'number' && v >= -limit && v <= limit;
    return c.length !== 2 ? '-' : !inRange(c[0], 180) ? '[0]' : !inRange(c[1], 90) ? '[1]' : '';
  }
  for (let i = 0; i < c.length; i++) {
    const bad = badCorner(c[i], depth - 1);
    if (bad) return `[${i}]${bad === '-' ? '' : bad}`;
  }
  return '';
}
