import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseFeed, type Feed, type Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';
import { importOruk, orukServiceListing } from '@community-atlas/core/oruk';
import { createImportOrukCommand } from '../src/commands/import-oruk.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/oruk/', import.meta.url));
const PAGES = join(FIXTURES, 'v3-pages');

function captureIo(cwd = process.cwd()): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    cwd,
    out(text: string) { io.stdout += text + '\n'; },
    err(text: string) { io.stderr += text + '\n'; },
  };
  return io;
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

async function v3Pages(): Promise<unknown[]> {
  return Promise.all([1, 2, 3].map((n) => readJson(join(PAGES, `page-${n}.json`))));
}

/** Every feed we write must pass the core checks the finder and `atlas validate` run. */
function assertValidFeed(feed: Feed): void {
  const problems = normaliseFeed(feed).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(problems, [], 'normaliseFeed finds no errors');
}

function byName(feed: Feed, name: string): Listing {
  const found = feed.listings.find((listing) => listing.name === name);
  assert.ok(found, `no listing named ${name}`);
  return found;
}

test('ORUK 3.0 pages: a service with a location keeps its place, times, cost, ages, contact and taxonomy', async () => {
  const { feed } = importOruk(await v3Pages(), { publisher: 'Northbridge', today: '2026-11-01' });
  const walk = byName(feed, 'Riverside health walk');
  assert.equal(walk.kind, 'activity');
  assert.equal(walk.description, "A gentle hour's walk along the river with a trained walk leader, then tea at the café.\nSuitable for beginners.");
  assert.deepEqual(walk.organisation, { name: 'Northbridge Walking for Health', url: 'https://northbridge-walks.example.org', charityNumber: '1123456' });
  assert.deepEqual(walk.location, {
    name: 'Riverside Park gates',
    address: ['Riverside Park, Mill Lane', 'Northbridge', 'Northshire'],
    postcode: 'NB1 2AA',
    lat: 52.1034,
    lng: -1.2047,
    uprn: '100030123456',
  });
  assert.deepEqual(walk.schedule, [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', date: '2026-01-06', start: '10:00', end: '11:00', notes: 'Every Tuesday morning, meet at the gates.' }]);
  assert.deepEqual(walk.cost, { free: true, description: 'Free for everyone' }, 'the option\'s own words are kept');
  assert.deepEqual(walk.audience, { ageMin: 50, description: 'Adults over 50, any fitness level' });
  assert.deepEqual(walk.contact, { email: 'walks@northbridge-walks.example.org', phone: '01234 567890', name: 'Jan Okafor' });
  assert.deepEqual(walk.categories, ['physical-activity']);
  assert.deepEqual(walk.needs, ['loneliness']);
  assert.deepEqual(walk.keywords, ['Health walks', 'Social isolation', 'Walking']);
  assert.deepEqual(walk.delivery, ['in-person']);
  assert.deepEqual(walk.areas, ['Riverside ward']);
  assert.equal(walk.lastVerified, '2026-09-14');
  assert.equal(walk.accessibilityNotes, 'Step-free, level tarmac paths; accessible toilets at the café.');
  assert.deepEqual(walk.accessibility, ['step-free', 'accessible-toilet'], 'features read from the words, for the filter');
  assert.equal(feed.updated, '2026-10-02', 'newest last_modified of the services');
  assertValidFeed(feed);
});

test('ORUK 3.0: a phone service with no location is area-wide, by phone, and never placed at 0,0', async () => {
  const { feed } = importOruk(await v3Pages(), { publisher: 'Northbridge' });
  const line = byName(feed, 'Money advice line');
  assert.equal(line.location, undefined);
  assert.deepEqual(line.delivery, ['phone']);
  assert.deepEqual(line.areas, ['Northbridge Borough']);
  assert.deepEqual(line.needs, ['money']);
  assert.equal(line.kind, 'asset', 'open every weekday: a service with hours, not a session');
  assert.deepEqual(line.schedule?.[0], { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '09:00', end: '17:00' });

  const online = byName(feed, 'Online peer support for low mood');
  assert.equal(online.location, undefined);
  assert.deepEqual(online.delivery, ['online']);
  assert.equal(online.contact?.url, 'https://mind.example.org/peer-group');
  assert.deepEqual(online.schedule?.[0], { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', date: '2026-01-07', start: '19:00', end: '20:30' });

  for (const listing of feed.listings) {
    assert.ok(!(listing.location?.lat === 0 && listing.location.lng === 0), `${listing.id} placed at 0,0`);
  }
});

test('ORUK 3.0: monthly rules, string coordinates, prices per session and unknown schemes', async () => {
  const result = importOruk(await v3Pages(), { publisher: 'Northbridge' });
  const cafe = byName(result.feed, "Carers' café");
  assert.deepEqual(cafe.schedule, [{ rrule: 'FREQ=MONTHLY;BYDAY=2TH', date: '2026-01-08', start: '13:30', end: '15:30' }]);
  assert.equal(cafe.location?.lat, 52.0981);
  assert.equal(cafe.location?.lng, -1.215);
  assert.deepEqual(cafe.cost, { amount: 2, per: 'session', description: 'Suggested donation' }, 'a donation is not a charge: its words are kept');
  assert.deepEqual(cafe.audience, { ageMin: 18, ageMax: 99 });
  assert.deepEqual(cafe.needs, ['carer']);
  assert.ok(cafe.keywords?.includes('Carers Week 2026'), 'a term from an unknown scheme is kept as a keyword');
  assert.deepEqual(result.unknownSchemes, { 'Northbridge local tags': 1 });
  assert.ok(result.notes.some((n) => /scheme the mapping table does not know/.test(n.reason) && n.count === 1));
});

test('ORUK 3.0: a service at two locations becomes two listings; one at 0,0 keeps only its postcode', async () => {
  const result = importOruk(await v3Pages(), { publisher: 'Northbridge' });
  const pantries = result.feed.listings.filter((l) => l.name === 'Community food pantry');
  assert.deepEqual(pantries.map((l) => l.id), [
    '6f5d8a1c-2b7e-4c0f-9a4d-5e6f7a8b9c50--loc-eastfield',
    '6f5d8a1c-2b7e-4c0f-9a4d-5e6f7a8b9c50--loc-westgate',
  ]);
  assert.deepEqual(pantries.map((l) => l.schedule?.[0]?.rrule), ['FREQ=WEEKLY;BYDAY=FR', 'FREQ=WEEKLY;BYDAY=SA']);
  const west = pantries[1];
  assert.equal(west?.location?.postcode, 'NB4 7GH');
  assert.equal(west?.location?.lat, undefined);
  assert.deepEqual(west?.cost, { amount: 3.5, per: 'visit', description: 'Membership' });
  assert.deepEqual(west?.categories, ['food']);
  assert.ok(result.notes.some((n) => /0,0/.test(n.reason)));
});

test('ORUK 3.0 live: a full record at several places is one listing whose sessions each say where they are; a place with no session is named', async () => {
  const pages = (await v3Pages()) as { contents: Record<string, unknown>[] }[];
  const pantry = pages.flatMap((p) => p.contents).find((s) => s.name === 'Community food pantry')!;
  const options = { publisher: 'api.northbridge.example', today: '2026-12-07' };
  const listing = await orukServiceListing(pantry, options);
  assert.ok(listing);
  // At its first place, as before; the other place is no longer dropped: its Saturday session says where it is.
  assert.equal(listing.location?.name, 'Eastfield Community Centre');
  assert.deepEqual(listing.schedule.map((s) => [s.rrule, s.start, s.place]), [
    ['FREQ=WEEKLY;BYDAY=FR', '10:00', 'Eastfield Community Centre, 2 Station Road, Northbridge, NB3 1EF'],
    ['FREQ=WEEKLY;BYDAY=SA', '09:30', 'Westgate Library, Westgate, Northbridge, NB4 7GH'],
  ]);
  // Westgate's 0,0 is not a position, so its session carries none; Eastfield's carries its own.
  assert.deepEqual(listing.schedule.map((s) => [s.lat, s.lng]), [[52.11, -1.18], [undefined, undefined]]);

  // A session the service has at every place is the service's own: given once, with no place. A place with no
  // session of its own is named at the end of the description.
  const weekly = { id: 'sch-all', freq: 'WEEKLY', byday: 'MO', opens_at: '13:00', closes_at: '14:00' };
  const places = pantry.service_at_locations as Record<string, unknown>[];
  const third = { id: 'sal-pantry-north', location: { id: 'loc-north', location_type: 'physical', name: 'Northgate Hall', addresses: [{ id: 'addr-n', address_type: 'physical', address_1: '1 North Street', city: 'Northbridge', postal_code: 'NB5 1AA', country: 'GB' }] } };
  const shared = await orukServiceListing({ ...pantry, schedules: [weekly], service_at_locations: [...places, third] }, options);
  assert.ok(shared);
  assert.deepEqual(shared.schedule.map((s) => [s.rrule, s.place ?? null]), [
    ['FREQ=WEEKLY;BYDAY=MO', null],
    ['FREQ=WEEKLY;BYDAY=FR', 'Eastfield Community Centre, 2 Station Road, Northbridge, NB3 1EF'],
    ['FREQ=WEEKLY;BYDAY=SA', 'Westgate Library, Westgate, Northbridge, NB4 7GH'],
  ]);
  assert.match(typeof shared.description === 'string' ? shared.description : '', /\n\nAlso at: Northgate Hall, 1 North Street, Northbridge, NB5 1AA\.$/);
});

test('ORUK 3.0: an inactive service is skipped and counted', async () => {
  const result = importOruk(await v3Pages(), { publisher: 'Northbridge' });
  assert.equal(result.servicesRead, 6);
  assert.equal(result.feed.listings.length, 6, '5 active services, one of them at two places');
  assert.deepEqual(result.skipped, [{ reason: 'Service with status "inactive"', count: 1, examples: ['7a6e9b2d-3c8f-4d1a-8b5e-6f7a8b9c0d60'] }]);
  assert.equal(result.feed.listings.some((l) => /closed/i.test(String(l.name))), false);
});

test('ORUK 1.0 flat tables are joined by id into listings', async () => {
  const result = importOruk([await readJson(join(FIXTURES, 'v1-tables.json'))], { publisher: 'Northbridge', today: '2026-11-01' });
  assert.equal(result.servicesRead, 3);
  const chair = byName(result.feed, 'Chair-based exercise');
  assert.equal(chair.organisation?.name, 'Northbridge Age Friendly');
  assert.deepEqual(chair.location, { name: 'Northbridge Leisure Centre', address: ['Park Road', 'Northbridge', 'Northshire'], postcode: 'NB1 5JK', lat: 52.1052, lng: -1.1987 });
  assert.deepEqual(chair.schedule, [
    { rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '14:00', end: '15:00' },
    { rrule: 'FREQ=WEEKLY;BYDAY=TH', start: '10:30', end: '11:30' },
  ]);
  assert.deepEqual(chair.cost, { amount: 2.5, per: 'session', description: '£2.50 a class' });
  assert.deepEqual(chair.audience, { ageMin: 55, description: 'Older adults and people with limited mobility' });
  assert.deepEqual(chair.contact, { email: 'exercise@agefriendly.example.org', phone: '01234 555123', name: 'Priya Shah' });
  assert.deepEqual(chair.categories, ['physical-activity']);
  assert.deepEqual(chair.referral, ['drop-in']);

  const badge = byName(result.feed, 'Blue Badge advice');
  assert.equal(badge.location, undefined);
  assert.deepEqual(badge.delivery, ['phone']);
  assert.deepEqual(badge.areas, ['Northbridge Borough']);
  assert.deepEqual(badge.cost, { free: true });
  assert.deepEqual(badge.schedule, [{ rrule: 'FREQ=WEEKLY;BYDAY=WE', start: '09:00', end: '12:00' }]);

  const memory = byName(result.feed, 'Memory café');
  assert.deepEqual(memory.schedule, [{ rrule: 'FREQ=MONTHLY;BYDAY=-1FR', date: '2026-01-30', start: '14:00', end: '16:00' }]);
  assert.deepEqual(memory.needs, ['dementia']);
  assert.deepEqual(result.unknownSchemes, { 'Northbridge directory': 1 });
  assert.equal(result.feed.updated, '2026-11-01');
  assertValidFeed(result.feed);
});

test('ORUK 1.0 API pages (services nested, paged as "content") are read too', () => {
  const page = {
    totalElements: 1, totalPages: 1, number: 1, size: 10, first: true, last: true,
    content: [{
      id: 'svc-9', name: 'Knit and natter', status: 'active', description: 'Bring a project, or learn.',
      organization: { id: 'org-9', name: 'Northbridge Libraries', url: 'https://libraries.example.gov.uk' },
      service_at_locations: [{
        id: 'sal-9',
        location: { id: 'loc-9', name: 'Central Library', latitude: 52.1, longitude: -1.2, physical_addresses: [{ id: 'pa-9', address_1: 'Market Square', city: 'Northbridge', postal_code: 'NB1 1AB' }] },
        regular_schedules: [{ id: 'rs-9', weekday: 3, opens_at: '14:00', closes_at: '16:00' }],
      }],
      eligibilitys: [{ id: 'el-9', eligibility: 'Adults', minimum_age: 18 }],
      service_taxonomys: [{ id: 'st-9', taxonomy: { id: 'tx-9', name: 'Arts and crafts', vocabulary: 'esdServiceTypes' } }],
      contacts: [{ id: 'ct-9', name: 'Library desk', phones: [{ id: 'ph-9', number: '01234 111222' }] }],
      cost_options: [],
    }],
  };
  const { feed } = importOruk([page], { publisher: 'Northbridge' });
  assert.deepEqual(feed.listings, [{
    id: 'svc-9',
    kind: 'activity',
    name: 'Knit and natter',
    description: 'Bring a project, or learn.',
    organisation: { name: 'Northbridge Libraries', url: 'https://libraries.example.gov.uk' },
    audience: { ageMin: 18, description: 'Adults' },
    contact: { phone: '01234 111222', name: 'Library desk' },
    categories: ['arts'],
    keywords: ['Arts and crafts'],
    schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=WE', start: '14:00', end: '16:00' }],
    location: { name: 'Central Library', address: ['Market Square', 'Northbridge'], postcode: 'NB1 1AB', lat: 52.1, lng: -1.2 },
    delivery: ['in-person'],
  }]);
});

test('schedules given on an online location belong to the service', () => {
  const { feed } = importOruk([[{
    id: 'svc-online', name: 'Online coffee morning', status: 'active',
    service_at_locations: [{
      id: 'sal-online',
      location: { id: 'loc-online', location_type: 'virtual', url: 'https://meet.example.org/coffee' },
      schedules: [{ id: 'sch-online', freq: 'WEEKLY', byday: 'FR', opens_at: '10:30', closes_at: '11:30' }],
    }],
  }]], { publisher: 'Northbridge' });
  assert.deepEqual(feed.listings[0]?.schedule, [{ rrule: 'FREQ=WEEKLY;BYDAY=FR', start: '10:30', end: '11:30' }]);
  assert.deepEqual(feed.listings[0]?.delivery, ['online']);
  assert.equal(feed.listings[0]?.kind, 'activity');
});

test('a document that is not ORUK is refused with a message naming it', () => {
  assert.throws(() => importOruk([{ hello: 'world' }], { publisher: 'x' }), /Document 1 is not an Open Referral UK response/);
});

// ---- the command ----

test('atlas import oruk FOLDER reads every page file in order and writes the feed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-'));
  const io = captureIo(dir);
  const code = await main(['import', 'oruk', PAGES, '--out', 'feed.json', '--publisher', 'Northbridge Borough Council'], io);
  assert.equal(code, 0, io.stderr);
  const feed = await readJson<Feed>(join(dir, 'feed.json'));
  assert.equal(feed.publisher.name, 'Northbridge Borough Council');
  assert.equal(feed.listings.length, 6);
  assert.match(io.stderr, /Read 6 services from 3 documents; wrote 6 listings \(3 with a map position\) to feed\.json/);
  assert.match(io.stderr, /1 × Service with status "inactive"/);
  assert.match(io.stderr, /1 × Taxonomy term from a scheme the mapping table does not know, kept as a keyword \(e\.g\. Northbridge local tags\)/);
  const validate = captureIo(dir);
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout + validate.stderr);
});

test('atlas import oruk with no --out prints the feed on standard output', async () => {
  const io = captureIo();
  assert.equal(await main(['import', 'oruk', join(FIXTURES, 'v1-tables.json')], io), 0, io.stderr);
  const feed = JSON.parse(io.stdout) as Feed;
  assert.equal(feed.listings.length, 3);
  assert.equal(feed.publisher.name, 'v1-tables');
});

test('atlas import oruk refuses to overwrite an existing file unless --force', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-'));
  await writeFile(join(dir, 'feed.json'), 'keep me');
  const io = captureIo(dir);
  assert.equal(await main(['import', 'oruk', PAGES, '--out', 'feed.json'], io), 2);
  assert.match(io.stderr, /feed\.json already exists\. Use --force to overwrite it\./);
  assert.equal(await readFile(join(dir, 'feed.json'), 'utf8'), 'keep me');

  const forced = captureIo(dir);
  assert.equal(await main(['import', 'oruk', PAGES, '--out', 'feed.json', '--force'], forced), 0, forced.stderr);
  assert.equal((await readJson<Feed>(join(dir, 'feed.json'))).listings.length, 6);
});

test('atlas import oruk FOLDER: a broken page file is named and nothing is written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-'));
  const pages = join(dir, 'pages');
  await mkdir(pages);
  await writeFile(join(pages, 'page-1.json'), await readFile(join(PAGES, 'page-1.json'), 'utf8'));
  await writeFile(join(pages, 'page-2.json'), '{"contents": [{"id": "x", ');
  const io = captureIo(dir);
  assert.equal(await main(['import', 'oruk', 'pages', '--out', 'feed.json'], io), 1);
  assert.match(io.stderr, /page-2\.json is not valid JSON/);
  assert.match(io.stderr, /Nothing was written to feed\.json/);
  assert.deepEqual(await readdir(dir), ['pages']);
});

test('atlas import oruk: a missing source or a wrong option is a usage or input error', async () => {
  const missing = captureIo();
  assert.equal(await main(['import', 'oruk', join(FIXTURES, 'no-such-file.json')], missing), 1);
  assert.match(missing.stderr, /no such file or folder/);
  const none = captureIo();
  assert.equal(await main(['import', 'oruk'], none), 2);
  assert.match(none.stderr, /give exactly one SOURCE/);
  const bad = captureIo();
  assert.equal(await main(['import', 'oruk', PAGES, '--per-page', 'lots'], bad), 2);
  assert.match(bad.stderr, /--per-page must be a whole number/);
});

// ---- the paged API, served from this machine ----

interface FakeApi {
  base: string;
  requests: { url: string; userAgent: string | undefined }[];
  close(): Promise<void>;
}

async function serveApi(handler: (page: number, res: ServerResponse, req: IncomingMessage) => void | Promise<void>): Promise<FakeApi> {
  const requests: FakeApi['requests'] = [];
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? '', userAgent: req.headers['user-agent'] });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api/services') {
      res.writeHead(404).end();
      return;
    }
    void handler(Number(url.searchParams.get('page')), res, req);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/api`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

const noWait = { fetch: (...args: Parameters<typeof fetch>) => fetch(...args), sleep: async () => {}, today: () => '2026-11-01' };

test('atlas import oruk URL fetches the pages one by one, naming itself, until the last', async () => {
  const pages = await v3Pages();
  const api = await serveApi((page, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[page - 1]));
  });
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-'));
  try {
    const io = captureIo(dir);
    const code = await createImportOrukCommand(noWait).run([api.base, '--out', 'feed.json', '--per-page', '2'], io);
    assert.equal(code, 0, io.stderr);
    assert.deepEqual(api.requests.map((r) => r.url), [
      '/api/services?page=1&per_page=2',
      '/api/services?page=2&per_page=2',
      '/api/services?page=3&per_page=2',
    ]);
    assert.ok(api.requests.every((r) => /community-atlas/.test(r.userAgent ?? '')), 'User-Agent names the tool');
    const feed = await readJson<Feed>(join(dir, 'feed.json'));
    assert.equal(feed.listings.length, 6);
    assert.equal(feed.publisher.name, '127.0.0.1');
  } finally {
    await api.close();
  }
});

test('atlas import oruk URL retries a page answered 429 or 503, then goes on', async () => {
  const pages = await v3Pages();
  const tries = new Map<number, number>();
  const api = await serveApi((page, res) => {
    const n = (tries.get(page) ?? 0) + 1;
    tries.set(page, n);
    if (page === 2 && n === 1) return void res.writeHead(429, { 'retry-after': '1' }).end();
    if (page === 2 && n === 2) return void res.writeHead(503).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[page - 1]));
  });
  const waits: number[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-'));
  try {
    const io = captureIo(dir);
    const code = await createImportOrukCommand({ ...noWait, sleep: async (ms) => void waits.push(ms) }).run([api.base, '--out', 'feed.json', '--delay', '100'], io);
    assert.equal(code, 0, io.stderr);
    assert.equal(tries.get(2), 3);
    assert.deepEqual(waits, [100, 1000, 2000, 100], 'polite pause, Retry-After, backoff, polite pause');
    assert.equal((await readJson<Feed>(join(dir, 'feed.json'))).listings.length, 6);
  } finally {
    await api.close();
  }
});

test('atlas import oruk URL: a page that keeps failing is named, and the pages around it still come through', async () => {
  const pages = await v3Pages();
  const api = await serveApi((page, res) => {
    if (page === 2) return void res.writeHead(500).end('oops');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(pages[page - 1]));
  });
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-'));
  try {
    const io = captureIo(dir);
    const code = await createImportOrukCommand(noWait).run([api.base, '--out', 'feed.json'], io);
    assert.equal(code, 1, 'something could not be read');
    assert.match(io.stderr, /page 2 \(http:\/\/127\.0\.0\.1:\d+\/api\/services\?page=2&per_page=100\) failed after 5 tries: HTTP 500\. Its services are missing\./);
    assert.equal(api.requests.filter((r) => r.url.includes('page=2')).length, 5, 'tried five times');
    assert.equal(api.requests.filter((r) => r.url.includes('page=3')).length, 1, 'went on to the next page');
    const feed = await readJson<Feed>(join(dir, 'feed.json'));
    assert.deepEqual(feed.listings.map((l) => l.name), ['Riverside health walk', 'Money advice line', 'Community food pantry', 'Community food pantry'], 'pages 1 and 3');
    assert.deepEqual((await readdir(dir)).sort(), ['feed.json'], 'no temporary file left behind');
  } finally {
    await api.close();
  }
});

test('atlas import oruk URL: a page that is not JSON stops the import with the page named', async () => {
  const api = await serveApi((_page, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
  });
  try {
    const io = captureIo();
    assert.equal(await createImportOrukCommand(noWait).run([api.base], io), 1);
    assert.match(io.stderr, /page 1 \(.*\) is not JSON/);
    assert.equal(io.stdout, '');
  } finally {
    await api.close();
  }
});

test('atlas import oruk URL: an API that ignores ?page= is caught instead of read a thousand times', async () => {
  const [first] = await v3Pages();
  const stuck = { ...(first as object), total_pages: undefined, last_page: false };
  const api = await serveApi((_page, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stuck));
  });
  try {
    const io = captureIo();
    assert.equal(await createImportOrukCommand(noWait).run([api.base], io), 1);
    assert.match(io.stderr, /page 2 \(.*\) repeats page 1: the API seems to ignore the page parameter/);
    assert.equal(api.requests.length, 2);
  } finally {
    await api.close();
  }
});

test('nothing is lost silently: every ORUK field the feed has no place for is mapped or counted by name', () => {
  const service = {
    id: 'svc-everything',
    name: 'Everything advice',
    status: 'active',
    description: 'Advice on anything.',
    alert: 'Closed on bank holidays until further notice.',
    accreditations: 'Advice Quality Standard',
    assurer_email: 'checks@example.org',
    eligibility_description: 'Adults living in Northbridge',
    funding: [{ id: 'f1', source: 'National Lottery Community Fund' }],
    organization: {
      id: 'org-1',
      name: 'Northbridge Advice',
      description: 'An independent advice charity.',
      organization_identifiers: [
        { id: 'oi-1', identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: '1099999' },
        { id: 'oi-2', identifier_scheme: 'GB-COH', identifier_type: 'Company number', identifier: '04999999' },
      ],
    },
    cost_options: [{ id: 'c1', option: 'Over 60s', amount: 0, valid_from: '2026-04-01', valid_to: '2027-03-31', audience: 'Over 60s' }],
    schedules: [{ id: 's1', freq: 'WEEKLY', byday: 'MO', opens_at: '10:00', closes_at: '12:00', dtstart: '2026-01-05', count: 6 }],
    service_at_locations: [
      { id: 'sal-1', location: { id: 'loc-post', location_type: 'postal', addresses: [{ id: 'a1', address_1: 'PO Box 12', city: 'Northbridge', postal_code: 'NB1 1AA', address_type: 'postal' }] } },
    ],
  };
  const result = importOruk([{ contents: [service] }], { publisher: 'Northbridge', today: '2026-11-01' });
  const listing = result.feed.listings[0];
  assert.ok(listing);
  assert.equal(listing.description, 'Alert: Closed on bank holidays until further notice.\n\nAdvice on anything.', 'the alert is read first');
  assert.deepEqual(listing.audience, { description: 'Adults living in Northbridge' }, 'eligibility is mapped');
  assert.equal(listing.organisation?.charityNumber, '1099999');
  const reasons = result.notes.map((n) => n.reason);
  for (const counted of [
    'Service alert put at the start of the description (the feed has no alert field)',
    'ORUK field not carried into the feed: accreditations',
    'ORUK field not carried into the feed: assurer_email',
    'ORUK field not carried into the feed: funding',
    'ORUK field not carried into the feed: organization.description',
    'Organisation identifier not carried into the feed (it keeps a charity number only): GB-COH',
    'ORUK field not carried into the feed: cost_options[].valid_from',
    'ORUK field not carried into the feed: cost_options[].valid_to',
    'ORUK field not carried into the feed: cost_options[].audience',
    'ORUK field not carried into the feed: schedules[].count',
    'Postal-only address (where to write, not where to go) not used as the location',
  ]) assert.ok(reasons.includes(counted), `${counted} — in: ${reasons.join(' | ')}`);
  assert.ok(result.notes.every((n) => n.examples.includes('svc-everything')));
});
