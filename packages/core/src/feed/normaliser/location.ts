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
      out.outline = o as unknown as NonNullable<Location['outline']>;
    } else {
      c.wrongType(`${path}.outline`, 'the outline', 'a GeoJSON Polygon or MultiPolygon', o);
    }
  }
  const directions = c.text(raw.directions, `${path}.directions`, 'directions', SUMMARY_LENGTH);
  if (directions) out.directions = directions;
  return Object.keys(out).length ? out : undefined;
}
