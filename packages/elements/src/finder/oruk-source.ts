/**
 * `src="oruk:https://api.example.org"`: the finder reads a council's live Open
 * Referral UK API instead of a feed file. The feed loader fetches every source
 * through one `fetch`; this wraps it so that an `oruk:` address is answered by
 * reading the API's pages politely and mapping them to a feed, while every other
 * address goes through untouched. The finder imports this module, and the mapping
 * with it, only when an `oruk:` source is used, so it costs nothing in the first chunk.
 *
 * An API that follows the OpenAPI description lists only each service's one-to-one
 * fields (name, description, web address); the place, times, contacts and cost are
 * in the full record at `/services/{id}`. Asking for thousands of those when the page
 * opens would hammer the council's server and keep the resident waiting, so the list
 * pages give the first screen, and `OrukDetails` fills in the full records of what the
 * person has in front of them: the cards on screen, then a listing as it is opened, a
 * few requests at a time, each one cancelled when the person moves on. It says so when
 * the API is slow, and names the failure with a way to try again when it is down.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { nextSession, type AtlasListing, type QueryResult } from '@community-atlas/core';
import { fetchOrukPages, importOruk, isFullRecord, OrukPageError, orukServiceListing, readOrukService, safeId } from '@community-atlas/core/oruk';
import type { AtlasStrings } from '../translations/index.js';

const ORUK = /^oruk:/i;

/** Most pages read from one API (100 services each): a directory larger than this is better built with `atlas import oruk`. */
const ORUK_MAX_PAGES = 50;
/** Pause between pages, so a finder on a busy page does not hammer a council's API. */
const ORUK_PAGE_DELAY_MS = 200;
/** Reading many pages takes longer than one feed file: allow this long in all. */
const ORUK_TIMEOUT_MS = 120_000;
/** Full records asked for at once (the cards on screen, or the listing opened). */
const DETAIL_CONCURRENCY = 4;

/** How long full records may take before the finder says the API is slow (tests shorten it). */
export const orukTiming = { slowMs: 4000 };

const isOrukSource = (url: string): boolean => ORUK.test(url);

/**
 * The services whose full record is still to be read, by id (the listing's id): their API
 * and the list page's fields. Filled as list pages are read; a service a list page gave
 * whole (an API that sends full records, or ORUK 1.0) is not here and needs nothing more.
 */
const listOnly = new Map<string, { api: string; listed: Record<string, unknown> }>();

/** How long the loader waits: longer when an `oruk:` source has several pages to read. */
export function loadTimeout(urls: readonly string[], timeout: number): number {
  return urls.some(isOrukSource) ? Math.max(timeout, ORUK_TIMEOUT_MS) : timeout;
}

/** A `fetch` that reads `oruk:` addresses as Open Referral UK APIs and passes everything else to `base`. */
export function withOrukSources(base?: typeof fetch): typeof fetch {
  const doFetch = base ?? globalThis.fetch.bind(globalThis);
  return (async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!isOrukSource(url)) return doFetch(input, init);
    const api = url.replace(ORUK, '');
    if (!/^https?:\/\/[^/]/i.test(api)) throw new Error(`${url} is not an http(s) address of an Open Referral UK API`);
    const signal = init?.signal ?? undefined;
    const read = await fetchOrukPages(api, {
      fetch: doFetch,
      maxPages: ORUK_MAX_PAGES,
      delay: ORUK_PAGE_DELAY_MS,
      // One retry: a resident waiting on a page load is better told than kept waiting through a long backoff.
      retries: 1,
      ...(signal ? { signal } : {}),
    });
    if (read.truncated) console.warn(`Community Atlas: read the first ${ORUK_MAX_PAGES} pages of ${api}; the rest are not shown. Build a feed with atlas import oruk for a directory this large.`);
    for (const page of read.documents) {
      const items = (page as { contents?: unknown }).contents;
      for (const item of Array.isArray(items) ? items : []) {
        const listed = item as Record<string, unknown>;
        // By the listing id the import gives the service (safeId), with the API's own id kept for asking.
        if (listed && typeof listed === 'object' && listed.id !== undefined && !isFullRecord(listed)) listOnly.set(safeId(String(listed.id)), { api, listed });
      }
    }
    const { feed, notes, skipped } = importOruk(read.documents, { publisher: new URL(api).hostname, today: new Date().toISOString().slice(0, 10) });
    if (skipped.length || notes.length) console.info(`Community Atlas: ${api}: not everything mapped`, { skipped, notes });
    return new Response(JSON.stringify(feed), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
}

/** What the finder says about full records, in English and Welsh (kept here: only a page with an `oruk:` source needs them). */
const WORDS = {
  en: {
    loading: 'Loading the full details from the directory…',
    slow: 'The directory is slow to answer. Still trying…',
    cardsFailed: (n: number, why: string) => `Places, times and contacts could not be loaded for ${n === 1 ? '1 listing' : `${n} listings`}: ${why}.`,
    listingFailed: (why: string) => `The full details (place, times and contacts) could not be loaded: ${why}.`,
    http: (status: number) => `the directory answered with an error (HTTP ${status})`,
    noAnswer: 'the directory did not answer',
    notData: 'the directory sent something that is not directory data',
  },
  cy: {
    loading: 'Wrthi’n llwytho’r manylion llawn o’r cyfeiriadur…',
    slow: 'Mae’r cyfeiriadur yn araf yn ateb. Yn dal i geisio…',
    cardsFailed: (n: number, why: string) => `Doedd dim modd llwytho lleoedd, amseroedd a manylion cyswllt ${n === 1 ? '1 rhestriad' : `${n} rhestriad`}: ${why}.`,
    listingFailed: (why: string) => `Doedd dim modd llwytho’r manylion llawn (lle, amseroedd a manylion cyswllt): ${why}.`,
    http: (status: number) => `atebodd y cyfeiriadur gyda gwall (HTTP ${status})`,
    noAnswer: 'ni atebodd y cyfeiriadur',
    notData: 'anfonodd y cyfeiriadur rywbeth nad yw’n ddata cyfeiriadur',
  },
};
type Words = (typeof WORDS)['en'];

/** One full record: asked for, arrived (the listing with it), or failed (why). */
interface Detail {
  abort?: AbortController;
  listing?: AtlasListing;
  failed?: unknown;
  started?: number;
}

/** The finder as this controller sees it. */
interface FinderHost extends ReactiveControllerHost, EventTarget {
  readonly language: string;
  readonly t: Pick<AtlasStrings, 'tryAgain'>;
  readonly engine: { get(key: string): AtlasListing | undefined } | undefined;
  fetcher?: typeof fetch;
}

/**
 * Full records of the services in front of the person: the cards on screen while the
 * results show, the listing while one is open. A few at a time; each is cancelled when
 * what asked for it leaves the screen, and asked again if it comes back.
 */
export class OrukDetails implements ReactiveController {
  readonly #host: FinderHost;
  readonly #details = new Map<string, Detail>();
  /** Keys wanted now, the open listing's alone while one is open, in screen order. */
  #wanted: string[] = [];
  #open?: string;
  #slowTimer?: ReturnType<typeof setTimeout>;
  #memo?: { from: QueryResult; version: number; result: QueryResult };
  #version = 0;

  constructor(host: FinderHost) {
    this.#host = host;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#stop(() => true);
  }

  /** What the person has in front of them: the open listing, else the results on screen. Fetches what they need, cancels what they no longer do. */
  want(open: string | undefined, result: QueryResult | undefined): void {
    const keys = open ? [open] : (result?.items ?? []).map((i) => i.listing.key);
    const wanted = keys.filter((key) => this.#sourceOf(key));
    this.#open = open;
    this.#wanted = wanted;
    // What left the screen is not asked for any more (it is asked again if it comes back).
    this.#stop((key) => !wanted.includes(key));
    this.#pump();
  }

  /** The listing with its full record, once read. */
  listing(key: string): AtlasListing | undefined {
    return this.#details.get(key)?.listing;
  }

  /** The results with the full records read so far (a new object when one has arrived, so the cards draw it). */
  result(result: QueryResult | undefined, now = new Date()): QueryResult | undefined {
    if (!result) return result;
    const memo = this.#memo;
    if (memo?.from === result && memo.version === this.#version) return memo.result;
    const items = result.items.map((item) => {
      const full = this.listing(item.listing.key);
      if (!full) return item;
      const next = nextSession(full, now);
      const { next: _old, ...rest } = item;
      return next ? { ...rest, listing: full, next } : { ...rest, listing: full };
    });
    const enriched = { ...result, items };
    this.#memo = { from: result, version: this.#version, result: enriched };
    return enriched;
  }

  /** Asks again for the full records that failed (the "Try again" button). */
  retry(): void {
    for (const [key, d] of this.#details) if (d.failed !== undefined) this.#details.delete(key);
    this.#changed();
    this.#pump();
  }

  /** A line saying what is loading slowly or could not be loaded, or nothing. A live region, so the change is heard. */
  status(): unknown {
    const words: Words = WORDS[this.#host.language === 'cy' ? 'cy' : 'en'];
    const now = Date.now();
    let slow = false;
    const failed: unknown[] = [];
    for (const key of this.#wanted) {
      const d = this.#details.get(key);
      if (d?.failed !== undefined) failed.push(d.failed);
      else if (d?.started !== undefined && !d.listing && now - d.started >= orukTiming.slowMs) slow = true;
    }
    const why = failed.length ? reason(failed[0], words) : '';
    return html`<div class="oruk-status" role="status">${failed.length
      ? html`<p>${this.#open ? words.listingFailed(why) : words.cardsFailed(failed.length, why)}
          <button type="button" @click=${() => this.retry()}>${this.#host.t.tryAgain}</button></p>`
      : slow
        ? html`<p>${words.slow}</p>`
        : this.#open && this.#details.get(this.#open)?.started !== undefined && !this.listing(this.#open)
          ? html`<p>${words.loading}</p>`
          : nothing}</div>`;
  }

  /** Where a listing's full record is, if it still has one to read. */
  #sourceOf(key: string): { api: string; listed: Record<string, unknown>; base: AtlasListing } | undefined {
    if (this.#details.get(key)?.listing) return undefined;
    const base = this.#host.engine?.get(key);
    const source = base && listOnly.get(base.id);
    return source && { ...source, base };
  }

  #stop(leaving: (key: string) => boolean): void {
    for (const [key, d] of this.#details) {
      if (d.abort && !d.listing && d.failed === undefined && leaving(key)) {
        d.abort.abort();
        this.#details.delete(key);
      }
    }
  }

  /** Starts what is wanted, up to `DETAIL_CONCURRENCY` at once, in screen order. */
  #pump(): void {
    let inFlight = [...this.#details.values()].filter((d) => d.abort && !d.listing && d.failed === undefined).length;
    for (const key of this.#wanted) {
      if (inFlight >= DETAIL_CONCURRENCY) break;
      if (this.#details.has(key)) continue;
      const source = this.#sourceOf(key);
      if (!source) continue;
      inFlight++;
      void this.#read(key, source);
    }
    this.#watchSlow();
  }

  async #read(key: string, source: { api: string; listed: Record<string, unknown>; base: AtlasListing }): Promise<void> {
    const abort = new AbortController();
    const detail: Detail = { abort, started: Date.now() };
    this.#details.set(key, detail);
    this.#changed();
    try {
      const record = await readOrukService(source.api, String(source.listed.id), {
        retries: 1,
        signal: abort.signal,
        ...(this.#host.fetcher ? { fetch: this.#host.fetcher } : {}),
      });
      const listing = await orukServiceListing({ ...source.listed, ...record }, { publisher: new URL(source.api).hostname, today: new Date().toISOString().slice(0, 10) });
      if (abort.signal.aborted) return;
      if (!listing) throw new OrukPageError(`service ${source.base.id} could not be read from its full record (see the import notes).`);
      // The same listing as the list page gave: its key, id and publisher stay, so links and the shortlist still find it.
      const { key: _key, id: _id, publisherId: _publisher, ...full } = listing;
      detail.listing = { ...full, key, id: source.base.id, publisherId: source.base.publisherId };
    } catch (error) {
      if (abort.signal.aborted) return;
      console.error(`Community Atlas: ${source.api}:`, error instanceof Error ? error.message : error);
      detail.failed = error;
    }
    if (this.#details.get(key) !== detail) return;
    this.#changed();
    this.#pump();
  }

  #changed(): void {
    this.#version++;
    this.#host.requestUpdate();
  }

  /** Redraws when something in flight passes the slow mark, so "still trying" shows without waiting for an answer. */
  #watchSlow(): void {
    clearTimeout(this.#slowTimer);
    const now = Date.now();
    const marks = [...this.#details.values()]
      .filter((d) => d.started !== undefined && !d.listing && d.failed === undefined && d.started + orukTiming.slowMs > now)
      .map((d) => d.started! + orukTiming.slowMs);
    if (!marks.length) return;
    this.#slowTimer = setTimeout(() => {
      this.#host.requestUpdate();
      this.#watchSlow();
    }, Math.min(...marks) - now + 1);
  }
}

/** Why a full record could not be read, in the person's words (the console has the precise message and URL). */
function reason(error: unknown, words: Words): string {
  const status = error instanceof OrukPageError ? error.status : undefined;
  if (status !== undefined) return words.http(status);
  const message = error instanceof Error ? error.message : '';
  const http = /HTTP (\d{3})/.exec(message);
  if (http) return words.http(Number(http[1]));
  if (/not JSON|not a service record|could not be read/.test(message)) return words.notData;
  return words.noAnswer;
}
