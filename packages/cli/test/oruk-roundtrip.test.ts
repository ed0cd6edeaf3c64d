import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normaliseFeed, type Feed, type Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';
import { importOruk } from '@community-atlas/core/oruk';
import { exportOruk } from '../src/export/oruk.js';
import { uuidv5 } from '../src/export/uuid.js';
import { importOpenActive } from '../src/import/openactive.js';

const PAGES = fileURLToPath(new URL('../../../test/fixtures/oruk/v3-pages/', import.meta.url));

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

async function v3Pages(): Promise<unknown[]> {
  return Promise.all([1, 2, 3].map(async (n) => JSON.parse(await readFile(join(PAGES, `page-${n}.json`), 'utf8')) as unknown));
}

/** Every feed we write must pass the core checks the finder and `atlas validate` run. */
function assertValidFeed(feed: Feed): void {
  const problems = normaliseFeed(feed).problems.filter((p) => p.severity === 'error');
  assert.deepEqual(problems, [], 'normaliseFeed finds no errors');
}

/** The fields both models have, which a round trip must keep. */
function shared(listing: Listing): Record<string, unknown> {
  return {
    id: listing.id,
    kind: listing.kind,
    name: listing.name,
    description: listing.description,
    organisation: listing.organisation,
    url: listing.url,
    email: listing.contact?.email,
    phone: listing.contact?.phone,
    contactName: listing.contact?.name,
    address: listing.location?.address,
    postcode: listing.location?.postcode,
    lat: listing.location?.lat,
    lng: listing.location?.lng,
    uprn: listing.location?.uprn,
    schedule: listing.schedule,
    cost: listing.cost,
    audience: listing.audience,
    categories: listing.categories,
    needs: listing.needs,
    keywords: listing.keywords,
    areas: listing.areas,
    delivery: listing.delivery,
    lastVerified: listing.lastVerified,
    howToJoin: listing.howToJoin,
  };
}

test('ORUK 3.0 → feed → ORUK 3.0 → feed keeps every field the two models share', async () => {
  const first = importOruk(await v3Pages(), { publisher: 'Northbridge', today: '2026-11-01' }).feed;
  const exported = exportOruk(first);
  assert.deepEqual(exported.skipped, []);
  const again = importOruk([JSON.parse(JSON.stringify(exported.page))], { publisher: 'Northbridge', today: '2026-11-01' });
  assert.deepEqual(again.skipped, []);
  assert.deepEqual(again.unknownSchemes, {}, 'our own taxonomy is read back exactly, not as keywords');
  assert.equal(again.feed.listings.length, first.listings.length);
  assert.deepEqual(again.feed.listings.map(shared), first.listings.map(shared));
  // Nothing the shared fields leave out is lost either, on this data.
  assert.deepEqual(again.feed.listings, first.listings);
  assertValidFeed(again.feed);
});

const OUR_FEED: Feed = {
  version: '1',
  publisher: { name: 'Northbridge Borough Council' },
  updated: '2026-11-01',
  listings: [
    {
      id: 'walk-riverside-tue',
      kind: 'activity',
      name: 'Riverside health walk',
      description: 'A gentle hour’s walk with a trained leader, then tea.',
      organisation: { name: 'Northbridge Walking for Health', url: 'https://walks.example.org', charityNumber: '1123456' },
      categories: ['physical-activity'],
      needs: ['loneliness', 'low-mood'],
      keywords: ['walking', 'outdoors'],
      audience: { ageMin: 50, ageMax: 90, description: 'Adults over 50' },
      cost: { free: true },
      referral: ['self', 'drop-in'],
      accessibility: ['step-free', 'accessible-toilet'],
      delivery: ['in-person'],
      location: { name: 'Riverside Park gates', address: ['Unit 2', 'Mill Lane', 'Northbridge'], postcode: 'NB1 2AA', lat: 52.1, lng: -1.2, uprn: '100030123456' },
      areas: ['Riverside ward'],
      schedule: [
        { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00', until: '2027-03-31' },
        { rrule: 'FREQ=MONTHLY;BYDAY=2TH', date: '2026-01-08', start: '13:30', end: '15:00' },
        { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', date: '2026-01-03', start: '09:00', end: '10:00' },
        { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15', start: '18:00', end: '19:00' },
        { date: '2026-12-12', start: '11:00', end: '13:00', notes: 'Christmas walk' },
      ],
      contact: { name: 'Jan', phone: '01234 567890', email: 'walks@example.org' },
      url: 'https://walks.example.org/riverside',
      languages: ['en', 'cy'],
      lastVerified: '2026-09-14',
      howToJoin: 'Just turn up at the gates.',
    },
    {
      id: 'money-line',
      kind: 'asset',
      name: 'Money advice line',
      description: 'Telephone advice on debt and benefits.',
      cost: { amount: 4.5, per: 'session', description: 'First call free' },
      delivery: ['phone'],
      contact: { phone: '0800 123 4567' },
      needs: ['money'],
      areas: ['Northbridge Borough'],
    },
    {
      id: 'online-group',
      kind: 'activity',
      name: 'Online peer support',
      delivery: ['online'],
      contact: { url: 'https://mind.example.org/group', email: 'group@mind.example.org' },
      schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=WE', start: '19:00', end: '20:30' }],
    },
    {
      id: 'old-library',
      kind: 'transfer',
      name: 'Old Library',
      transfer: { assetType: 'library', status: 'available' },
    },
  ],
};

test('our feed → ORUK 3.0 → our feed keeps every field the two models share', () => {
  const exported = exportOruk(OUR_FEED);
  assert.deepEqual(exported.skipped, [{ reason: 'Community asset transfer listing: Open Referral UK has no place for it', count: 1, examples: ['old-library'] }]);
  const back = importOruk([JSON.parse(JSON.stringify(exported.page))], { publisher: 'Northbridge Borough Council' });
  const expected = OUR_FEED.listings.filter((l) => l.kind !== 'transfer');
  assert.deepEqual(back.feed.listings.map(shared), expected.map(shared));
  const walk = back.feed.listings[0];
  assert.deepEqual(walk?.referral, ['self', 'drop-in']);
  assert.deepEqual(walk?.accessibility, ['step-free', 'accessible-toilet']);
  assert.deepEqual(walk?.languages, ['en', 'cy']);
  assert.equal(back.feed.listings[2]?.contact?.url, 'https://mind.example.org/group');
  assertValidFeed(OUR_FEED);
  assertValidFeed(back.feed);
});

test('the export uses ORUK 3.0 field names and UUIDs, so other ORUK readers understand it', () => {
  const { page } = exportOruk(OUR_FEED);
  assert.equal(page.total_items, 3);
  assert.equal(page.total_pages, 1);
  assert.equal(page.page_number, 1);
  const walk = page.contents[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const id = uuidv5('northbridge-borough-council/walk-riverside-tue');
  assert.equal(walk.id, id, 'the publisher (its id, or its name as a slug) and the listing id make the UUID');
  const orgId = uuidv5('organisation/northbridge walking for health');
  assert.deepEqual(walk.organization, {
    id: orgId,
    name: 'Northbridge Walking for Health',
    description: '',
    website: 'https://walks.example.org',
    organization_identifiers: [{ id: uuidv5(`${orgId}/charity/1123456`), organization_id: orgId, identifier_scheme: 'GB-CHC', identifier_type: 'Charity number', identifier: '1123456' }],
  });
  assert.equal(walk.organization_id, orgId);
  const location = walk.service_at_locations[0].location;
  assert.equal(location.id, uuidv5(`${id}/location`));
  assert.equal(location.location_type, 'physical');
  assert.equal(location.latitude, 52.1);
  assert.equal(location.longitude, -1.2);
  assert.deepEqual(location.addresses[0], {
    id: uuidv5(`${id}/location/address`),
    location_id: location.id,
    address_1: 'Unit 2\nMill Lane',
    city: 'Northbridge',
    state_province: '',
    postal_code: 'NB1 2AA',
    country: 'GB',
    address_type: 'physical',
  });
  assert.deepEqual(walk.schedules[0], { id: uuidv5(`${id}/schedule/1`), service_id: id, opens_at: '10:00', closes_at: '11:00', freq: 'WEEKLY', byday: 'TU', valid_to: '2027-03-31' });
  assert.deepEqual(walk.schedules[2], { id: uuidv5(`${id}/schedule/3`), service_id: id, opens_at: '09:00', closes_at: '10:00', freq: 'WEEKLY', interval: 2, byday: 'SA', dtstart: '2026-01-03' });
  assert.deepEqual(walk.cost_options, [{ id: uuidv5(`${id}/cost/free`), service_id: id, option: 'Free', amount: 0 }]);
  assert.equal(walk.minimum_age, 50);
  assert.equal(walk.maximum_age, 90);
  assert.equal(walk.description, 'A gentle hour’s walk with a trained leader, then tea.\n\nWho it is for: Adults over 50\n\nHow to join: Just turn up at the gates.');
  assert.equal(walk.contacts[0].phones[0].number, '01234 567890');
  const terms = walk.attributes.map((a: { taxonomy_term: { taxonomy: string; name: string } }) => `${a.taxonomy_term.taxonomy}/${a.taxonomy_term.name}`);
  assert.ok(terms.includes('community-atlas:category/physical-activity'));
  assert.ok(terms.includes('community-atlas:need/loneliness'));
  assert.ok(terms.includes('community-atlas:id/walk-riverside-tue'));
  const need = walk.attributes.find((a: { taxonomy_term: { name: string } }) => a.taxonomy_term.name === 'loneliness');
  assert.equal(need.taxonomy_term.description, 'Loneliness and isolation', 'a term says what it means');
  const online = page.contents[2] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const onlineId = uuidv5('northbridge-borough-council/online-group');
  assert.deepEqual(online.service_at_locations[0].location, { id: uuidv5(`${onlineId}/online`), location_type: 'virtual', name: 'Online', description: 'https://mind.example.org/group' });
});

test('export → import keeps directions, personal budgets, help with the cost, opening hours, textphones, companions and languages', () => {
  const listing: Listing = {
    id: 'market-hall',
    kind: 'asset',
    name: 'Market Hall',
    description: 'A hall for hire.\n\nWith a kitchen.',
    audience: { description: 'Groups of up to 80.\n\nChildren with an adult.' },
    howToJoin: 'Ring to book.',
    companionWelcome: false,
    languages: ['cy', 'pl'],
    location: { name: 'Market Hall', address: ['1 Market Square', 'Northbridge'], postcode: 'NB1 1AA', lat: 52.6, lng: -1.4, directions: 'Side door, by the car park.' },
    openingHours: { mo: '09:00-13:00,14:00-17:00', tu: '09:00-13:00,14:00-17:00', sa: '10:00-12:00', notes: 'Closed on bank holidays' },
    cost: { amount: 25, per: 'session', description: '£25 an hour', help: 'Half price for community groups.', personalBudget: true },
    contact: { phone: '01632 111111', textphone: '18001 01632 111111' },
  };
  const feed: Feed = { version: '1', publisher: { name: 'Northbridge Borough Council' }, updated: '2026-11-01', listings: [listing] };
  const exported = exportOruk(feed);
  assert.deepEqual(exported.notes, [], 'nothing here that ORUK cannot hold');
  const back = importOruk([JSON.parse(JSON.stringify(exported.page))], { publisher: 'Northbridge Borough Council' });
  assert.deepEqual(back.feed.listings, [{ ...listing, delivery: ['in-person'] }]);
});

test('ids are version 5 UUIDs that stay the same from one export to the next', () => {
  // The RFC 9562 example: "www.example.com" in the DNS namespace.
  assert.equal(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  const first = exportOruk(OUR_FEED).page;
  const again = exportOruk(structuredClone(OUR_FEED)).page;
  assert.deepEqual(again, first, 'the same feed gives the same bytes');
  const edited = structuredClone(OUR_FEED);
  edited.listings.splice(1, 1);
  (edited.listings[0] as Listing).name = 'Riverside health walk (renamed)';
  const after = exportOruk(edited).page;
  assert.equal(after.contents[0]?.id, first.contents[0]?.id, 'renaming a listing keeps its id');
  assert.equal(after.contents[1]?.id, first.contents[2]?.id, 'removing a listing does not shift the others');
  const ids = first.contents.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length);
  const imported = { ...OUR_FEED, listings: [{ ...(OUR_FEED.listings[1] as Listing), id: 'AC148810-D857-441C-9679-408F346DE14B' }] };
  assert.equal(exportOruk(imported).page.contents[0]?.id, 'ac148810-d857-441c-9679-408f346de14b', 'a listing read from ORUK keeps its UUID');
});

test('atlas export oruk FEED --out writes the ORUK page and reports what it left out', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-export-'));
  await writeFile(join(dir, 'feed.json'), JSON.stringify(OUR_FEED));
  const io = captureIo(dir);
  assert.equal(await main(['export', 'oruk', 'feed.json', '--out', 'services.json'], io), 0, io.stderr);
  const page = JSON.parse(await readFile(join(dir, 'services.json'), 'utf8')) as { contents: { name: string }[] };
  assert.deepEqual(page.contents.map((s) => s.name), ['Riverside health walk', 'Money advice line', 'Online peer support']);
  assert.match(io.stderr, /Wrote 3 services from 4 listings to services\.json/);
  assert.match(io.stderr, /1 × Community asset transfer listing: Open Referral UK has no place for it \(e\.g\. old-library\)/);

  const again = captureIo(dir);
  assert.equal(await main(['export', 'oruk', 'feed.json', '--out', 'services.json'], again), 2);
  assert.match(again.stderr, /services\.json already exists\. Use --force/);

  const notFeed = captureIo(dir);
  await writeFile(join(dir, 'other.json'), '{"hello": 1}');
  assert.equal(await main(['export', 'oruk', 'other.json'], notFeed), 1);
  assert.match(notFeed.stderr, /other\.json is not a Community Atlas feed/);
});

const realData = process.env.ATLAS_REAL_DATA;

test('the real OpenActive page → feed → ORUK 3.0 → feed comes back whole', { skip: !realData && 'ATLAS_REAL_DATA is not set' }, async () => {
  const file = join(realData ?? '', 'openactive', 'everyone-active_rpde_page_20200106.json');
  const first = importOpenActive([JSON.parse(await readFile(file, 'utf8'))], { publisher: 'Everyone Active' }).feed;
  const exported = exportOruk(first);
  assert.deepEqual(exported.notes, []);
  const back = importOruk([JSON.parse(JSON.stringify(exported.page))], { publisher: 'Everyone Active' });
  assert.equal(back.feed.listings.length, 250);
  assert.deepEqual(back.feed.listings, first.listings);
  assertValidFeed(back.feed);
});
