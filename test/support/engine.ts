/** Helpers for the tests that hold one engine's answers against another's. */
import type { QueryResult } from '../../packages/core/src/engine/types.js';

/**
 * A fetch that serves each address's body as JSON, answers a number with that HTTP
 * status, and fails as a network error would for any other address.
 */
export const serveBodies = (bodies: Record<string, string | number>): typeof fetch => (async (input: RequestInfo | URL) => {
  const body = bodies[String(input)];
  if (typeof body === 'number') return new Response('nope', { status: body });
  if (body === undefined) throw new TypeError('Failed to fetch');
  return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
}) as typeof fetch;

/** An answer without its listing objects (each item keeps the listing's key), to compare answers from two engines. */
export const withoutListings = (result: QueryResult) => ({ ...result, items: result.items.map(({ listing, ...item }) => ({ ...item, key: listing.key })) });
