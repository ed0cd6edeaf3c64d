import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { normaliseFeed, type Feed, type Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';
import { importOpenActive } from '../src/import/openactive.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/openactive/', import.meta.url));

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

async function page(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(FIXTURES, name), 'utf8')) as unknown;
}

/** Every feed we write must pass the core checks the finder and `atlas validate` run. */
function assertValidFeed(feed: Feed): void {
  const problems = normaliseFeed(feed).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(problems, [], 'normaliseFeed finds no errors');
}

function byId(feed: Feed, id: string): Listing {
  const found = feed.listings.find((listing) => listing.id === id);
  assert.ok(found, `no listing ${id}`);
  return found;
}

test('RPDE replay: the latest version of each item wins, deleted items go, whatever the order', async () => {
  const pages = [await page('modern-page-1.json'), await page('modern-page-2.json')];
  const result = importOpenActive(pages, { today: '2026-11-01' });
  assert.equal(result.itemsRead, 13);
  assert.equal(result.superseded, 4, 'yoga twice, boxing once, dance once');
  assert.equal(result.deleted, 1, 'boxing: deleted after its update');
  assert.deepEqual(result.feed.listings.map((l) => l.id).sort(), ['ss-dance', 'ss-swim', 'ss-walking-football', 'ss-yoga']);
  assert.equal(byId(result.feed, 'ss-yoga').name, 'Gentle yoga', 'modified 300 beats 200 read after it');
  assert.equal(byId(result.feed, 'ss-dance').name, 'Seated dance', 'a delete older than the update does not remove it');

  const reversed = importOpenActive([...pages].reverse(), { today: '2026-11-01' });
  assert.deepEqual(
    [...reversed.feed.listings].sort((a, b) => a.id.localeCompare(b.id)),
    [...result.feed.listings].sort((a, b) => a.id.localeCompare(b.id)),
  );
  assert.equal(result.feed.licence, 'https://creativecommons.org/licenses/by/4.0/');
  assert.equal(result.feed.publisher.name, 'Northbridge Leisure Trust', 'the organiser, when no --publisher');
  assertValidFeed(result.feed);
});

test('SessionSeries: Concept activities, Place with PostalAddress and geo, offers, ages and eventSchedule', async () => {
  const { feed } = importOpenActive([await page('modern-page-1.json'), await page('modern-page-2.json')]);
  const yoga = byId(feed, 'ss-yoga');
  assert.equal(yoga.kind, 'activity');
  assert.deepEqual(yoga.categories, ['physical-activity']);
  assert.deepEqual(yoga.keywords, ['Yoga']);
  assert.deepEqual(yoga.organisation, { name: 'Northbridge Leisure Trust', url: 'https://northbridge-leisure.example.org' });
  assert.deepEqual(yoga.location, {
    name: 'Eastfield Leisure Centre',
    address: ['1 Pool Lane', 'Northbridge', 'Northshire'],
    postcode: 'NB3 1EF',
    lat: 52.1101,
    lng: -1.1812,
  });
  assert.deepEqual(yoga.contact, { phone: '01234 700800', email: 'bookings@northbridge-leisure.example.org' });
  assert.deepEqual(yoga.cost, { amount: 3, per: 'session', description: 'Adult: £4.50; Concession: £3.00' });
  assert.deepEqual(yoga.audience, { ageMin: 16 });
  assert.equal(yoga.howToJoin, 'Arrive 10 minutes early for your first class.');
  assert.deepEqual(yoga.schedule, [{
    rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '10:00', end: '11:00', date: '2026-01-05', until: '2026-07-27', except: ['2026-04-06'],
  }]);

  const swim = byId(feed, 'ss-swim');
  assert.deepEqual(swim.schedule, [{ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE,FR', start: '19:00', end: '20:00', date: '2026-01-07' }]);
  assert.deepEqual(swim.audience, { gender: 'women' });
  assert.deepEqual(swim.cost, { free: true });
  assert.equal(swim.location?.postcode, 'NB4 7GH');
  assert.equal(swim.location?.lat, undefined, 'no geo: no pin, never 0,0');

  const dance = byId(feed, 'ss-dance');
  assert.deepEqual(dance.schedule, [{ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', start: '14:00', end: '15:00', date: '2026-02-01' }]);
});

test('ScheduledSession items join their series as dated sessions, in UK local time', async () => {
  const result = importOpenActive([await page('modern-page-1.json'), await page('modern-page-2.json')]);
  const football = byId(result.feed, 'ss-walking-football');
  assert.deepEqual(football.schedule, [
    { date: '2026-06-02', start: '09:00', end: '10:00' },
    { date: '2026-12-01', start: '10:00', end: '11:00' },
  ]);
  assert.deepEqual(football.audience, { ageMin: 50, ageMax: 80 });
  assert.deepEqual(football.cost, { amount: 2, per: 'session' });
  assert.equal(result.occurrences, 2);
  assert.deepEqual(result.skipped.map((s) => [s.reason, s.count]), [
    ['Facility booking (FacilityUse or Slot), not an activity', 1],
    ['ScheduledSession whose SessionSeries is not in these pages (or was deleted)', 1],
  ]);
  assert.equal(result.venues, 2);
});

test('OpenActive 1.0-era Event: string activities, one-line address, subEvent occurrences', async () => {
  const result = importOpenActive([await page('legacy-event-page.json')], { publisher: 'Northbridge Parks' });
  assert.equal(result.itemsRead, 4);
  assert.equal(result.deleted, 1);
  assert.deepEqual(result.skipped, [{ reason: 'Activity without a name', count: 1, examples: ['9004'] }]);
  assert.equal(result.feed.publisher.name, 'Northbridge Parks');

  const taichi = byId(result.feed, '9001');
  assert.deepEqual(taichi.keywords, ['Tai Chi']);
  assert.deepEqual(taichi.location, { name: 'Riverside Park pavilion', address: ['Mill Lane', 'Riverside', 'Northbridge'], postcode: 'NB1 2AA', lat: 52.1034, lng: -1.2047 });
  // 09:00Z in May is 10:00 in London; 09:59:59 means the hour is up.
  assert.deepEqual(taichi.schedule, [
    { date: '2026-05-12', start: '10:00', end: '11:00' },
    { date: '2026-05-19', start: '10:00', end: '11:00' },
  ]);
  assert.equal(taichi.organisation, undefined, 'a person as organiser is never put in the feed');
  assert.deepEqual(taichi.cost, { free: true });
  assert.deepEqual(taichi.audience, { ageMin: 18 });
  assert.ok(result.notes.some((n) => /Organiser is a person/.test(n.reason)));

  const badminton = byId(result.feed, '9002');
  assert.deepEqual(badminton.keywords, ['Badminton', 'Junior']);
  assert.deepEqual(badminton.location, { name: 'Eastfield Community Centre', address: ['2 Station Road', 'Northbridge'], postcode: 'NB3 1EF' });
  assert.deepEqual(badminton.schedule, [{ date: '2026-01-17', start: '10:00', end: '11:30' }]);
  assert.deepEqual(badminton.cost, { amount: 3.5, per: 'session' });
  assert.deepEqual(badminton.organisation, { name: 'Northbridge Parks Sport', url: 'https://northbridge-parks.example.org' });
  assertValidFeed(result.feed);
});

test('an online session (VirtualLocation) has no place and joins by its URL', () => {
  const result = importOpenActive([{
    items: [{
      state: 'updated', kind: 'SessionSeries', id: 'online-pilates', modified: 1,
      data: {
        '@type': 'SessionSeries', identifier: 'online-pilates', name: 'Pilates at home',
        activity: [{ '@type': 'Concept', prefLabel: 'Pilates' }],
        location: { '@type': 'VirtualLocation', url: 'https://live.example.org/pilates' },
        eventSchedule: [{ '@type': 'PartialSchedule', repeatFrequency: 'P1W', byDay: ['https://schema.org/Thursday'], startTime: '18:30', endTime: '19:15' }],
      },
    }],
  }]);
  const [listing] = result.feed.listings;
  assert.equal(listing?.location, undefined);
  assert.deepEqual(listing?.delivery, ['online']);
  assert.deepEqual(listing?.contact, { url: 'https://live.example.org/pilates' });
  assert.deepEqual(listing?.schedule, [{ rrule: 'FREQ=WEEKLY;BYDAY=TH', start: '18:30', end: '19:15' }]);
  assert.equal(result.venues, 0);
});

test('pages that name no organiser are published by where they came from, never by "OpenActive", and the summary says so', () => {
  const item = {
    state: 'updated', kind: 'SessionSeries', id: 'yoga', modified: 1,
    data: {
      '@type': 'SessionSeries', identifier: 'yoga', name: 'Chair yoga',
      activity: [{ '@type': 'Concept', prefLabel: 'Yoga' }],
      location: { '@type': 'VirtualLocation', url: 'https://live.example.org/yoga' },
      eventSchedule: [{ '@type': 'PartialSchedule', repeatFrequency: 'P1W', byDay: ['https://schema.org/Monday'], startTime: '10:00', endTime: '11:00' }],
    },
  };
  const fromHost = importOpenActive([{ next: 'https://opendata.northbridge.example/api/sessions?afterChangeNumber=2', items: [item] }]);
  assert.equal(fromHost.feed.publisher.name, 'opendata.northbridge.example');
  assert.ok(fromHost.notes.some((n) => n.reason.includes('No organiser named') && n.reason.includes('--publisher') && n.examples[0] === 'opendata.northbridge.example'), JSON.stringify(fromHost.notes));
  const fromFile = importOpenActive([{ items: [item] }], { pageNames: ['/downloads/northbridge-sessions.json'] });
  assert.equal(fromFile.feed.publisher.name, 'northbridge-sessions');
  const named = importOpenActive([{ next: 'https://opendata.northbridge.example/x', items: [item] }], { publisher: 'Northbridge Leisure' });
  assert.equal(named.feed.publisher.name, 'Northbridge Leisure');
  assert.ok(!named.notes.some((n) => n.reason.includes('No organiser named')), 'no note when the publisher is given');
});

test('a page with no items is reported by name and the other pages still come through', async () => {
  const result = importOpenActive([await page('modern-page-1.json'), { data: [] }, { items: 'none' }], { pageNames: ['one.json', 'two.json', 'three.json'] });
  assert.deepEqual(result.badPages, [
    'two.json has no "items" list, so it is not an RPDE page (its fields: data); skipped',
    'three.json has "items" that is not a list (string), so it is not an RPDE page; skipped',
  ]);
  assert.ok(result.feed.listings.length > 0, 'the good page is imported');
});

test('atlas import openactive FILE... writes the feed and reports counts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oa-'));
  const io = captureIo(dir);
  const code = await main(['import', 'openactive', join(FIXTURES, 'modern-page-2.json'), join(FIXTURES, 'modern-page-1.json'), '--out', 'feed.json'], io);
  assert.equal(code, 0, io.stderr);
  const feed = JSON.parse(await readFile(join(dir, 'feed.json'), 'utf8')) as Feed;
  assert.equal(feed.listings.length, 4);
  assert.match(io.stderr, /Read 13 items from 2 pages: 1 deleted, 4 replaced by a later version\. Wrote 4 listings at 2 venues to feed\.json\./);
  assert.match(io.stderr, /1 × ScheduledSession whose SessionSeries is not in these pages \(or was deleted\)/);
  const validate = captureIo(dir);
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout + validate.stderr);

  const refused = captureIo(dir);
  assert.equal(await main(['import', 'openactive', join(FIXTURES, 'legacy-event-page.json'), '--out', 'feed.json'], refused), 2);
  assert.match(refused.stderr, /feed\.json already exists\. Use --force/);

  await writeFile(join(dir, 'broken.json'), '{"items": [');
  const broken = captureIo(dir);
  assert.equal(await main(['import', 'openactive', 'broken.json'], broken), 1);
  assert.match(broken.stderr, /broken\.json is not valid JSON/);

  const none = captureIo(dir);
  assert.equal(await main(['import', 'openactive'], none), 2);
  assert.match(none.stderr, /give at least one RPDE page/);
});

const realData = process.env.ATLAS_REAL_DATA;

test('the real Everyone Active page (January 2020) imports with every item accounted for', { skip: !realData && 'ATLAS_REAL_DATA is not set' }, async () => {
  const file = join(realData ?? '', 'openactive', 'everyone-active_rpde_page_20200106.json');
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oa-real-'));
  const io = captureIo(dir);
  assert.equal(await main(['import', 'openactive', file, '--out', 'feed.json', '--publisher', 'Everyone Active'], io), 0, io.stderr);
  assert.match(io.stderr, /Read 500 items from 1 page: 250 deleted, 0 replaced by a later version\. Wrote 250 listings at 67 venues to feed\.json\./);
  assert.doesNotMatch(io.stderr, /Skipped:/, 'no live item skipped');
  const validate = captureIo(dir);
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout + validate.stderr);

  const result = importOpenActive([JSON.parse(await readFile(file, 'utf8'))], { publisher: 'Everyone Active' });
  const { feed } = result;
  assert.equal(result.itemsRead, 500);
  assert.equal(result.deleted, 250);
  assert.equal(feed.listings.length, 250);
  assert.equal(result.venues, 67);
  assert.deepEqual(result.skipped, []);
  const recurring = feed.listings.filter((l) => l.schedule?.some((s) => s.rrule));
  const oneOff = feed.listings.filter((l) => l.schedule?.length && l.schedule.every((s) => !s.rrule));
  assert.equal(recurring.length, 213, 'items with an eventSchedule');
  assert.equal(oneOff.length, 37, 'items with only subEvent occurrences');
  assert.equal(feed.listings.filter((l) => l.location?.lat !== undefined).length, 246, '4 venues rows have no geo');
  assert.equal(new Set(feed.listings.flatMap((l) => l.keywords ?? [])).size, 31, 'activities');
  assert.ok(feed.listings.every((l) => l.categories?.includes('physical-activity')));
  assert.ok(feed.listings.every((l) => typeof l.cost?.amount === 'number' && l.cost.amount > 0));
  assert.equal(feed.licence, 'https://creativecommons.org/licenses/by/4.0/');
  assertValidFeed(feed);
});

/** One RPDE page of the given items, each `updated`. */
function rpde(...items: Record<string, unknown>[]): { items: unknown[]; license: string } {
  return { items: items.map((data, i) => ({ state: 'updated', kind: String(data['@type'] ?? data.type), id: String(data.identifier ?? i), modified: i + 1, data })), license: 'https://creativecommons.org/licenses/by/4.0/' };
}

const place = { '@type': 'Place', name: 'Eastfield Leisure Centre', address: { '@type': 'PostalAddress', streetAddress: '1 Pool Lane', addressLocality: 'Northbridge', postalCode: 'NB3 1EF' }, geo: { '@type': 'GeoCoordinates', latitude: 52.11, longitude: -1.18 } };

test('prices: offer as well as offers, prices written as text, and a line in the summary for every price left out', () => {
  const result = importOpenActive([rpde(
    // 1.0-era: one `offer`, price as text.
    { '@type': 'Event', identifier: 'e-offer', name: 'Aqua fit', activity: 'Aquafit', location: place, offer: { '@type': 'Offer', price: '£4.50' }, eventSchedule: [{ byDay: ['https://schema.org/Monday'], startTime: '10:00', endTime: '10:45', repeatFrequency: 'P1W' }] },
    { '@type': 'SessionSeries', identifier: 'ss-euro', name: 'Spin', location: place, offers: [{ price: 6, priceCurrency: 'EUR' }, { price: 5, priceCurrency: 'GBP', name: 'Member' }], eventSchedule: [{ byDay: ['https://schema.org/Tuesday'], startTime: '18:00', repeatFrequency: 'P1W' }] },
    { '@type': 'SessionSeries', identifier: 'ss-noprice', name: 'Pilates', location: place, offers: [{ '@type': 'Offer', name: 'Adult' }, { price: 'ask at reception' }], eventSchedule: [{ byDay: ['https://schema.org/Wednesday'], startTime: '09:00', repeatFrequency: 'P1W' }] },
    // Price only on the occurrences, and sessions with and without an end.
    { '@type': 'Event', identifier: 'e-sub', name: 'Family swim', location: place, subEvent: [
      { '@type': 'Event', startDate: '2026-12-05T10:00:00Z', endDate: '2026-12-05T11:00:00Z', offers: [{ price: 0 }, { price: 2.5, name: 'Adult' }] },
      { '@type': 'Event', startDate: '2026-12-12T10:00:00Z' },
    ] },
  )], { today: '2026-11-01' });
  const byIdOf = (id: string): Listing => byId(result.feed, id);
  assert.deepEqual(byIdOf('e-offer').cost, { amount: 4.5, per: 'session' });
  assert.deepEqual(byIdOf('e-offer').schedule, [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '10:00', end: '10:45' }]);
  assert.deepEqual(byIdOf('ss-euro').cost, { amount: 5, per: 'session' });
  assert.deepEqual(byIdOf('ss-euro').schedule, [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '18:00' }], 'no end time: the session has none');
  assert.equal(byIdOf('ss-noprice').cost, undefined);
  assert.deepEqual(byIdOf('e-sub').cost, { amount: 2.5, per: 'session', description: 'free; Adult: £2.50' });
  assert.deepEqual(byIdOf('e-sub').schedule, [{ date: '2026-12-05', start: '10:00', end: '11:00' }, { date: '2026-12-12', start: '10:00' }]);
  const notes = Object.fromEntries(result.notes.map((n) => [n.reason, n.count]));
  assert.equal(notes['Price in a currency other than pounds, left out'], 1);
  assert.equal(notes['Offer without a price, left out'], 1);
  assert.equal(notes['Offer price "ask at reception" is not a number, left out'], 1);
  assertValidFeed(result.feed);
});

test('sessions all in the past: the import warns with a count; an import that writes nothing exits 1', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oa-past-'));
  await writeFile(join(dir, 'page.json'), JSON.stringify(rpde(
    { '@type': 'Event', identifier: 'old', name: 'Old swim', location: place, subEvent: [{ startDate: '2020-01-06T10:00:00Z', endDate: '2020-01-06T11:00:00Z' }] },
    { '@type': 'SessionSeries', identifier: 'ended', name: 'Ended yoga', location: place, eventSchedule: [{ byDay: ['https://schema.org/Monday'], startTime: '10:00', repeatFrequency: 'P1W', startDate: '2019-01-07', endDate: '2020-07-27' }] },
    { '@type': 'SessionSeries', identifier: 'running', name: 'Running club', location: place, eventSchedule: [{ byDay: ['https://schema.org/Monday'], startTime: '19:00', repeatFrequency: 'P1W', startDate: '2019-01-07' }] },
  )));
  const io = captureIo(dir);
  assert.equal(await main(['import', 'openactive', 'page.json', '--today', '2026-11-01', '--out', 'feed.json'], io), 0, io.stderr);
  assert.match(io.stderr, /Warning: 2 of 3 listings have only past sessions \(every session is over before 2026-11-01\), e\.g\. old, ended\./);
  // What the finder does with them, said as it is (past-sessions.test.ts in the elements checks the finder).
  assert.match(io.stderr, /They are kept; the finder marks each "No upcoming sessions" and leaves it out of day and time filters\./);
  const validate = captureIo(dir);
  assert.equal(await main(['validate', 'feed.json'], validate), 0, 'a warning, not an error');
  const fresh = captureIo(dir);
  assert.equal(await main(['validate', '--stale', '12', '--today', '2026-11-01', 'feed.json'], fresh), 0, 'a warning, not an error');
  assert.match(fresh.stderr, /2 listings have no upcoming sessions: every session is over \(old, ended\)/);

  await writeFile(join(dir, 'empty.json'), JSON.stringify({ items: [{ state: 'deleted', kind: 'SessionSeries', id: 'x', modified: 1 }] }));
  const empty = captureIo(dir);
  assert.equal(await main(['import', 'openactive', 'empty.json', '--out', 'none.json'], empty), 1);
  assert.match(empty.stderr, /no listings to write from 1 file \(1 items read\); nothing was written/);

  await writeFile(join(dir, 'noitems.json'), JSON.stringify({ next: 'https://example.org/feed?afterId=3' }));
  const mixed = captureIo(dir);
  assert.equal(await main(['import', 'openactive', 'page.json', 'noitems.json', '--out', 'mixed.json'], mixed), 1, 'a page that is not RPDE makes the run fail');
  assert.match(mixed.stderr, /noitems\.json has no "items" list, so it is not an RPDE page \(its fields: next\); skipped/);
  assert.match(mixed.stderr, /Wrote 3 listings/, 'the good page still comes through');
});

/**
 * The official OpenActive validator as a second opinion on what items contain: for
 * every item it reads as an event with a name, our import writes a listing; where it
 * finds no fault with an offer's price, the price reaches the listing's cost. It runs
 * with remote JSON off, so no test fetches from the internet.
 */
test('the official OpenActive validator agrees on what the items contain', { timeout: 600_000 }, async () => {
  const { validate } = createRequire(import.meta.url)('@openactive/data-model-validator') as {
    validate(data: unknown, options: { loadRemoteJson: boolean }): Promise<{ path: string; type: string; severity: string }[]>;
  };
  const pages = [await page('modern-page-1.json'), await page('legacy-event-page.json')];
  if (realData) {
    const real = JSON.parse(await readFile(join(realData, 'openactive', 'everyone-active_rpde_page_20200106.json'), 'utf8')) as { items: { state: string }[] };
    // A sample: the validator takes seconds an item on a busy machine.
    pages.push({ items: real.items.filter((i) => i.state === 'updated').slice(0, 6) });
  }
  for (const rpdePage of pages) {
    const result = importOpenActive([rpdePage], { today: '2026-11-01' });
    const items = (rpdePage as { items: { state: string; id?: unknown; modified?: number; data?: Record<string, unknown> }[] }).items;
    for (const item of items) {
      if (item.state !== 'updated' || !item.data) continue;
      if (items.some((other) => other !== item && other.id === item.id && (other.modified ?? 0) >= (item.modified ?? 0))) continue; // a later version wins
      const data = item.data;
      const type = String(data['@type'] ?? data.type ?? '');
      if (!/^(Event|SessionSeries)$/.test(type) || typeof data.name !== 'string') continue;
      const findings = await validate(data, { loadRemoteJson: false });
      const listing = result.feed.listings.find((l) => l.name === data.name);
      assert.ok(listing, `the validator reads "${data.name}" as an ${type}; the import wrote it`);
      const priceFaults = findings.filter((f) => /^\$\.offers?\[\d+\]\.price(Currency)?$/.test(f.path) && f.severity === 'failure');
      const prices = [...((data.offers as { price?: unknown }[] | undefined) ?? [])].map((o) => o.price).filter((p): p is number => typeof p === 'number');
      if (prices.length && !priceFaults.length) {
        const cost = listing.cost ?? {};
        const lowestPaid = Math.min(...prices.filter((p) => p > 0));
        if (prices.every((p) => p === 0)) assert.equal(cost.free, true, `${listing.id}: free`);
        else assert.equal(cost.amount, lowestPaid, `${listing.id}: the lowest price the validator accepts`);
      }
    }
  }
});
