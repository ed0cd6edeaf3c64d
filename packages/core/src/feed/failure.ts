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
    case 'blocked': {
      const here = globalThis.location?.origin ?? 'this page';
      return facts.policy === 'csp'
        // The browser names only the first address of a redirect here (its own console message names where it led).
        ? `The page's Content-Security-Policy (connect-src, or default-src without it) does not allow ${facts.blockedUrl || url}, or the site it redirects to: add that site to connect-src, or serve the feed from ${here}.`
        : `${url} answered, but the browser would not let ${here} read it: the feed's site (or the site it redirects to) must send an Access-Control-Allow-Origin header that allows ${here} (CORS).`;
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

/**
 * A fetch the browser refused (a TypeError, and nothing more) is a network failure, or a
 * site this page may not read: the page's Content-Security-Policy (`connect-src`), or a
 * feed on another site, or redirected to one, that sends no CORS header for this page.
 * Script is told the same thing in all three cases, so the address is asked again
 * without CORS (`no-cors`, whose answer cannot be read but does arrive), listening for
 * the policy's `securitypolicyviolation` event: a violation means the policy refused
 * it, an answer means the site is there but not readable from here (CORS), and a
 * second refusal is the network. Browsers only (Node has neither CORS nor a policy).
 */
export async function diagnose(facts: FailureFacts): Promise<FailureFacts> {
  const retry = facts.fetch;
  if (facts.reason !== 'network' || !retry || typeof SecurityPolicyViolationEvent === 'undefined') return facts;
  let refused: string | undefined;
  const onViolation = (e: SecurityPolicyViolationEvent): void => {
    if (/^connect-src|^default-src/.test(e.effectiveDirective)) refused = e.blockedURI;
  };
  addEventListener('securitypolicyviolation', onViolation);
  let answered = false;
  try {
    await retry(facts.url, { mode: 'no-cors', ...(AbortSignal.timeout ? { signal: AbortSignal.timeout(10_000) } : {}) });
    answered = true;
  } catch {
    // Refused again: the policy (its event follows) or the network.
  }
  // The violation event is queued as a task of its own: let it arrive.
  await new Promise((resolve) => setTimeout(resolve));
  removeEventListener('securitypolicyviolation', onViolation);
  if (refused !== undefined) return { ...facts, reason: 'blocked', policy: 'csp', blockedUrl: refused };
  return answered ? { ...facts, reason: 'blocked', policy: 'cors' } : facts;
}
