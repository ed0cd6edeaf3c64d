/**
 * The precise wording of a feed that could not be used, for the person who runs
 * the site (the console, the CLI). The browser loads this only after a feed has
 * failed (see fetch.ts); the synchronous readers (load.ts) import it directly.
 */
import { FeedLoadError, fatalReason, feedFailure, type FailureFacts, type FetchedFeed } from './fetch.js';
import type { AtlasData } from './normalised.js';

/** The FeedLoadError's detail (and message) for a failure. */
export function describeFailure(facts: FailureFacts): string {
  const { url, status, statusText, fatal, contentType } = facts;
  switch (facts.reason) {
    case 'timeout':
      return `No complete answer from ${url} within ${facts.timeoutMs} ms; expected a Community Atlas JSON feed.`;
    case 'network': {
      const why = facts.cause instanceof Error ? facts.cause.message : String(facts.cause);
      return `Could not fetch ${url} (${why}); expected a Community Atlas JSON feed. Check the address and that the server is up; a feed on another site must send an Access-Control-Allow-Origin header (CORS).`;
    }
    case 'http': {
      const hint = status === 404 ? ' There is no file at that address: check the src the finder was given.' : '';
      return `${url} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}; expected 200 with a Community Atlas JSON feed.${hint}`;
    }
    default:
      return `${url}: ${fatal?.message}${contentType && facts.reason === 'not-json' ? ` (The server called it ${contentType}.)` : ''} Expected a Community Atlas JSON feed.`;
  }
}

/** A fetched feed's data, or the FeedLoadError for a feed that is unusable as a whole (not JSON, no listings list). */
export function usable(fetched: FetchedFeed, data: AtlasData): AtlasData {
  const { url, status, contentType } = fetched;
  const fatal = feedFailure(data);
  if (fatal) {
    const reason = fatalReason(fatal);
    throw new FeedLoadError({ url, reason, status, detail: describeFailure({ url, reason, fatal, ...(contentType ? { contentType } : {}) }) });
  }
  return data;
}
