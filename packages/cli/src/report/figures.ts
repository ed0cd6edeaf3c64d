/**
 * The figures of `atlas report`: how fresh, how complete and how well spread a feed
 * is, what looks duplicated or broken, and what changed since an older feed. Plain
 * data, written as report.json and drawn by html.ts, so the two never disagree.
 *
 * Every figure works from the listings the finder would show (after its tolerant
 * normalisation) and, where the normaliser would drop or repair a value (a website
 * that is not a URL), from the listing as the feed wrote it.
 */
import {
  buildNeedTable,
  feedbackHref,
  humanise,
  isIsoDate,
  isSafeUrl,
  londonDate,
  needLabel,
  nextSession,
  normalisePostcode,
  text,
  type AtlasData,
  type AtlasListing,
  type Listing,
} from '@community-atlas/core';

/** The five questions every listing answers, in the order DESIGN.md gives them. */
export const QUESTIONS = ['what', 'who', 'cost', 'whenWhere', 'contact'] as const;
export type Question = (typeof QUESTIONS)[number];
export const QUESTION_LABELS: Record<Question, string> = {
  what: 'What is it?',
  who: 'Who is it for?',
  cost: 'How much does it cost?',
  whenWhere: 'When and where?',
  contact: 'How do I get in touch or join?',
};

export interface ListingRef {
  id: string;
  name: string;
}

export interface FeedSummary {
  file: string;
  publisher: string;
  updated?: string;
  listings: number;
  skipped: number;
}

export interface Bucket {
  label: string;
  count: number;
  /** Stale by the report's threshold, or not checkable. */
  stale: boolean;
}

export interface StaleListing extends ListingRef {
  lastVerified?: string;
  /** Whole months since it was checked; absent when never checked. */
  months?: number;
}

export interface ProviderStale {
  provider: string;
  /** The addresses the provider's stale listings give, most used first (at most five): the mail goes to all of them. */
  emails: string[];
  listings: StaleListing[];
  /** A ready "is this still right?" mail. */
  mailto: string;
}

export interface Freshness {
  /** Share (0 to 1) of listings checked within the threshold; null when no listing has a usable date. */
  freshShare: number | null;
  fresh: number;
  stale: number;
  neverChecked: number;
  /** lastVerified after the report's date: a typing slip or a wrong clock; not counted as fresh. */
  future: (ListingRef & { lastVerified?: string })[];
  buckets: Bucket[];
  byProvider: ProviderStale[];
  /** Listings with sessions, every one of them over. */
  pastSessionsOnly: (ListingRef & { lastSession?: string })[];
}

export interface CategoryCompleteness {
  category: string;
  label: string;
  listings: number;
  /** For each question: how many listings answer it, and of how many it is asked (transfers are not asked who or cost). */
  answered: Record<Question, number>;
  asked: Record<Question, number>;
}

export interface Completeness {
  overall: { question: Question; label: string; answered: number; asked: number }[];
  byCategory: CategoryCompleteness[];
  /** The listings that leave most questions unanswered, worst first. */
  weakest: (ListingRef & { missing: Question[] })[];
  /** Listings that answer every question asked of them. */
  complete: number;
}

export interface AreaCount {
  id: string;
  name: string;
  listings: number;
  /** Listings per need id. */
  needs: Record<string, number>;
}

export interface Coverage {
  /** What the areas are: the feed's own (`areas`), or postcode districts or postcode areas when it names none. */
  by: 'area' | 'postcode district' | 'postcode area' | 'none';
  areas: AreaCount[];
  /** Listings in no area (no `areas`, or no postcode when counting by postcode). */
  unplaced: number;
  needs: { id: string; label: string; listings: number }[];
  categories: { id: string; label: string; listings: number }[];
  /** Needs met in other areas and by no listing in this one. */
  gaps: { area: string; needs: string[] }[];
  map: {
    points: { id: string; lat: number; lng: number; stale: boolean }[];
    approximate: number;
    withoutCoordinates: number;
    /** The same, per area (the map's table). */
    byArea: { name: string; fresh: number; stale: number; approximate: number; withoutCoordinates: number }[];
  };
}

export interface DuplicateGroup {
  reason: 'same name and postcode' | 'same phone and similar name';
  /** Every one has sessions, and no two the same: more likely one activity at several times than a copy. */
  sessionsDiffer?: boolean;
  listings: (ListingRef & { postcode?: string; phone?: string })[];
}

export interface BrokenField extends ListingRef {
  field: string;
  value: string;
  why: string;
}

export interface Changes {
  since: string;
  added: ListingRef[];
  removed: ListingRef[];
  changed: (ListingRef & { fields: string[] })[];
  unchanged: number;
}

export interface NotComputed {
  section: 'freshness' | 'completeness' | 'coverage' | 'map' | 'duplicates' | 'changes';
  what: string;
  why: string;
}

export interface ReportFigures {
  /** The day the report is about (`--today`, default today in the UK). */
  today: string;
  staleMonths: number;
  feeds: FeedSummary[];
  listings: number;
  freshness: Freshness;
  completeness: Completeness;
  coverage: Coverage;
  duplicates: DuplicateGroup[];
  broken: BrokenField[];
  changes?: Changes;
  notComputed: NotComputed[];
}

export interface ReportInput {
  data: AtlasData;
  /** The listings as the feeds wrote them, by `rawKey`, for fields the normaliser repairs or drops. */
  raw: Map<string, Listing>;
  feeds: FeedSummary[];
  today: string;
  staleMonths: number;
  since?: { file: string; data: AtlasData; raw: Map<string, Listing> };
}

/** How a listing is found among the listings as written: its publisher and id. */
export const rawKey = (l: { publisherId: string; id: string }): string => `${l.publisherId}\u0000${l.id}`;

const nameOf = (l: AtlasListing): string => text(l.name, 'en');
const ref = (l: AtlasListing): ListingRef => ({ id: l.id, name: nameOf(l) });

/** `day` moved back by whole calendar months, the day clamped to the month's length (31 March less one month is 28 or 29 February). */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Whole calendar months from `from` to `to` (both ISO dates, `from` not after `to`). */
export function wholeMonths(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * Whether a listing was last checked over `months` months before `today`:
 * `never` without a date, `future` with a date after today, else stale or fresh.
 * The one rule `atlas report` and `atlas validate --stale` share.
 */
export function staleness(lastVerified: string | undefined, today: string, months: number): 'fresh' | 'stale' | 'never' | 'future' {
  if (!lastVerified) return 'never';
  const day = lastVerified.slice(0, 10);
  if (day > today) return 'future';
  return day < monthsBefore(today, months) ? 'stale' : 'fresh';
}

function providerOf(l: AtlasListing, data: AtlasData): string {
  if (l.organisation) return text(l.organisation.name, 'en');
  return data.publishers.find((p) => (p.id ?? '') === l.publisherId)?.name ?? data.publishers[0]?.name ?? 'Unknown provider';
}

/** Distinct values, most frequent first (ties in first-seen order), at most `limit`. */
function mostCommon(values: (string | undefined)[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v.trim().toLowerCase(), (counts.get(v.trim().toLowerCase()) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([v]) => v);
}

/** A mailto link's full length that mail programs open reliably (Outlook's limit is about 2,000). */
const MAILTO_LIMIT = 1900;

function stillRightMail(provider: string, emails: string[], stale: StaleListing[], data: AtlasData, byKey: Map<string, AtlasListing>, months: number): string {
  const directory = data.publishers.map((p) => p.name).filter(Boolean).join(' and ') || 'our directory';
  const subject = `Is this still right? ${stale.length} ${stale.length === 1 ? 'listing' : 'listings'} from ${provider}`;
  const head = [
    'Hello,',
    '',
    `${directory} lists ${stale.length === 1 ? 'this' : 'these'} from ${provider}. ${stale.length === 1 ? 'It has' : 'They have'} not been checked for over ${months} months, or ever.`,
    'Could you tell us whether each is still right, and what has changed? Reply to this email, or use the link beside each one.',
    '',
  ];
  const tail = ['', 'Thank you.'];
  const to = emails.map((e) => encodeURIComponent(e).replace(/%40/g, '@')).join(',');
  const build = (lines: string[]): string => `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent([...head, ...lines, ...tail].join('\n'))}`;
  const lines: string[] = [];
  for (let i = 0; i < stale.length; i++) {
    const s = stale[i]!;
    const listing = byKey.get(s.id);
    const publisher = listing ? data.publishers.find((p) => (p.id ?? '') === listing.publisherId) : undefined;
    const template = publisher?.feedbackUrl && !/^mailto:/i.test(publisher.feedbackUrl) ? publisher.feedbackUrl : undefined;
    const link = (listing && feedbackHref(template, listing, s.name)) ?? (listing?.url && isSafeUrl(listing.url) ? listing.url : undefined);
    const checked = s.lastVerified ? `last checked ${s.lastVerified}` : 'never checked';
    const line = `- ${s.name} (${checked})${link ? `: ${link}` : ''}`;
    const more = stale.length - i - 1;
    const candidate = [...lines, line, ...(more ? [`… and ${more} more: see the list we keep.`] : [])];
    if (build(candidate).length > MAILTO_LIMIT && lines.length) {
      lines.push(`… and ${stale.length - i} more: see the list we keep.`);
      return build(lines);
    }
    lines.push(line);
  }
  return build(lines);
}

function freshness(input: ReportInput, byKey: Map<string, AtlasListing>, notComputed: NotComputed[]): Freshness {
  const { data, today, staleMonths } = input;
  const bucketDefs: [string, (m: number) => boolean][] = [
    ['Under 3 months', (m) => m < 3],
    ['3 to 6 months', (m) => m >= 3 && m < 6],
    ['6 to 12 months', (m) => m >= 6 && m < 12],
    ['12 to 24 months', (m) => m >= 12 && m < 24],
    ['Over 24 months', (m) => m >= 24],
  ];
  const counts = bucketDefs.map(() => 0);
  let fresh = 0;
  let stale = 0;
  let never = 0;
  const future: (ListingRef & { lastVerified?: string })[] = [];
  const staleByProvider = new Map<string, { listings: StaleListing[]; emails: (string | undefined)[] }>();
  const pastSessionsOnly: (ListingRef & { lastSession?: string })[] = [];
  const now = new Date(`${today}T12:00:00Z`);
  for (const l of data.listings) {
    const state = staleness(l.lastVerified, today, staleMonths);
    const months = l.lastVerified && state !== 'future' ? wholeMonths(l.lastVerified.slice(0, 10), today) : undefined;
    if (months !== undefined) counts[bucketDefs.findIndex(([, test]) => test(months))]! += 1;
    if (state === 'fresh') fresh++;
    else if (state === 'future') future.push({ ...ref(l), lastVerified: l.lastVerified });
    else {
      if (state === 'never') never++;
      else stale++;
      const provider = providerOf(l, data);
      const entry = staleByProvider.get(provider) ?? { listings: [], emails: [] };
      entry.listings.push({ ...ref(l), ...(l.lastVerified ? { lastVerified: l.lastVerified, months } : {}) });
      entry.emails.push(l.contact?.email);
      staleByProvider.set(provider, entry);
    }
    // Sessions only (opening hours never end): every one of them over.
    if (l.schedule.length && !l.openingHours && !nextSession(l, now)) {
      const last = l.schedule.map((s) => s.until ?? (s.rrule ? undefined : s.date)).filter((d): d is string => Boolean(d)).sort().pop();
      pastSessionsOnly.push({ ...ref(l), ...(last ? { lastSession: last } : {}) });
    }
  }
  const staleLabel = (label: string): boolean => /^(12 to 24|Over 24)/.test(label) && staleMonths <= 12;
  const buckets: Bucket[] = bucketDefs.map(([label], i) => ({ label, count: counts[i]!, stale: staleLabel(label) }));
  buckets.push({ label: 'Never checked', count: never, stale: true });
  if (future.length) buckets.push({ label: 'Date in the future', count: future.length, stale: true });
  const dated = data.listings.length - never;
  if (data.listings.length && !dated) {
    notComputed.push({
      section: 'freshness',
      what: 'How long ago listings were checked, and the share that is fresh',
      why: `No listing has a lastVerified date (the day the publisher last checked it is right), so none can be counted as fresh: all ${data.listings.length} are listed as never checked. Add lastVerified to the feed (a column mapped to lastVerified in atlas import csv, or assured_date in Open Referral UK).`,
    });
  }
  if (future.length) {
    notComputed.push({
      section: 'freshness',
      what: `The age of ${future.length} ${future.length === 1 ? 'listing' : 'listings'}`,
      why: `Their lastVerified date is after ${today}, the day of this report, so how long ago they were checked cannot be known; they are not counted as fresh. Usually a typing slip (2062 for 2026) or a wrong clock where the feed was made.`,
    });
  }
  const byProvider: ProviderStale[] = [...staleByProvider]
    .map(([provider, { listings, emails }]) => {
      listings.sort((a, b) => (a.lastVerified ?? '').localeCompare(b.lastVerified ?? '') || a.name.localeCompare(b.name));
      const to = mostCommon(emails, 5);
      return { provider, emails: to, listings, mailto: stillRightMail(provider, to, listings, data, byKey, staleMonths) };
    })
    .sort((a, b) => b.listings.length - a.listings.length || a.provider.localeCompare(b.provider));
  return {
    freshShare: dated ? fresh / data.listings.length : null,
    fresh,
    stale,
    neverChecked: never,
    future,
    buckets,
    byProvider,
    pastSessionsOnly: pastSessionsOnly.sort((a, b) => (a.lastSession ?? '').localeCompare(b.lastSession ?? '') || a.name.localeCompare(b.name)),
  };
}

const has = (t: unknown): boolean => (typeof t === 'string' ? t.trim() !== '' : Boolean(t && typeof t === 'object' && Object.values(t as object).some((v) => typeof v === 'string' && v.trim() !== '')));

/** Which of the five questions a listing answers; transfers are not asked who they are for or what they cost (the finder does not show those for them). */
export function answers(l: AtlasListing): Partial<Record<Question, boolean>> {
  const a = l.audience;
  const c = l.cost;
  const loc = l.location;
  const where = Boolean(loc && (loc.lat !== undefined || has(loc.name) || (loc.address?.length ?? 0) > 0 || loc.postcode)) || l.delivery.some((d) => d !== 'in-person');
  const hours = l.openingHours && Object.entries(l.openingHours).some(([k, v]) => k !== 'notes' && has(v));
  const when = l.kind === 'transfer' || l.schedule.length > 0 || Boolean(hours);
  const contact = l.contact;
  const out: Partial<Record<Question, boolean>> = {
    what: has(l.summary) || has(l.description),
    whenWhere: where && when,
    contact: Boolean(contact && (contact.phone || contact.email || contact.url || contact.textphone)) || Boolean(l.url) || has(l.howToJoin),
  };
  if (l.kind !== 'transfer') {
    out.who = Boolean(a && (a.ageMin !== undefined || a.ageMax !== undefined || has(a.description) || (a.gender && a.gender !== 'any')));
    out.cost = Boolean(c && (c.free !== undefined || c.amount !== undefined || has(c.description)));
  }
  return out;
}

function categoryLabel(id: string, data: AtlasData): string {
  const named = data.categories?.find((c) => c.id === id);
  return named ? text(named.label, 'en') : humanise(id);
}

function completeness(data: AtlasData): Completeness {
  const zero = (): Record<Question, number> => ({ what: 0, who: 0, cost: 0, whenWhere: 0, contact: 0 });
  const byCategory = new Map<string, CategoryCompleteness>();
  const overallAnswered = zero();
  const overallAsked = zero();
  const weakest: (ListingRef & { missing: Question[] })[] = [];
  let complete = 0;
  for (const l of data.listings) {
    const a = answers(l);
    const missing = QUESTIONS.filter((q) => a[q] === false);
    if (!missing.length) complete++;
    else weakest.push({ ...ref(l), missing });
    for (const id of l.categories.length ? l.categories : ['']) {
      const entry = byCategory.get(id) ?? { category: id, label: id ? categoryLabel(id, data) : 'No category', listings: 0, answered: zero(), asked: zero() };
      entry.listings++;
      for (const q of QUESTIONS) {
        if (a[q] === undefined) continue;
        entry.asked[q]++;
        if (a[q]) entry.answered[q]++;
      }
      byCategory.set(id, entry);
    }
    for (const q of QUESTIONS) {
      if (a[q] === undefined) continue;
      overallAsked[q]++;
      if (a[q]) overallAnswered[q]++;
    }
  }
  weakest.sort((x, y) => y.missing.length - x.missing.length || x.name.localeCompare(y.name));
  return {
    overall: QUESTIONS.map((q) => ({ question: q, label: QUESTION_LABELS[q], answered: overallAnswered[q], asked: overallAsked[q] })),
    byCategory: [...byCategory.values()].sort((x, y) => y.listings - x.listings || x.label.localeCompare(y.label)),
    weakest,
    complete,
  };
}

/** The postcode district (`NB1`) or area (`NB`) of a postcode that looks like one. */
function postcodePart(postcode: string | undefined, part: 'district' | 'area'): string | undefined {
  const tidy = postcode ? normalisePostcode(postcode) : undefined;
  const m = tidy ? /^([A-Z]{1,2})(\d[A-Z\d]?) \d[A-Z]{2}$/.exec(tidy) : null;
  if (!m) return undefined;
  return part === 'area' ? m[1] : `${m[1]}${m[2]}`;
}

function coverage(input: ReportInput, notComputed: NotComputed[]): Coverage {
  const { data, today, staleMonths } = input;
  const table = buildNeedTable(data.needs);
  const needsOf = (l: AtlasListing): Set<string> => {
    const out = new Set(l.needs.filter((n) => table.needs.has(n)));
    for (const c of l.categories) for (const n of table.byCategory.get(c) ?? []) out.add(n);
    return out;
  };
  // Which areas to count by: the feed's own, else postcodes.
  const named = data.listings.some((l) => l.areas.length);
  let by: Coverage['by'] = 'area';
  let areaOf: (l: AtlasListing) => string[];
  const areaNames = new Map<string, string>(data.areas.map((a) => [a.id, text(a.name, 'en')]));
  if (named) {
    areaOf = (l) => l.areas;
  } else {
    const districts = new Set(data.listings.map((l) => postcodePart(l.location?.postcode, 'district')).filter(Boolean));
    if (districts.size) {
      by = districts.size <= 40 ? 'postcode district' : 'postcode area';
      const part = by === 'postcode district' ? 'district' : 'area';
      areaOf = (l) => {
        const p = postcodePart(l.location?.postcode, part);
        return p ? [p] : [];
      };
      notComputed.push({
        section: 'coverage',
        what: 'Listings per ward or area',
        why: `No listing names an area (the areas field, with the wards or neighbourhoods the feed defines), so listings are counted by ${by} instead.`,
      });
    } else {
      by = 'none';
      areaOf = () => [];
      notComputed.push({
        section: 'coverage',
        what: 'Listings per ward or area, and the gaps',
        why: 'No listing names an area (areas) and none has a postcode, so nothing says where listings are. Add areas to the listings (and the feed\'s areas list), or postcodes.',
      });
    }
  }
  const areas = new Map<string, AreaCount>();
  for (const a of data.areas) areas.set(a.id, { id: a.id, name: text(a.name, 'en'), listings: 0, needs: {} });
  const needCounts = new Map<string, number>();
  const categoryCounts = new Map<string, number>();
  let unplaced = 0;
  for (const l of data.listings) {
    const needs = needsOf(l);
    for (const n of needs) needCounts.set(n, (needCounts.get(n) ?? 0) + 1);
    for (const c of l.categories) categoryCounts.set(c, (categoryCounts.get(c) ?? 0) + 1);
    const ids = areaOf(l);
    if (!ids.length) unplaced++;
    for (const id of ids) {
      const area = areas.get(id) ?? { id, name: areaNames.get(id) ?? id, listings: 0, needs: {} };
      area.listings++;
      for (const n of needs) area.needs[n] = (area.needs[n] ?? 0) + 1;
      areas.set(id, area);
    }
  }
  const areaList = [...areas.values()].sort((a, b) => (by === 'area' ? 0 : a.name.localeCompare(b.name, 'en', { numeric: true })));
  const needList = [...needCounts].map(([id, n]) => ({ id, label: needLabel(table.needs.get(id)), listings: n })).sort((a, b) => b.listings - a.listings || a.label.localeCompare(b.label));
  // A gap: a need that listings meet in at least two other areas, and none in this one.
  const gaps: Coverage['gaps'] = [];
  if (areaList.length > 1) {
    for (const area of areaList) {
      const missing = needList.filter((n) => !area.needs[n.id] && areaList.filter((a) => a !== area && a.needs[n.id]).length >= 2).map((n) => n.label);
      if (missing.length) gaps.push({ area: area.name, needs: missing });
    }
  }
  const points: Coverage['map']['points'] = [];
  let approximate = 0;
  let withoutCoordinates = 0;
  const mapByArea = new Map<string, Coverage['map']['byArea'][number]>();
  for (const l of data.listings) {
    const loc = l.location;
    const kind = loc?.lat === undefined || loc.lng === undefined ? 'withoutCoordinates' : loc.precision === 'approximate' ? 'approximate' : staleness(l.lastVerified, today, staleMonths) === 'fresh' ? 'fresh' : 'stale';
    if (kind === 'withoutCoordinates') withoutCoordinates++;
    else if (kind === 'approximate') approximate++;
    else points.push({ id: l.id, lat: loc!.lat!, lng: loc!.lng!, stale: kind === 'stale' });
    const ids = areaOf(l);
    for (const id of ids.length ? ids : ['']) {
      const name = id ? (areas.get(id)?.name ?? id) : 'In no area';
      const row = mapByArea.get(name) ?? { name, fresh: 0, stale: 0, approximate: 0, withoutCoordinates: 0 };
      row[kind]++;
      mapByArea.set(name, row);
    }
  }
  if (data.listings.length && !points.length) {
    notComputed.push({
      section: 'map',
      what: 'The map',
      why: `No listing has coordinates (location.lat and location.lng)${approximate ? ` other than ${approximate} approximate places, which are never drawn as points` : ''}. atlas import csv --postcodes places listings from their postcodes.`,
    });
  }
  return {
    by,
    areas: areaList,
    unplaced,
    needs: needList,
    categories: [...categoryCounts].map(([id, n]) => ({ id, label: categoryLabel(id, data), listings: n })).sort((a, b) => b.listings - a.listings || a.label.localeCompare(b.label)),
    gaps,
    map: { points, approximate, withoutCoordinates, byArea: [...areaList.map((a) => a.name), 'In no area'].map((name) => mapByArea.get(name)).filter((r) => r !== undefined) },
  };
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

const fold = (s: string): string =>
  s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ').trim();
const STOP = new Set(['the', 'and', 'of', 'a', 'at', 'in', 'for', 'on', 'group', 'club']);
const tokens = (s: string): Set<string> => new Set(fold(s).split(' ').filter((w) => w && !STOP.has(w)));

/** Names alike: the same letters, or one's words (two or more) all in the other's, or most words shared. */
export function similarNames(a: string, b: string): boolean {
  const x = tokens(a);
  const y = tokens(b);
  if (fold(a).replace(/ /g, '') === fold(b).replace(/ /g, '')) return true;
  if (!x.size || !y.size) return false;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  // "Castle Hill Food Bank" in "Castle Hill Food Bank and Pantry"; not "Kingsley Community Centre" and "Kingsley Youth Centre".
  const smaller = Math.min(x.size, y.size);
  return (shared === smaller && smaller >= 2) || shared / (x.size + y.size - shared) >= 0.6;
}

const phoneDigits = (phone: string | undefined): string | undefined => {
  if (!phone) return undefined;
  const digits = phone.replace(/[^\d+]/g, '').replace(/^\+44/, '0').replace(/^0044/, '0');
  return digits.replace(/^0\(?0\)?/, '0');
};

function duplicates(data: AtlasData): DuplicateGroup[] {
  const groups: DuplicateGroup[] = [];
  const seen = new Set<string>();
  const byNamePostcode = new Map<string, AtlasListing[]>();
  for (const l of data.listings) {
    const postcode = l.location?.postcode ? normalisePostcode(l.location.postcode) ?? l.location.postcode : undefined;
    if (!postcode) continue;
    // Spaces aside, so "Foodbank" and "Food Bank" are one name.
    const key = `${fold(nameOf(l)).replace(/ /g, '')}|${postcode.replace(/\s+/g, '').toUpperCase()}`;
    byNamePostcode.set(key, [...(byNamePostcode.get(key) ?? []), l]);
  }
  for (const list of byNamePostcode.values()) {
    if (list.length < 2) continue;
    const sessions = list.map((l) => stable(l.schedule));
    const sessionsDiffer = list.every((l) => l.schedule.length > 0) && new Set(sessions).size === sessions.length;
    groups.push({
      reason: 'same name and postcode',
      ...(sessionsDiffer ? { sessionsDiffer } : {}),
      listings: list.map((l) => ({ ...ref(l), ...(l.location?.postcode ? { postcode: l.location.postcode } : {}) })),
    });
    for (const l of list) seen.add(l.key);
  }
  const byPhone = new Map<string, AtlasListing[]>();
  for (const l of data.listings) {
    const phone = phoneDigits(l.contact?.phone);
    if (phone && phone.length >= 10) byPhone.set(phone, [...(byPhone.get(phone) ?? []), l]);
  }
  for (const list of byPhone.values()) {
    if (list.length < 2) continue;
    // Within one number (a council switchboard serves many), pairs whose names are alike, joined into groups.
    const parent = list.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) if (similarNames(nameOf(list[i]!), nameOf(list[j]!))) parent[find(j)] = find(i);
    }
    const sets = new Map<number, AtlasListing[]>();
    list.forEach((l, i) => sets.set(find(i), [...(sets.get(find(i)) ?? []), l]));
    for (const set of sets.values()) {
      if (set.length < 2 || set.every((l) => seen.has(l.key))) continue;
      groups.push({ reason: 'same phone and similar name', listings: set.map((l) => ({ ...ref(l), ...(l.contact?.phone ? { phone: l.contact.phone } : {}) })) });
    }
  }
  return groups;
}

/**
 * A UK phone number: 10 or 11 digits starting 0 (or +44 without the 0), or a
 * short service number (999, 111, 116 123, 3-digit 1xx).
 */
export function isUkPhone(phone: string): boolean {
  if (/[a-z]/i.test(phone.replace(/\b(ext|extension|x)\b\.?\s*\d+$/i, ''))) return false;
  const main = phone.replace(/\s*(ext\.?|extension|x)\s*\d+$/i, '');
  const digits = main.replace(/[\s().-]/g, '');
  if (/^(?:\+44|0044)\(?0?\)?\d{9,10}$/.test(digits.replace(/\(0\)/, ''))) return true;
  if (/^0\d{9,10}$/.test(digits)) return true;
  return /^(?:999|112|1\d{2}|116\d{3}|118\d{3})$/.test(digits);
}

function looksLikeUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && /\.[a-z]{2,}$/i.test(u.hostname.replace(/\.$/, ''));
  } catch {
    return false;
  }
}

function broken(input: ReportInput, notComputed: NotComputed[]): BrokenField[] {
  const out: BrokenField[] = [];
  void notComputed;
  for (const l of input.data.listings) {
    const raw = input.raw.get(rawKey(l));
    const name = nameOf(l);
    const add = (field: string, value: unknown, why: string): void => {
      out.push({ id: l.id, name, field, value: typeof value === 'string' ? value : JSON.stringify(value), why });
    };
    const links: [string, unknown][] = [
      ['url', raw?.url],
      ['contact.url', raw?.contact?.url],
      ['organisation.url', raw?.organisation?.url],
    ];
    for (const [field, value] of links) {
      if (value === undefined || value === null || value === '') continue;
      if (typeof value !== 'string') add(field, value, 'a website should be a web address');
      else if (!looksLikeUrl(value)) add(field, value, /^www\./i.test(value) ? 'not a web address: it has no https:// at the start' : 'not a web address (https://…)');
    }
    const phone = raw?.contact?.phone;
    if (typeof phone === 'string' && phone.trim() && !isUkPhone(phone)) add('contact.phone', phone, 'not a UK phone number (10 or 11 digits starting 0, or +44)');
    const textphone = raw?.contact?.textphone;
    if (typeof textphone === 'string' && textphone.trim() && !isUkPhone(textphone)) add('contact.textphone', textphone, 'not a UK phone number');
    const email = raw?.contact?.email;
    if (typeof email === 'string' && email.trim() && !/^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i.test(email.trim())) add('contact.email', email, 'not an email address');
    const postcode = raw?.location?.postcode;
    if (typeof postcode === 'string' && postcode.trim() && !normalisePostcode(postcode)) add('location.postcode', postcode, 'not shaped like a UK postcode');
    const verified = raw?.lastVerified;
    if (verified !== undefined && (typeof verified !== 'string' || !isIsoDate(verified.slice(0, 10)))) add('lastVerified', verified, 'not an ISO date (2026-09-14)');
  }
  return out;
}


function changes(input: ReportInput): Changes | undefined {
  const since = input.since;
  if (!since) return undefined;
  const old = new Map(since.data.listings.map((l) => [l.id, l]));
  const now = new Map(input.data.listings.map((l) => [l.id, l]));
  const added = input.data.listings.filter((l) => !old.has(l.id)).map(ref);
  const removed = since.data.listings.filter((l) => !now.has(l.id)).map(ref);
  const changed: Changes['changed'] = [];
  let unchanged = 0;
  for (const l of input.data.listings) {
    const before = old.get(l.id);
    if (!before) continue;
    const a = (since.raw.get(rawKey(before)) ?? {}) as unknown as Record<string, unknown>;
    const b = (input.raw.get(rawKey(l)) ?? {}) as unknown as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => stable(a[k]) !== stable(b[k])).sort();
    if (fields.length) changed.push({ ...ref(l), fields });
    else unchanged++;
  }
  return { since: since.file, added, removed, changed, unchanged };
}

export function computeReport(input: ReportInput): ReportFigures {
  const notComputed: NotComputed[] = [];
  const byKey = new Map(input.data.listings.map((l) => [l.id, l]));
  if (!input.data.listings.length) {
    notComputed.push({ section: 'freshness', what: 'Every figure', why: 'The feeds have no listing the finder would show.' });
  }
  return {
    today: input.today,
    staleMonths: input.staleMonths,
    feeds: input.feeds,
    listings: input.data.listings.length,
    freshness: freshness(input, byKey, notComputed),
    completeness: completeness(input.data),
    coverage: coverage(input, notComputed),
    duplicates: duplicates(input.data),
    broken: broken(input, notComputed),
    ...(input.since ? { changes: changes(input) } : {}),
    notComputed,
  };
}

/** Today in the UK, for a report's default date. */
export const ukToday = (): string => londonDate(new Date());
