import type { Text } from './types.js';

/**
 * Picks one language from a feed's text: the exact tag (`cy-GB`), then its primary
 * subtag (`cy`), then English, then whatever the publisher wrote first, so a
 * listing written only in Welsh still shows on an English page.
 */
export function text(value: Text | undefined, lang = 'en'): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return '';
  const primary = lang.split('-')[0]?.toLowerCase() ?? 'en';
  for (const key of [lang, primary, 'en']) {
    const found = value[key];
    if (typeof found === 'string' && found.trim()) return found;
  }
  for (const found of Object.values(value)) {
    if (typeof found === 'string' && found.trim()) return found;
  }
  return '';
}

/** Schemes a feed may link to. Anything else (javascript:, data:, vbscript:, file:) is refused. */
export const SAFE_URL_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];

/**
 * True when a link from a feed is safe to put in an `href`: an http, https,
 * mailto or tel URL, or a relative URL (which resolves to the page's own scheme).
 *
 * Browsers ignore leading control characters and spaces and every tab and line
 * break inside a URL, so `" java\tscript:alert(1)"` runs as javascript:. The
 * scheme is read the way the browser reads it, not the way it looks.
 */
export function isSafeUrl(url: unknown): url is string {
  if (typeof url !== 'string') return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what browsers strip
  const seen = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  if (!seen) return false;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(seen);
  if (!scheme) {
    // No scheme: a relative URL, unless a colon before any / ? # makes the browser
    // read a scheme that our pattern did not (for example one with odd characters).
    const firstColon = seen.indexOf(':');
    if (firstColon === -1) return true;
    const firstDelimiter = seen.search(/[/?#]/);
    return firstDelimiter !== -1 && firstDelimiter < firstColon;
  }
  return SAFE_URL_SCHEMES.includes(scheme[1]!.toLowerCase());
}

/** A short stable id from a name: "Northbridge Borough Council" → `northbridge-borough-council`. */
export function slugify(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

function realDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** True for an ISO 8601 calendar date that exists (`2026-02-29` does not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  return Boolean(m && realDay(Number(m[1]), Number(m[2]), Number(m[3])));
}

/** True for an ISO date, or an ISO date-time with or without a zone (a time without one is UK time). */
export function isIsoDateOrDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (isIsoDate(value)) return true;
  const m = DATE_TIME.exec(value);
  return Boolean(m && realDay(Number(m[1]), Number(m[2]), Number(m[3])));
}

/** `HH:MM`, 24-hour. `24:00` only where `allowMidnightEnd` says so (an end time). */
export function isClockTime(value: unknown, allowMidnightEnd = false): value is string {
  if (typeof value !== 'string') return false;
  if (allowMidnightEnd && value === '24:00') return true;
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}
