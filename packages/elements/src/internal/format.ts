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

const londonParts = (date: Date) => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
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
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: ZONE, ...(withWeekday ? { weekday: 'long' } : {}),
  }).format(date);
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
    day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: ZONE }).format(value);
  }
  return `${day} ${welsh ? 'am' : 'at'} ${formatTime(value, locale)}`;
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
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(roundMiles(miles));
}

export function formatMoney(pounds: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'GBP', maximumFractionDigits: pounds % 1 ? 2 : 0 }).format(pounds);
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
