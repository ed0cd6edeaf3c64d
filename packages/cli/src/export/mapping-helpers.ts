// Moved to core with the ORUK mapping, which the browser uses too (`source="oruk:…"`).
export {
  isObject,
  asArray,
  objects,
  jsonText as text,
  num,
  safeId,
  postcode,
  POSTCODE_IN_TEXT,
  coordinates,
  clock,
  isoDate,
  unique,
  weekdayCode,
  plain,
  type Json
} from '@community-atlas/core/oruk';
