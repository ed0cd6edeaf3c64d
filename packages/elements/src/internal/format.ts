/** Dates and distances for en-GB and cy-GB. Distances are in miles, as UK road signs are. */
import { formatClock, type Text } from '@community-atlas/core';

/**
 * Whether feed text shows in another language than the page's, so it is marked
 * `lang="en"` and read with English sounds. A plain string is taken as English, the
 * language the kit's feeds are written in first.
 */
export function isFallback(value: Text | undefined, lang: string): boolean {
  return lang !== 'en' && !(typeof value === 'object' && value[lang]?.trim());
}

const ZONE = 'Europe/London';

type WelshForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A Welsh count and noun. Welsh puts a singular noun after a number and mutates it by count: 2 takes
 * a soft mutation, 3 and 6 an aspirate one ("2 ganlyniad", "3 chanlyniad"). The plural categories of
 * Intl.PluralRules('cy') are exactly those counts. Here, not in the Welsh strings, because each part's
 * Welsh words (in the part's own chunk) use it too.
 */
export const welshCount = (n: number, forms: WelshForms): string => {
  const category = new Intl.PluralRules('cy-GB').select(n);
  return `${n.toLocaleString('cy-GB')} ${forms[category] ?? forms.other}`;
};

/** Welsh day names (Sunday first) and month names, for browsers whose Intl has none. */
export interface WelshDateNames {
  days: readonly string[];
  months: readonly string[];
}
// Given by the Welsh strings' chunk when it loads (translations/index.ts), so an English page never carries them.
let welshNames: WelshDateNames | undefined;
export function setWelshDateNames(names: WelshDateNames): void {
  welshNames = names;
}

// Chrome and Edge ship without Welsh date names (Intl falls back to American English:
// "Monday, November 23 at 10:00 AM"), so Welsh dates are written here when the
// browser has none, in the same form Firefox and Safari give.
let welshIntl: boolean | undefined;
const ownWelsh = (locale: string): WelshDateNames | undefined =>
  locale.toLowerCase().startsWith('cy') && !(welshIntl ??= Intl.DateTimeFormat.supportedLocalesOf(['cy']).length > 0) ? welshNames : undefined;

/**
 * Formatters made once per locale and kept: making one costs about a millisecond
 * (and the page's first, while the browser loads its date data, tens of them), where
 * formatting with one costs microseconds, and a page of results formats dozens of dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function kept<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make()));
  return f;
}
const partsFormat = (): Intl.DateTimeFormat =>
  kept('parts', () => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));

const londonParts = (date: Date) => {
  const parts = partsFormat().formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const [year, month, day] = [get('year'), get('month'), get('day')];
  return { year, month, day, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(), minutes: get('hour') * 60 + get('minute') };
};

export function formatDate(value: Date | string | undefined, locale: string, withWeekday = false): string {
  if (value === undefined) return '';
  const date = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  const names = ownWelsh(locale);
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
  const welsh = locale.toLowerCase().startsWith('cy');
  let day: string;
  const names = ownWelsh(locale);
  if (names) {
    const p = londonParts(value);
    day = `${names.days[p.weekday]}, ${p.day} ${names.months[p.month - 1]}`;
  } else {
    day = dayFormat(locale).format(value);
  }
  return `${day} ${welsh ? 'am' : 'at'} ${formatTime(value, locale)}`;
}

const dayFormat = (locale: string): Intl.DateTimeFormat =>
  kept(`day ${locale}`, () => new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: ZONE }));

/**
 * Makes, each in a task of its own, what the first screen's dates, counts and names
 * will need. The first date formatter a page makes loads the browser's date and time
 * zone data, which takes tens of milliseconds; done while the feed is on its way, that
 * wait is not added to the task that reads the feed or draws the results.
 */
const warmed = new Set<string>();
export function warmFormats(locale: string): void {
  if (warmed.has(locale)) return;
  warmed.add(locale);
  const steps = [
    () => partsFormat().formatToParts(0),
    () => dayFormat(locale).format(0),
    () => [new Intl.PluralRules(locale).select(1), (1234).toLocaleString(locale)],
    () => new Intl.Collator(locale).compare('a', 'b'),
  ];
  const next = (): void => {
    try {
      steps.shift()?.();
    } catch {
      // A locale this browser cannot format is met again, and reported, where it is used.
    }
    if (steps.length) setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

/** "6:30pm", "midday"; in Welsh "6:30yh", "canol dydd". */
export function formatTime(value: Date, locale: string): string {
  return formatClock(londonParts(value).minutes, locale);
}

/** Miles to one decimal place under 10, whole miles above: what a person can use. */
export function roundMiles(miles: number): number {
  return miles < 10 ? Math.round(miles * 10) / 10 : Math.round(miles);
}

export function formatMiles(miles: number, locale: string): string {
  return kept(`miles ${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(roundMiles(miles));
}

export function formatMoney(pounds: number, locale: string): string {
  const pence = pounds % 1 ? 2 : 0;
  return kept(`money ${locale} ${pence}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', maximumFractionDigits: pence })).format(pounds);
}

/**
 * "walking, exercise and sport" / "cerdded, ymarfer a chwaraeon". Chromium has
 * no Welsh list data (Intl.ListFormat falls back to English), so Welsh is
 * joined here: "a", or "ac" before a vowel.
 */
export function formatList(items: readonly string[], lang: string): string {
  if (items.length < 2) return items[0] ?? '';
  const last = items[items.length - 1]!;
  const rest = items.slice(0, -1).join(', ');
  if (lang === 'cy') return `${rest} ${/^[aeiouwyâêîôûŵŷ]/i.test(last) ? 'ac' : 'a'} ${last}`;
  return `${rest} and ${last}`;
}
