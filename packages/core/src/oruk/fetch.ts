/**
 * Reads every page of an Open Referral UK API's `/services`, politely: one page
 * at a time with a pause between, retrying 429 and 5xx answers with growing
 * waits, stopping at the last page (or a page limit), and giving up at once when
 * the caller aborts. Any page that still fails stops the whole read, naming the
 * page, so a half-read directory is never shown or written as if complete.
 * Used by `atlas import oruk URL` and by the finder's `source="oruk:…"`.
 */

export class OrukPageError extends Error {}

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
      lastProblem = `could not connect (${(error as Error).message})`;
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
      throw new OrukPageError(`page ${page} (${url}) failed: HTTP ${response.status}.`);
    }
    const content = await response.text();
    try {
      return JSON.parse(content);
    } catch {
      throw new OrukPageError(`page ${page} (${url}) is not JSON.`);
    }
  }
  throw new OrukPageError(`page ${page} (${url}) failed after ${retries + 1} tries: ${lastProblem}.`);
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
