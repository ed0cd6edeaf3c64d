/**
 * Small, forgiving readers shared by the Open Referral UK and OpenActive
 * mappings. Real exports put numbers in strings, HTML in descriptions and 0,0 for
 * "no coordinates"; these turn such values into what the feed expects or into
 * `undefined`, never into a wrong value.
 */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

export function objects(value: unknown): Json[] {
  return asArray(value).filter(isObject);
}

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', pound: '£', euro: '€', copy: '©',
  rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', ndash: '–', mdash: '—', hellip: '…', bull: '•',
  eacute: 'é', egrave: 'è', aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú',
  ccedil: 'ç', uuml: 'ü', ouml: 'ö', auml: 'ä', wcirc: 'ŵ', ycirc: 'ŷ', acirc: 'â', ecirc: 'ê',
};

/**
 * A string with markup removed: many directory systems publish rich-text
 * descriptions, and the feed's text is always shown as text, so `<p>` would show.
 */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  let out = value;
  if (/<[a-z/!]/i.test(out)) {
    out = out
      .replace(/<\s*(br|\/p|\/div|\/li|\/h\d)\s*\/?>/gi, '\n')
      .replace(/<[^>]*>/g, '');
  }
  out = out
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return out || undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A listing id made only of the characters the feed allows. */
export function safeId(value: string): string {
  return value.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'listing';
}

/** Upper-case, single-spaced UK postcode when it looks like one, else the trimmed input. */
export function postcode(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const compact = raw.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
  return raw;
}

/** Finds a UK postcode inside a line of address text. */
export const POSTCODE_IN_TEXT = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/i;

/**
 * Coordinates, or undefined when either is missing, out of range, or 0,0 — which
 * directory systems write for "unknown" and which would put a pin in the sea off Ghana.
 */
export function coordinates(lat: unknown, lng: unknown): { lat: number; lng: number } | undefined {
  const la = num(lat);
  const lo = num(lng);
  if (la === undefined || lo === undefined) return undefined;
  if (la === 0 && lo === 0) return undefined;
  if (Math.abs(la) > 90 || Math.abs(lo) > 180) return undefined;
  return { lat: la, lng: lo };
}

/** `HH:MM` from `10:00`, `10:00:00`, `10:00:00Z`, `9.30` or `0930`; undefined otherwise. */
export function clock(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const match = /^(\d{1,2})[:.]?(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i.exec(raw);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** `YYYY-MM-DD` from an ISO date or date-time; undefined otherwise. */
export function isoDate(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})/.exec(raw);
  return match?.[1];
}

export function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

const WEEKDAY_NAMES: Record<string, string> = {
  mo: 'MO', mon: 'MO', monday: 'MO',
  tu: 'TU', tue: 'TU', tues: 'TU', tuesday: 'TU',
  we: 'WE', wed: 'WE', wednesday: 'WE',
  th: 'TH', thu: 'TH', thur: 'TH', thurs: 'TH', thursday: 'TH',
  fr: 'FR', fri: 'FR', friday: 'FR',
  sa: 'SA', sat: 'SA', saturday: 'SA',
  su: 'SU', sun: 'SU', sunday: 'SU',
};

/**
 * RFC 5545 weekday code from "Monday", "Mon", "MO" or a schema.org day URL
 * (`https://schema.org/Monday`). Numbers follow ISO 8601: 1 is Monday, 7 Sunday.
 */
export function weekdayCode(value: unknown): string | undefined {
  if (typeof value === 'number' || (typeof value === 'string' && /^\d$/.test(value.trim()))) {
    const n = Number(value);
    return n >= 1 && n <= 7 ? ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][n - 1] : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const word = value.trim().replace(/^.*[/#]/, '').toLowerCase();
  return WEEKDAY_NAMES[word];
}

/** First value of a language map, preferring English, or the string itself. */
export function plain(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    const en = value.en;
    if (typeof en === 'string') return en;
    for (const v of Object.values(value)) if (typeof v === 'string') return v;
  }
  return undefined;
}
