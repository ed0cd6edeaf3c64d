/** Dates and distances for en-GB and cy-GB. Distances are in miles, as UK road signs are. */
export function formatDate(value: Date | string | undefined, locale: string, withWeekday = false): string {
  if (value === undefined) return '';
  const date = typeof value === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return typeof value === 'string' ? value : '';
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London', ...(withWeekday ? { weekday: 'long' } : {}),
  }).format(date);
}

export function formatDateTime(value: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London',
  }).format(value);
}

export function formatTime(value: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'Europe/London' }).format(value);
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
