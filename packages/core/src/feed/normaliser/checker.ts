/**
 * The shared checker: every value a feed gives goes through it, so every problem
 * has one shape (who, where, what was expected, what was found, what was done).
 * The section readers beside it (head, listing, location, session, transfer) say
 * which rule applies where; the rules themselves are in ../rules.ts.
 */
import type { Problem } from '../normalised.js';
import type { Text } from '../types.js';
import { LONG_LENGTH, UK_EAST, UK_NORTH, UK_SOUTH, UK_WEST, WORD_LENGTH } from '../rules.js';
import { isClockTime, isIsoDate, isIsoDateOrDateTime, isSafeUrl } from '../values.js';

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value looks in a message: short, quoted when text, never the whole of a huge value. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    if (value === '') return 'empty text';
    const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  return 'an object';
}

export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** Cuts at a character boundary so a Welsh ŵ or an emoji is never split in half. */
function truncate(value: string, limit: number): string {
  let end = limit;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${value.slice(0, end).trimEnd()}…`;
}

/**
 * Collects problems for one feed. Everything that checks a value goes through
 * here, so messages share one shape: who, where, what was expected, what was found.
 */
export class Checker {
  readonly problems: Problem[] = [];
  listingIndex: number | undefined;
  listingId: string | undefined;
  /** Relative links read (kept as written without a `baseUrl`, resolved against it with one). */
  relativeLinks = 0;

  constructor(
    readonly source: string | undefined,
    readonly baseUrl: string | undefined,
  ) {}

  private who(): string {
    if (this.listingIndex === undefined) return 'The feed';
    return this.listingId !== undefined ? `Listing "${this.listingId}"` : `Listing ${this.listingIndex + 1}`;
  }

  report(severity: Problem['severity'], code: string, path: string, expected: string, found: string, what: string, fix?: string): void {
    const problem: Problem = {
      severity,
      code,
      path,
      expected,
      found,
      message: `${this.who()}: ${what}${fix ? `; ${fix}` : ''}.`,
    };
    if (fix) problem.fix = fix;
    if (this.listingId !== undefined) problem.listingId = this.listingId;
    if (this.listingIndex !== undefined) problem.listingIndex = this.listingIndex;
    if (this.source !== undefined) problem.source = this.source;
    this.problems.push(problem);
  }

  warn(code: string, path: string, expected: string, value: unknown, what: string, fix: string): void {
    this.report('warning', code, path, expected, describeValue(value), what, fix);
  }

  /**
   * Whether a name the feed chose (a stage list, a gazetteer code, a language)
   * can be a key of a plain object. Assigning "__proto__" would set the object's
   * prototype instead of adding a key, so that entry is dropped, with a warning.
   */
  ownKey(key: string, path: string, thing: string, value: unknown): boolean {
    if (key !== '__proto__') return true;
    this.warn('reserved-name', path, 'any name but "__proto__"', value, `a ${thing} is named "__proto__", a name that cannot be kept`, `that ${thing} dropped`);
    return false;
  }

  /** A wrongly typed value, dropped. */
  wrongType(path: string, field: string, expected: string, value: unknown): void {
    this.warn('wrong-type', path, expected, value, `${field} should be ${expected}, not ${describeValue(value)}`, `${field} dropped`);
  }

  string(value: unknown, path: string, field: string, limit: number = WORD_LENGTH): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (typeof value !== 'string') {
      this.wrongType(path, field, 'text', value);
      return undefined;
    }
    const trimmed = value.trim();
    if (!trimmed) return undefined;
    return this.limit(trimmed, path, field, limit);
  }

  private limit(value: string, path: string, field: string, limit: number): string {
    if (value.length <= limit) return value;
    this.warn(
      'text-too-long',
      path,
      `at most ${thousands(limit)} characters`,
      `${thousands(value.length)} characters`,
      `${field} is ${thousands(value.length)} characters long, more than the ${thousands(limit)} the finder shows`,
      `cut to the first ${thousands(limit)} characters`,
    );
    return truncate(value, limit);
  }

  /** Text: a string, or a map of language to string. Non-string entries are dropped. */
  text(value: unknown, path: string, field: string, limit: number = LONG_LENGTH): Text | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') {
      const trimmed = value.trim();
      return trimmed ? this.limit(trimmed, path, field, limit) : undefined;
    }
    if (!isObject(value)) {
      this.wrongType(path, field, 'text or a map of language to text ({"en": …, "cy": …})', value);
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [lang, entry] of Object.entries(value)) {
      const entryPath = pathOf(path, lang);
      if (!this.ownKey(lang, entryPath, `language of ${field}`, entry)) continue;
      if (typeof entry !== 'string') {
        this.wrongType(entryPath, `${field} (${lang})`, 'text', entry);
        continue;
      }
      const trimmed = entry.trim();
      if (trimmed) out[lang] = this.limit(trimmed, entryPath, `${field} (${lang})`, limit);
    }
    return Object.keys(out).length ? out : undefined;
  }

  /** A list of short strings. A single string where a list belongs is read as a list of one. */
  strings(value: unknown, path: string, field: string): string[] {
    if (value === undefined || value === null) return [];
    if (typeof value === 'string') return value.trim() ? [this.limit(value.trim(), path, field, WORD_LENGTH)] : [];
    if (!Array.isArray(value)) {
      this.wrongType(path, field, 'a list of text', value);
      return [];
    }
    const out: string[] = [];
    value.forEach((entry, i) => {
      const s = this.string(entry, pathOf(path, i), `${field} item ${i + 1}`);
      if (s !== undefined && !out.includes(s)) out.push(s);
    });
    return out;
  }

  boolean(value: unknown, path: string, field: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') {
      this.warn('wrong-type', path, 'true or false', value, `${field} is written as text`, `read as ${value}`);
      return value === 'true';
    }
    this.wrongType(path, field, 'true or false', value);
    return undefined;
  }

  /**
   * A number in range. A number written as text ("12") is read with a warning;
   * money written as words ("£1", "peppercorn") is handed to `moneyText` so the
   * caller can keep it as price notes rather than lose it.
   */
  number(
    value: unknown,
    path: string,
    field: string,
    range: { min?: number; max?: number; expected: string },
    moneyText?: (words: string) => string,
  ): number | undefined {
    if (value === undefined || value === null) return undefined;
    let n: number | undefined;
    if (typeof value === 'number') {
      n = Number.isFinite(value) ? value : undefined;
    } else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
      n = Number(value);
      this.warn('wrong-type', path, range.expected, value, `${field} is a number written as text`, `read as ${n}`);
    } else if (typeof value === 'string' && moneyText && value.trim()) {
      const fix = moneyText(value.trim());
      this.warn('money-as-text', path, range.expected, value, `${field} should be a number of pounds, not words`, fix);
      return undefined;
    }
    if (n === undefined) {
      this.wrongType(path, field, range.expected, value);
      return undefined;
    }
    if ((range.min !== undefined && n < range.min) || (range.max !== undefined && n > range.max)) {
      const code = range.min === 0 && n < 0 ? 'negative-number' : 'out-of-range';
      this.warn(code, path, range.expected, value, `${field} should be ${range.expected}, not ${describeValue(value)}`, `${field} dropped`);
      return undefined;
    }
    return n;
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string, field: string, fix = `${field} dropped`): T | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value.trim().toLowerCase())) {
      return value.trim().toLowerCase() as T;
    }
    const expected = `one of ${allowed.join(', ')}`;
    this.warn('unknown-value', path, expected, value, `${field} should be ${expected}, not ${describeValue(value)}`, fix);
    return undefined;
  }

  /** An ISO date (or date-time when `withTime`). A UK-style `14/09/2026` is read with a warning. */
  date(value: unknown, path: string, field: string, withTime = false): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    const ok = withTime ? isIsoDateOrDateTime(value) : isIsoDate(value);
    if (ok) return value as string;
    const expected = withTime ? 'an ISO date (2026-09-14) or date-time (2026-09-14T18:00)' : 'an ISO date (2026-09-14)';
    if (typeof value === 'string') {
      const uk = /^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*$/.exec(value);
      if (uk) {
        const iso = `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}`;
        if (isIsoDate(iso)) {
          this.warn('bad-date', path, expected, value, `${field} is not an ISO date`, `read as ${iso} (day first)`);
          return iso;
        }
      }
      if (!withTime && isIsoDateOrDateTime(value)) {
        const day = value.slice(0, 10);
        this.warn('bad-date', path, expected, value, `${field} should be a date without a time`, `read as ${day}`);
        return day;
      }
    }
    this.warn('bad-date', path, expected, value, `${field} is not a date that can be read`, `${field} dropped`);
    return undefined;
  }

  /** A link: http, https, mailto or tel, or relative (resolved against the feed's URL when known). */
  url(value: unknown, path: string, field: string): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') {
      this.wrongType(path, field, 'a link (http, https, mailto or tel)', value);
      return undefined;
    }
    const trimmed = value.trim();
    if (!isSafeUrl(trimmed)) {
      this.report(
        'warning',
        'unsafe-url',
        path,
        'a link starting http:, https:, mailto: or tel:',
        describeValue(value),
        `${field} ${describeValue(value)} is not an http, https, mailto or tel link, so it is not shown`,
        `${field} dropped`,
      );
      return undefined;
    }
    if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(trimmed)) return trimmed;
    this.relativeLinks++;
    if (this.baseUrl) {
      try {
        return new URL(trimmed, this.baseUrl).href;
      } catch {
        return trimmed;
      }
    }
    return trimmed;
  }

  /** Latitude and longitude as a pair: both or neither, in range, swapped back when clearly swapped. */
  latLng(lat: unknown, lng: unknown, path: string): { lat: number; lng: number } | undefined {
    if ((lat === undefined || lat === null) && (lng === undefined || lng === null)) return undefined;
    const latPath = pathOf(path, 'lat');
    const lngPath = pathOf(path, 'lng');
    const a = this.number(lat, latPath, 'latitude', { expected: 'a latitude between -90 and 90' });
    const b = this.number(lng, lngPath, 'longitude', { expected: 'a longitude between -180 and 180' });
    if (a === undefined || b === undefined) {
      if (a !== undefined || b !== undefined) {
        const missing = a === undefined ? latPath : lngPath;
        this.warn(
          'latlng-incomplete',
          missing,
          a === undefined ? 'a latitude between -90 and 90' : 'a longitude between -180 and 180',
          a === undefined ? lat : lng,
          'a map position needs both a latitude and a longitude',
          'coordinates dropped',
        );
      }
      return undefined;
    }
    const inUk = (y: number, x: number): boolean =>
      y >= UK_SOUTH && y <= UK_NORTH && x >= UK_WEST && x <= UK_EAST;
    if (!inUk(a, b) && inUk(b, a)) {
      this.warn(
        'latlng-swapped',
        latPath,
        'a latitude between 49 and 61 for a place in the UK',
        a,
        `latitude ${a} and longitude ${b} look swapped (the place would be outside the UK, swapped it is inside)`,
        `read as latitude ${b}, longitude ${a}`,
      );
      return { lat: b, lng: a };
    }
    if (a < -90 || a > 90) {
      this.warn('latlng-out-of-range', latPath, 'a latitude between -90 and 90', a, `latitude ${a} is not between -90 and 90`, 'coordinates dropped');
      return undefined;
    }
    if (b < -180 || b > 180) {
      this.warn('latlng-out-of-range', lngPath, 'a longitude between -180 and 180', b, `longitude ${b} is not between -180 and 180`, 'coordinates dropped');
      return undefined;
    }
    if (a === 0 && b === 0) {
      this.warn('latlng-zero', latPath, 'the position of a place in the UK', '0, 0', 'latitude 0, longitude 0 is in the Atlantic, a common sign of a missing position', 'coordinates dropped');
      return undefined;
    }
    return { lat: a, lng: b };
  }

  time(value: unknown, path: string, field: string, end = false, dropped = `${field} dropped`): string | undefined {
    if (value === undefined || value === null || value === '') return undefined;
    if (isClockTime(value, end)) return value;
    const expected = 'a time such as 09:30 (24-hour, HH:MM)';
    if (typeof value === 'string') {
      const loose = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(value);
      if (loose) {
        const fixed = `${loose[1]!.padStart(2, '0')}:${loose[2]}`;
        if (isClockTime(fixed, end)) {
          this.warn('bad-time', path, expected, value, `${field} should be written HH:MM`, `read as ${fixed}`);
          return fixed;
        }
      }
    }
    this.warn('bad-time', path, expected, value, `${field} is not a time HH:MM`, dropped);
    return undefined;
  }
}

