/**
 * "Suggest a listing"'s link, filled in with the page it came from and today's
 * date. A chunk of its own, fetched when `suggest-url` is set: the first chunk
 * does not carry the template filling (see finder.ts, #footer).
 */
import { feedbackPage, londonDate, suggestHref } from '@community-atlas/core';
import type { AtlasStrings } from '../translations/index.js';

export function suggestLink(template: string, t: AtlasStrings, now: Date): string | undefined {
  return suggestHref(template, {
    subject: t.suggestListing,
    labels: t.feedbackLabels,
    page: feedbackPage(globalThis.location),
    date: londonDate(now),
  });
}
