/**
 * Reads every page of an Open Referral UK API's `/services`, politely: one page
 * at a time with a pause between, retrying 429 and 5xx answers with growing
 * waits, stopping at the last page (or a page limit), and giving up at once when
 * the caller aborts. Any page that still fails stops the whole read, naming the
 * page, so a half-read directory is never shown or written as if complete.
 * Used by `atlas import oruk URL` and by the finder's `source="oruk:…"`.
 */

export class OrukPageError extends Error {
  /** The HTTP status that ended it, when one did (404: the record is not there). */
  readonly status: number | undefined;
  constructor(message: string, status?: number) {
    super(message);
    this.status = status;
  }
}

export interface OrukFetchOptions {
  fetch?: typeof fetch;
  /** Waits between pages and before retries; tests pass their own. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Services per page (`per_page`). Default 100. */
  perPage?: number;
  /** Pause between pages in ms. Default 250. */
  delay?: number;
  /** Stop after this many pages. Default 1000. */
  maxPages?: number;
  /** Retries of a page answered 429 or 5xx, or not answered. Default 4. */
  retries?: number;
  /** Give up on one page after this long, in ms. Default 30,000. */
  pageTimeoutMs?: number;
  /** Extra request headers (the CLI names itself; a browser cannot). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Told before each page is fetched, for progress. */
  onPage?: (page: number, url: string) => void;
}

export interface OrukFetchResult {
  documents: unknown[];
  /** True when `maxPages` was reached and the API may have more. */
  truncated: boolean;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Every page of `{base}/services`; `base` may itself end in `/services`. */
export async function fetchOrukPages(base: string, options: OrukFetchOptions = {}): Promise<OrukFetchResult> {
  const root = base.replace(/\/+$/, '').replace(/\/services$/i, '');
  const perPage = options.perPage ?? 100;
  const maxPages = options.maxPages ?? 1000;
  const delay = options.delay ?? 250;
  const sleep = options.sleep ?? abortableSleep;
  const documents: unknown[] = [];
  const firstIds = new Map<string, number>();
  for (let page = 1; page <= maxPages; page++) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (page > 1 && delay) await sleep(delay, options.signal);
    const url = `${root}/services?page=${page}&per_page=${perPage}`;
    options.onPage?.(page, url);
    const body = await fetchPage(url, page, options, sleep);
    const info = orukPageInfo(body);
    // An API that ignores ?page= hands back page 1 for ever; stop rather than loop to the page limit.
    if (info.firstId !== undefined) {
      const seen = firstIds.get(info.firstId);
      if (seen !== undefined) throw new OrukPageError(`page ${page} (${url}) repeats page ${seen}: the API seems to ignore the page parameter.`);
      firstIds.set(info.firstId, page);
    }
    documents.push(body);
    if (info.count === 0 || info.last || (info.totalPages !== undefined && page >= info.totalPages)) return { documents, truncated: false };
  }
  return { documents, truncated: true };
}

async function fetchPage(url: string, page: number, options: OrukFetchOptions, sleep: NonNullable<OrukFetchOptions['sleep']>): Promise<unknown> {
  return requestJson(url, `page ${page}`, options, sleep);
}

/** Why a body that should be JSON is not, in words a data officer can act on. */
function notJson(content: string, error: unknown): string {
  const start = content.trimStart();
  if (/^<(!doctype|html|head|body|\?xml)/i.test(start)) {
    const title = /<title[^>]*>([^<]*)</i.exec(start)?.[1]?.trim();
    return `is not JSON: it is an HTML page${title ? ` ("${title.slice(0, 80)}")` : ''}, as a login, error or maintenance page is`;
  }
  if (!start) return 'is not JSON: the answer was empty';
  if (/end of (json )?(data|input)|unterminated|Unexpected end/i.test(String((error as Error)?.message))) {
    return `is not JSON: it ends part-way through (${content.length} characters read), so the answer was cut off`;
  }
  return `is not JSON (${(error as Error)?.message ?? 'unreadable'})`;
}

/**
 * One GET that should answer JSON, retried on 429, 5xx, no answer, a timeout or
 * a body that is not JSON (a cut-off answer or a maintenance page is often
 * gone a moment later), waiting longer each time or as `Retry-After` asks.
 * Other answers (404) fail at once. Throws `OrukPageError` naming `what` and the URL.
 */
async function requestJson(url: string, what: string, options: OrukFetchOptions, sleep: NonNullable<OrukFetchOptions['sleep']>): Promise<unknown> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const retries = options.retries ?? 4;
  let lastProblem = '';
  let retryAfter: number | undefined;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(retryAfter !== undefined ? retryAfter * 1000 : 1000 * 2 ** (attempt - 1), options.signal);
    retryAfter = undefined;
    const timeout = AbortSignal.timeout(options.pageTimeoutMs ?? 30_000);
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { Accept: 'application/json', ...options.headers },
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      lastProblem = timeout.aborted ? `no answer within ${Math.round((options.pageTimeoutMs ?? 30_000) / 1000)} s` : `could not connect (${(error as Error).message})`;
      continue;
    }
    if (response.status === 429 || response.status >= 500) {
      lastProblem = `HTTP ${response.status}`;
      const asked = Number(response.headers.get('retry-after'));
      if (Number.isFinite(asked) && asked > 0) retryAfter = Math.min(asked, 60);
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new OrukPageError(`${what} (${url}) failed: HTTP ${response.status}.`, response.status);
    }
    let content: string;
    try {
      content = await response.text();
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason;
      lastProblem = `the answer was cut off (${(error as Error).message})`;
      continue;
    }
    try {
      return JSON.parse(content);
    } catch (error) {
      lastProblem = notJson(content, error);
      // Said once: "failed after 5 tries: is not JSON" reads worse than the plain fact.
      if (attempt === retries) throw new OrukPageError(`${what} (${url}) ${lastProblem}${retries ? ` (${retries + 1} tries)` : ''}.`);
      continue;
    }
  }
  throw new OrukPageError(`${what} (${url}) failed after ${retries + 1} tries: ${lastProblem}.`);
}

/** Paging fields of ORUK 3.0 (`total_pages`, `contents`) and of the 1.0 API (`totalPages`, `content`, `last`). */
export function orukPageInfo(body: unknown): { count?: number; totalPages?: number; last?: boolean; firstId?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { last: true };
  const page = body as Record<string, unknown>;
  const items = Array.isArray(page.contents) ? page.contents : Array.isArray(page.content) ? page.content : undefined;
  const total = typeof page.total_pages === 'number' ? page.total_pages : typeof page.totalPages === 'number' ? page.totalPages : undefined;
  const info: { count?: number; totalPages?: number; last?: boolean; firstId?: string } = {};
  if (items) info.count = items.length;
  const first: unknown = items?.[0];
  if (typeof first === 'object' && first !== null && 'id' in first) info.firstId = String(first.id);
  else info.last = true;
  if (total !== undefined) info.totalPages = total;
  if (page.last_page === true || page.last === true) info.last = true;
  return info;
}

/** Something an API read could not get, and what became of it. */
export interface OrukReadProblem {
  /** `page`: a list page (its services are missing); `detail`: one service's full record (the service is left out). */
  kind: 'page' | 'detail';
  /** The message, naming the page or service and the URL. */
  message: string;
  page?: number;
  id?: string;
  name?: string;
  /** HTTP status, when the API answered with one. */
  status?: number;
}

export interface OrukReadProgress {
  pagesRead: number;
  totalPages?: number;
  servicesListed: number;
  detailsRead: number;
  detailsWanted: number;
}

export interface OrukApiOptions extends OrukFetchOptions {
  /** Full records read at once from `/services/{id}`. Default 4. */
  concurrency?: number;
  /** A full record already read (a resumed run), or undefined to fetch it. */
  known?: (id: string, listed: Record<string, unknown>) => unknown;
  /** Told each full record as it arrives, so a run can be resumed. */
  onDetail?: (id: string, record: unknown) => void;
  onProgress?: (progress: OrukReadProgress) => void;
}

export interface OrukApiResult {
  /** One page-shaped document per list page read, each service replaced by its full record. */
  documents: unknown[];
  truncated: boolean;
  problems: OrukReadProblem[];
  servicesListed: number;
  detailsFetched: number;
  detailsReused: number;
}

/** The nested lists a full record has and a list page, by the OpenAPI description, does not. */
const NESTED = ['service_at_locations', 'schedules', 'contacts', 'cost_options', 'attributes', 'service_areas', 'languages', 'funding', 'regular_schedules', 'physical_addresses', 'locations'];

/** True when a list item is already a full record (some APIs send them whole), so `/services/{id}` need not be asked. */
export function isFullRecord(item: Record<string, unknown>): boolean {
  return NESTED.some((key) => Array.isArray(item[key]));
}

/**
 * Reads an Open Referral UK 3.0 API as its OpenAPI description says it answers:
 * `/services?page=N&per_page=SIZE` lists only each service's one-to-one fields,
 * and the full record (locations, schedules, taxonomy, cost options, contacts) is
 * at `/services/{id}`. Pages are read one at a time; full records a few at a time
 * (`concurrency`), each retried with growing waits. A page that fails after its
 * retries is reported and the next page read (its services are missing); a full
 * record that fails leaves its service out, reported by id and name. Only a
 * first page that fails, or an API that ignores `?page=`, throws.
 */
export async function readOrukApi(base: string, options: OrukApiOptions = {}): Promise<OrukApiResult> {
  const root = base.replace(/\/+$/, '').replace(/\/services$/i, '');
  const perPage = options.perPage ?? 100;
  const maxPages = options.maxPages ?? 1000;
  const delay = options.delay ?? 250;
  const sleep = options.sleep ?? abortableSleep;
  const problems: OrukReadProblem[] = [];
  const pages: { body: Record<string, unknown>; items: Record<string, unknown>[] }[] = [];
  const firstIds = new Map<string, number>();
  let totalPages: number | undefined;
  let truncated = true;
  let listed = 0;
  const progress: OrukReadProgress = { pagesRead: 0, servicesListed: 0, detailsRead: 0, detailsWanted: 0 };
  const tell = (): void => options.onProgress?.({ ...progress, ...(totalPages !== undefined ? { totalPages } : {}) });

  for (let page = 1; page <= maxPages; page++) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (page > 1 && delay) await sleep(delay, options.signal);
    const url = `${root}/services?page=${page}&per_page=${perPage}`;
    options.onPage?.(page, url);
    let body: unknown;
    try {
      body = await requestJson(url, `page ${page}`, options, sleep);
    } catch (error) {
      // With no page read there is nothing to show; without a page count there is no knowing what comes next.
      if (!(error instanceof OrukPageError) || page === 1 || totalPages === undefined) throw error;
      problems.push({ kind: 'page', page, message: `${error.message} Its services are missing.`, ...(error.status ? { status: error.status } : {}) });
      if (page >= totalPages) {
        truncated = false;
        break;
      }
      continue;
    }
    const info = orukPageInfo(body);
    if (info.firstId !== undefined) {
      const seen = firstIds.get(info.firstId);
      if (seen !== undefined) throw new OrukPageError(`page ${page} (${url}) repeats page ${seen}: the API seems to ignore the page parameter.`);
      firstIds.set(info.firstId, page);
    }
    if (info.totalPages !== undefined) totalPages = info.totalPages;
    const record = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : { contents: body }) as Record<string, unknown>;
    const list = Array.isArray(record.contents) ? record.contents : Array.isArray(record.content) ? record.content : Array.isArray(body) ? body : [];
    const items = list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item));
    pages.push({ body: record, items });
    listed += items.length;
    progress.pagesRead = pages.length;
    progress.servicesListed = listed;
    tell();
    if (info.count === 0 || info.last || (info.totalPages !== undefined && page >= info.totalPages)) {
      truncated = false;
      break;
    }
  }

  // Full records, a few at a time.
  const wanted: { page: number; index: number; id: string; name?: string }[] = [];
  pages.forEach(({ items }, page) => items.forEach((item, index) => {
    const id = item.id === undefined || item.id === null ? '' : String(item.id);
    // A service that is not active is left out of the feed: no need to ask for the rest of it.
    const inactive = typeof item.status === 'string' && item.status.trim().toLowerCase() !== 'active';
    if (id && !inactive && !isFullRecord(item)) wanted.push({ page, index, id, ...(typeof item.name === 'string' ? { name: item.name } : {}) });
  }));
  progress.detailsWanted = wanted.length;
  let fetched = 0;
  let reused = 0;
  const dropped = new Set<string>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < wanted.length) {
      if (options.signal?.aborted) throw options.signal.reason;
      const job = wanted[next++] as (typeof wanted)[number];
      const listedItem = (pages[job.page] as (typeof pages)[number]).items[job.index] as Record<string, unknown>;
      let record = options.known?.(job.id, listedItem);
      if (record !== undefined) {
        reused++;
      } else {
        const url = `${root}/services/${encodeURIComponent(job.id)}`;
        const what = `the full record of service ${job.id}${job.name ? ` ("${job.name}")` : ''}`;
        try {
          record = await requestJson(url, what, options, sleep);
          if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new OrukPageError(`${what} (${url}) is not a service record.`);
          fetched++;
          options.onDetail?.(job.id, record);
        } catch (error) {
          if (!(error instanceof OrukPageError)) throw error;
          problems.push({ kind: 'detail', id: job.id, ...(job.name ? { name: job.name } : {}), message: `${error.message} The service is left out.`, ...(error.status ? { status: error.status } : {}) });
          dropped.add(`${job.page}/${job.index}`);
          record = undefined;
        }
      }
      // The list's one-to-one fields, then the full record over them.
      if (record !== undefined) (pages[job.page] as (typeof pages)[number]).items[job.index] = { ...listedItem, ...(record as Record<string, unknown>) };
      progress.detailsRead++;
      tell();
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, wanted.length || 1));
  await Promise.all(Array.from({ length: concurrency }, () => worker()));

  const documents = pages.map(({ body, items }, page) => {
    const contents = items.filter((_, index) => !dropped.has(`${page}/${index}`));
    const { content: _content, ...rest } = body;
    return { ...rest, contents };
  });
  problems.sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
  return { documents, truncated, problems, servicesListed: listed, detailsFetched: fetched, detailsReused: reused };
}
