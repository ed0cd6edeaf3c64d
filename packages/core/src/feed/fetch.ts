/**
 * Fetching feeds, and the errors a feed that cannot be used gives, shared by
 * every way of reading them. Nothing here reads a feed's content, so the
 * browser's first chunk carries it without the normaliser (see read.ts; load.ts
 * has the synchronous readers). The precise wording of a failure, for the
 * console, is in failure.ts, loaded only after something has failed.
 */
import type { AtlasData, Problem } from './normalised.js';

/** Why a feed could not be used at all. */
/** `too-new`: a sharded directory's manifest of a newer format than this kit reads. */
export type FeedLoadFailure = 'http' | 'timeout' | 'network' | 'blocked' | 'not-json' | 'not-a-feed' | 'too-new';

/**
 * What a resident is told: "We couldn't load the directory just now", then for a
 * timeout ": it took too long to arrive", then "Please check your connection and
 * try again" for a timeout or a network failure, "Please try again later" for
 * the rest. A feed whose site this page may not read (`blocked`: the page's
 * Content-Security-Policy or the other site's CORS headers) is no one's connection:
 * it says so, and who can put it right. Built from its parts, as the first chunk carries it.
 */
const userMessage = (reason: FeedLoadFailure): string =>
  `We couldn't load the directory${reason === 'blocked' ? ": this page is not allowed to read it from the site it comes from. Please tell the people who run this website" : reason === 'too-new' ? ': it was made for a newer version of this page’s directory software. Please tell the people who run this website' : ` just now${reason === 'timeout' ? ': it took too long to arrive' : ''}. Please ${
    reason === 'timeout' || reason === 'network' ? 'check your connection and try again' : 'try again later'}`}.`;

/**
 * A feed that could not be loaded. `userMessage` is for residents (plain, no
 * jargon, no URL); `detail` is for the person who runs the site (URL, status,
 * what was expected) and is also the error's `message`, so it shows in the console.
 */
export class FeedLoadError extends Error {
  override readonly name = 'FeedLoadError';
  readonly url: string;
  readonly reason: FeedLoadFailure;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  readonly userMessage: string;
  readonly detail: string;
  /** When several feeds all failed: each one's error. */
  readonly failures: FeedLoadError[];

  constructor(init: { url: string; reason: FeedLoadFailure; detail: string; status?: number; failures?: FeedLoadError[] }) {
    super(init.detail);
    this.url = init.url;
    this.reason = init.reason;
    this.status = init.status;
    this.detail = init.detail;
    this.userMessage = userMessage(init.reason);
    this.failures = init.failures ?? [];
  }

  /** The error as a problem of the whole feed, for `AtlasData.problems`. */
  toProblem(): Problem {
    return {
      severity: 'error',
      code: `feed-${this.reason}`,
      path: '$',
      expected: 'a Community Atlas JSON feed',
      found: this.status !== undefined ? `HTTP ${this.status}` : this.reason,
      message: this.detail,
      source: this.url,
    };
  }
}

/** Data with no listings: what a feed that is not JSON, or no feed at all, gives. */
export function emptyData(problems: Problem[], source?: string): AtlasData {
  return {
    publishers: [],
    licences: [],
    languages: [],
    needs: [],
    areas: [],
    transferStages: {},
    listings: [],
    problems,
    skipped: 0,
    ...(source ? { sources: [source] } : {}),
  };
}

/** The problem that stopped a whole feed (not JSON, no listings list), if any. */
export function feedFailure(data: AtlasData): Problem | undefined {
  return data.problems.find((p) => p.severity === 'error' && p.listingIndex === undefined);
}

export interface LoadOptions {
  /** The fetch to use; tests pass their own. Default: the global fetch. */
  fetch?: typeof fetch;
  /** Give up on a feed after this long, in milliseconds. Default 20,000. */
  timeoutMs?: number;
  /** Abort loading (the finder was removed from the page). Rejects with the signal's reason, not a FeedLoadError. */
  signal?: AbortSignal;
  /** `fetchFeed` keeps the body as bytes, in the pieces it arrived in (`FetchedFeed.parts`), instead of decoding it. */
  bytes?: boolean;
  /**
   * With `bytes`: once this many bytes have arrived, or the response says it
   * has at least this many, `fetchFeed` gives the feed with the rest of its
   * body still to read (`FetchedFeed.rest`, see `readOn`): a large feed's
   * worker can start while it arrives.
   */
  handOffBytes?: number;
  /** With `bytes`: called with the pieces so far each time one arrives, before or after the hand-off (a ready feed's first screen is read from them, feed/first.ts). */
  watch?: (parts: readonly Uint8Array[]) => void;
  /**
   * With `handOffBytes`: called once, as soon as the body is known to be that
   * large: by the response's length (a compressed body's, times the least that
   * JSON compresses), before its first piece is read, or else by the bytes that arrived (`loadFinder` starts its worker then, while the
   * body is read).
   */
  large?: () => void;
  /**
   * With `handOffBytes`: a body whose response says it has at least this many
   * bytes (Content-Length), when nothing watches its pieces, is not read on the
   * page at all: it is handed off at once, and its rest is taken whole as a Blob
   * (`FetchedFeed.blob`, see `readOn`), which the browser fills without the
   * page's main thread. Reading 100 MB piece by piece on the page took over a
   * second of its main thread, in tasks of up to 180 ms.
   *
   * A body sent with no length (in chunks, as a host compressing on the fly
   * sends it) whose first piece is a ready feed's header saying it is that
   * large is asked for again and taken whole as a Blob the same way, its first
   * request given up: once a page has read one piece of a body, the browser
   * copies the rest onto the page's main thread as it arrives, however fast it
   * comes (from a cache or a near server: 98 MB in tasks of up to 160 ms),
   * and a body already read from can no longer be taken as a Blob.
   */
  blobBytes?: number;
}

/**
 * The part of a body `fetchFeed` left unread (`handOffBytes`), read on with
 * `readOn` (while a worker starts, say). The feed's timeout still runs:
 * `timedOut` settles with its FeedLoadError when it passes, and `done()`
 * stops it once the rest has arrived.
 */
interface FetchRest {
  /** The body's rest, read on the page piece by piece; or, not read on the page, the whole body as a Blob. */
  stream: ReadableStream<Uint8Array> | Promise<Blob>;
  timedOut: Promise<unknown>;
  done(): void;
  /** The FeedLoadError (or the abort reason) for an error reading the rest. */
  failed(cause: unknown): Promise<unknown>;
  /** The rest being read (`readOn`): one read, however many ask. */
  reading?: Promise<void>;
  watch?: (parts: readonly Uint8Array[]) => void;
}

/** A feed's text as it arrived, before it is read: what a worker is handed. */
export interface FetchedFeed {
  url: string;
  text: string;
  /**
   * The body as bytes, not yet decoded (`text` is then empty): what `fetchFeed`
   * gives with `bytes: true`, so a worker can be handed the buffer and decode
   * it there, and an 80 MB feed is never turned into a string on the page.
   */
  bytes?: Uint8Array;
  /**
   * The body as bytes in the pieces it arrived in, not yet joined or decoded
   * (`text` is then empty): what `fetchFeed` gives with `bytes: true`. Joining
   * them is left to whoever decodes them (a worker, for a large feed): on the
   * page, one buffer of an 80 MB feed (what `Response.arrayBuffer()` gives) is
   * a copy that holds the main thread for 60 to 100 ms.
   */
  parts?: Uint8Array[];
  /** The rest of the body, not read yet (`handOffBytes`): only on the page, never sent as it is. */
  rest?: FetchRest;
  /**
   * The whole body as a Blob, never read on the page (`blobBytes`): a worker
   * is handed it (a Blob is cloned as a handle, not its bytes) and reads it
   * there. `parts` is then empty.
   */
  blob?: Blob;
  /** What relative links in the feed resolve against (the response URL after redirects). */
  baseUrl?: string;
  status: number;
  contentType?: string;
}

/** The views of a fetched feed's bytes (none for text). */
export const fetchedViews = (fetched: FetchedFeed): Uint8Array[] => fetched.parts ?? (fetched.bytes ? [fetched.bytes] : []);

/** A fetched feed's body as text. */
export function fetchedText(fetched: FetchedFeed): string {
  // Joined, then decoded in one call: decoding piece by piece builds the text
  // from hundreds of pieces, which JSON.parse must first copy into one string
  // (for a 10,000-listing feed that took longer than the decoding itself).
  const bytes = fetchedBytes(fetched);
  return bytes ? new TextDecoder().decode(bytes) : fetched.text;
}

/** A fetched feed's body as bytes in one piece (joined when it came in several), or undefined for text. */
export function fetchedBytes(fetched: FetchedFeed): Uint8Array | undefined {
  const views = fetchedViews(fetched);
  if (!views.length) return undefined;
  if (views.length === 1) return views[0];
  const all = new Uint8Array(views.reduce((sum, view) => sum + view.byteLength, 0));
  let at = 0;
  for (const view of views) {
    all.set(view, at);
    at += view.byteLength;
  }
  return all;
}

/** How many bytes (or, for text, characters) of the feed arrived. */
export const fetchedSize = (fetched: FetchedFeed): number =>
  fetched.parts || fetched.bytes ? fetchedViews(fetched).reduce((sum, view) => sum + view.byteLength, 0) : fetched.text.length;

/** Whether a fetched feed's bytes, or some of its pieces, were handed to a worker (and so are no longer here: a piece is never empty otherwise), or were never read on the page (a Blob). */
export const fetchedBytesGone = (fetched: FetchedFeed): boolean => !!fetched.blob || fetchedViews(fetched).some((view) => view.byteLength === 0);

/**
 * A body as the pieces it arrives in: reading it never joins a large feed into
 * one buffer on the page. With `handOff`, reading stops (the stream unlocked) as
 * soon as that many bytes are in or the response says it has that many.
 */
async function readParts(response: Response, { handOffBytes: handOff, watch, blobBytes, large }: LoadOptions, again: () => Promise<Response>): Promise<{ parts: Uint8Array[]; stopped?: ReadableStream<Uint8Array> | Promise<Blob> }> {
  const body = response.body;
  let declared = Number(response.headers.get('content-length')) || 0;
  // A compressed body's length is its compressed size: JSON compresses at least MIN_JSON_COMPRESSION times (a feed,
  // 6 to 16), so one that long is large, said before the page has read that much of it (on a slow link, seconds sooner).
  const compressedLarge = handOff !== undefined && declared > 0 && !!response.headers.get('content-encoding') && declared * MIN_JSON_COMPRESSION >= handOff;
  /** Big enough for the worker by its length, and no one reads its first pieces: not read on the page at all. */
  const forBlob = (): boolean => handOff !== undefined && !watch && blobBytes !== undefined && declared > 0 && declared >= Math.max(handOff, blobBytes);
  const asBlob = (whole: Response): { parts: Uint8Array[]; stopped: Promise<Blob> } => {
    const blob = whole.blob();
    blob.catch(() => undefined);
    return { parts: [], stopped: blob };
  };
  if (body && forBlob()) {
    large?.();
    return asBlob(response);
  }
  const reader = body?.getReader();
  if (!body || !reader) return { parts: [new Uint8Array(await response.arrayBuffer())] };
  const parts: Uint8Array[] = [];
  let size = 0;
  let since = performance.now();
  for (;;) {
    // A ready feed says its length in its first line: a large one is known from its first piece, sent compressed or in chunks with no length too.
    if (handOff !== undefined && parts.length === 1 && !declared) {
      declared = readyLength(parts[0]!);
      // Large enough for a Blob: this body is given up (the rest of it would be copied onto the page's thread as it
      // came), and the feed asked for again and taken whole, unread, as a body whose length said so would be.
      if (forBlob()) {
        large?.();
        reader.cancel().catch(() => undefined);
        return asBlob(await again());
      }
    }
    // Large, by its length or its bytes: said at once, before a piece is read when the response gave its length.
    if (large && handOff !== undefined && (size >= handOff || declared >= handOff || compressedLarge)) {
      large();
      large = undefined;
    }
    // At least one piece first: what kind of file it is shows in its first bytes.
    if (handOff !== undefined && parts.length && (size >= handOff || declared >= handOff)) {
      reader.releaseLock();
      return { parts, stopped: body };
    }
    const { done, value } = await reader.read();
    if (done) return { parts };
    if (value.byteLength) parts.push(value);
    size += value.byteLength;
    watch?.(parts);
    // A body that has all arrived (from a cache, or a blob) would otherwise be
    // read in one task, each piece in the microtask after the last: hand the
    // thread back now and then.
    if (performance.now() - since > READ_SLICE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      since = performance.now();
    }
  }
}

const READ_SLICE_MS = 8;

/** How many times smaller a compressed JSON body is, at the least (`large` is said by its compressed length). */
const MIN_JSON_COMPRESSION = 4;

/** The length a ready feed (what `atlas build` writes, feed/ready.ts) says it has, from its first bytes; 0 for any other file. */
function readyLength(first: Uint8Array): number {
  const start = String.fromCharCode(...first.subarray(0, 200));
  return Number(/^(?:\u00ef\u00bb\u00bf)?\{"format":"community-atlas-ready","version":\d+,"hash":"\w*","length":(\d+),/.exec(start)?.[1]) || 0;
}

/**
 * Reads the rest of a body `fetchFeed` left (`FetchedFeed.rest`) into its
 * parts, to its end (`rest` is then gone). Rejects as `fetchFeed` would for a
 * body that fails or takes too long, and so does every later call.
 */
export function readOn(fetched: FetchedFeed): Promise<void> {
  const rest = fetched.rest;
  if (!rest) return Promise.resolve();
  return (rest.reading ??= readRest(fetched, rest));
}

/** A body taken whole as a Blob (`FetchedFeed.blob`) as its bytes, in one piece (in the worker, or on a page that must read it after all). */
export async function readBlob(fetched: FetchedFeed): Promise<void> {
  const blob = fetched.blob;
  if (!blob) return;
  fetched.parts = [new Uint8Array(await blob.arrayBuffer())];
  delete fetched.blob;
}

async function readRest(fetched: FetchedFeed, rest: FetchRest): Promise<void> {
  const parts = (fetched.parts ??= []);
  const timedOut = rest.timedOut.then((error) => Promise.reject(error));
  timedOut.catch(() => undefined);
  if (!('getReader' in rest.stream)) {
    try {
      fetched.blob = await Promise.race([rest.stream, timedOut]);
      fetched.rest = undefined;
      rest.done();
      return;
    } catch (error) {
      rest.done();
      throw error instanceof FeedLoadError ? error : await rest.failed(error);
    }
  }
  const reader = rest.stream.getReader();
  let since = performance.now();
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), timedOut]);
      if (done) {
        fetched.rest = undefined;
        rest.done();
        return;
      }
      if (value.byteLength) parts.push(value);
      rest.watch?.(parts);
      if (performance.now() - since > READ_SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        since = performance.now();
      }
    }
  } catch (error) {
    rest.done();
    // The parts are not the whole body: the feed keeps its rest, failed.
    throw error instanceof FeedLoadError ? error : await rest.failed(error);
  }
}

/** What went wrong with one feed, for the FeedLoadError's wording (failure.ts). */
export interface FailureFacts {
  url: string;
  reason: FeedLoadFailure;
  status?: number;
  statusText?: string;
  timeoutMs?: number;
  /** Why the fetch was refused (network, CORS), as the browser put it. */
  cause?: unknown;
  /** The browser's fetch, when it was the one that failed, to ask again why (failure.ts's `diagnose`); a fetch of the caller's own is never called behind its back. */
  fetch?: typeof fetch;
  /** `blocked`: by the page's Content-Security-Policy (with the address it refused, when the browser says) or by CORS. */
  policy?: 'csp' | 'cors';
  blockedUrl?: string;
  /** The problem that stopped a feed that arrived (not JSON, no listings list). */
  fatal?: Problem;
  contentType?: string;
}

/** The reason a feed that arrived cannot be used at all, from the problem that stopped it. */
export const fatalReason = (fatal: Problem): FeedLoadFailure =>
  fatal.code === 'not-json' || fatal.code === 'truncated' || fatal.code === 'empty-file' ? 'not-json' : 'not-a-feed';

/**
 * The FeedLoadError for a failure, its precise wording loaded now (failure.ts).
 * A page that has gone offline cannot load that chunk either: the error then
 * says in one line what failed, and the resident's message is the same.
 */
async function loadError(facts: FailureFacts): Promise<FeedLoadError> {
  let detail: string;
  try {
    const failure = await import('./failure.js');
    // A refused fetch: the network, or a site this page may not read? Asked again there.
    facts = await failure.diagnose(facts);
    detail = failure.describeFailure(facts);
  } catch {
    detail = `${facts.url}: the feed could not be loaded (${facts.reason}${facts.status ? `, HTTP ${facts.status}` : ''}).`;
  }
  const { url, reason, status } = facts;
  return new FeedLoadError({ url, reason, detail, ...(status ? { status } : {}) });
}

/** A fetched feed's data, or (rejects with) the FeedLoadError for a feed that is unusable as a whole: what failure.ts's `usable` gives, worded on demand. */
export async function usableOnDemand(fetched: FetchedFeed, data: AtlasData): Promise<AtlasData> {
  const fatal = feedFailure(data);
  if (!fatal) return data;
  const { url, status, contentType } = fetched;
  throw await loadError({ url, reason: fatalReason(fatal), status, fatal, ...(contentType ? { contentType } : {}) });
}

/**
 * Fetches one feed's text with a timeout. HTTP errors, timeouts and network or
 * CORS refusals become FeedLoadErrors with plain and precise messages.
 */
export async function fetchFeed(url: string, options: LoadOptions = {}): Promise<FetchedFeed> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 20_000;
  const outer = options.signal;
  if (outer?.aborted) throw outer.reason;
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = (): void => controller.abort(outer?.reason);
  outer?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const failed = async (cause: unknown): Promise<unknown> => {
    if (outer?.aborted) return outer.reason;
    return loadError(timedOut ? { url, reason: 'timeout', timeoutMs } : { url, reason: 'network', cause, ...(options.fetch ? {} : { fetch: doFetch }) });
  };
  let handedOff = false;
  try {
    /** The feed's response, or its FeedLoadError. */
    const ask = async (): Promise<Response> => {
      let response: Response;
      try {
        response = await doFetch(url, { signal: controller.signal, headers: { Accept: 'application/json' } });
      } catch (err) {
        throw await failed(err);
      }
      if (!response.ok) throw await loadError({ url, reason: 'http', status: response.status, statusText: response.statusText });
      return response;
    };
    const response = await ask();
    let body = '';
    let parts: Uint8Array[] | undefined;
    let stopped: ReadableStream<Uint8Array> | Promise<Blob> | undefined;
    try {
      if (options.bytes) ({ parts, stopped } = await readParts(response, options, ask));
      else body = await response.text();
    } catch (err) {
      throw err instanceof FeedLoadError ? err : await failed(err);
    }
    const baseUrl = response.url || resolveAgainstPage(url);
    const contentType = response.headers.get('content-type') ?? undefined;
    let rest: FetchRest | undefined;
    if (stopped) {
      // The timeout keeps running over the rest of the body, wherever it is read.
      handedOff = true;
      let timedOut!: (error: unknown) => void;
      const timeout = new Promise<unknown>((resolve) => (timedOut = resolve));
      controller.signal.addEventListener('abort', () => void failed(undefined).then(timedOut), { once: true });
      rest = {
        stream: stopped,
        timedOut: timeout,
        done: () => {
          clearTimeout(timer);
          outer?.removeEventListener('abort', onAbort);
        },
        failed,
        ...(options.watch ? { watch: options.watch } : {}),
      };
    }
    return { url, text: body, ...(parts ? { parts } : {}), ...(rest ? { rest } : {}), status: response.status, ...(baseUrl ? { baseUrl } : {}), ...(contentType ? { contentType } : {}) };
  } finally {
    if (!handedOff) {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  }
}

function resolveAgainstPage(url: string): string | undefined {
  try {
    return new URL(url, globalThis.location?.href).href;
  } catch {
    return undefined;
  }
}
