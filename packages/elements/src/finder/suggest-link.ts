/**
 * "Suggest a listing"'s address, filled in so that what reaches the council can be
 * matched to where it came from: the page the person was on (without its query, which
 * can hold their search or postcode) and today's date in the UK, in a form's `{page}`
 * and `{date}`, or in a mailto: subject and body in the page's language. A part of its
 * own (see ../on-demand.ts), fetched beside the feed when `suggest-url` is set.
 */
import { feedbackDate, feedbackPage, suggestHref } from '@community-atlas/core';
import type { LoadedStrings } from '../translations/index.js';

export function suggestLink(template: string, t: Pick<LoadedStrings, 'suggestListing' | 'feedbackLabels'>, now: Date): string | undefined {
  return suggestHref(template, {
    subject: t.suggestListing,
    ...(t.feedbackLabels ? { labels: t.feedbackLabels } : {}),
    page: feedbackPage(globalThis.location),
    date: feedbackDate(now),
  });
}
