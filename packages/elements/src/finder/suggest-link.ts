/**
 * "Suggest a listing"'s address, filled in so that what reaches the council can be
 * matched to where it came from: the page the person was on (without its query, which
 * can hold their search or postcode) and today's date in the UK, in a form's `{page}`
 * and `{date}`, or in a mailto: subject and body in the page's language. A part of its
 * own (see ../on-demand.ts), fetched beside the feed when `suggest-url` is set.
 */
import { feedbackDate, feedbackPage, suggestHref, type FeedbackLabels } from '@community-atlas/core';
import type { LoadedStrings } from '../translations/index.js';

/** The mail's line labels on a Welsh page (the listing body's Welsh words, which have them too, load only with a listing). */
const WELSH_LABELS: FeedbackLabels = { listing: 'Rhestriad', name: 'Enw', page: 'Tudalen', date: 'Dyddiad', prompt: '' };

export function suggestLink(template: string, t: Pick<LoadedStrings, 'suggestListing' | 'feedbackLabels'>, lang: string, now: Date): string | undefined {
  const labels = t.feedbackLabels ?? (lang === 'cy' ? WELSH_LABELS : undefined);
  return suggestHref(template, {
    subject: t.suggestListing,
    ...(labels ? { labels } : {}),
    page: feedbackPage(globalThis.location),
    date: feedbackDate(now),
  });
}
