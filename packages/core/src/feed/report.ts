/**
 * What an open listing shows about the listing's upkeep: where to report it as
 * wrong, and whether it was last checked over a year ago. Only the listing's
 * chunk uses these, so they live apart from values.ts, which the first chunk
 * carries for the quick check.
 */
import { isSafeUrl } from './values.js';

/**
 * Where "report something wrong" goes for one listing: the template (a URL with
 * `{id}` and `{name}`, or a plain `mailto:` address, which gets a subject naming
 * the listing) filled in, or undefined when there is none or it is not safe.
 */
export function feedbackHref(template: string | undefined, listing: { id: string }, name: string): string | undefined {
  if (!template) return undefined;
  let href: string;
  if (/^mailto:/i.test(template) && !template.includes('{')) {
    const subject = `Something wrong with listing ${listing.id}: ${name}`;
    href = `${template}${template.includes('?') ? '&' : '?'}subject=${encodeURIComponent(subject)}`;
  } else {
    href = template.replaceAll('{id}', encodeURIComponent(listing.id)).replaceAll('{name}', encodeURIComponent(name));
  }
  return isSafeUrl(href) ? href : undefined;
}

/** Whether a listing's `lastVerified` date is over a year before `now`; a date that cannot be read is not. */
export function checkedOverAYearAgo(lastVerified: string | undefined, now: Date): boolean {
  if (!lastVerified) return false;
  const checked = new Date(lastVerified).getTime();
  return !Number.isNaN(checked) && now.getTime() - checked > 365 * 86_400_000;
}
