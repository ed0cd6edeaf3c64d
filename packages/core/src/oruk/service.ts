/**
 * One service's full record (`/services/{id}`) as a finder shows it: mapped as
 * `atlas import oruk` maps it, then read as the finder reads any feed (the quick
 * check, the exact normaliser only if the quick check leaves it to it). Used by the
 * finder's `oruk:` source when a service is on screen or opened.
 */
import type { AtlasListing } from '../feed/normalised.js';
import type { Listing, Location, Session } from '../feed/types.js';
import { normaliseOnDemand } from '../feed/read.js';
import { importOruk } from './import.js';

/**
 * The listing a full record gives, or undefined if the import leaves it out. A
 * service at several places is one listing here, as the list page gave it (the
 * file import writes one per place, but the live list has one entry per
 * service): see `atEveryPlace`.
 */
export async function orukServiceListing(record: Record<string, unknown>, options: { publisher: string; today: string }): Promise<AtlasListing | undefined> {
  const { feed } = importOruk([{ contents: [record] }], options);
  if (!feed.listings.length) return undefined;
  const listing = feed.listings.length > 1 ? atEveryPlace(feed.listings) : feed.listings[0]!;
  return (await normaliseOnDemand({ ...feed, listings: [listing] })).listings[0];
}

/** A place in one line, as a person reads it out: "Westgate Library, Westgate, NB4 7GH". */
function placeLine(location: Location | undefined): string {
  if (!location) return '';
  const name = typeof location.name === 'string' ? location.name : (location.name?.en ?? Object.values(location.name ?? {})[0] ?? '');
  return [...new Set([name, ...(location.address ?? []), location.postcode ?? ''].map((part) => part.trim()).filter(Boolean))].join(', ');
}

const sessionKey = ({ place: _place, lat: _lat, lng: _lng, ...rest }: Session): string => JSON.stringify(rest);

/**
 * One service at several places (the import's listings, one per place) as one
 * listing: at the first place, with every session saying where it is (a session
 * every place has is the service's own, and is given once, with no place), and
 * the places that have no session of their own named at the end of the
 * description, so that no place the record gives is dropped. Opening hours stay
 * the first place's: the feed has one set per listing.
 */
function atEveryPlace(listings: Listing[]): Listing {
  const first = listings[0]!;
  const counts = new Map<string, number>();
  for (const listing of listings) for (const key of new Set((listing.schedule ?? []).map(sessionKey))) counts.set(key, (counts.get(key) ?? 0) + 1);
  const everywhere = (session: Session): boolean => counts.get(sessionKey(session)) === listings.length;
  const schedule: Session[] = (first.schedule ?? []).filter(everywhere);
  const withoutSessions: string[] = [];
  for (const listing of listings) {
    const line = placeLine(listing.location);
    const own = (listing.schedule ?? []).filter((session) => !everywhere(session));
    if (!own.length) {
      if (listing !== first && line) withoutSessions.push(line);
      continue;
    }
    const { lat, lng } = listing.location ?? {};
    for (const session of own) {
      schedule.push({
        ...session,
        ...(session.place === undefined && line ? { place: line } : {}),
        ...(session.lat === undefined && typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : {}),
      });
    }
  }
  const merged: Listing = { ...first };
  if (schedule.length) merged.schedule = schedule;
  else delete merged.schedule;
  if (withoutSessions.length) {
    const also = `Also at: ${withoutSessions.join('; ')}.`;
    const description = first.description;
    if (description === undefined || typeof description === 'string') merged.description = description ? `${description}\n\n${also}` : also;
    else merged.description = { ...description, en: description.en ? `${description.en}\n\n${also}` : also };
  }
  return merged;
}
