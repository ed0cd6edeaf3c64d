/**
 * The words an open listing (and a prescriber's list of listings) shows, in English, and the
 * wording of its cost and ways in: in the listing's chunk, so a page of results never
 * downloads them. Other languages give these words in their strings as usual.
 */
import { sameWords, text, type AtlasListing } from '@community-atlas/core';
import type { LoadedStrings, ListingWords } from '../translations/index.js';
import { formatMoney, isFallback } from '../internal/format.js';
import { cyListingWords } from './listing-cy.js';

const enListingWords: ListingWords = {
  costFree: 'Free',
  costAmount: (amount, per) => (per ? `${amount} a ${per}` : amount),
  costPer: { session: 'session', week: 'week', month: 'month', year: 'year', course: 'course', visit: 'visit' },
  costHelp: 'Help with the cost',
  costUnknown: 'Ask about cost',
  upcoming: 'Next sessions',
  openingHours: 'Opening hours',
  address: 'Address',
  directions: 'Get directions (OpenStreetMap)',
  approximate: 'The exact address is not shown. This is the general area.',
  online: 'Online',
  phoneOnly: 'By phone',
  referral: { self: 'You can refer yourself', 'drop-in': 'Just drop in', professional: 'You need a referral from a professional, such as a GP or link worker' },
  referralProfessionalAlso: 'A professional, such as a GP or link worker, can also refer you',
  companionWelcome: 'You can bring someone with you',
  phone: 'Phone',
  email: 'Email',
  website: 'Website',
};

/** Strings with every word a listing shows: a language's (or a host's) own, English for any it leaves out. */
export type ListingStrings = LoadedStrings & ListingWords;

export function listingStrings(t: LoadedStrings): ListingStrings {
  return { ...(t.locale.startsWith('cy') ? cyListingWords : enListingWords), ...t };
}

/**
 * What a listing costs, a line each: the price ("Free", "£3 a session") and the
 * feed's own words, leaving out the feed's words when they only say the price
 * again ("£3 a session" twice).
 */
export function costLines(
  c: AtlasListing['cost'],
  t: { costFree: string; costAmount: (amount: string, per?: string) => string; costPer: Record<string, string>; locale: string },
  lang: string,
): string[] {
  if (!c) return [];
  const price = c.free ? t.costFree : typeof c.amount === 'number' ? t.costAmount(formatMoney(c.amount, t.locale), c.per ? t.costPer[c.per] : undefined) : undefined;
  const said = c.description ? text(c.description, lang) : '';
  // English words on a Welsh page that only give the price again ("£5 a session" under "£5 y sesiwn"): said once.
  const repeated = price && (sameWords(said, price) || (typeof c.amount === 'number' && isFallback(c.description, lang) && said.length <= 40 && said.includes(formatMoney(c.amount, 'en-GB'))));
  return [price, said && !repeated ? said : undefined].filter((line): line is string => !!line);
}

/**
 * How a person gets in, in words. "Professional" beside "self" or "drop-in"
 * means a GP may also refer, not that a referral is needed: saying "you need a
 * referral" there would turn away someone who could simply go.
 */
export function referralWords(routes: readonly string[], t: { referral: Record<string, string>; referralProfessionalAlso: string }): string[] {
  const open = routes.some((r) => r === 'self' || r === 'drop-in');
  return routes.map((r) => (r === 'professional' && open ? t.referralProfessionalAlso : t.referral[r] ?? r));
}
