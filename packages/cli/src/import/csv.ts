/**
 * A council spreadsheet (CSV) to a Community Atlas feed, through a mapping.
 * Pure: text in, feed and report out; the command does the files.
 */
import Papa from 'papaparse';
import type { Feed, Gazetteer, Listing, ListingKind, OpeningHours, Session, Text, TransferDocument, Weekday } from '@community-atlas/core';
import { FIELD_TYPES, keepReason, ruleMatches, type CsvMapping, type ScheduleColumns, type ValueSpec } from './csv-mapping.js';
import { looksLikeFormula } from './formula.js';
import { districtOf, geocode, normalisePostcode, sectorOf, type Centroids } from './postcodes.js';

export interface ParsedCsv {
  header: string[];
  /** Rows as cells by column; `line` is the spreadsheet row number (the header is row 1). */
  rows: { line: number; cells: Record<string, string> }[];
  /** Ragged rows, with row numbers: imported, but worth a look. */
  problems: { line: number; message: string }[];
  /** Quoting errors: the rows from there on may have been read wrongly, so the run exits 1. */
  errors: { line: number; message: string }[];
}

export { looksLikeFormula, neutraliseFormula } from './formula.js';

const strictUtf8Decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The file's bytes as text. UTF-8 (with or without a byte-order mark) is read as it
 * is; bytes that are not UTF-8 mean the file was saved in Excel's own encoding
 * (Windows-1252: "£", "é" as single bytes), which is read instead, with a warning
 * naming the first row that had one, never silently turned into "�".
 */
export function decodeCsv(bytes: Uint8Array): { text: string; warning?: { line: number; message: string } } {
  try {
    return { text: strictUtf8Decoder.decode(bytes) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\ufffd');
    const line = bad < 0 ? 1 : loose.slice(0, bad).split('\n').length;
    const text = new TextDecoder('windows-1252').decode(bytes);
    return {
      text,
      warning: {
        line,
        message: 'the file has bytes that are not UTF-8 (first on this row), so it was read as Windows-1252, the encoding Excel saves "CSV" in; check accented letters and £ signs, or save it as "CSV UTF-8"',
      },
    };
  }
}

/**
 * Parses CSV text. papaparse detects the delimiter (comma, semicolon, tab), keeps
 * newlines inside quoted cells, and a byte-order mark is dropped first.
 * Cells that would run as spreadsheet formulas, NUL characters and repeated column
 * names are each reported with their row and column.
 */
export function parseCsv(text: string): ParsedCsv {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const data = parsed.data;
  const problems: ParsedCsv['problems'] = [];
  const errors: ParsedCsv['errors'] = [];
  const rawHeader = (data[0] ?? []).map((h) => h.replace(/\0/g, '').trim());
  // A repeated name is read from its first column only; later ones are left out, and said so.
  const header = rawHeader.map((h, c) => {
    const first = rawHeader.indexOf(h);
    if (!h || first === c) return h;
    problems.push({ line: 1, message: `the header has "${h}" twice (columns ${columnLetter(first)} and ${columnLetter(c)}); only column ${columnLetter(first)} is read` });
    return '';
  });
  const rows: ParsedCsv['rows'] = [];
  // Row numbers are counted from the raw text so that a quoted newline does not shift them.
  let line = 1;
  const lineStarts = countLines(text.replace(/^\uFEFF/, ''));
  for (let i = 1; i < data.length; i++) {
    const cellsArray = data[i] as string[];
    line = lineStarts[i] ?? line + 1;
    const cells: Record<string, string> = {};
    header.forEach((h, c) => {
      if (!h) return;
      let raw = cellsArray[c] ?? '';
      if (raw.includes('\0')) {
        problems.push({ line, message: `column "${h}" has a NUL character (a byte of zero, often from a file saved as UTF-16 or a database export); removed` });
        raw = raw.replace(/\0/g, '');
      }
      if (looksLikeFormula(raw)) {
        problems.push({ line, message: `column "${h}" starts with "${raw.replace(/^[\t\r ]+/, '').charAt(0)}" and would run as a formula in a spreadsheet: ${JSON.stringify(raw.length > 40 ? `${raw.slice(0, 37)}…` : raw)}; kept as text, and written with a leading ' in any CSV we make` });
      }
      const cell = raw.trim();
      const repaired = repairMojibake(cell).trim();
      if (repaired !== cell) problems.push({ line, message: `${h} "${cell}" looked like text saved in the wrong encoding; read as "${repaired}"` });
      cells[h] = repaired;
    });
    if (cellsArray.length > header.length && cellsArray.slice(header.length).some((c) => c.trim())) {
      problems.push({ line, message: `has ${cellsArray.length} cells but the header has ${header.length}` });
    }
    rows.push({ line, cells });
  }
  for (const error of parsed.errors) {
    if (error.code === 'UndetectableDelimiter') continue;
    if (error.code === 'TooFewFields' || error.code === 'TooManyFields') continue;
    const message =
      error.code === 'MissingQuotes'
        ? 'a quoted cell is never closed, so everything after it was read as one cell: check the quotes on this row'
        : error.message;
    errors.push({ line: lineStarts[error.row ?? 0] ?? 0, message });
  }
  return { header, rows, problems, errors };
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Two or three characters that UTF-8 bytes become when read as Latin-1 or Windows-1252 ("Ã©" for "é"). */
const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf]/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Undoes UTF-8 text that was once read as Latin-1 and saved again ("CafÃ©" for
 * "Café"), which real council spreadsheets contain. Only text that is wholly
 * Latin-1 and decodes as valid UTF-8 is changed, so genuine accented text
 * ("Ysgol Gymraeg Bro Alaw", "Café") is never touched; a second pass undoes a
 * double round trip.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let pass = 0; pass < 2 && MOJIBAKE.test(current); pass++) {
    if (![...current].every((ch) => ch.charCodeAt(0) <= 0xff)) break;
    const bytes = Uint8Array.from(current, (ch) => ch.charCodeAt(0));
    try {
      current = strictUtf8.decode(bytes);
    } catch {
      break;
    }
  }
  return current.includes('\ufffd') ? text : current;
}

/** Spreadsheet row number of each parsed record, honouring quoted newlines and blank lines. */
function countLines(text: string): number[] {
  const starts: number[] = [];
  let line = 1;
  let inQuotes = false;
  let recordStart = true;
  let blank = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (recordStart) {
      starts.push(line);
      recordStart = false;
      blank = true;
    }
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === '\n') {
      line++;
      if (!inQuotes) {
        if (blank) starts.pop();
        recordStart = true;
      }
    } else if (ch !== '\r' && !(ch === ',' || ch === ';' || ch === '\t' || ch === ' ')) blank = false;
  }
  if (!recordStart && blank) starts.pop();
  return starts;
}

export interface ImportCsvOptions {
  mapping: CsvMapping;
  /** Overrides the mapping's kind. */
  kind?: ListingKind;
  publisher: string;
  today: string;
  centroids?: Centroids;
  /** Called every `progressEvery` rows. */
  progress?(done: number, total: number): void;
  progressEvery?: number;
}

export interface SkippedRow {
  line: number;
  reason: string;
  /** True for rows a mapping rule leaves out on purpose; false for rows that could not be read. */
  deliberate: boolean;
}

export interface ImportCsvResult {
  feed: Feed;
  skipped: SkippedRow[];
  /** Rows imported with a caveat: a postcode that is not a postcode, a coordinate out of range… */
  warnings: { line: number; message: string }[];
  /** Places where the file itself could not be read properly (broken quoting). */
  errors: { line: number; message: string }[];
  geocoded: Record<'source' | 'postcode' | 'sector' | 'district' | 'none', number>;
  /** Every row, in order, with what became of it: for `--report`. */
  rows: { line: number; id?: string; name?: string; outcome: 'imported' | 'skipped'; reason?: string }[];
  /** Listings whose opening hours were written in words ("AM & PM (continuous)"), kept as notes. */
  hoursInWords: number;
  /** Listings given a summary from their category and organisation, the file having none. */
  summariesMade: number;
}

export function importCsv(csv: ParsedCsv, options: ImportCsvOptions): ImportCsvResult {
  const { mapping } = options;
  const skipped: SkippedRow[] = [];
  const warnings: ImportCsvResult['warnings'] = [];
  const geocoded: ImportCsvResult['geocoded'] = { source: 0, postcode: 0, sector: 0, district: 0, none: 0 };
  const listings: Listing[] = [];
  const usedIds = new Map<string, number>();
  const usedDistricts = new Set<string>();
  const usedSectors = new Set<string>();
  const every = options.progressEvery ?? 500;
  const rows: ImportCsvResult['rows'] = [];
  let hoursInWords = 0;
  let summariesMade = 0;
  const skip = (line: number, reason: string, deliberate: boolean): void => {
    skipped.push({ line, reason, deliberate });
    rows.push({ line, outcome: 'skipped', reason });
  };

  for (const problem of csv.problems) warnings.push({ line: problem.line, message: problem.message });

  csv.rows.forEach((row, index) => {
    if (options.progress && index > 0 && index % every === 0) options.progress(index, csv.rows.length);
    const notKept = (mapping.keep ?? []).find((r) => !ruleMatches(r, row.cells));
    if (notKept) return skip(row.line, keepReason(notKept), true);
    const rule = (mapping.skip ?? []).find((r) => ruleMatches(r, row.cells));
    if (rule) return skip(row.line, rule.reason, true);
    const listing: Record<string, unknown> = { id: '', kind: options.kind ?? mapping.kind ?? 'asset', name: '' };
    const rowWarn = (message: string): void => void warnings.push({ line: row.line, message });
    for (const [path, spec] of Object.entries(mapping.fields)) {
      const type = FIELD_TYPES[path] ?? 'string';
      const value = convert(resolve(spec, row.cells, type === 'list' || type === 'documents'), type, path, rowWarn);
      if (value !== undefined) setPath(listing, path, value);
    }
    if (options.kind) listing.kind = options.kind;
    if (!['asset', 'activity', 'transfer'].includes(listing.kind as string)) return skip(row.line, `kind "${String(listing.kind)}" is not asset, activity or transfer`, false);
    if (!listing.name) return skip(row.line, 'no name', false);
    if (mapping.openingHours) {
      const hours: OpeningHours = (listing.openingHours as OpeningHours | undefined) ?? {};
      const words: [Weekday, string][] = [];
      for (const [day, column] of Object.entries(mapping.openingHours)) {
        // "9:00-17:00" is common; the feed wants two-digit hours.
        const cell = (row.cells[column] ?? '').replace(/\s+/g, '').replace(/(^|[-,])(\d):/g, '$10$2:');
        if (!cell) continue;
        if (/^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)(,([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00))*$/.test(cell)) hours[day as Weekday] = cell;
        else if (!/[a-z]/i.test(cell)) rowWarn(`opening hours "${row.cells[column]}" in "${column}" are not like 09:00-13:00,14:00-17:00; left out`);
        // Hours in words ("AM & PM (continuous)", "N/A Closed") are what some national layouts hold: kept for people to read.
        else words.push([day as Weekday, (row.cells[column] ?? '').trim()]);
      }
      if (words.length) {
        hoursInWords++;
        const notes = hoursNotes(words);
        const given = hours.notes === undefined ? '' : textOf(hours.notes);
        hours.notes = given ? `${given} ${notes}` : notes;
      }
      if (Object.keys(hours).length) listing.openingHours = hours;
    }
    if (mapping.schedule) {
      const session = sessionFrom(mapping.schedule, row.cells, rowWarn);
      if (session) listing.schedule = [session];
    }
    placeListing(listing, options.centroids, geocoded, rowWarn);
    const location = listing.location as { postcode?: string } | undefined;
    if (location?.postcode && normalisePostcode(location.postcode)) {
      usedDistricts.add(districtOf(location.postcode));
      usedSectors.add(sectorOf(location.postcode));
    }
    // "What it is" must say what the thing is, not only who runs it.
    if (listing.summary === undefined && listing.description === undefined) {
      const made = summaryFrom(listing);
      if (made) {
        listing.summary = made;
        summariesMade++;
      }
    }
    const id = uniqueId(baseId(mapping, row.cells, listing), usedIds);
    listing.id = id;
    listings.push(listing as unknown as Listing);
    rows.push({ line: row.line, id, name: textOf(listing.name), outcome: 'imported' });
  });
  if (options.progress && csv.rows.length >= every) options.progress(csv.rows.length, csv.rows.length);

  const feed: Feed = { version: '1', publisher: { name: options.publisher }, updated: options.today, listings };
  if (mapping.licence) feed.licence = mapping.licence;
  const gazetteer = gazetteerFor(options.centroids, usedDistricts, usedSectors);
  if (gazetteer) feed.gazetteer = gazetteer;
  return { feed, skipped, warnings, errors: csv.errors, geocoded, rows, hoursInWords, summariesMade };
}

const DAY_NAMES: Record<Weekday, string> = { mo: 'Monday', tu: 'Tuesday', we: 'Wednesday', th: 'Thursday', fr: 'Friday', sa: 'Saturday', su: 'Sunday' };

/**
 * Hours written in words, one per weekday, as one readable line: consecutive days
 * that say the same are grouped ("Monday to Thursday: All Day (continuous).
 * Saturday: Closed."), and the ways of writing closed become "Closed".
 */
function hoursNotes(days: [Weekday, string][]): string {
  const tidy = (cell: string): string => (/^(n\/?a\s*)?closed$/i.test(cell) || /^n\/?a$/i.test(cell) ? 'Closed' : cell);
  const groups: { from: Weekday; to: Weekday; words: string }[] = [];
  for (const [day, cell] of days) {
    const words = tidy(cell);
    const last = groups[groups.length - 1];
    const order = Object.keys(DAY_NAMES);
    if (last && last.words === words && order.indexOf(day) === order.indexOf(last.to) + 1) last.to = day;
    else groups.push({ from: day, to: day, words });
  }
  return `${groups.map((g) => `${DAY_NAMES[g.from]}${g.to !== g.from ? ` to ${DAY_NAMES[g.to]}` : ''}: ${g.words}`).join('; ')}.`;
}

/** "Library run by Northbridge Borough Council", from the first category and the organisation. */
function summaryFrom(listing: Record<string, unknown>): string | undefined {
  const category = Array.isArray(listing.categories) ? listing.categories.find((c): c is string => typeof c === 'string') : undefined;
  const organisation = textOf((listing.organisation as { name?: unknown } | undefined)?.name);
  if (!category) return undefined;
  const what = category.replace(/[-_]+/g, ' ').trim();
  const words = what.charAt(0).toUpperCase() + what.slice(1);
  return organisation ? `${words} run by ${organisation}` : undefined;
}

/** Raw values of a spec for one row: a list of strings or other JSON values. */
function resolve(spec: ValueSpec, cells: Record<string, string>, list: boolean): unknown[] {
  if (typeof spec === 'string') return nonEmpty([cells[spec] ?? '']);
  if (Array.isArray(spec)) return spec.flatMap((s) => resolve(s, cells, list));
  if ('const' in spec) return Array.isArray(spec.const) ? spec.const : [spec.const];
  if ('join' in spec) {
    const parts = nonEmpty(spec.join.map((c) => cells[c] ?? ''));
    if (list) return parts;
    return parts.length ? [parts.join(spec.separator ?? ', ')] : [];
  }
  if ('template' in spec) {
    let empty = false;
    const words = spec.template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
      const inner = spec.with?.[name];
      const value = inner === undefined ? [cells[name] ?? ''] : resolve(inner, cells, false);
      const first = value.find((v) => v !== undefined && v !== null && String(v).trim() !== '');
      if (first === undefined) empty = true;
      return first === undefined ? '' : String(first).trim();
    });
    return empty ? [] : [words.replace(/\s+/g, ' ').trim()];
  }
  if ('lang' in spec) {
    const text: Record<string, string> = {};
    for (const [lang, column] of Object.entries(spec.lang)) if (cells[column]) text[lang] = cells[column];
    const langs = Object.keys(text);
    if (langs.length === 0) return [];
    return [langs.length === 1 ? (text[langs[0] as string] as string) : text];
  }
  const cell = cells[spec.column] ?? '';
  let values: unknown[] = spec.split !== undefined ? nonEmpty(cell.split(spec.split)) : nonEmpty([cell]);
  if (spec.map) {
    const map = new Map(Object.entries(spec.map).map(([k, v]) => [k.toLowerCase(), v]));
    values = values.flatMap((v) => {
      const hit = map.has(String(v).toLowerCase()) ? map.get(String(v).toLowerCase()) : map.get('*');
      return hit === undefined || hit === null ? [] : Array.isArray(hit) ? hit : [hit];
    });
  }
  if (values.length === 0 && spec.default !== undefined) return Array.isArray(spec.default) ? spec.default : [spec.default];
  return values;
}

function nonEmpty(values: string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => v !== '');
}

function convert(values: unknown[], type: string, path: string, warn: (message: string) => void): unknown {
  if (values.length === 0) return undefined;
  switch (type) {
    case 'list':
      return [...new Set(values.map((v) => (typeof v === 'string' ? v : String(v))))];
    case 'documents': {
      const links = values.map(String).filter((v) => {
        if (/^https?:\/\/\S+$/i.test(v)) return true;
        warn(`${path} "${v}" is not a web address; left out`);
        return false;
      });
      return links.length ? links.map(documentFrom) : undefined;
    }
    case 'number': {
      const n = typeof values[0] === 'number' ? values[0] : Number(String(values[0]).replace(/[£,\s]/g, ''));
      if (Number.isFinite(n)) return n;
      warn(`${path} "${String(values[0])}" is not a number; left out`);
      return undefined;
    }
    case 'boolean': {
      const v = values[0];
      if (typeof v === 'boolean') return v;
      const word = String(v).trim().toLowerCase();
      if (['yes', 'y', 'true', '1'].includes(word)) return true;
      if (['no', 'n', 'false', '0'].includes(word)) return false;
      warn(`${path} "${String(v)}" is not yes or no; left out`);
      return undefined;
    }
    case 'date': {
      const date = isoDate(String(values[0]));
      if (date) return date;
      warn(`${path} "${String(values[0])}" is not a date (2027-01-31 or 31/01/2027); left out`);
      return undefined;
    }
    case 'url': {
      // Spreadsheets often drop the scheme ("www.example.org/library"); a feed link must be http(s).
      const raw = String(values[0]).trim();
      if (/^https?:\/\/[^\s]+$/i.test(raw)) return raw;
      if (/^(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(raw)) return `https://${raw}`;
      warn(`${path} "${raw}" is not a web address; left out`);
      return undefined;
    }
    case 'email': {
      // Real registers write "Bodmin Library <bodmin.library@example.org>", add a note
      // in brackets, or carry mis-encoded spaces after it; the address is what is needed.
      const found = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/.exec(String(values[0]));
      // A dot may not start or end the part before @, nor repeat ("centre.@" in real data).
      if (found && !/^\.|\.@|\.\.|@\./.test(found[0])) return found[0].replace(/\.$/, '');
      warn(`${path} "${String(values[0])}" is not an email address; left out`);
      return undefined;
    }
    case 'text':
      return typeof values[0] === 'object' && values[0] !== null ? (values[0] as Text) : String(values[0]);
    default:
      return typeof values[0] === 'string' ? values[0] : values[0];
  }
}

const DAY_CODES: Record<string, string> = { mo: 'MO', tu: 'TU', we: 'WE', th: 'TH', fr: 'FR', sa: 'SA', su: 'SU' };

/** "9.30am", "09:30", "0930", "14:00:00", "2pm" → "HH:MM"; undefined when not a time. */
export function clockTime(text: string): string | undefined {
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?(?::\d{2})?\s*(am|pm)?$/i.exec(text.trim());
  if (!m) return undefined;
  let hours = Number(m[1]);
  const minutes = Number(m[2] ?? '0');
  const half = m[3]?.toLowerCase();
  if (!m[2] && !half) return undefined;
  if (half === 'pm' && hours < 12) hours += 12;
  if (half === 'am' && hours === 12) hours = 0;
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return undefined;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function sessionFrom(columns: ScheduleColumns, cells: Record<string, string>, warn: (message: string) => void): Session | undefined {
  const cell = (key: keyof ScheduleColumns): string => (columns[key] ? (cells[columns[key] as string] ?? '') : '');
  if (!cell('start')) {
    if (cell('day') || cell('rrule') || cell('date')) warn(`the session has no start time in "${columns.start}"; schedule left out`);
    return undefined;
  }
  const start = clockTime(cell('start'));
  if (!start) {
    warn(`start time "${cell('start')}" is not a time such as 10:00 or 9.30am; schedule left out`);
    return undefined;
  }
  const session: Session = { start };
  const end = cell('end') ? clockTime(cell('end')) : undefined;
  if (end) session.end = end;
  else if (cell('end')) warn(`end time "${cell('end')}" is not a time; left out`);
  const days: string[] = [];
  for (const word of cell('day').split(/[,;/&]|\band\b/i)) {
    const code = DAY_CODES[word.trim().slice(0, 2).toLowerCase()];
    if (code) days.push(code);
    else if (word.trim()) warn(`"${word.trim()}" in "${columns.day ?? ''}" is not a weekday`);
  }
  let rrule = cell('rrule').replace(/^RRULE:/i, '');
  if (rrule && days.length && !/BYDAY=/i.test(rrule) && /FREQ=WEEKLY/i.test(rrule)) rrule = `${rrule};BYDAY=${days.join(',')}`;
  if (!rrule && days.length) rrule = `FREQ=WEEKLY;BYDAY=${days.join(',')}`;
  if (rrule) session.rrule = rrule;
  for (const key of ['date', 'until'] as const) {
    if (!cell(key)) continue;
    const date = isoDate(cell(key))?.slice(0, 10);
    if (date) session[key] = date;
    else warn(`${key === 'date' ? 'first' : 'last'} date "${cell(key)}" is not a date; left out`);
  }
  if (!session.rrule && !session.date) {
    warn('the session has neither a weekday, a recurrence rule nor a date; schedule left out');
    return undefined;
  }
  const except = nonEmpty(cell('except').split(/[;,]/)).flatMap((d) => {
    const date = isoDate(d)?.slice(0, 10);
    if (!date) warn(`exception date "${d}" is not a date; left out`);
    return date ? [date] : [];
  });
  if (except.length) session.except = except;
  if (cell('place')) session.place = cell('place');
  return session;
}

/** ISO dates pass; UK day-first dates (31/01/2027, 31-1-27) become ISO. */
export function isoDate(text: string): string | undefined {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (!m) return undefined;
  const year = (m[3] as string).length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const month = Number(m[2]);
  const day = Number(m[1]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function documentFrom(url: string): TransferDocument {
  const file = decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() ?? url);
  const dot = file.lastIndexOf('.');
  const title = (dot > 0 ? file.slice(0, dot) : file).replace(/[-_]+/g, ' ').trim() || 'Document';
  const doc: TransferDocument = { title: title.charAt(0).toUpperCase() + title.slice(1), url };
  if (dot > 0) doc.type = file.slice(dot + 1).toLowerCase();
  return doc;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

/** Tidies the location: postcode spelling, coordinates in range, then geocoding. */
function placeListing(
  listing: Record<string, unknown>,
  centroids: Centroids | undefined,
  counts: ImportCsvResult['geocoded'],
  warn: (message: string) => void,
): void {
  const location = listing.location as Record<string, unknown> | undefined;
  if (!location) {
    counts.none++;
    return;
  }
  if (typeof location.postcode === 'string') {
    const tidy = normalisePostcode(location.postcode);
    if (tidy) location.postcode = tidy;
    else warn(`postcode "${location.postcode}" does not look like a UK postcode; kept as given, not geocoded`);
  }
  const { lat, lng } = location;
  const hasLat = typeof lat === 'number';
  const hasLng = typeof lng === 'number';
  if (hasLat !== hasLng || (hasLat && (Math.abs(lat) > 90 || Math.abs(lng as number) > 180 || (lat === 0 && lng === 0)))) {
    if (hasLat || hasLng) warn(`coordinates (${String(lat ?? 'none')}, ${String(lng ?? 'none')}) are incomplete or out of range; left out`);
    delete location.lat;
    delete location.lng;
  }
  if (typeof location.lat === 'number') {
    if (!location.geocodePrecision) location.geocodePrecision = 'source';
    counts.source++;
    return;
  }
  delete location.geocodePrecision;
  const postcode = typeof location.postcode === 'string' ? normalisePostcode(location.postcode) : undefined;
  const found = postcode && centroids ? geocode(postcode, centroids) : undefined;
  if (found) {
    location.lat = found.lat;
    location.lng = found.lng;
    location.geocodePrecision = found.precision;
    counts[found.precision]++;
  } else counts.none++;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function textOf(text: unknown): string {
  if (typeof text === 'string') return text;
  if (typeof text === 'object' && text !== null) return String(Object.values(text)[0] ?? '');
  return '';
}

function baseId(mapping: CsvMapping, cells: Record<string, string>, listing: Record<string, unknown>): string {
  if (mapping.id && 'column' in mapping.id) {
    const raw = cells[mapping.id.column] ?? '';
    if (/^[A-Za-z0-9._-]+$/.test(raw)) return raw;
    if (raw) return slug(raw);
  } else if (mapping.id && 'slug' in mapping.id) {
    const fromColumns = slug(mapping.id.slug.map((c) => cells[c] ?? '').join(' '));
    if (fromColumns) return fromColumns;
  }
  const postcode = (listing.location as { postcode?: string } | undefined)?.postcode ?? '';
  return slug(`${textOf(listing.name)} ${postcode}`) || 'listing';
}

function uniqueId(base: string, used: Map<string, number>): string {
  const seen = used.get(base);
  if (seen === undefined) {
    used.set(base, 1);
    return base;
  }
  let n = seen + 1;
  while (used.has(`${base}-${n}`)) n++;
  used.set(base, n);
  used.set(`${base}-${n}`, 1);
  return `${base}-${n}`;
}

/** Districts and sectors of the postcodes the feed uses, so postcode search works offline. */
function gazetteerFor(centroids: Centroids | undefined, districts: Set<string>, sectors: Set<string>): Gazetteer | undefined {
  if (!centroids) return undefined;
  const pick = (table: Map<string, [number, number]>, keys: Set<string>): Record<string, [number, number]> =>
    Object.fromEntries([...keys].sort().flatMap((k) => (table.has(k) ? [[k, table.get(k) as [number, number]]] : [])));
  const gazetteer: Gazetteer = {};
  const d = pick(centroids.districts, districts);
  const s = pick(centroids.sectors, sectors);
  if (Object.keys(d).length) gazetteer.districts = d;
  if (Object.keys(s).length) gazetteer.sectors = s;
  return Object.keys(gazetteer).length ? gazetteer : undefined;
}
