import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, parseFeedText, readReadyText, type Feed, type Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

const DEMO = fileURLToPath(new URL('../../../demo/feed.json', import.meta.url));

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

const tempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'atlas-build-'));

function feed(listings: Listing[], extra: Partial<Feed> = {}): Feed {
  return { version: '1', publisher: { name: 'Northbridge Borough Council', id: 'northbridge' }, updated: '2026-11-01', listings, ...extra };
}

const walk: Listing = {
  id: 'walk-riverside',
  kind: 'activity',
  name: { en: 'Riverside health walk', cy: 'Taith iechyd glan yr afon' },
  summary: 'A gentle hour’s walk with a trained leader, then tea.',
  needs: ['loneliness'],
  audience: { ageMin: 50, description: 'Anyone who wants to get a bit more active' },
  cost: { free: true },
  referral: 'self',
  location: { name: 'Riverside Park gates', address: ['Mill Lane', 'Northbridge'], postcode: 'NB1 2AA', lat: 52.1, lng: -1.2 },
  schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '11:00' }],
  contact: { phone: '01234 567890', email: 'walks@example.org' },
};

async function build(dir: string, files: Record<string, Feed | string>, ...args: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo> }> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  const io = captureIo(dir);
  const code = await main(['build', ...Object.keys(files), '--out', 'site', ...args], io);
  return { code, io };
}

test('atlas build on the demo feed writes a page per listing, an index linking them all, a feed that validates and a working index', async () => {
  const dir = await tempDir();
  const demo = JSON.parse(await readFile(DEMO, 'utf8')) as Feed;
  const io = captureIo(dir);
  assert.equal(await main(['build', DEMO, '--out', 'site'], io), 0, io.stderr);
  const site = join(dir, 'site');
  assert.deepEqual((await readdir(site)).sort(), ['atlas-static.css', 'feed.json', 'index.html', 'index.json', 'listings', 'ready.json']);
  const pages = await readdir(join(site, 'listings'));
  assert.equal(pages.length, demo.listings.length);
  assert.match(io.stderr, new RegExp(`Built site: ${demo.listings.length} listing pages`));

  const index = await readFile(join(site, 'index.html'), 'utf8');
  const links = [...index.matchAll(/href="listings\/([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(links).size, demo.listings.length, 'index.html links every page once');
  for (const page of pages) assert.ok(links.includes(page), `index.html links ${page}`);
  // The finder loads the ready feed: normalised, with its facet columns.
  assert.match(index, /<atlas-finder src="ready.json">\s*<div class="atlas-static">/);
  assert.match(index, /<script type="module" src="atlas.js"><\/script>/);
  // With scripts, the list holds the screen's height the finder will hold while it draws, so the footer does not move.
  assert.match(await readFile(join(site, 'atlas-static.css'), 'utf8'), /@media \(scripting: enabled\) \{ atlas-finder:not\(:defined\) \{ display: block; min-block-size: 100svh; \} \}/);
  assert.doesNotMatch(index, /style=|<style|\son[a-z]+=/i, 'no inline styles or handlers: a strict CSP allows the page');

  const validate = captureIo(site);
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout + validate.stderr);

  // The finder takes the prebuilt index only when it fits the listings it loaded from feed.json.
  const data = parseFeedText(await readFile(join(site, 'feed.json'), 'utf8'), 'feed.json');
  const prebuiltIndex = await readFile(join(site, 'index.json'), 'utf8');
  const state = { q: 'walk', filters: {}, sort: 'relevance' as const };
  const fromIndex = await createEngine(data, { prebuiltIndex }).query(state);
  const built = await createEngine(data).query(state);
  assert.ok(fromIndex.total > 0);
  assert.deepEqual(fromIndex.keys, built.keys);
  assert.equal(JSON.parse(prebuiltIndex).format, 'community-atlas-index');

  // The ready feed is trusted as it is (its hash matches) and holds what feed.json holds.
  const readyText = await readFile(join(site, 'ready.json'), 'utf8');
  const ready = readReadyText(readyText, 'feed.json', 'https://council.example/atlas/ready.json');
  assert.ok(ready && 'data' in ready, 'ready.json is trusted');
  assert.deepEqual(ready.data, data);
  // It names no text index file: the finder indexes the listings after the first page, as it does feed.json's.
  assert.doesNotMatch(readyText.slice(0, readyText.indexOf('\n')), /"textIndex"/);
  assert.deepEqual((await createEngine(ready.data).query(state)).keys, built.keys);
});

test("a listing page says where each session is and what its notes say, as the feed gives them", async () => {
  const dir = await tempDir();
  const van: Listing = { ...walk, id: 'van', schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '10:00', end: '10:45', place: 'Village hall car park', notes: 'Stops only in dry weather.' }] };
  const { code, io } = await build(dir, { 'feed.json': feed([van]) });
  assert.equal(code, 0, io.stderr);
  const page = await readFile(join(dir, 'site', 'listings', 'van.html'), 'utf8');
  assert.match(page, /<li>Every Tuesday, 10am–10:45am, Village hall car park\. Stops only in dry weather\.<\/li>/);
});

test('a listing page answers the five questions in order, with Welsh text marked as Welsh', async () => {
  const dir = await tempDir();
  const { code, io } = await build(dir, { 'feed.json': feed([walk]) });
  assert.equal(code, 0, io.stderr);
  const page = await readFile(join(dir, 'site', 'listings', 'walk-riverside.html'), 'utf8');
  const headings = [...page.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(headings, ['What is it?', 'Who is it for?', 'How much does it cost?', 'When and where?', 'How do I get in touch or join?']);
  assert.match(page, /<html lang="en">/);
  assert.match(page, /<h1>Riverside health walk<\/h1><h1 lang="cy">Taith iechyd glan yr afon<\/h1>|<h1>Riverside health walk<\/h1>/);
  assert.match(page, /lang="cy">Taith iechyd glan yr afon</);
  assert.match(page, /Every Tuesday, 10am–11am/);
  assert.match(page, /Ages 50 and over\./);
  assert.match(page, /<a href="tel:01234567890">01234 567890<\/a>/);
  assert.match(page, /<a href="mailto:walks@example.org">/);
  assert.match(page, /Mill Lane<br>Northbridge<br>NB1 2AA/);
  assert.match(page, /<link rel="stylesheet" href="..\/atlas-static.css">/);
});

test('a listing page says each thing once: a price its description repeats, and a referral the person can also do without', async () => {
  const dir = await tempDir();
  const aquaFit: Listing = {
    ...walk,
    id: 'aqua-fit',
    name: 'Aqua fit',
    cost: { amount: 3, per: 'session', description: '£3 a session' },
    referral: ['self', 'professional'],
  };
  const gym: Listing = { ...walk, id: 'gym', name: 'Gym referral', cost: { amount: 2.5, per: 'session', description: 'Concessions available' }, referral: 'professional' };
  const { code, io } = await build(dir, { 'feed.json': feed([aquaFit, gym]) });
  assert.equal(code, 0, io.stderr);
  const page = await readFile(join(dir, 'site', 'listings', 'aqua-fit.html'), 'utf8');
  assert.equal([...page.matchAll(/£3 a session/g)].length, 1, 'the price once');
  assert.match(page, /You can contact them yourself\./);
  assert.match(page, /A professional, such as a GP or link worker, can also refer you\./);
  assert.doesNotMatch(page, /You need a referral/);
  const other = await readFile(join(dir, 'site', 'listings', 'gym.html'), 'utf8');
  assert.match(other, /<p>£2\.50 a session\.<\/p><p>Concessions available<\/p>/);
  assert.match(other, /You need a referral from a professional, such as a GP or link worker\./);
});

test('a feed’s names for its categories are used on the pages and kept in the built feed', async () => {
  const dir = await tempDir();
  const park: Listing = { ...walk, id: 'park', categories: ['park-garden', 'walking'] };
  const vocabulary = { categories: [{ id: 'park-garden', label: { en: 'Parks and gardens', cy: 'Parciau a gerddi' } }] };
  const { code, io } = await build(dir, { 'feed.json': feed([park], { vocabulary }) });
  assert.equal(code, 0, io.stderr);
  const page = await readFile(join(dir, 'site', 'listings', 'park.html'), 'utf8');
  assert.match(page, /Type: Parks and gardens, Walking\./);
  const built = JSON.parse(await readFile(join(dir, 'site', 'feed.json'), 'utf8')) as Feed;
  assert.deepEqual(built.vocabulary?.categories, vocabulary.categories);
  const validate = captureIo(join(dir, 'site'));
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout);
});

test('a listing page says when it was last checked, warns past a year, and links to report something wrong', async () => {
  const dir = await tempDir();
  const recent = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const old: Listing = { ...walk, id: 'old', name: 'Old news club', lastVerified: '2024-05-01' };
  const fresh: Listing = { ...walk, id: 'fresh', lastVerified: recent };
  const publisher = { name: 'Northbridge Borough Council', id: 'northbridge', feedbackUrl: 'https://example.org/report?listing={id}&name={name}' };
  const { code, io } = await build(dir, { 'feed.json': feed([old, fresh], { publisher }) });
  assert.equal(code, 0, io.stderr);
  const page = await readFile(join(dir, 'site', 'listings', 'old.html'), 'utf8');
  assert.match(page, /<p>Last checked 1 May 2024\.<\/p>/);
  assert.match(page, /last checked over a year ago/);
  assert.match(page, /<a href="https:\/\/example.org\/report\?listing=old&amp;name=Old%20news%20club">Report something wrong with this listing<\/a>/);
  const other = await readFile(join(dir, 'site', 'listings', 'fresh.html'), 'utf8');
  assert.match(other, /Last checked \d{1,2} [A-Z][a-z]+ \d{4}\./);
  assert.doesNotMatch(other, /over a year ago/);
});

test('feed text is escaped everywhere and unsafe links are left out', async () => {
  const dir = await tempDir();
  const hostile: Listing = {
    ...walk,
    id: 'hostile',
    name: '<script>alert(1)</script> & "friends"',
    summary: '"><img src=x onerror=alert(2)>',
    description: { en: '</p><iframe src="https://evil.example"></iframe>', cy: "<b onmouseover='x'>" },
    location: { name: '<svg onload=alert(3)>', postcode: 'NB1 2AA' },
    contact: { url: 'javascript:alert(4)', name: '<b>Jan</b>' },
    howToJoin: '<a href="javascript:alert(5)">join</a>',
  };
  const { code, io } = await build(dir, { 'feed.json': feed([hostile]) });
  assert.equal(code, 0, io.stderr);
  for (const file of ['index.html', 'listings/hostile.html']) {
    const page = await readFile(join(dir, 'site', file), 'utf8');
    assert.doesNotMatch(page, /<script>alert|<img|<iframe|<svg|<b[ >]|<[^>]*\son[a-z]+=|href="javascript:/i, file);
    assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;friends&quot;/, file);
  }
  const page = await readFile(join(dir, 'site', 'listings', 'hostile.html'), 'utf8');
  assert.match(page, /&lt;iframe src=&quot;https:\/\/evil.example&quot;&gt;/);
  assert.match(page, /&lt;a href=&quot;javascript:alert\(5\)&quot;&gt;join&lt;\/a&gt;/);
  assert.match(page, /<title>&lt;script&gt;/);
  assert.match(page, /&lt;b&gt;Jan&lt;\/b&gt;/);
  assert.match(io.stderr, /Left out 1 unsafe value/);
  const validate = captureIo(join(dir, 'site'));
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout);
});

test('atlas build refuses an existing folder without --force and leaves it as it was; --force replaces it whole', async () => {
  const dir = await tempDir();
  await mkdir(join(dir, 'site'));
  await writeFile(join(dir, 'site', 'keep.txt'), 'mine');
  const refused = await build(dir, { 'feed.json': feed([walk]) });
  assert.equal(refused.code, 2);
  assert.match(refused.io.stderr, /site already exists\. Use --force to replace it\./);
  assert.deepEqual(await readdir(join(dir, 'site')), ['keep.txt']);

  const forced = await build(dir, { 'feed.json': feed([walk]) }, '--force');
  assert.equal(forced.code, 0, forced.io.stderr);
  const after = await readdir(join(dir, 'site'));
  assert.ok(!after.includes('keep.txt'), 'the old folder is gone, not mixed in');
  assert.ok(after.includes('index.html'));
  assert.deepEqual((await readdir(dir)).sort(), ['feed.json', 'site'], 'no temporary folder left behind');
});

test('a feed that is not JSON stops the build and nothing is written', async () => {
  const dir = await tempDir();
  const { code, io } = await build(dir, { 'good.json': feed([walk]), 'bad.json': '{"version": "1", "listings": [' });
  assert.equal(code, 1);
  assert.match(io.stderr, /bad\.json/);
  assert.match(io.stderr, /Nothing was written to site\./);
  assert.deepEqual((await readdir(dir)).sort(), ['bad.json', 'good.json']);
});

test('usage errors exit 2: no feed, no --out, a bad --base-url', async () => {
  const dir = await tempDir();
  assert.equal(await main(['build', '--out', 'site'], captureIo(dir)), 2);
  assert.equal(await main(['build', 'feed.json'], captureIo(dir)), 2);
  assert.equal(await main(['build', 'feed.json', '--out', 'site', '--base-url', 'javascript:x'], captureIo(dir)), 2);
  assert.deepEqual(await readdir(dir), []);
});

test('several feeds merge into one that validates: a clashing id gets its publisher prefix, a broken listing is left out', async () => {
  const dir = await tempDir();
  const nhs = feed([{ ...walk, name: 'NHS walk' }, { id: 'broken', kind: 'activity' } as unknown as Listing], {
    publisher: { name: 'Northbridge NHS', id: 'nhs', url: 'https://nhs.example.org' },
    updated: '2026-11-10',
  });
  const { code, io } = await build(dir, { 'council.json': feed([walk]), 'nhs.json': nhs });
  assert.equal(code, 0, io.stderr);
  assert.match(io.stderr, /Left out 1 listing with errors/);
  assert.match(io.stderr, /nhs\.json: listing "walk-riverside" is also in an earlier feed; it is "nhs-walk-riverside" in feed\.json\./);
  const merged = JSON.parse(await readFile(join(dir, 'site', 'feed.json'), 'utf8')) as Feed;
  assert.deepEqual(merged.listings.map((l) => l.id), ['walk-riverside', 'nhs-walk-riverside']);
  assert.equal(merged.updated, '2026-11-10');
  assert.deepEqual(merged.listings[1]?.organisation, { name: 'Northbridge NHS', url: 'https://nhs.example.org' });
  const validate = captureIo(join(dir, 'site'));
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout);
  assert.equal((await readdir(join(dir, 'site', 'listings'))).length, 2);
});

test('--postcodes puts the gazetteer for the feed\'s area into feed.json, and only that area', async () => {
  const dir = await tempDir();
  await writeFile(join(dir, 'sectors.csv'), 'sector,lat,lng\nNB1 2,52.10,-1.20\nNB1 3,52.11,-1.21\nZZ9 9,57.0,-4.0\n');
  await writeFile(join(dir, 'outcodes.csv'), 'outcode,lat,lng\nNB1,52.105,-1.205\nZZ9,57.0,-4.0\n');
  const { code, io } = await build(dir, { 'feed.json': feed([walk]) }, '--postcodes', 'sectors.csv', '--postcodes', 'outcodes.csv');
  assert.equal(code, 0, io.stderr);
  const merged = JSON.parse(await readFile(join(dir, 'site', 'feed.json'), 'utf8')) as Feed;
  const gazetteer = merged.gazetteer as { districts: Record<string, unknown>; sectors: Record<string, unknown> };
  assert.deepEqual(Object.keys(gazetteer.districts), ['NB1']);
  assert.deepEqual(Object.keys(gazetteer.sectors).sort(), ['NB1 2', 'NB1 3']);
  assert.match(io.stderr, /gazetteer of 1 districts and 2 sectors/);
  const validate = captureIo(join(dir, 'site'));
  assert.equal(await main(['validate', 'feed.json'], validate), 0, validate.stdout);
});
