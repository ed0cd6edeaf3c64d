/**
 * Dates, numbers and distances for en-GB and cy-GB, written here rather than by Intl.
 * The first Intl.DateTimeFormat or Intl.NumberFormat a page makes loads the browser's
 * locale data, a main-thread task of 30 to 140 milliseconds (more on a phone), and
 * a finder's first screen needs only names and digits. Other locales go to Intl.
 * Distances are in miles, as UK road signs are.
 */
import { DAY_NAMES, formatClock, londonParts as londonDayAndMinutes, MONTH_NAMES, partsOfDay, weekdayOf, type Text } from '@community-atlas/core';

/**
 * Whether feed text shows in another language than the page's, so it is marked
 * `lang="en"` and read with English sounds. A plain string is taken as English, the
 * language the kit's feeds are written in first.
 */
export function isFallback(value: Text | undefined, lang: string): boolean {
  return lang !== 'en' && !(typeof value === 'object' && value[lang]?.trim());
}

const ZONE = 'Europe/London';

/**
 * One Intl.PluralRules per locale, made when first asked for (warmFormats makes the
 * page's own while the feed is on its way). Making one for every count cost a slow
 * phone's first results about 15 ms in the filters alone.
 */
const rulesOf = new Map<string, Intl.PluralRules>();
function pluralRules(locale: string): Intl.PluralRules {
  let rules = rulesOf.get(locale);
  if (!rules) rulesOf.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules;
}

/** `one` or `other`, as English counts `n`: "1 result", "2 results". */
export const englishPlural = (n: number, one: string, other: string): string => (pluralRules('en-GB').select(n) === 'one' ? one : other);

type WelshForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A Welsh count and noun. Welsh puts a singular noun after a number and mutates it by count: 2 takes
 * a soft mutation, 3 and 6 an aspirate one ("2 ganlyniad", "3 chanlyniad"). The plural categories of
 * Intl.PluralRules('cy') are exactly those counts. Here, not in the Welsh strings, because each part's
 * Welsh words (in the part's own chunk) use it too.
 */
export const welshCount = (n: number, forms: WelshForms): string => {
  const category = pluralRules('cy-GB').select(n);
  return `${formatNumber(n, 'cy-GB')} ${forms[category] ?? forms.other}`;
};

/** A language's day names (Sunday first) and month names, as this module writes dates with them. */
export interface DateNames {
  days: readonly string[];
  months: readonly string[];
}
// Given by the Welsh strings' chunk when it loads (translations/index.ts), so an English page never carries them.
let welshNames: DateNames | undefined;
export function setWelshDateNames(names: DateNames): void {
  welshNames = names;
}

const ENGLISH: DateNames = { days: [DAY_NAMES[6], ...DAY_NAMES.slice(0, 6)], months: MONTH_NAMES };
/**
 * Whether `locale` is `lang` or one of its regions ("en", "en-GB"). No regular expressions here
 * or in `digits`: they are asked for with every count the filters draw, and a regular
 * expression's first uses compile it, which in a profile of a slow phone's first filters
 * was a third of the task (10 ms of CPU time).
 */
const isLanguage = (locale: string, lang: string): boolean => locale.slice(0, 2).toLowerCase() === lang && (locale.length === 2 || locale[2] === '-');
const isEnglish = (locale: string): boolean => isLanguage(locale, 'en');
const isWelsh = (locale: string): boolean => isLanguage(locale, 'cy');

/**
 * The day and month names this module writes itself: English always; Welsh once
 * the Welsh strings have loaded, in the form Firefox and Safari give (Chrome and
 * Edge have no Welsh date names: Intl falls back to "Monday, November 23 at 10:00 AM").
 */
const ownNames = (locale: string): DateNames | undefined => (isEnglish(locale) ? ENGLISH : isWelsh(locale) ? welshNames : undefined);

/**
 * Formatters made once per locale and kept, for locales this module does not write
 * itself: making one costs about a millisecond, formatting with one microseconds.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function kept<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** The London calendar date, weekday (Sunday 0) and minute of the day at `date`, from core's UK clock. */
const londonParts = (date: Date) => {
  const { day, minutes } = londonDayAndMinutes(date.getTime());
  const { year, month, dayOfMonth } = partsOfDay(day);
  return { year, month, day: dayOfMonth, weekday: (weekdayOf(day) + 1) % 7, minutes };
};

export function formatDate(value: Date | string | undefined, locale: string, withWeekday = false): string {
  if (value === undefined) return '';
  const date = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const names = ownNames(locale);
  if (names) {
    const p = londonParts(date);
    return `${withWeekday ? `${names.days[p.weekday]}, ` : ''}${p.day} ${names.months[p.month - 1]} ${p.year}`;
  }
  return kept(`date ${locale} ${withWeekday}`, () => new Intl.DateTimeFormat(locale, {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE, ...(withWeekday ? { weekday: 'long' } : {}),
  })).format(date);
}

/**
 * "Monday 23 November at 6:30pm", "Dydd Llun, 23 Tachwedd am 6:30yh": times as
 * GOV.UK writes them, the same as the schedules' own words ("Every Wednesday,
 * 6:30pm–7:30pm"), so one page never mixes 18:30 with 6:30pm.
 */
export function formatDateTime(value: Date, locale: string): string {
  const welsh = isWelsh(locale);
  let day: string;
  const names = ownNames(locale);
  if (names) {
    // Intl writes "Monday 23 November" in English and "Dydd Llun, 23 Tachwedd" in Welsh.
    const p = londonParts(value);
    day = `${names.days[p.weekday]}${welsh ? ',' : ''} ${p.day} ${names.months[p.month - 1]}`;
  } else {
    day = kept(`day ${locale}`, () => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: ZONE })).format(value);
  }
  return `${day} ${welsh ? 'am' : 'at'} ${formatTime(value, locale)}`;
}

/**
 * Makes, in a task of its own while the feed is on its way, the one Intl object
 * the first screen still needs: plural rules. Dates and numbers need none, and the
 * engine makes a name collator only for names that sort as ties (see core.ts).
 * In the task after, London's clock changes for this year and the next are read
 * from the time zone data: the first card's session time or deadline read them
 * (and, through Temporal, set Temporal up), 20 ms of a slow phone's first results.
 */
const warmed = new Set<string>();
export function warmFormats(locale: string): void {
  if (warmed.has(locale)) return;
  const first = !warmed.size;
  warmed.add(locale);
  setTimeout(() => {
    try {
      pluralRules(locale).select(1);
    } catch {
      // A locale this browser cannot handle is met again, and reported, where it is used.
    }
    if (first) {
      setTimeout(() => {
        const now = Date.now();
        for (const t of [now, now + 365 * 86_400_000]) londonParts(new Date(t));
      }, 0);
    }
  }, 0);
}

/** "6:30pm", "midday"; in Welsh "6:30yh", "canol dydd". */
export function formatTime(value: Date, locale: string): string {
  return formatClock(londonParts(value).minutes, locale);
}

/** Miles to one decimal place under 10, whole miles above: what a person can use. */
export function roundMiles(miles: number): number {
  return miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
}

/** Whether this module writes `locale`'s numbers itself: en-GB and cy-GB both group thousands with a comma and use a point. */
const ownDigits = (locale: string, n: number): boolean => (isEnglish(locale) || isWelsh(locale)) && Number.isFinite(n) && Math.abs(n) < 1e21;

/** `n` to `fractionDigits` places, its whole part grouped in thousands, and its sign (Intl writes -0.001 as "-0" too). */
function digits(n: number, fractionDigits: number, trim: boolean): { sign: string; whole: string; fraction: string } {
  const [whole = '0', raw = ''] = Math.abs(n).toFixed(fractionDigits).split('.');
  let end = raw.length;
  if (trim) while (end > 0 && raw[end - 1] === '0') end--;
  let grouped = '';
  for (let i = 0; i < whole.length; i++) grouped += (i > 0 && (whole.length - i) % 3 === 0 ? ',' : '') + whole[i]!;
  return { sign: n < 0 || Object.is(n, -0) ? '-' : '', whole: grouped, fraction: raw.slice(0, end) };
}

/** "1,234", "2.5": at most `fractionDigits` decimals, as Intl.NumberFormat writes them. */
export function formatNumber(n: number, locale: string, fractionDigits = 0): string {
  // A count under a thousand, as most in the filters are: its digits as they are.
  if (Number.isInteger(n) && n >= 0 && n < 1000 && !Object.is(n, -0) && (isEnglish(locale) || isWelsh(locale))) return String(n);
  if (!ownDigits(locale, n)) return kept(`number ${locale} ${fractionDigits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits })).format(n);
  const d = digits(n, fractionDigits, true);
  return `${d.sign}${d.whole}${d.fraction ? `.${d.fraction}` : ''}`;
}

export function formatMiles(miles: number, locale: string): string {
  return formatNumber(roundMiles(miles), locale, 1);
}

/** "£5", "£5.50", "£1,250": pence only when there are some. */
export function formatMoney(pounds: number, locale: string): string {
  const pence = pounds % 1 ? 2 : 0;
  if (!ownDigits(locale, pounds)) {
    return kept(`money ${locale} ${pence}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', maximumFractionDigits: pence })).format(pounds);
  }
  const d = digits(pounds, pence, false);
  return `${d.sign}£${d.whole}${d.fraction ? `.${d.fraction}` : ''}`;
}

/**
 * "walking, exercise and sport"; in Welsh "cerdded, ymarfer, chwaraeon", with
 * no "a": the word after "a" takes the aspirate mutation (c, p, t become ch, ph,
 * th: "cwmni a chymdeithasol"), and these are search words, some of them a
 * publisher's own and not always Welsh, which must not be mutated. The Welsh
 * sentence that holds the list introduces it with a colon instead. (Chromium has
 * no Welsh list data: Intl.ListFormat falls back to English.)
 */
export function formatList(items: readonly string[], lang: string): string {
  if (items.length < 2) return items[0] ?? '';
  if (lang === 'cy') return items.join(', ');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}
