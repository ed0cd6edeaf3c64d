/**
 * Community asset transfer and assets of community value, as the card shows them,
 * and the words the card and the detail share (the detail itself is in detail.ts,
 * loaded when a transfer is opened). Its own chunk, loaded only for data with
 * transfer listings (see lazy.ts). Render functions rather than elements: the
 * parts sit inside the card's and the listing's own shadow roots and outline, so a
 * group's screen reader hears one article with one heading structure.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { deadlineState, type AtlasListing, type DeadlineState, type FacetId } from '@community-atlas/core';
import type { LoadedStrings, TransferCardWords } from '../translations/index.js';
import { cyTransferCardWords } from './transfer-cy.js';
import { englishPlural as plural, formatDate } from '../internal/format.js';

/** The card's and the listing's styles for these parts, adopted when this chunk arrives. */
export { transferStyles } from './transfer.styles.js';

/** The English words of a transfer's card, here rather than in the first chunk: only feeds with transfers need them. */
const enTransferCardWords: TransferCardWords = {
  status: { proposed: 'Proposed', available: 'Available', 'under-offer': 'Under offer', transferred: 'Transferred', withdrawn: 'Withdrawn' },
  deadlineClosesIn: (days) => `Closes in ${days} ${plural(days, 'day', 'days')}`,
  deadlineClosesToday: 'Closes today',
  deadlineClosedOn: (date) => `Closed on ${date}`,
  terms: { peppercorn: 'Peppercorn rent', nominal: 'Nominal sum', discounted: 'Discounted', market: 'Market value' },
  tenure: { freehold: 'Freehold', leasehold: 'Leasehold', licence: 'Licence' },
  transfer: {
    closesTomorrow: 'Closes tomorrow',
    closedEarly: 'Closed to new interest',
    assetType: {
      'community-centre': 'Community centre', hall: 'Hall', library: 'Library', pavilion: 'Pavilion', school: 'School',
      land: 'Land', 'open-space': 'Open space', other: 'Other building or land',
    },
    tenureYears: (tenure, years) => `${tenure}, ${years} ${plural(years, 'year', 'years')}`,
    leaseLengthMissing: (tenure) => `${tenure} (length of lease not given)`,
    acvBadge: { nominated: 'Nominated as an asset of community value', listed: 'Asset of community value', unsuccessful: 'Nomination unsuccessful', removed: 'Removed from the list' },
  },
};

/**
 * The English names of the transfer filters and their options, for the filters and the
 * active-filter chips (internal/facet-label.ts) when a language's strings leave them out.
 */
export const enTransferFacetWords: { facetNames: Record<string, string>; facetValues: Record<string, Record<string, string>> } = {
  facetNames: { status: 'Status', assetType: 'Kind of asset', tenure: 'Tenure', deadline: 'Deadline' },
  facetValues: {
    status: { proposed: 'Proposed', available: 'Available', 'under-offer': 'Under offer', transferred: 'Transferred', withdrawn: 'Withdrawn' },
    deadline: { open: 'Open for interest', 'closing-soon': 'Closing soon' },
    assetType: {
      'community-centre': 'Community centre', hall: 'Hall', library: 'Library', pavilion: 'Pavilion', school: 'School',
      land: 'Land', 'open-space': 'Open space', other: 'Other',
    },
    tenure: { freehold: 'Freehold (to own)', leasehold: 'Leasehold (to rent long term)', licence: 'Licence (to use)' },
  },
};

/** Strings with every word a transfer's card shows: a language's (or a host's) own, English for any it leaves out. */
export type TransferCardStrings = LoadedStrings & TransferCardWords;

export function transferStrings(t: LoadedStrings): TransferCardStrings {
  return { ...(t.locale.startsWith('cy') ? cyTransferCardWords : enTransferCardWords), ...t };
}

/**
 * "Closes in 12 days", "Closes tomorrow", "Closes today", "Closed on 3 March 2026";
 * undefined without a readable deadline. An asset taken off the market before its
 * deadline (under offer, withdrawn) is "Closed to new interest": "Closed on" a
 * future date would read as still open until then.
 */
export function deadlineWords(d: DeadlineState, t: TransferCardStrings, now: Date): string | undefined {
  if (!d.deadline) return undefined;
  if (d.state === 'closed') return d.deadline.getTime() > now.getTime() ? t.transfer.closedEarly : t.deadlineClosedOn(formatDate(d.deadline, t.locale));
  if (d.days === 0) return t.deadlineClosesToday;
  if (d.days === 1) return t.transfer.closesTomorrow;
  return t.deadlineClosesIn(d.days ?? 0);
}

/** "Leasehold, 25 years"; a lease without a length says so rather than looking complete. */
export function tenureWords(listing: AtlasListing, t: TransferCardStrings): string | undefined {
  const tenure = listing.transfer?.tenure;
  if (!tenure) return undefined;
  const name = t.tenure[tenure.type] ?? tenure.type;
  if (typeof tenure.years === 'number' && tenure.years > 0) return t.transfer.tenureYears(name, tenure.years);
  return tenure.type === 'leasehold' ? t.transfer.leaseLengthMissing(name) : name;
}

/** One line of what it is and on what terms, for a card: "Library · Leasehold, 25 years · Peppercorn rent". */
function transferSummaryLine(listing: AtlasListing, t: TransferCardStrings): string {
  const tr = listing.transfer;
  if (!tr) return '';
  return [
    t.transfer.assetType[tr.assetType] ?? tr.assetType,
    tenureWords(listing, t),
    tr.terms ? (t.terms[tr.terms] ?? tr.terms) : undefined,
  ].filter(Boolean).join(' · ');
}

/** The card's transfer facts: status badge (words, not colour), ACV badge, deadline in words and the summary line. */
export function transferCardMeta(listing: AtlasListing, now: Date, strings: LoadedStrings): TemplateResult | typeof nothing {
  const tr = listing.transfer;
  const acv = listing.acv;
  if (!tr && !acv) return nothing;
  const t = transferStrings(strings);
  const d = tr ? deadlineState(listing, now) : undefined;
  const words = d ? deadlineWords(d, t, now) : undefined;
  const summary = transferSummaryLine(listing, t);
  return html`<span class="transfer-facts">
      ${tr ? html`<span class="badge status-${tr.status}">${t.status[tr.status] ?? tr.status}</span>` : nothing}
      ${acv ? html`<span class="badge acv">${t.transfer.acvBadge[acv.status] ?? acv.status}</span>` : nothing}
      ${words ? html`<span class="deadline ${d!.state}">${words}</span>` : nothing}
    </span>
    ${summary ? html`<span class="transfer-summary">${summary}</span>` : nothing}`;
}

/**
 * On a transfer-only page a community group asks first whether it is still open
 * and what kind of asset (the finder shows these two first), then what state it
 * is in and on what tenure; the category facet then separates assets of community
 * value. Kind and the activity facets mean nothing there.
 */
export const TRANSFER_FILTER_ORDER: readonly FacetId[] = ['deadline', 'assetType', 'status', 'tenure', 'category', 'area'];
