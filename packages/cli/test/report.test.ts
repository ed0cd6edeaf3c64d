/**
 * `atlas report` and `atlas validate --stale`: the numbers on the demo feed
 * (which keeps some listings badly on purpose: see the end of
 * demo/scripts/generate-feed.ts), what it says when it cannot compute a figure,
 * changes since an older feed, and the real feeds when ATLAS_REAL_DATA is set.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feed, Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';
import type { ReportFigures } from '../src/report/figures.js';
import { isUkPhone, monthsBefore, similarNames, staleness } from '../src/report/figures.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEMO = join(ROOT, 'demo', 'feed.json');
const REAL = process.env.ATLAS_REAL_DATA;

function io(cwd: string): Io & { stdout: string; stderr: string } {
  const o = { stdout: '', stderr: '', cwd, out(t: string) { o.stdout += `${t}\n`; }, err(t: string) { o.stderr += `${t}\n`; } };
  return o;
}

async function report(args: string[]): Promise<{ code: number; figures: ReportFigures; html: string; stderr: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-report-'));
  const out = io(dir);
  const code = await main(['report', ...args, '--out', join(dir, 'report')], out);
  assert.equal(code, 0, out.stderr);
  return {
    code,
    figures: JSON.parse(await readFile(join(dir, 'report', 'report.json'), 'utf8')) as ReportFigures,
    html: await readFile(join(dir, 'report', 'index.html'), 'utf8'),
    stderr: out.stderr,
    dir,
  };
}

const feedOf = (listings: Partial<Listing>[], extra: Partial<Feed> = {}): Feed =>
  ({ version: '1', publisher: { name: 'Test Council' }, updated: '2026-11-01', ...extra, listings }) as Feed;

async function writeFeed(dir: string, name: string, feed: Feed): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, JSON.stringify(feed));
  return path;
}

test('staleness: over N calendar months before today, never, or in the future', () => {
  assert.equal(monthsBefore('2026-11-01', 12), '2025-11-01');
  assert.equal(monthsBefore('2026-03-31', 1), '2026-02-28');
  assert.equal(monthsBefore('2024-03-31', 1), '2024-02-29');
  assert.equal(staleness('2025-11-01', '2026-11-01', 12), 'fresh');
  assert.equal(staleness('2025-10-31', '2026-11-01', 12), 'stale');
  assert.equal(staleness(undefined, '2026-11-01', 12), 'never');
  assert.equal(staleness('2026-11-02', '2026-11-01', 12), 'future');
  assert.equal(staleness('2026-11-01T09:00:00Z', '2026-11-01', 12), 'fresh');
});

test('UK phone numbers and alike names', () => {
  for (const ok of ['01632 960000', '+44 1632 960000', '+44 (0)1632 960000', '0800 123 4567', '07700 900123', '116 123', '111', '020 7946 0000 ext 12']) assert.ok(isUkPhone(ok), ok);
  for (const bad of ['0163 2960', '12345', 'ring the office', '+1 212 555 0100', '01632 96000000']) assert.ok(!isUkPhone(bad), bad);
  assert.ok(similarNames('Hollowell Food Bank', 'Hollowell Foodbank'));
  assert.ok(similarNames('Castle Hill Food Bank', 'Castle Hill Food Bank and Pantry'));
  assert.ok(!similarNames('Kingsley Community Centre', 'Kingsley Youth Centre'));
});

test('the report on the demo feed: the numbers', async () => {
  const { figures: f, html, stderr } = await report([DEMO, '--today', '2026-11-01']);
  assert.equal(f.listings, 612);
  assert.equal(f.today, '2026-11-01');
  assert.deepEqual(f.notComputed, []);

  // Freshness: 534 checked since 2025-11-01, 76 before, 2 never; the headline share.
  const fr = f.freshness;
  assert.deepEqual([fr.fresh, fr.stale, fr.neverChecked, fr.future.length], [534, 76, 2, 0]);
  assert.equal(Math.round(fr.freshShare! * 1000), 873);
  assert.deepEqual(fr.buckets.map((b) => [b.label, b.count]), [
    ['Under 3 months', 177], ['3 to 6 months', 151], ['6 to 12 months', 206], ['12 to 24 months', 75], ['Over 24 months', 1], ['Never checked', 2],
  ]);
  assert.equal(fr.byProvider.reduce((n, p) => n + p.listings.length, 0), 78);
  assert.equal(fr.byProvider.length, 13);
  const trust = fr.byProvider.find((p) => p.provider === 'Northbridge Community Trust')!;
  assert.equal(trust.listings.length, 5);
  const mail = new URL(trust.mailto);
  assert.equal(mail.protocol, 'mailto:');
  assert.equal(mail.searchParams.get('subject'), 'Is this still right? 5 listings from Northbridge Community Trust');
  const body = mail.searchParams.get('body')!;
  assert.match(body, /- Castle Hill Food Bank \(last checked 2025-01-20\): https:\/\/example\.org\/atlas\/report\?listing=castle-hill-food-bank&name=Castle%20Hill%20Food%20Bank/);
  assert.ok(trust.mailto.length < 2000, 'opens in every mail program');
  assert.deepEqual(fr.pastSessionsOnly, [{ id: 'summer-holiday-play-scheme', name: 'Summer holiday play scheme', lastSession: '2026-08-28' }]);

  // Completeness: per question, per category, the weakest first.
  const overall = Object.fromEntries(f.completeness.overall.map((q) => [q.question, [q.answered, q.asked]]));
  assert.deepEqual(overall, { what: [611, 612], who: [248, 594], cost: [593, 594], whenWhere: [458, 612], contact: [598, 612] });
  assert.equal(f.completeness.complete, 260);
  const food = f.completeness.byCategory.find((c) => c.category === 'food')!;
  assert.deepEqual([food.listings, food.answered.who, food.answered.whenWhere, food.answered.contact], [33, 0, 31, 32]);
  assert.deepEqual(f.completeness.weakest[0], { id: 'hollowell-youth-drop-in', name: 'Hollowell youth drop-in', missing: ['what', 'who', 'cost', 'whenWhere'] });

  // Coverage: wards, needs, the gap, the map.
  const cv = f.coverage;
  assert.equal(cv.by, 'area');
  assert.deepEqual(cv.areas.map((a) => [a.id, a.listings]), [
    ['market-cross', 95], ['castle-hill', 95], ['riverside', 90], ['abbey-fields', 91], ['millbrook', 86], ['kingsley', 83], ['st-annes', 69], ['hollowell', 72],
  ]);
  assert.deepEqual(cv.gaps, [{ area: 'Millbrook', needs: ['Parenting and family'] }]);
  assert.deepEqual([cv.map.points.length, cv.map.approximate, cv.map.withoutCoordinates], [574, 7, 31]);

  // Duplicates and broken fields.
  assert.deepEqual(f.duplicates.map((g) => [g.reason, g.listings.map((l) => l.id)]), [
    ['same name and postcode', ['hollowell-food-bank', 'hollowell-foodbank-tuesdays']],
    ['same phone and similar name', ['castle-hill-food-bank', 'castle-hill-food-bank-and-pantry']],
  ]);
  assert.deepEqual(f.broken.map((b) => [b.id, b.field, b.value]), [['hollowell-youth-drop-in', 'contact.phone', '0163 2960']]);

  // The page: the same figures, charts as SVG with a title and a table, no script.
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /<strong>87%<\/strong> fresh/);
  assert.match(html, /No parenting and family listed in Millbrook\./);
  for (const id of ['chart-age', 'chart-questions', 'chart-areas', 'chart-map']) {
    assert.match(html, new RegExp(`<svg [^>]*role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">[^<]+</title><desc id="${id}-desc">`), id);
  }
  assert.equal((html.match(/<table/g) ?? []).length >= 8, true);
  assert.match(stderr, /612 listings on 2026-11-01: fresh 87%; 76 stale, 2 never checked/);
});

test('bad input: no lastVerified, dates in the future, no areas or coordinates: it says what it could not compute and why', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-report-bad-'));
  const none = await writeFeed(dir, 'none.json', feedOf([
    { id: 'a', kind: 'asset', name: 'Hall A', summary: 'A hall.' },
    { id: 'b', kind: 'asset', name: 'Hall B', summary: 'A hall.' },
  ]));
  const { figures: f, html } = await report([none, '--today', '2026-11-01']);
  assert.equal(f.freshness.freshShare, null);
  assert.equal(f.freshness.neverChecked, 2);
  assert.equal(f.coverage.by, 'none');
  const sections = f.notComputed.map((x) => x.section);
  assert.deepEqual(sections, ['freshness', 'coverage', 'map']);
  assert.match(f.notComputed[0]!.why, /No listing has a lastVerified date/);
  assert.match(f.notComputed[1]!.why, /No listing names an area \(areas\) and none has a postcode/);
  assert.match(f.notComputed[2]!.why, /No listing has coordinates/);
  assert.match(html, /What this report could not work out/);
  assert.match(html, /<strong>Unknown<\/strong> fresh/);
  assert.doesNotMatch(html, /chart-map/);

  const future = await writeFeed(dir, 'future.json', feedOf([
    { id: 'a', kind: 'asset', name: 'Hall A', lastVerified: '2062-01-05', location: { postcode: 'NB1 2AA' } },
    { id: 'b', kind: 'asset', name: 'Hall B', lastVerified: '2026-10-01', location: { postcode: 'NB2 1AA' } },
    { id: 'c', kind: 'asset', name: 'Hall C', lastVerified: '2026-11-02' },
  ]));
  const g = (await report([future, '--today', '2026-11-01'])).figures;
  assert.deepEqual(g.freshness.future.map((l) => l.id), ['a', 'c']);
  assert.equal(g.freshness.fresh, 1);
  assert.equal(Math.round(g.freshness.freshShare! * 100), 33);
  const why = g.notComputed.find((x) => x.section === 'freshness')!;
  assert.match(why.what, /The age of 2 listings/);
  assert.match(why.why, /after 2026-11-01/);
  // No areas, but postcodes: counted by postcode district, and said so.
  assert.equal(g.coverage.by, 'postcode district');
  assert.deepEqual(g.coverage.areas.map((a) => [a.name, a.listings]), [['NB1', 1], ['NB2', 1]]);
  assert.match(g.notComputed.find((x) => x.section === 'coverage')!.why, /counted by postcode district instead/);
});

test('broken fields: websites that are not web addresses, phones that are not UK numbers, bad emails and postcodes', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-report-broken-'));
  const file = await writeFeed(dir, 'broken.json', feedOf([
    { id: 'a', kind: 'asset', name: 'Hall A', url: 'www.example.org', contact: { phone: 'ring reception', email: 'hall@@example' }, location: { postcode: 'NOT A CODE' } },
    { id: 'b', kind: 'asset', name: 'Hall B', url: 'https://example.org/b', contact: { phone: '+44 (0)1632 960000' }, organisation: { name: 'X', url: 'http://localhost' } },
  ]));
  const { figures } = await report([file, '--today', '2026-11-01']);
  assert.deepEqual(figures.broken.map((b) => [b.id, b.field, b.why]), [
    ['a', 'url', 'not a web address: it has no https:// at the start'],
    ['a', 'contact.phone', 'not a UK phone number (10 or 11 digits starting 0, or +44)'],
    ['a', 'contact.email', 'not an email address'],
    ['a', 'location.postcode', 'not shaped like a UK postcode'],
    ['b', 'organisation.url', 'not a web address (https://…)'],
  ]);
});

test('--since: added, removed and changed listings', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-report-since-'));
  const feed = JSON.parse(await readFile(DEMO, 'utf8')) as Feed;
  const old = structuredClone(feed);
  old.listings = old.listings.filter((l) => l.id !== 'summer-holiday-play-scheme');
  old.listings.push({ id: 'closed-cafe', kind: 'asset', name: 'Closed café' } as Listing);
  const changed = old.listings.find((l) => l.id === 'market-cross-community-centre')!;
  changed.summary = 'Old words.';
  changed.lastVerified = '2024-01-01';
  const oldPath = await writeFeed(dir, 'old.json', old);
  const { figures, html } = await report([DEMO, '--since', oldPath, '--today', '2026-11-01']);
  const c = figures.changes!;
  assert.deepEqual(c.added.map((l) => l.id), ['summer-holiday-play-scheme']);
  assert.deepEqual(c.removed.map((l) => l.id), ['closed-cafe']);
  assert.deepEqual(c.changed, [{ id: 'market-cross-community-centre', name: 'Market Cross Community Centre', fields: ['lastVerified', 'summary'] }]);
  assert.equal(c.unchanged, 610);
  assert.match(html, /1 listing added, 1 removed, 1 changed and 610 unchanged/);
});

test('usage and unreadable feeds: exit 2 and 1, nothing written', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-report-usage-'));
  let o = io(dir);
  assert.equal(await main(['report'], o), 2);
  assert.match(o.stderr, /name at least one feed file/);
  o = io(dir);
  assert.equal(await main(['report', DEMO, '--stale', 'soon'], o), 2);
  assert.match(o.stderr, /--stale takes a whole number of months/);
  o = io(dir);
  assert.equal(await main(['report', DEMO, '--today', '1/11/2026'], o), 2);
  o = io(dir);
  assert.equal(await main(['report', 'missing.json', '--out', 'r'], o), 1);
  assert.match(o.stderr, /missing\.json: cannot be read: there is no such file\. Nothing was written\./);
  assert.equal(existsSync(join(dir, 'r')), false);
  await writeFile(join(dir, 'bad.json'), '{"version": "1", "listings": [');
  o = io(dir);
  assert.equal(await main(['report', 'bad.json'], o), 1);
});

test('validate --stale 12: staleness as warnings with a count, for CI', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-validate-stale-'));
  await writeFeed(dir, 'feed.json', feedOf([
    { id: 'a', kind: 'asset', name: 'Hall A', lastVerified: '2025-10-31' },
    { id: 'b', kind: 'asset', name: 'Hall B', lastVerified: '2025-11-01' },
    { id: 'c', kind: 'asset', name: 'Hall C' },
    { id: 'd', kind: 'asset', name: 'Hall D', lastVerified: '2027-01-01' },
  ]));
  let o = io(dir);
  assert.equal(await main(['validate', '--stale', '12', '--today', '2026-11-01', 'feed.json'], o), 0, o.stderr);
  assert.match(o.stderr, /feed\.json: listing "a" \(\$\.listings\[0\]\.lastVerified\): expected a check within 12 months of 2026-11-01, found 2025-10-31 \(warning, stale: last checked 12 months ago\)/);
  assert.match(o.stderr, /listing "c" \(\$\.listings\[2\]\.lastVerified\): expected a check within 12 months of 2026-11-01, found nothing \(warning, stale: never checked\)/);
  assert.match(o.stderr, /listing "d" \(\$\.listings\[3\]\.lastVerified\): expected a date no later than 2026-11-01, found 2027-01-01 \(warning, checked in the future\)/);
  assert.doesNotMatch(o.stderr, /listing "b"/);
  assert.match(o.stderr, /stale: 2 of 4 listings not checked within 12 months \(1 over, 1 never\), 1 dated in the future/);
  assert.match(o.stderr, /valid: 1 feed, 0 errors, 3 warnings/);

  o = io(dir);
  assert.equal(await main(['validate', '--json', '--stale', '12', '--today', '2026-11-01', 'feed.json'], o), 0);
  const json = JSON.parse(o.stdout) as { warnings: number; stale: { months: number; stale: number; never: number; future: number }; files: { problems: { code: string }[] }[] };
  assert.deepEqual(json.stale, { months: 12, today: '2026-11-01', stale: 1, never: 1, future: 1 });
  assert.deepEqual(json.files[0]!.problems.map((p) => p.code), ['stale', 'never-checked', 'checked-in-future']);
  assert.equal(json.warnings, 3);

  // Without --stale, nothing about age.
  o = io(dir);
  assert.equal(await main(['validate', 'feed.json'], o), 0);
  assert.match(o.stderr, /0 warnings/);
  o = io(dir);
  assert.equal(await main(['validate', '--stale', 'x', 'feed.json'], o), 2);
  assert.match(o.stderr, /--stale takes a whole number of months/);
});

test('the real feeds (ATLAS_REAL_DATA): libraries and the OpenActive page', { skip: !REAL && 'set ATLAS_REAL_DATA to the shared data folder to run this' }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-report-real-'));
  let o = io(dir);
  assert.equal(await main(['import', 'csv', join(REAL!, 'libraries', 'libraries_uk_schema_geocoded.csv'), '--map', join(ROOT, 'packages/cli/mappings/libraries.json'), '--today', '2026-11-01', '--out', 'libraries.json'], o), 0, o.stderr);
  o = io(dir);
  assert.equal(await main(['import', 'openactive', join(REAL!, 'openactive', 'everyone-active_rpde_page_20200106.json'), '--out', 'openactive.json'], o), 0, o.stderr);

  const lib = (await report([join(dir, 'libraries.json'), '--today', '2026-11-01'])).figures;
  assert.equal(lib.listings, 3753);
  assert.equal(lib.freshness.freshShare, null, 'the libraries data has no check dates');
  assert.equal(lib.freshness.neverChecked, 3753);
  assert.equal(lib.coverage.by, 'postcode area');
  assert.equal(lib.coverage.map.points.length, 3655);
  assert.equal(lib.coverage.map.withoutCoordinates, 98);
  assert.ok(lib.duplicates.length > 0, 'the real file has duplicated libraries');
  assert.ok(lib.freshness.byProvider.length > 150, 'one provider per library service');

  const oa = (await report([join(dir, 'openactive.json'), '--today', '2026-11-01'])).figures;
  assert.equal(oa.listings, 250);
  assert.equal(oa.freshness.pastSessionsOnly.length, 37, 'the activities with dated occurrences only, all in January 2020');
  assert.ok(oa.freshness.pastSessionsOnly.every((l) => (l.lastSession ?? '') < '2020-03-01'));
});
