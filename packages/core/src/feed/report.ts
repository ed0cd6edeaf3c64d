/**
 * What an open listing shows about the listing's upkeep: where to report it as
 * wrong, and whether it was last checked over a year ago, and where "suggest a
 * listing" goes. Only the listing's chunk and the finder's footer use these, so
 * they live apart from values.ts, which the first chunk carries for the quick check.
 */
import { isSafeUrl } from './values.js';
import { isoDay, londonParts } from '../schedule/zone.js';

/**
 * What a report or a suggestion carries besides the listing, so that what reaches
 * the council can be matched to the feed: the page it came from and the day it was
 * sent, and, for a plain `mailto:` address, the mail's subject and the labels of
 * its body in the page's language.
 */
export interface FeedbackContext {
  /** The page the person was on (without its query: see `feedbackPage`). */
  page?: string;
  /** Today, `YYYY-MM-DD` (UK). */
  date?: string;
  /** The mail's subject; default English. */
  subject?: string;
  /** Labels for the lines of the mail's body: listing id, name, page, date, and the prompt to write below. */
  labels?: FeedbackLabels;
}

export interface FeedbackLabels {
  listing: string;
  name: string;
  page: string;
  date: string;
  prompt: string;
}

const EN_LABELS: FeedbackLabels = { listing: 'Listing', name: 'Name', page: 'Page', date: 'Date', prompt: 'What is wrong or missing:' };

function fill(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(id|name|page|date)\}/g, (_whole, key: string) => {
    const value = values[key];
    return value === undefined ? '' : encodeURIComponent(value);
  });
}

function mail(template: string, subject: string, lines: string[]): string {
  const body = lines.length ? `body=${encodeURIComponent(`${lines.join('\n')}\n`)}` : '';
  // A subject the council wrote into the address (mailto:…?subject=New%20listing) is theirs to keep.
  const own = /[?&]subject=/i.test(template);
  const query = [own ? '' : `subject=${encodeURIComponent(subject)}`, body].filter(Boolean).join('&');
  return query ? `${template}${template.includes('?') ? '&' : '?'}${query}` : template;
}

/**
 * Where "report something wrong" goes for one listing: the template (a URL with
 * `{id}`, `{name}`, `{page}` and `{date}`, or a plain `mailto:` address, which gets
 * a subject naming the listing and, given a context, a body with the listing's id,
 * name, the page and the date) filled in, or undefined when there is none or it is
 * not safe.
 */
export function feedbackHref(template: string | undefined, listing: { id: string }, name: string, context: FeedbackContext = {}): string | undefined {
  if (!template) return undefined;
  let href: string;
  if (/^mailto:/i.test(template) && !template.includes('{')) {
    const subject = context.subject ?? `Something wrong with listing ${listing.id}: ${name}`;
    const l = context.labels ?? EN_LABELS;
    const lines = context.page || context.date
      ? [`${l.listing}: ${listing.id}`, `${l.name}: ${name}`, `${l.page}: ${context.page ?? ''}`, `${l.date}: ${context.date ?? ''}`, '', l.prompt]
      : [];
    href = mail(template, subject, lines);
  } else {
    href = fill(template, { id: listing.id, name, page: context.page, date: context.date });
  }
  return isSafeUrl(href) ? href : undefined;
}

/**
 * Where "suggest a listing" goes: a URL with `{page}` and `{date}`, or a plain
 * `mailto:` address, which gets the subject and a body with the page and date.
 */
export function suggestHref(template: string | undefined, context: FeedbackContext & { subject: string }): string | undefined {
  if (!template) return undefined;
  const l = context.labels ?? EN_LABELS;
  const href = /^mailto:/i.test(template) && !template.includes('{')
    ? mail(template, context.subject, [`${l.page}: ${context.page ?? ''}`, `${l.date}: ${context.date ?? ''}`, ''])
    : fill(template, { page: context.page, date: context.date });
  return isSafeUrl(href) ? href : undefined;
}

/**
 * Today in the UK as `YYYY-MM-DD`, for a report's date: from the UK clock in
 * zone.ts, not an Intl date formatter, whose first use on a page loads the
 * browser's date patterns (a long task, here while a listing opens).
 */
export function feedbackDate(now: Date): string {
  return isoDay(londonParts(now.getTime()).day);
}

/**
 * The page a report came from: its address without the query or fragment, which
 * can hold what the person searched for, their postcode or their age.
 */
export function feedbackPage(loc: { origin: string; pathname: string } | undefined): string | undefined {
  return loc && /^https?:/.test(loc.origin) ? `${loc.origin}${loc.pathname}` : undefined;
}

/** Whether a listing's `lastVerified` date is over a year before `now`; a date that cannot be read is not. */
export function checkedOverAYearAgo(lastVerified: string | undefined, now: Date): boolean {
  if (!lastVerified) return false;
  const checked = new Date(lastVerified).getTime();
  return !Number.isNaN(checked) && now.getTime() - checked > 365 * 86_400_000;
}
