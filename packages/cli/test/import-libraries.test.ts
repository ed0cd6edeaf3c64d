import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distanceMiles, gazetteerFromListings, isValidLatLng, lookupPostcode, normaliseFeed, type Feed, type LatLng } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

// Real UK data (every public library, "public library data schema" layout), read from
// a folder outside the repository; see the project README on ATLAS_REAL_DATA.
const dir = process.env.ATLAS_REAL_DATA;
const MAPPING = fileURLToPath(new URL('../mappings/libraries.json', import.meta.url));

function captureIo(cwd: string): Io & { stderr: string } {
  const io = { stderr: '', cwd, out() {}, err(text: string) { io.stderr += text + '\n'; } };
  return io;
}

/** Exit code of `atlas validate` on a written feed, with its messages on failure. */
async function validate(path: string): Promise<{ code: number; stderr: string }> {
  const io = captureIo(process.cwd());
  return { code: await main(['validate', path], io), stderr: io.stderr };
}

async function importLibraries(extra: string[]): Promise<{ code: number; feed: Feed; stderr: string; out: string }> {
  const out = join(await mkdtemp(join(tmpdir(), 'atlas-libraries-')), 'libraries.json');
  const io = captureIo(process.cwd());
  const file = join(dir as string, 'libraries', 'libraries_uk_schema_geocoded.csv');
  const code = await main(['import', 'csv', file, '--map', MAPPING, '--today', '2026-11-01', '--out', out, ...extra], io);
  return { code, feed: JSON.parse(await readFile(out, 'utf8')) as Feed, stderr: io.stderr, out };
}

test('imports every open UK public library; closed ones are skipped with a reason', { skip: !dir && 'ATLAS_REAL_DATA is not set' }, async () => {
  const { code, feed, stderr, out } = await importLibraries([]);
  assert.equal(code, 0, 'closing a library is a deliberate skip, not a problem');
  const checked = await validate(out);
  assert.equal(checked.code, 0, checked.stderr);
  assert.equal(feed.listings.length, 3753);
  assert.equal((stderr.match(/: skipped: closed$/gm) ?? []).length, 478);
  assert.equal((stderr.match(/: skipped: /gm) ?? []).length, 478, 'no other reason');
  assert.match(stderr, /Imported 3753 listings, skipped 478 \(478 closed\); 3655 with their own coordinates, 98 without a location on the map\./);

  // The 98 without coordinates are all in Northern Ireland (BT postcodes have no GB
  // centroid); they stay in the list with their address, since a library without a
  // pin is still worth finding by name or town.
  const unplaced = feed.listings.filter((l) => l.location?.lat === undefined);
  assert.equal(unplaced.length, 98);
  assert.ok(unplaced.every((l) => l.location?.postcode?.startsWith('BT')));
  assert.equal(feed.listings.filter((l) => l.location?.geocodePrecision === 'district').length, 17, 'placed by outcode in the source');

  assert.equal(new Set(feed.listings.map((l) => l.id)).size, 3753, 'ids are unique');
  const community = feed.listings.filter((l) => l.categories?.includes('community-library'));
  const statutory = feed.listings.filter((l) => l.categories?.includes('statutory-library'));
  assert.ok(community.length > 100 && statutory.length > 3000, `${community.length} community, ${statutory.length} statutory`);
  assert.ok(community.every((l) => l.keywords?.includes('community-run')));

  // Cornwall writes "Bodmin Library <bodmin.library@…>": the address is kept. Some
  // authorities put a web page in the email column: left out, each with a warning.
  assert.equal(feed.listings.find((l) => l.name === 'Bodmin Library & Information Service')?.contact?.email, 'bodmin.library@cornwall.gov.uk');
  assert.equal((stderr.match(/contact\.email "https?:\/\/[^"]+" is not an email address; left out$/gm) ?? []).length, 31);
  assert.ok(feed.listings.every((l) => l.contact?.email === undefined || /^[^\s<>()]+@[^\s<>()]+\.[a-z]+$/i.test(l.contact.email)));

  const airyhall = feed.listings.find((l) => l.name === 'Airyhall Library');
  assert.deepEqual(airyhall?.openingHours, { mo: '09:00-19:00', tu: '09:00-17:00', we: '09:00-19:00', th: '09:00-17:00', fr: '09:00-17:00', sa: '10:00-13:00,14:00-17:00' });
  assert.deepEqual(airyhall?.location?.address, ['Springfield Road', 'Airyhall', 'Aberdeen']);
  assert.equal(airyhall?.location?.postcode, 'AB15 7RF');
  assert.equal(airyhall?.organisation?.name, 'Aberdeen City Council');
});

test('with GB postcode centroids the feed gets a gazetteer, and Northern Ireland stays unplaced', { skip: !dir && 'ATLAS_REAL_DATA is not set' }, async () => {
  const postcodes = join(dir as string, 'postcodes');
  const { feed, stderr, out } = await importLibraries(['--postcodes', join(postcodes, 'sectors_gb.csv'), '--postcodes', join(postcodes, 'outcodes_gb.csv')]);
  assert.equal(feed.listings.length, 3753);
  assert.match(stderr, /98 without a location on the map/);
  const checked = await validate(out);
  assert.equal(checked.code, 0, checked.stderr);
  const gazetteer = feed.gazetteer as { districts: Record<string, [number, number]>; sectors: Record<string, [number, number]> };
  // The whole area the libraries cover (all of Great Britain), not only the districts that hold one.
  assert.equal(Object.keys(gazetteer.districts).length, 2863);
  assert.ok(Object.keys(gazetteer.sectors).length > 10_000, `${Object.keys(gazetteer.sectors).length} sectors`);
  assert.deepEqual(gazetteer.districts.AB15, [57.1377, -2.1695]);
  assert.deepEqual(gazetteer.sectors['AB15 7'], [57.1308, -2.1477]);
  assert.deepEqual(gazetteer.districts.AB10, [57.1352, -2.1204], 'a district with no library is placed too');

  // Every English postcode district, and a postcode in every English sector, is placed from the feed alone:
  // before, 437 of the 2,210 districts could not be.
  const outcodes = (await readFile(join(postcodes, 'outcodes_gb.csv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split(','));
  const english = new Set(outcodes.filter((cells) => cells[6] === 'E92000001').map((cells) => cells[0] as string));
  assert.equal(english.size, 2210);
  const unplaced: string[] = [];
  for (const district of english) if (!(await lookupPostcode(district, { gazetteer }))) unplaced.push(district);
  const sectors = (await readFile(join(postcodes, 'sectors_gb.csv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split(',')[0] as string);
  for (const sector of sectors.filter((s) => english.has(s.split(' ')[0] as string))) {
    const place = await lookupPostcode(`${sector}AA`, { gazetteer });
    if (!place) unplaced.push(`${sector}AA`);
  }
  assert.deepEqual(unplaced, []);
});

test('the imported libraries find what is near a postcode with no gazetteer and no lookup service', { skip: !dir && 'ATLAS_REAL_DATA is not set' }, async () => {
  const { feed } = await importLibraries([]);
  assert.equal(feed.gazetteer, undefined, 'imported without --postcodes');
  const { listings } = normaliseFeed(feed);
  const gazetteer = gazetteerFromListings(listings);
  const near = await lookupPostcode('eh1 1yz', { gazetteer });
  assert.ok(near, 'EH1 1YZ is placed');
  const nearest = listings
    .filter((l) => isValidLatLng(l.location))
    .map((l) => ({ name: l.name, miles: distanceMiles(near, l.location as LatLng) }))
    .sort((a, b) => a.miles - b.miles);
  assert.equal(nearest[0]?.name, 'Edinburgh Central Library');
  assert.ok(nearest[0]!.miles < 0.1);
  // A sector no library is in, in a district that has some: the district's middle, in Edinburgh.
  const district = await lookupPostcode('EH1 9ZZ', { gazetteer });
  assert.equal(district?.precision, 'district');
  assert.ok(distanceMiles(district!, near) < 3);
});
