/**
 * `atlas import oruk URL` against a local ORUK 3.0 API that answers exactly as the
 * profile's OpenAPI description says: `/services?page=N&per_page=M` lists only
 * each service's one-to-one fields (`service_list.json`) inside the paging fields,
 * and `/services/{id}` gives the full record (`service.json`). The API serves what
 * `atlas export oruk` writes for the demo feed, so the import can be compared with
 * reading the same services from a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Feed } from '@community-atlas/core';
import type { Io } from '../src/io.js';
import { createImportOrukCommand } from '../src/commands/import-oruk.js';
import { exportOruk, orukListItem, orukPage } from '../src/export/oruk.js';
import { importOruk } from '@community-atlas/core/oruk';
import type { Json } from '@community-atlas/core/oruk';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STANDARDS = process.env.ATLAS_STANDARDS ? resolve(process.env.ATLAS_STANDARDS) : resolve(ROOT, '..', 'shared', 'standards');
const SCHEMAS = join(STANDARDS, 'oruk-3.0', 'schema');

type Fault = 'html' | 'truncated' | 500 | 404;

interface MockApi {
  base: string;
  requests: string[];
  /** Most `/services/{id}` requests in flight at once. */
  mostAtOnce: number;
  pageFaults: Map<number, Fault>;
  detailFaults: Map<string, Fault>;
  /**
   * Full-record answers are held until this many requests are waiting, so a
   * client that asks several at once is seen to (a safety timer lets a client
   * that does not finish, and fail the assertion, rather than hang).
   */
  holdUntil: number;
  close(): Promise<void>;
}

async function demoServices(count: number): Promise<Json[]> {
  const feed = JSON.parse(await readFile(join(ROOT, 'demo', 'feed.json'), 'utf8')) as Feed;
  return exportOruk({ ...feed, listings: feed.listings.filter((l) => l.kind !== 'transfer').slice(0, count) }).page.contents;
}

async function serveOrukApi(services: Json[]): Promise<MockApi> {
  const byId = new Map(services.map((s) => [String(s.id), s]));
  let inFlight = 0;
  let waiting: (() => void)[] = [];
  let safety: ReturnType<typeof setTimeout> | undefined;
  const release = (): void => {
    clearTimeout(safety);
    const answers = waiting;
    waiting = [];
    for (const answer of answers) answer();
  };
  const api: Omit<MockApi, 'base' | 'close'> = { requests: [], mostAtOnce: 0, pageFaults: new Map(), detailFaults: new Map(), holdUntil: 1 };
  const answerFault = (fault: Fault, res: ServerResponse, json: string): void => {
    if (fault === 'html') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><title>Down for maintenance</title></head><body>Back soon</body></html>');
    else if (fault === 'truncated') res.writeHead(200, { 'content-type': 'application/json' }).end(json.slice(0, Math.floor(json.length / 2)));
    else res.writeHead(fault, { 'content-type': 'application/json' }).end(JSON.stringify({ message: fault === 404 ? 'Not found' : 'Server error' }));
  };
  const server = createServer((req, res) => {
    api.requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/api/services') {
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const perPage = Math.max(1, Number(url.searchParams.get('per_page') ?? 50));
      const totalPages = Math.max(1, Math.ceil(services.length / perPage));
      const body = JSON.stringify(orukPage(services.slice((page - 1) * perPage, page * perPage).map(orukListItem), page, totalPages, services.length));
      const fault = api.pageFaults.get(page);
      if (fault) return answerFault(fault, res, body);
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
    const detail = /^\/api\/services\/([^/]+)$/.exec(url.pathname);
    if (detail) {
      const id = decodeURIComponent(detail[1] as string);
      inFlight++;
      api.mostAtOnce = Math.max(api.mostAtOnce, inFlight);
      waiting.push(() => {
        inFlight--;
        const service = byId.get(id);
        const fault = api.detailFaults.get(id) ?? (service ? undefined : 404);
        if (fault) return answerFault(fault, res, JSON.stringify(service ?? {}));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(service));
      });
      if (waiting.length >= api.holdUntil) setImmediate(release);
      else if (waiting.length === 1) safety = setTimeout(release, 5000);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not found"}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return Object.assign(api, {
    base: `http://127.0.0.1:${port}/api`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  });
}

function captureIo(cwd: string): Io & { stderr: string; progressLines: string[] } {
  const io = {
    stderr: '',
    progressLines: [] as string[],
    cwd,
    out() {},
    err(text: string) { io.stderr += text + '\n'; },
    progress(text: string) { io.progressLines.push(text); },
  };
  return io;
}

const noWait = { fetch: (...args: Parameters<typeof fetch>) => fetch(...args), sleep: async () => {}, today: () => '2026-11-01' };

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

test('the mock API answers as the OpenAPI description says: list pages of one-to-one fields, full records by id', { skip: !existsSync(join(SCHEMAS, 'compiled', 'service.json')) && `the official ORUK 3.0 schemas are not at ${SCHEMAS}` }, async () => {
  const api = await serveOrukApi(await demoServices(60));
  try {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const listItem = ajv.compile(await readJson(join(SCHEMAS, 'compiled', 'service_list.json')));
    const full = ajv.compile(await readJson(join(SCHEMAS, 'compiled', 'service.json')));
    const page = await (await fetch(`${api.base}/services?page=2&per_page=50`)).json() as Json & { contents: Json[] };
    assert.deepEqual({ ...page, contents: page.contents.length }, { total_items: 60, total_pages: 2, page_number: 2, size: 10, first_page: false, last_page: true, empty: false, contents: 10 });
    for (const item of page.contents) {
      assert.ok(listItem(item), JSON.stringify(listItem.errors));
      assert.equal(item.service_at_locations, undefined, 'a list page has no nested lists');
      const record = await (await fetch(`${api.base}/services/${String(item.id)}`)).json();
      assert.ok(full(record), JSON.stringify(full.errors));
    }
    assert.equal((await fetch(`${api.base}/services/not-a-service`)).status, 404);
  } finally {
    await api.close();
  }
});

test('atlas import oruk URL reads the list, then every full record a few at a time, and loses nothing on the way', async () => {
  const services = await demoServices(120);
  const api = await serveOrukApi(services);
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-api-'));
  try {
    api.holdUntil = 3;
    const io = captureIo(dir);
    const code = await createImportOrukCommand(noWait).run([api.base, '--out', 'feed.json', '--per-page', '50', '--concurrency', '3', '--publisher', 'Northbridge Borough Council'], io);
    assert.equal(code, 0, io.stderr);
    const pages = api.requests.filter((r) => r.startsWith('/api/services?'));
    assert.deepEqual(pages, ['/api/services?page=1&per_page=50', '/api/services?page=2&per_page=50', '/api/services?page=3&per_page=50']);
    assert.equal(api.requests.length - pages.length, 120, 'one request per full record');
    assert.equal(api.mostAtOnce, 3, 'three at a time, never more than --concurrency');
    assert.match(io.stderr, /Read 120 services from 3 list pages and 120 full records \(120 fetched\)\./);
    assert.ok(io.progressLines.includes('Read 3 of 3 list pages; full records 120 of 120'), io.progressLines.slice(-3).join(' | '));
    // What came over the API is what the same services give read from a file.
    const direct = importOruk([orukPage(services)], { publisher: 'Northbridge Borough Council', today: '2026-11-01' }).feed;
    assert.deepEqual(await readJson<Feed>(join(dir, 'feed.json')), direct);
    assert.deepEqual(await readdir(dir), ['feed.json'], 'no progress file once everything was read');
  } finally {
    await api.close();
  }
});

test('bad answers: HTML on page 3, a cut-off page 4, a 404 for one service; each is named and the good records come through', async () => {
  const services = await demoServices(250);
  const api = await serveOrukApi(services);
  api.pageFaults.set(3, 'html');
  api.pageFaults.set(4, 'truncated');
  const missing = services[7] as Json;
  api.detailFaults.set(String(missing.id), 404);
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-api-'));
  try {
    const io = captureIo(dir);
    const code = await createImportOrukCommand(noWait).run([api.base, '--out', 'feed.json', '--per-page', '50'], io);
    assert.equal(code, 1, 'not everything could be read');
    assert.match(io.stderr, /page 3 \(http:\/\/127\.0\.0\.1:\d+\/api\/services\?page=3&per_page=50\) is not JSON: it is an HTML page \("Down for maintenance"\), as a login, error or maintenance page is \(5 tries\)\. Its services are missing\./);
    assert.match(io.stderr, /page 4 \(.*page=4&per_page=50\) is not JSON: it ends part-way through \(\d+ characters read\), so the answer was cut off \(5 tries\)\. Its services are missing\./);
    assert.match(io.stderr, new RegExp(`the full record of service ${String(missing.id)} \\("${String(missing.name).replace(/[()]/g, '\\$&')}"\\) \\(.*/services/${String(missing.id)}\\) failed: HTTP 404\\. The service is left out\\.`));
    assert.equal(api.requests.filter((r) => r.endsWith(`/services/${String(missing.id)}`)).length, 1, 'a 404 is not retried');
    const feed = await readJson<Feed>(join(dir, 'feed.json'));
    assert.equal(feed.listings.length, 250 - 50 - 50 - 1, 'pages 1, 2 and 5, less the one service');
    assert.ok(!feed.listings.some((l) => l.name === missing.name));
    assert.match(io.stderr, /Run the same command again to try what failed again: the 149 full records read are kept in feed\.json\.progress\.json/);
  } finally {
    await api.close();
  }
});

test('a second run carries on from the first: only what is missing is fetched', async () => {
  const services = await demoServices(100);
  const api = await serveOrukApi(services);
  const flaky = services[42] as Json;
  api.detailFaults.set(String(flaky.id), 500);
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-api-'));
  try {
    const first = captureIo(dir);
    assert.equal(await createImportOrukCommand(noWait).run([api.base, '--out', 'feed.json', '--per-page', '50'], first), 1);
    assert.match(first.stderr, /failed after 5 tries: HTTP 500\. The service is left out\./);
    assert.ok((await readdir(dir)).includes('feed.json.progress.json'));

    api.detailFaults.clear();
    api.requests.length = 0;
    const second = captureIo(dir);
    assert.equal(await createImportOrukCommand(noWait).run([api.base, '--out', 'feed.json', '--per-page', '50'], second), 0, second.stderr);
    assert.match(second.stderr, /Carrying on from an earlier run: 99 full records already read/);
    assert.deepEqual(api.requests.filter((r) => !r.startsWith('/api/services?')), [`/api/services/${String(flaky.id)}`], 'only the missing record');
    assert.match(second.stderr, /1 fetched, 99 kept from the earlier run/);
    assert.equal((await readJson<Feed>(join(dir, 'feed.json'))).listings.length, 100);
    assert.deepEqual(await readdir(dir), ['feed.json'], 'the progress file is gone once everything was read');
  } finally {
    await api.close();
  }
});
