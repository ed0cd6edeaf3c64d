/**
 * The listing detail body's own English words, in its chunk: a page of results never
 * downloads them. Other languages give them in their strings as usual.
 */
import type { AtlasStrings, BodyHeadings, ListingBodyWords } from '../translations/index.js';
import { enListingWords, type ListingStrings } from './listing-strings.js';

export const enListingBody: ListingBodyWords = {
  ages: (min, max) =>
    min !== undefined && max !== undefined ? `Ages ${min} to ${max}` : min !== undefined ? `Ages ${min} and over` : `Ages up to ${max}`,
  anyone: 'Anyone',
  personalBudget: 'Can be paid for from a personal budget',
  lastChecked: (date) => `Last checked ${date}`,
  staleWarning: 'This was last checked over a year ago. Please check the details before you go.',
  reportWrong: 'Report something wrong with this listing',
  reportSubject: (id, name) => `Something wrong with listing ${id}: ${name}`,
  feedbackLabels: { listing: 'Listing', name: 'Name', page: 'Page', date: 'Date', prompt: 'What is wrong or missing:' },
  accessibility: 'Accessibility',
};

const enBodyHeadings: BodyHeadings = { what: 'What it is', who: 'Who it is for', cost: 'Cost' };

/** Strings with every word the body shows: a language's (or a host's) own, English for any it leaves out. */
export type BodyStrings = ListingStrings & ListingBodyWords & { headings: BodyHeadings };

export function bodyStrings(t: AtlasStrings): BodyStrings {
  return { ...enListingWords, ...enListingBody, ...t, headings: { ...enBodyHeadings, ...t.headings } };
}
