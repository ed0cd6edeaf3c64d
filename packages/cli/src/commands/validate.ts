import { constants as bufferConstants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { isIsoDate, isIsoDateOrDateTime, normaliseFeed, readFeedJson, type Listing, type Problem } from '@community-atlas/core';
import { EXIT, type Command, type Io } from '../io.js';
import { looksLikeFormula } from '../import/formula.js';
import { allSessionsBefore } from '../import/past.js';
import { staleness, ukToday, wholeMonths } from '../report/figures.js';

const HELP = `Usage: atlas validate [--json] [--stale MONTHS [--today YYYY-MM-DD]] FEED...

Checks each feed against the Community Atlas feed schema and the finder's own
checks, and says exactly what is wrong: file, listing, JSON path, what was
expected and what was found.

Options:
  --json          print one JSON report on stdout instead of lines for people
  --stale MONTHS  warn about each listing last checked over MONTHS months ago
                  (lastVerified), never checked, or dated after today, and count
                  them, with the listings whose every session is over: for
                  pipelines that publish feeds
  --today DATE    the day --stale counts from (default today, UK)
  --help          show this help

A feed is read as one JSON text, so each file can be at most about 536 MB (the
longest text Node.js holds); split a larger one into several feeds.

Exit codes: 0 every feed is valid (warnings allowed), 1 problems found (or a
file could not be read), 2 bad usage.`;

// ajv-formats is CommonJS with a default export; under NodeNext its type is the module object.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const schema = require('@community-atlas/core/feed.schema.json') as object;
    // Strict: the schema must compile with no unknown keywords or loose types (a test holds it there).
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

interface FileReport {
  file: string;
  listings: number;
  skipped: number;
  errors: number;
  warnings: number;
  problems: Problem[];
  /** With --stale: listings over the age, never checked, dated after today. */
  stale?: StaleCount;
}

interface StaleCount {
  stale: number;
  never: number;
  future: number;
}

/** With --stale: a warning for each listing not checked within `months` of `today` (the rule `atlas report` uses). */
function staleProblems(feed: unknown, source: string, months: number, today: string): { problems: Problem[]; count: StaleCount } {
  const problems: Problem[] = [];
  const count: StaleCount = { stale: 0, never: 0, future: 0 };
  const listings = (feed as { listings?: unknown }).listings;
  if (!Array.isArray(listings)) return { problems, count };
  listings.forEach((raw: unknown, index) => {
    if (!raw || typeof raw !== 'object') return;
    const l = raw as { id?: unknown; lastVerified?: unknown };
    const date = typeof l.lastVerified === 'string' && isIsoDateOrDateTime(l.lastVerified) ? l.lastVerified : undefined;
    // A date that is there but unreadable already has its own warning.
    if (l.lastVerified !== undefined && !date) return;
    const state = staleness(date, today, months);
    if (state === 'fresh') return;
    const path = `$.listings[${index}].lastVerified`;
    const base = { severity: 'warning' as const, path, listingIndex: index, source, ...(typeof l.id === 'string' ? { listingId: l.id } : {}) };
    if (state === 'future') {
      count.future++;
      problems.push({ ...base, code: 'checked-in-future', expected: `a date no later than ${today}`, found: date!, message: `lastVerified ${date} is after ${today}.`, fix: 'checked in the future' });
    } else {
      const expected = `a check within ${months} months of ${today}`;
      if (state === 'never') count.never++;
      else count.stale++;
      const fix = state === 'never' ? 'stale: never checked' : `stale: last checked ${wholeMonths(date!.slice(0, 10), today)} months ago`;
      problems.push({ ...base, code: state === 'never' ? 'never-checked' : 'stale', expected, found: date ?? 'nothing', message: `Not checked within ${months} months of ${today}.`, fix });
    }
  });
  return { problems, count };
}

function jsonPath(instancePath: string): string {
  let path = '$';
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path += /^\d+$/.test(part) ? `[${part}]` : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  }
  return path;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

function valueAt(root: unknown, instancePath: string): unknown {
  let node = root;
  for (const raw of instancePath.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * What each pattern in feed.schema.json asks for, in words, since a person
 * fixing a feed cannot be expected to read a regular expression. A test checks
 * every pattern in the schema has its words here.
 */
export const PATTERN_WORDS: Record<string, string> = {
  '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$': 'a language code such as en or cy',
  '^(?:[Hh][Tt][Tt][Pp][Ss]?:|[Mm][Aa][Ii][Ll][Tt][Oo]:|[Tt][Ee][Ll]:|[^:\\s]*$|[^:\\s]*[/?#])': 'an http, https, mailto or tel link',
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])([T ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?(Z|[+-]([01]\\d|2[0-3]):?[0-5]\\d)?)?$':
    'a date such as 2026-09-14, or a date and time such as 2026-09-14T10:00',
  '^([01]\\d|2[0-3]):[0-5]\\d$': 'a time such as 09:00 (24-hour, two digits for the hour)',
  '^(([01]\\d|2[0-3]):[0-5]\\d|24:00)$': 'a time such as 17:30 (24-hour; 24:00 for midnight at the end of the day)',
  '^[A-Za-z0-9._-]+$': 'an id of letters, digits, dots, dashes and underscores, such as walk-riverside-tue',
  '^(?:[Hh][Tt][Tt][Pp][Ss]?:|[Mm][Aa][Ii][Ll][Tt][Oo]:)': 'an http, https or mailto address',
  'FREQ=': 'a recurrence rule such as FREQ=WEEKLY;BYDAY=TU',
  '^$|^([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00)(,([01]\\d|2[0-3]):[0-5]\\d-(([01]\\d|2[0-3]):[0-5]\\d|24:00))*$':
    'opening hours such as 09:00-13:00,14:00-17:00, or nothing for closed',
};

function expectedFor(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return String(p.type).replace(',', ' or ');
    case 'required':
      return 'a value';
    case 'enum':
      return `one of ${(p.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return JSON.stringify(p.allowedValue);
    case 'additionalProperties':
      return 'only the fields the schema defines (or ones starting x-)';
    case 'pattern':
      return PATTERN_WORDS[String(p.pattern)] ?? `text in the form the feed schema describes (${String(p.pattern)})`;
    case 'format':
      return p.format === 'date' ? 'an ISO date (2026-09-14)' : `a valid ${String(p.format)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return `a number ${String(p.comparison)} ${String(p.limit)}`;
    case 'oneOf':
    case 'anyOf':
      return 'one of the shapes the schema allows';
    default:
      return error.message ?? error.keyword;
  }
}

/**
 * Ajv's errors as problems of the same shape as core's; one per path, the most telling one.
 * `unions`: the paths of values that matched none of a oneOf's shapes (an outline that is
 * neither a good Polygon nor a good MultiPolygon), where Ajv reports every branch's errors.
 */
function schemaProblems(feed: unknown, source: string, unions: string[] = []): Problem[] {
  const validate = schemaValidator();
  if (validate(feed)) return [];
  for (const error of validate.errors ?? []) if (error.keyword === 'oneOf') unions.push(jsonPath(error.instancePath));
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of validate.errors ?? []) {
    const p = error.params as Record<string, unknown>;
    const instancePath =
      error.keyword === 'required' ? `${error.instancePath}/${String(p.missingProperty)}` :
      error.keyword === 'additionalProperties' ? `${error.instancePath}/${String(p.additionalProperty)}` :
      error.instancePath;
    const list = byPath.get(instancePath) ?? [];
    list.push(error);
    byPath.set(instancePath, list);
  }
  const listings = (feed as { listings?: unknown[] }).listings;
  const problems: Problem[] = [];
  for (const [instancePath, errors] of byPath) {
    // Of a oneOf's branches, the one for what was found says what is wrong: a Text map with
    // a bad language code is not "expected string" but "expected a language code".
    const here = valueAt(feed, instancePath);
    const foundType = Array.isArray(here) ? 'array' : here === null ? 'null' : typeof here;
    const branch = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'propertyNames');
    const fitting = branch.filter((e) => e.keyword !== 'type' || !String((e.params as { type: string }).type).split(',').includes(foundType));
    const plain = fitting.some((e) => e.keyword !== 'type') && foundType === 'object' ? fitting.filter((e) => e.keyword !== 'type') : branch;
    const types = plain.filter((e) => e.keyword === 'type');
    const error = plain[0] ?? errors[0]!;
    const expected = types.length > 1 && types.length === plain.length ? types.map((e) => String((e.params as { type: string }).type)).join(' or ') : expectedFor(error);
    const value = error.keyword === 'additionalProperties' ? instancePath.split('/').pop() : valueAt(feed, instancePath);
    const path = jsonPath(instancePath);
    const found =
      error.keyword === 'additionalProperties' ? `a field ${JSON.stringify(value)}`
      : error.propertyName !== undefined ? `the key ${JSON.stringify(error.propertyName)}`
      : show(value);
    const m = /^\/listings\/(\d+)/.exec(instancePath);
    const problem: Problem = {
      severity: 'error',
      code: `schema-${error.keyword}`,
      path,
      expected,
      found,
      message: `${path}: expected ${expected}, found ${found}.`,
      source,
    };
    if (m) {
      problem.listingIndex = Number(m[1]);
      const id = Array.isArray(listings) ? (listings[problem.listingIndex] as { id?: unknown } | undefined)?.id : undefined;
      if (typeof id === 'string') problem.listingId = id;
    }
    problems.push(problem);
  }
  return problems;
}

/**
 * Text that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `@SUM(…)`): the
 * finder shows it as text, but a feed is often opened or exported to a spreadsheet,
 * so each is a warning naming the listing and the field.
 */
function formulaProblems(feed: unknown, source: string): Problem[] {
  const listings = (feed as { listings?: unknown } | null)?.listings;
  if (!Array.isArray(listings)) return [];
  const problems: Problem[] = [];
  const walk = (value: unknown, path: string, index: number, id: string | undefined): void => {
    if (typeof value === 'string') {
      if (!looksLikeFormula(value)) return;
      const problem: Problem = {
        severity: 'warning',
        code: 'formula-like',
        path,
        expected: 'text that does not start with =, +, - or @ (a spreadsheet would run it as a formula)',
        found: show(value),
        message: `${path}: starts like a spreadsheet formula.`,
        fix: 'kept as text; check it, and never paste it into a spreadsheet as it is',
        source,
        listingIndex: index,
      };
      if (id !== undefined) problem.listingId = id;
      problems.push(problem);
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`, index, id));
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) walk(v, /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`, index, id);
    }
  };
  listings.forEach((listing, index) => {
    const id = (listing as { id?: unknown } | null)?.id;
    walk(listing, `$.listings[${index}]`, index, typeof id === 'string' ? id : undefined);
  });
  return problems;
}

/**
 * With --stale: one warning with a count for listings whose every session is over
 * by `today`. It sits with the freshness checks rather than in every run, because a
 * feed may keep a finished scheme on purpose (the demo feed does, for the report).
 */
function pastProblems(feed: unknown, source: string, today: string): Problem[] {
  const listings = (feed as { listings?: unknown } | null)?.listings;
  if (!Array.isArray(listings)) return [];
  const over = listings.filter((l): l is Listing => !!l && typeof l === 'object' && Array.isArray((l as Listing).schedule) && allSessionsBefore(l as Listing, today));
  if (!over.length) return [];
  const ids = over.slice(0, 3).map((l) => String(l.id)).join(', ');
  return [{
    severity: 'warning',
    code: 'past-sessions',
    path: '$.listings',
    expected: 'sessions still to come',
    found: `${over.length} listing${over.length === 1 ? ' has' : 's have'} no upcoming sessions: every session is over (${ids}${over.length > 3 ? ', …' : ''})`,
    message: `${over.length} listings have only past sessions.`,
    fix: 'kept (the finder marks them "No upcoming sessions" and leaves them out of day and time filters); give them dates still to come, or take them out of the feed',
    source,
  }];
}

function related(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
}

/**
 * Both checks on one feed. Where the schema and the finder's checks flag the same
 * place, the finder's problem is kept (it says what the browser does about it)
 * and, since the schema is strict, a warning there becomes an error.
 */
export function checkFeed(text: string, source: string, options: { stale?: { months: number; today: string } } = {}): FileReport {
  return checkRead(readFeedJson(text, source), source, options).report;
}

/**
 * `checkFeed` for `atlas build --shards`, which reads only the errors (they
 * decide which listings and values are left out): warnings that nothing in a
 * build reads (text like a spreadsheet formula) are not looked for. With the
 * feed as parsed, so it is not parsed twice.
 */
export function checkFeedForBuild(text: string, source: string): { report: FileReport; value: unknown } {
  return checkRead(readFeedJson(text, source), source, { formulas: false });
}

function checkRead(read: ReturnType<typeof readFeedJson>, source: string, options: { stale?: { months: number; today: string }; formulas?: boolean }): { report: FileReport; value: unknown } {
  if (!read.ok) return { report: { file: source, listings: 0, skipped: 0, errors: 1, warnings: 0, problems: [read.problem] }, value: undefined };
  const data = normaliseFeed(read.value, { source });
  const core = data.problems.map((p) => ({ ...p }));
  const unions: string[] = [];
  const strict = schemaProblems(read.value, source, unions);
  const extra: Problem[] = [];
  for (const s of strict) {
    // Inside a value that fits none of a oneOf's shapes, the finder's own problem there says
    // what is wrong; the other shapes' errors (an outline's every corner "expected array") are noise.
    const union = unions.filter((u) => related(u, s.path) && s.path.startsWith(u)).sort((x, y) => y.length - x.length)[0];
    const same = core.filter((p) => related(p.path, s.path) || (union !== undefined && p.path.startsWith(union) && related(p.path, union)));
    if (same.length) {
      for (const p of same) if (p.severity === 'warning' && p.path === s.path) p.severity = 'error';
    } else {
      extra.push(s);
    }
  }
  const stale = options.stale ? staleProblems(read.value, source, options.stale.months, options.stale.today) : undefined;
  const problems = [...core, ...extra, ...(options.formulas === false ? [] : formulaProblems(read.value, source)), ...(options.stale ? pastProblems(read.value, source, options.stale.today) : []), ...(stale?.problems ?? [])].sort((a, b) => (a.listingIndex ?? -1) - (b.listingIndex ?? -1));
  const report: FileReport = {
    ...(stale ? { stale: stale.count } : {}),
    file: source,
    listings: data.listings.length,
    skipped: data.skipped,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    problems,
  };
  return { report, value: read.value };
}

/** What happened to the listing, in the words of one CLI line. */
function outcome(p: Problem): string {
  if (p.code.startsWith('schema-')) return 'error, breaks the feed schema';
  if (p.severity === 'warning') return `warning, ${p.fix ?? 'listing kept'}`;
  if (p.fix) return `error, breaks the feed schema; the finder: ${p.fix}`;
  return p.listingIndex === undefined ? 'error, feed not usable' : 'error, listing skipped';
}

export function formatProblem(p: Problem, file: string): string {
  const who = p.listingId !== undefined ? `listing "${p.listingId}" ` : p.listingIndex !== undefined ? `listing ${p.listingIndex + 1} ` : '';
  const what = p.code === 'not-json' || p.code === 'truncated' || p.code === 'empty-file' ? p.message.replace(/\.$/, '') : `expected ${p.expected}, found ${p.found}`;
  return `${file}: ${who}(${p.path}): ${what} (${outcome(p)})`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * The largest feed validate reads: the longest string Node.js can hold (about 536 MB),
 * since the feed is parsed as one JSON text. A UTF-8 file never decodes to more characters
 * than it has bytes, so any file up to this size fits. Larger feeds are refused, plainly,
 * before a byte is read, rather than failing with "Invalid string length".
 */
const MAX_FEED_BYTES = bufferConstants.MAX_STRING_LENGTH;
const bytes = (n: number): string => `${n.toLocaleString('en-GB')} bytes`;

async function run(args: string[], io: Io): Promise<number> {
  let json = false;
  const files: string[] = [];
  let optionsEnded = false;
  let staleArg: string | undefined;
  let todayArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!optionsEnded && (arg === '--stale' || arg === '--today')) {
      const value = args[++i];
      if (value === undefined) {
        io.err(`atlas validate: ${arg} needs a value\n\n${HELP}`);
        return EXIT.usage;
      }
      if (arg === '--stale') staleArg = value;
      else todayArg = value;
    } else if (!optionsEnded && arg.startsWith('--stale=')) staleArg = arg.slice(8);
    else if (!optionsEnded && arg.startsWith('--today=')) todayArg = arg.slice(8);
    else if (!optionsEnded && arg === '--') optionsEnded = true;
    else if (!optionsEnded && (arg === '--help' || arg === '-h')) {
      io.out(HELP);
      return EXIT.ok;
    } else if (!optionsEnded && arg === '--json') json = true;
    else if (!optionsEnded && arg.startsWith('-') && arg !== '-') {
      io.err(`atlas validate: unknown option "${arg}"\n\n${HELP}`);
      return EXIT.usage;
    } else files.push(arg);
  }
  if (!files.length) {
    io.err(`atlas validate: name at least one feed file\n\n${HELP}`);
    return EXIT.usage;
  }
  const months = staleArg === undefined ? undefined : Number(staleArg);
  if (months !== undefined && (!Number.isInteger(months) || months < 1)) {
    io.err(`atlas validate: --stale takes a whole number of months (1 or more), not "${staleArg}"`);
    return EXIT.usage;
  }
  const today = todayArg ?? ukToday();
  if (!isIsoDate(today)) {
    io.err(`atlas validate: --today takes a date as 2026-11-01, not "${today}"`);
    return EXIT.usage;
  }
  const stale = months === undefined ? undefined : { months, today };
  const started = performance.now();
  const reports: FileReport[] = [];
  /** The report of a file that could not be read as a feed: one error, what was expected and what was found. */
  const unreadable = (file: string, expected: string, found: string, message: string): FileReport => ({
    file,
    listings: 0,
    skipped: 0,
    errors: 1,
    warnings: 0,
    problems: [{ severity: 'error', code: 'unreadable', path: '$', expected, found, message, source: file }],
  });
  for (const file of files) {
    let text: string;
    try {
      const size = (await stat(resolve(io.cwd, file))).size;
      if (size > MAX_FEED_BYTES) {
        const why = `The file is ${bytes(size)}; atlas validate reads feeds of up to ${bytes(MAX_FEED_BYTES)} (about ${Math.floor(MAX_FEED_BYTES / 1e6)} MB)`;
        reports.push(unreadable(file, `a feed of at most ${bytes(MAX_FEED_BYTES)}`, bytes(size), `${why}. Split it into several feeds (the finder merges them) and validate them together.`));
        continue;
      }
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (err as Error).message;
      reports.push(unreadable(file, 'a readable file', why, `The file cannot be read: ${why}.`));
      continue;
    }
    reports.push(checkFeed(text, file, stale ? { stale } : {}));
  }
  const ms = Math.round(performance.now() - started);
  const errors = reports.reduce((n, r) => n + r.errors, 0);
  const warnings = reports.reduce((n, r) => n + r.warnings, 0);
  const staleTotal = stale
    ? reports.reduce((t, r) => ({ stale: t.stale + (r.stale?.stale ?? 0), never: t.never + (r.stale?.never ?? 0), future: t.future + (r.stale?.future ?? 0) }), { stale: 0, never: 0, future: 0 })
    : undefined;
  if (json) {
    io.out(JSON.stringify({ valid: errors === 0, errors, warnings, ...(stale && staleTotal ? { stale: { ...stale, ...staleTotal } } : {}), ms, files: reports }, null, 2));
  } else {
    for (const report of reports) {
      for (const p of report.problems) {
        io.err(p.code === 'unreadable' ? `${report.file}: ${p.message.replace(/\.$/, '')} (error)` : formatProblem(p, report.file));
      }
      io.err(`${report.file}: ${plural(report.listings, 'listing')} kept, ${report.skipped} skipped, ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`);
    }
    if (stale && staleTotal) {
      const listings = reports.reduce((n, r) => n + r.listings, 0);
      io.err(`stale: ${staleTotal.stale + staleTotal.never} of ${plural(listings, 'listing')} not checked within ${stale.months} months (${staleTotal.stale} over, ${staleTotal.never} never), ${staleTotal.future} dated in the future`);
    }
    const verdict = errors ? 'problems found' : 'valid';
    io.err(`${verdict}: ${plural(reports.length, 'feed')}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${ms} ms`);
  }
  return errors ? EXIT.problems : EXIT.ok;
}

export const command: Command = {
  summary: 'check feeds against the schema and the finder’s checks, with exact messages',
  run,
};
