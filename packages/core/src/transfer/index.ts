/**
 * Community asset transfer and assets of community value: deadline state,
 * the statutory dates of the community right to bid, and the stage tracker.
 */
import type { AtlasListing } from '../feed/normalised.js';
import type { AcvDetails, StageDefinition, Text } from '../feed/types.js';
import { DEFAULT_TRANSFER_STAGES } from '../feed/stages.js';
import { dayFromParts, daysInMonth, isoDay, londonParts, parseIsoDay, partsOfDay } from '../schedule/zone.js';

export { CLOSING_SOON_DAYS, parseDeadline, deadlineState, type DeadlineState } from './deadline.js';

export interface AcvDates {
  /** Last day the asset is on the list. */
  listingEnds?: string;
  /** Date the local authority received the owner's notice of intended disposal. */
  noticeReceived?: string;
  /** Last day of the interim moratorium: community interest groups must ask to be treated as bidders by the end of it. */
  interimMoratoriumEnds?: string;
  /** Last day of the full moratorium, which applies only if a group asked in time. */
  fullMoratoriumEnds?: string;
  /** Last day of the protected period, during which no new moratorium can start. */
  protectedPeriodEnds?: string;
}

/**
 * The last day of a period of `months` months *beginning with* `start` (so
 * `start` is its first day): the day before the same date `months` later; where
 * that month has no such date (31 August + 6 months), the period runs to the end
 * of the shorter month.
 */
function monthsBeginningWith(start: number, months: number): number {
  const p = partsOfDay(start);
  const index = p.year * 12 + p.month - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const corresponding = dayFromParts(year, month, p.dayOfMonth);
  return corresponding === undefined ? (dayFromParts(year, month, daysInMonth(year, month)) ?? start) : corresponding - 1;
}

/**
 * Dates under the Localism Act 2011, Part 5 Chapter 3, and the Assets of
 * Community Value (England) Regulations 2012, all as inclusive last days:
 *
 * - Listing: removed "with effect from the end of the period of 5 years
 *   beginning with the date of that entry" (s.87(3)). Listed 1 March 2026 → on
 *   the list to the end of 28 February 2031. A publisher's own `expiresOn` wins.
 * - Every moratorium period is counted from the date the local authority
 *   *receives* the owner's notice under s.95(2), and "beginning with" that date,
 *   so the day of receipt is day one (s.95(6)): interim moratorium six weeks
 *   (receipt + 41 days), full moratorium six months, protected period 18 months
 *   (regulation 2(a)(iii) describes it as the six months "but at the end of that
 *   six months will then not apply for a further twelve months").
 *
 * `disposalNotifiedOn` is read as the date the authority received the notice;
 * a publisher who records the date the owner sent it will show dates a day or
 * two early, which errs on the side of the community group acting in time.
 */
export function acvDates(acv: AcvDetails | undefined): AcvDates {
  const out: AcvDates = {};
  if (!acv || typeof acv !== 'object') return out;
  const listed = parseIsoDay(acv.listedOn);
  const ownExpiry = parseIsoDay(acv.expiresOn);
  if (ownExpiry !== undefined) out.listingEnds = isoDay(ownExpiry);
  else if (listed !== undefined) out.listingEnds = isoDay(monthsBeginningWith(listed, 60));
  const received = parseIsoDay(acv.disposalNotifiedOn);
  if (received !== undefined) {
    out.noticeReceived = isoDay(received);
    out.interimMoratoriumEnds = isoDay(received + 6 * 7 - 1);
    out.fullMoratoriumEnds = isoDay(monthsBeginningWith(received, 6));
    out.protectedPeriodEnds = isoDay(monthsBeginningWith(received, 18));
  }
  return out;
}

/**
 * Where a listed asset stands on `now`'s UK date. `interim-moratorium`: groups
 * can still ask to bid. `full-moratorium`: only a group that asked can buy (the
 * feed cannot say whether one did, so this phase is "possible", shown as such).
 * `protected`: the owner may sell to anyone and no new moratorium can start.
 * `listed`: no notice of sale. `not-listed`: nominated, unsuccessful, removed or expired.
 */
export function acvPhase(
  acv: AcvDetails | undefined,
  now: Date,
): 'interim-moratorium' | 'full-moratorium' | 'protected' | 'listed' | 'not-listed' {
  if (!acv || acv.status !== 'listed') return 'not-listed';
  const today = isoDay(londonParts(now.getTime()).day);
  const dates = acvDates(acv);
  if (dates.listingEnds && today > dates.listingEnds) return 'not-listed';
  if (dates.noticeReceived && today >= dates.noticeReceived) {
    if (today <= (dates.interimMoratoriumEnds ?? '')) return 'interim-moratorium';
    if (today <= (dates.fullMoratoriumEnds ?? '')) return 'full-moratorium';
    if (today <= (dates.protectedPeriodEnds ?? '')) return 'protected';
  }
  return 'listed';
}

export interface TransferStage {
  id: string;
  label: Text;
  /** ISO date the stage was reached, or is planned for. */
  date?: string;
  state: 'done' | 'current' | 'upcoming';
}

/** Dates the transfer's `dates` block gives for built-in stages, used when `stages` does not date them. */
const DATE_FIELDS: Record<string, 'noticePublished' | 'informationSession' | 'decision'> = {
  'notice-published': 'noticePublished',
  'information-session': 'informationSession',
  decision: 'decision',
};

/**
 * The stage tracker: the listing's stage list (its `stageList` in the feed's
 * `transferStages`, else the feed's `default`, else the built-in list) in
 * order, each done, current or upcoming. The current stage is `currentStage`,
 * else the last stage reached. A current stage the list does not know (a
 * publisher's own "community-consultation") is not dropped: it is shown after
 * the furthest known stage reached, labelled from its id, so the tracker never
 * hides where things really stand. A completed transfer marks every stage done.
 */
export function transferStages(listing: AtlasListing, feedStages: Record<string, StageDefinition[]> | undefined): TransferStage[] {
  const transfer = listing.transfer;
  const lists = feedStages ?? {};
  const named = transfer?.stageList ? lists[transfer.stageList] : undefined;
  const definitions: readonly StageDefinition[] =
    (Array.isArray(named) && named.length ? named : undefined) ??
    (Array.isArray(lists.default) && lists.default.length ? lists.default : undefined) ??
    DEFAULT_TRANSFER_STAGES;
  const reached = Array.isArray(transfer?.stages) ? transfer.stages.filter((s) => s && typeof s.id === 'string') : [];
  const dates = new Map<string, string>();
  for (const s of reached) if (typeof s.date === 'string') dates.set(s.id, s.date);
  for (const [id, field] of Object.entries(DATE_FIELDS)) {
    const value = transfer?.dates?.[field];
    if (!dates.has(id) && typeof value === 'string') dates.set(id, value);
  }

  const stages: TransferStage[] = definitions.map((d) => ({ id: d.id, label: d.label, state: 'upcoming' }));
  for (const stage of stages) {
    const date = dates.get(stage.id);
    if (date) stage.date = date;
  }
  const indexOf = (id: string | undefined): number => (id === undefined ? -1 : stages.findIndex((s) => s.id === id));

  const currentId = transfer?.currentStage ?? reached[reached.length - 1]?.id;
  let current = indexOf(currentId);
  if (current < 0 && currentId) {
    // Unknown stage: place it after the furthest known stage reached.
    const furthest = Math.max(-1, ...reached.map((s) => indexOf(s.id)));
    const unknown: TransferStage = { id: currentId, label: labelFromId(currentId), state: 'current' };
    const date = dates.get(currentId);
    if (date) unknown.date = date;
    stages.splice(furthest + 1, 0, unknown);
    current = furthest + 1;
  }
  if (transfer?.status === 'transferred' && (current < 0 || stages[current]?.id === stages[stages.length - 1]?.id)) {
    for (const s of stages) s.state = 'done';
    return stages;
  }
  stages.forEach((s, i) => {
    s.state = i < current ? 'done' : i === current ? 'current' : 'upcoming';
  });
  return stages;
}

function labelFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : id;
}
