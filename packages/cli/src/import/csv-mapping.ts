/**
 * The mapping file of `atlas import csv`: which spreadsheet columns become which
 * feed fields. JSON, so a data team can keep it beside the spreadsheet; see the
 * README for the format with examples.
 */

/**
 * How one feed field gets its value from a row.
 *
 * - `"Column name"`: the cell, trimmed.
 * - `{ "column": "C" }` with optional `map` (cell → value, matched case-insensitively;
 *   unmatched cells give nothing unless `"*"` is a key), `split` (a separator: the cell
 *   becomes a list), `default` (used when the cell is empty).
 * - `{ "join": ["Address 1", "Address 2"], "separator": ", " }`: the non-empty cells joined
 *   (for list fields such as `location.address`, each becomes an item).
 * - `{ "const": value }`: the same value on every row.
 * - `{ "lang": { "en": "Name", "cy": "Enw" } }`: text in several languages; a plain
 *   string when only one language has a value.
 * - `{ "template": "Public library run by {Local authority}", "with": { … } }`: words
 *   with `{name}` filled from `with` (any of the above) or else from the column of that
 *   name; nothing when a placeholder is empty.
 * - an array of the above: for list fields, all results concatenated.
 */
export type ValueSpec =
  | string
  | ColumnSpec
  | { join: string[]; separator?: string }
  | { const: unknown }
  | { lang: Record<string, string> }
  | { template: string; with?: Record<string, ValueSpec> }
  | ValueSpec[];

export interface ColumnSpec {
  column: string;
  map?: Record<string, unknown>;
  split?: string;
  default?: unknown;
}

export interface ScheduleColumns {
  start: string;
  end?: string;
  day?: string;
  rrule?: string;
  date?: string;
  until?: string;
  /** Dates it does not run, separated by `;` or `,`. */
  except?: string;
  /** Where the session is, when not at the listing's location. */
  place?: string;
}

/**
 * A test on one cell: `filled` (any value), `empty`, `equals` / `not-equals` (`value`,
 * or any of `values`), `one-of` (any of `values`). Cells are compared trimmed and
 * ignoring case.
 */
export interface RowRule {
  column: string;
  when: 'filled' | 'empty' | 'equals' | 'not-equals' | 'one-of';
  value?: string;
  values?: string[];
}

/** A rule that leaves rows out on purpose, with the reason reported for each. */
export interface SkipRule extends RowRule {
  reason: string;
}

/** A rule a row must pass to be imported (a council keeping only its own rows); the others are skipped on purpose. */
export interface KeepRule extends RowRule {
  /** Reported for the rows it leaves out; default says which column and value. */
  reason?: string;
}

export const RULE_TESTS = ['filled', 'empty', 'equals', 'not-equals', 'one-of'] as const;

/** Whether a row's cell passes a rule's test. */
export function ruleMatches(rule: RowRule, cells: Record<string, string>): boolean {
  const cell = (cells[rule.column] ?? '').trim().toLowerCase();
  const values = [...(rule.values ?? []), ...(rule.value === undefined ? [] : [rule.value])].map((v) => String(v).trim().toLowerCase());
  switch (rule.when) {
    case 'filled':
      return cell !== '';
    case 'empty':
      return cell === '';
    case 'not-equals':
      return !values.includes(cell);
    default:
      return values.includes(cell);
  }
}

/** The reason given for a row a keep rule leaves out, when the rule names none. */
export function keepReason(rule: KeepRule): string {
  if (rule.reason) return rule.reason;
  const values = [...(rule.values ?? []), ...(rule.value === undefined ? [] : [rule.value])].map((v) => `"${v}"`).join(' or ');
  switch (rule.when) {
    case 'filled':
      return `${rule.column} is empty`;
    case 'empty':
      return `${rule.column} is filled`;
    case 'not-equals':
      return `${rule.column} is ${values}`;
    default:
      return `${rule.column} is not ${values}`;
  }
}

export interface CsvMapping {
  /** JSON Schema of this format, for editors. */
  $schema?: string;
  /** Listing kind for every row, unless `fields.kind` says otherwise. Default `asset`. */
  kind?: 'asset' | 'activity' | 'transfer';
  /**
   * Listing id: a column (made safe as an id) or a slug of several columns. Default:
   * slug of the name and postcode. Repeats get `-2`, `-3` in row order.
   */
  id?: { column: string } | { slug: string[] };
  /** Feed field path (`name`, `location.postcode`, `contact.email`, `transfer.dates.eoiDeadline`…) → value. */
  fields: Record<string, ValueSpec>;
  /** Weekday (`mo`…`su`) → column holding hours such as `09:00-13:00,14:00-17:00`. */
  openingHours?: Partial<Record<'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su', string>>;
  /**
   * One session per row, from columns: a weekday name ("Tuesday", "Tue"), times
   * ("10:00", "9.30am"), an RRULE, first and last dates, exception dates. A weekly or
   * fortnightly RRULE without BYDAY takes the weekday column; with no RRULE, a weekday
   * means every week and a date alone means a one-off.
   */
  schedule?: ScheduleColumns;
  skip?: SkipRule[];
  /** Rules every imported row must pass; rows failing one are skipped on purpose, counted by reason. */
  keep?: KeepRule[];
  /** Publisher name when `--publisher` is not given. */
  publisher?: string;
  licence?: string;
}

/** Field paths the importer can fill, and how each cell is read. */
export const FIELD_TYPES: Record<string, 'text' | 'string' | 'list' | 'number' | 'boolean' | 'date' | 'documents' | 'email' | 'url'> = {
  kind: 'string',
  name: 'text',
  summary: 'text',
  description: 'text',
  'organisation.name': 'text',
  'organisation.url': 'url',
  'organisation.charityNumber': 'string',
  categories: 'list',
  needs: 'list',
  keywords: 'list',
  'audience.ageMin': 'number',
  'audience.ageMax': 'number',
  'audience.description': 'text',
  'cost.free': 'boolean',
  'cost.amount': 'number',
  'cost.per': 'string',
  'cost.description': 'text',
  'cost.help': 'text',
  'cost.personalBudget': 'boolean',
  referral: 'list',
  howToJoin: 'text',
  companionWelcome: 'boolean',
  accessibility: 'list',
  accessibilityNotes: 'text',
  languages: 'list',
  delivery: 'list',
  'location.name': 'text',
  'location.address': 'list',
  'location.postcode': 'string',
  'location.lat': 'number',
  'location.lng': 'number',
  'location.uprn': 'string',
  'location.precision': 'string',
  'location.geocodePrecision': 'string',
  'location.directions': 'text',
  areas: 'list',
  'openingHours.notes': 'text',
  'contact.name': 'string',
  'contact.phone': 'string',
  'contact.email': 'email',
  'contact.url': 'url',
  url: 'url',
  lastVerified: 'date',
  'transfer.assetType': 'string',
  'transfer.status': 'string',
  'transfer.currentStage': 'string',
  'transfer.tenure.type': 'string',
  'transfer.tenure.years': 'number',
  'transfer.terms': 'string',
  'transfer.guidePrice': 'number',
  'transfer.guideRent': 'number',
  'transfer.priceNotes': 'text',
  'transfer.floorAreaSqm': 'number',
  'transfer.siteAreaHa': 'number',
  'transfer.condition': 'text',
  'transfer.currentUse': 'text',
  'transfer.currentUsers': 'text',
  'transfer.reason': 'text',
  'transfer.restrictions': 'text',
  'transfer.planning': 'text',
  'transfer.dates.noticePublished': 'date',
  'transfer.dates.informationSession': 'date',
  'transfer.dates.eoiDeadline': 'date',
  'transfer.dates.decision': 'date',
  'transfer.documents': 'documents',
  'transfer.expressionOfInterestUrl': 'url',
  'acv.status': 'string',
  'acv.nominatedBy': 'string',
  'acv.nominatedOn': 'date',
  'acv.listedOn': 'date',
  'acv.expiresOn': 'date',
  'acv.disposalNotifiedOn': 'date',
};

const WEEKDAY_KEYS = new Set(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su']);

/**
 * Checks a parsed mapping against the spreadsheet's header. Returns every problem as
 * one plain sentence naming where in the mapping it is; empty when all is well.
 */
export function checkMapping(value: unknown, header: readonly string[]): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return ['The mapping must be a JSON object with a "fields" object.'];
  const known = new Set(header);
  const column = (name: unknown, where: string): void => {
    if (typeof name !== 'string') problems.push(`${where} must be a column name (a string).`);
    else if (!known.has(name)) problems.push(`${where} names the column "${name}", which is not in the file.${didYouMean(name, header)}`);
  };
  for (const key of Object.keys(value)) {
    if (!['$schema', 'kind', 'id', 'fields', 'openingHours', 'schedule', 'skip', 'keep', 'publisher', 'licence'].includes(key)) problems.push(`"${key}" is not a mapping setting.`);
  }
  if (value.kind !== undefined && !['asset', 'activity', 'transfer'].includes(value.kind as string)) problems.push(`kind must be asset, activity or transfer, not ${JSON.stringify(value.kind)}.`);
  if (value.id !== undefined) {
    if (isObject(value.id) && 'column' in value.id) column(value.id.column, 'id.column');
    else if (isObject(value.id) && Array.isArray(value.id.slug)) value.id.slug.forEach((c, i) => column(c, `id.slug[${i}]`));
    else problems.push('id must be { "column": "…" } or { "slug": ["…", "…"] }.');
  }
  if (!isObject(value.fields)) problems.push('The mapping needs a "fields" object (feed field → column).');
  else {
    for (const [path, spec] of Object.entries(value.fields)) {
      if (!(path in FIELD_TYPES)) {
        problems.push(`fields."${path}" is not a feed field the importer fills.${didYouMean(path, Object.keys(FIELD_TYPES)).replace(/None of the file's \d+ columns is close; they are named on its first row\./, 'The fields it fills are listed in mappings/mapping.schema.json.')}`);
        continue;
      }
      checkSpec(spec, `fields."${path}"`, column, problems);
    }
  }
  if (value.openingHours !== undefined) {
    if (!isObject(value.openingHours)) problems.push('openingHours must map weekdays (mo…su) to columns.');
    else
      for (const [day, col] of Object.entries(value.openingHours)) {
        if (!WEEKDAY_KEYS.has(day)) problems.push(`openingHours."${day}" is not a weekday; use mo, tu, we, th, fr, sa, su.`);
        else column(col, `openingHours.${day}`);
      }
  }
  if (value.schedule !== undefined) {
    if (!isObject(value.schedule) || typeof value.schedule.start !== 'string') problems.push('schedule must be an object with at least a "start" column.');
    else
      for (const [key, col] of Object.entries(value.schedule)) {
        if (!['start', 'end', 'day', 'rrule', 'date', 'until', 'except', 'place'].includes(key)) problems.push(`schedule."${key}" is not a schedule setting; use start, end, day, rrule, date, until, except, place.`);
        else column(col, `schedule.${key}`);
      }
  }
  for (const list of ['skip', 'keep'] as const) {
    const rules = value[list];
    if (rules === undefined) continue;
    if (!Array.isArray(rules)) {
      problems.push(`${list} must be a list of rules.`);
      continue;
    }
    rules.forEach((rule: unknown, i) => {
      const where = `${list}[${i}]`;
      if (!isObject(rule)) return problems.push(`${where} must be an object.`);
      column(rule.column, `${where}.column`);
      if (!(RULE_TESTS as readonly string[]).includes(rule.when as string)) problems.push(`${where}.when must be one of ${RULE_TESTS.join(', ')}, not ${JSON.stringify(rule.when)}.`);
      const hasValues = (Array.isArray(rule.values) && rule.values.every((v) => typeof v === 'string')) || typeof rule.value === 'string';
      if (['equals', 'not-equals', 'one-of'].includes(rule.when as string) && !hasValues) problems.push(`${where} with when "${String(rule.when)}" needs a "value" or a "values" list of strings.`);
      if (list === 'skip' && (typeof rule.reason !== 'string' || !rule.reason.trim())) problems.push(`${where} needs a "reason", reported for every row it skips.`);
      return undefined;
    });
  }
  return problems;
}

/** Levenshtein distance, ignoring case and punctuation, for "did you mean". */
function distance(a: string, b: string): number {
  const x = squash(a);
  const y = squash(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length] ?? 0;
}

/**
 * The columns a missing name most likely meant: up to three nearest by spelling, or
 * containing it; never the whole header, which a national spreadsheet makes 57 names long.
 */
export function nearestColumns(name: string, header: readonly string[]): string[] {
  const wanted = squash(name);
  return header
    .filter((h) => h.trim())
    .map((h) => {
      const d = distance(name, h);
      const near = squash(h).includes(wanted) || (wanted.includes(squash(h)) && squash(h).length >= 3);
      return { h, score: near ? Math.min(d, 1) : d };
    })
    .filter(({ h, score }) => score <= Math.max(2, Math.floor(Math.max(wanted.length, squash(h).length) / 3)))
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map(({ h }) => h);
}

function didYouMean(name: string, header: readonly string[]): string {
  const near = nearestColumns(name, header);
  if (near.length) return ` Did you mean ${near.map((h) => `"${h}"`).join(', ').replace(/, ([^,]*)$/, ' or $1')}?`;
  return ` None of the file's ${header.length} columns is close; they are named on its first row.`;
}

function checkSpec(spec: unknown, where: string, column: (name: unknown, where: string) => void, problems: string[]): void {
  if (typeof spec === 'string') return column(spec, where);
  if (Array.isArray(spec)) return spec.forEach((s, i) => checkSpec(s, `${where}[${i}]`, column, problems));
  if (!isObject(spec)) return void problems.push(`${where} must be a column name, or an object with column, join, const or lang.`);
  if ('const' in spec) return;
  if ('column' in spec) {
    column(spec.column, `${where}.column`);
    if (spec.map !== undefined && !isObject(spec.map)) problems.push(`${where}.map must be an object (cell value → feed value).`);
    if (spec.split !== undefined && typeof spec.split !== 'string') problems.push(`${where}.split must be a separator string.`);
    return;
  }
  if ('join' in spec) {
    if (!Array.isArray(spec.join)) return void problems.push(`${where}.join must be a list of columns.`);
    spec.join.forEach((c, i) => column(c, `${where}.join[${i}]`));
    return;
  }
  if ('lang' in spec && isObject(spec.lang)) {
    for (const [lang, col] of Object.entries(spec.lang)) column(col, `${where}.lang.${lang}`);
    return;
  }
  if ('template' in spec && typeof spec.template === 'string') {
    const given = isObject(spec.with) ? spec.with : {};
    for (const [name, inner] of Object.entries(given)) checkSpec(inner, `${where}.with.${name}`, column, problems);
    for (const [, name] of spec.template.matchAll(/\{([^{}]+)\}/g)) if (!(name! in given)) column(name, `${where}.template {${name!}}`);
    return;
  }
  problems.push(`${where} must have one of column, join, const, lang or template.`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Common header words, matched ignoring case, spaces and punctuation, for a file with no mapping. */
const DEFAULT_HEADERS: [string, string[], 'split'?][] = [
  ['name', ['name', 'title', 'organisation name', 'service name', 'asset name']],
  ['summary', ['summary', 'short description']],
  ['description', ['description', 'details', 'about']],
  ['location.address', ['address', 'address 1', 'address line 1', 'street']],
  ['location.postcode', ['postcode', 'post code', 'postal code', 'zip']],
  ['location.lat', ['latitude', 'lat']],
  ['location.lng', ['longitude', 'lng', 'lon', 'long']],
  ['location.uprn', ['uprn']],
  ['contact.phone', ['phone', 'telephone', 'tel', 'phone number', 'telephone number']],
  ['contact.email', ['email', 'e-mail', 'email address']],
  ['url', ['website', 'url', 'web', 'web address', 'link']],
  ['categories', ['category', 'categories', 'type'], 'split'],
  ['needs', ['needs', 'need'], 'split'],
  ['keywords', ['keywords', 'tags'], 'split'],
  ['organisation.name', ['organisation', 'organization', 'provider']],
  ['areas', ['ward', 'area', 'areas'], 'split'],
];

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The mapping used when none is given: common headers to their fields. */
export function defaultMapping(header: readonly string[]): CsvMapping {
  const fields: Record<string, ValueSpec> = {};
  for (const [path, names, split] of DEFAULT_HEADERS) {
    const found = header.find((h) => names.includes(squash(h)));
    if (found) fields[path] = split ? { column: found, split: ';' } : found;
  }
  const address = header.filter((h) => /^address( line)? ?[2-9]$/.test(squash(h)));
  if (address.length && typeof fields['location.address'] === 'string') fields['location.address'] = { join: [fields['location.address'], ...address] };
  const idColumn = header.find((h) => squash(h) === 'id');
  return idColumn ? { fields, id: { column: idColumn } } : { fields };
}
