/**
 * Listings whose every session is over: an OpenActive page harvested last year,
 * a spreadsheet of last season's classes. The import and `atlas validate --stale`
 * count them; the finder marks them "No upcoming sessions" and leaves them out
 * of day and time filters (core's `weeklySlots` given the date).
 */
import type { Listing } from '@community-atlas/core';

/**
 * True when a listing has sessions and every one ended before `today`: one-offs
 * dated earlier, rules whose last date is earlier. A rule with no last date runs on.
 */
export function allSessionsBefore(listing: Listing, today: string): boolean {
  const sessions = listing.schedule ?? [];
  if (!sessions.length || listing.openingHours) return false;
  return sessions.every((s) => {
    if (!s.rrule) return typeof s.date === 'string' && s.date < today;
    const until = /UNTIL=(\d{4})(\d{2})(\d{2})/i.exec(s.rrule);
    const last = s.until ?? (until ? `${until[1]}-${until[2]}-${until[3]}` : undefined);
    return last !== undefined && last < today;
  });
}
