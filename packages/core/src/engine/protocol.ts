/**
 * Messages between the page and the search worker. Everything here survives
 * structured cloning: plain objects, strings, numbers and typed arrays (dates
 * travel as epoch milliseconds), so nothing depends on class identity across
 * the boundary.
 */
import type { AtlasData, AtlasListing } from '../feed/normalised.js';
import { FeedLoadError, type FeedLoadFailure, type FetchedFeed } from '../feed/fetch.js';
import type { ListingKind } from '../feed/types.js';
import type { MapColumns, MapPoints } from '../location/map-points.js';
import type { ListingSummary } from './types.js';
import type { ReadySealerState } from '../feed/ready-seal.js';
import type { FirstScreen } from '../feed/first.js';
import type { CoreItem, CoreResult } from './core.js';
import type { FinderState, GeoPoint, Suggestion } from './types.js';

export interface WorkerLoadOptions {
  lang?: string;
  kinds?: ListingKind[];
  prebuiltIndex?: string | object;
}

export type ToWorker =
  // A piece of the one feed's body, in order, handed over as it arrives, before the 'load' that carries the pieces after it:
  // the worker seals a ready feed's pieces as they come (feed/ready.ts's ReadySealer).
  | { type: 'piece'; piece: Uint8Array }
  // Sent before the first piece, or else before the 'load': the page sealed the feed's first `pieces` pieces while the worker started.
  | { type: 'sealed'; state: ReadySealerState; pieces: number }
  // The one feed's body is still arriving (a slow link): the first screen for `state` from the listings its pieces so far hold (loadFinder's `soFar`).
  | { type: 'so-far'; state: FinderState; now: number; url: string; baseUrl?: string; options: WorkerLoadOptions }
  | { type: 'load'; feeds: ({ ok: true; feed: FetchedFeed } | { ok: false; error: SerializedLoadError })[]; urls: string[]; options: WorkerLoadOptions }
  // A feed the page already holds, as parsed JSON (`feed`, normalised in the worker) or normalised data (`data`), in slices.
  | { type: 'load-begin'; shape: 'feed' | 'data'; head: Record<string, unknown> }
  | { type: 'load-listings'; listings: unknown[] }
  | { type: 'load-end'; source: string; options: WorkerLoadOptions }
  | { type: 'query'; id: number; state: FinderState; now: number }
  | { type: 'suggest'; id: number; prefix: string; limit?: number }
  // Full records of these listings (by index into the worker's listings, as its answers name them): an opened or shortlisted listing, the map's.
  | { type: 'records'; id: number; indexes: number[] }
  // The map's points for these listings (by index), with names in `lang`: typed arrays, transferred.
  // `labels: 'on-demand'`: the columns alone (MapColumns), and the names of the markers drawn asked for with `labels`.
  // `indexes` are those an answer came with (an Int32Array) when the points are an answer's.
  | { type: 'points'; id: number; indexes: number[] | Int32Array; lang: string; labels?: 'on-demand' }
  // The names and places of these listings (by index), in `lang`: the markers a map is drawing.
  | { type: 'labels'; id: number; indexes: number[]; lang: string }
  | { type: 'clear-caches' }
  // A sharded directory (engine/shards-worker.ts): its manifest, fetched by the page; shards load in the worker as states need them.
  | { type: 'manifest'; url: string; feed: FetchedFeed; options: WorkerLoadOptions }
  // Sharded directory: where a postcode is, from its area's shard.
  | { type: 'place'; id: number; postcode: string };

export type FromWorker =
  // The worker's script loaded: the page sends the feed only now, so that a worker that cannot start never takes the bytes with it.
  | { type: 'hello' }
  // What the page needs besides results: everything but the listings, and a summary of them (the worker keeps the listings).
  | { type: 'meta'; data: Omit<AtlasData, 'listings'>; summary: ListingSummary; keys: string[] }
  | { type: 'ready'; ms: number }
  // The answer to 'so-far': null when no listing of the pieces so far can be shown (none whole yet, or none passed the check);
  // `again`: none whole yet, so worth asking again as more arrives.
  // `items`: each of the screen's listings' place in the answer (score, next session, distance), in order.
  | { type: 'so-far'; screen: FirstScreen | null; items?: CoreItem[]; again?: boolean }
  // The first answers came before the whole quick check, which then failed: the normaliser's data replaces
  // what 'meta' said (keys, summary, problems), and the page asks again (engine/worker.ts, `settle`).
  | { type: 'changed'; data: Omit<AtlasData, 'listings'>; summary: ListingSummary; keys: string[] }
  | { type: 'failed'; error: SerializedLoadError | { message: string } }
  // Matches as indexes into the listings the page holds (its `data.listings`), in a buffer handed over without a copy.
  // `records`: the listings of `result.items` and the open listing (`state.open`), which the page may not hold yet.
  | { type: 'result'; id: number; result: Omit<CoreResult, 'keys'>; indexes: Int32Array; records: AtlasListing[] }
  // Part of the answer to a `records` question (`done` on the last part): each part cloned in its own task on the page.
  | { type: 'records'; id: number; listings: AtlasListing[]; done: boolean }
  // A sharded directory's worker sends whole MapPoints; the search worker, asked for labels on demand, MapColumns.
  | { type: 'points'; id: number; points: MapPoints | MapColumns }
  | { type: 'labels'; id: number; names: string[]; places: string[] }
  | { type: 'suggestions'; id: number; suggestions: Suggestion[] }
  | { type: 'answer-failed'; id: number; message: string }
  // Sharded directory: shards arrived (their listings' keys, appended to the worker's order) or were skipped, and the data besides listings as it now stands;
  // `settled`: a step loading after an answer is all in, so the page asks again.
  | { type: 'shards'; data: Omit<AtlasData, 'listings'>; keys: string[]; settled: boolean }
  | { type: 'placed'; id: number; near: GeoPoint | null; attribution?: string };

interface SerializedLoadError {
  name: 'FeedLoadError';
  url: string;
  reason: FeedLoadFailure;
  detail: string;
  status?: number;
  failures?: SerializedLoadError[];
}

/** Listings per message back to the page: small enough that reading one never holds the page for long. */
export const LISTINGS_PER_MESSAGE = 250;

export function serializeLoadError(error: FeedLoadError): SerializedLoadError {
  return {
    name: 'FeedLoadError', url: error.url, reason: error.reason, detail: error.detail,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.failures.length ? { failures: error.failures.map(serializeLoadError) } : {}),
  };
}

export function reviveLoadError(error: SerializedLoadError): FeedLoadError {
  return new FeedLoadError({
    url: error.url, reason: error.reason, detail: error.detail,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.failures ? { failures: error.failures.map(reviveLoadError) } : {}),
  });
}
