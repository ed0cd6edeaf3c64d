import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feed, Listing } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';

// The example registers in demo/data, as a council would keep them in a spreadsheet.
const DATA = fileURLToPath(new URL('../../../demo/data/', import.meta.url));

async function importRegister(csv: string, mapping: string, extra: string[] = []): Promise<{ code: number; feed: Feed; stderr: string }> {
  const out = join(await mkdtemp(join(tmpdir(), 'atlas-register-')), 'feed.json');
  const io: Io & { stderr: string } = { stderr: '', cwd: DATA, out() {}, err(text: string) { io.stderr += text + '\n'; } };
  const code = await main(['import', 'csv', csv, '--map', mapping, '--today', '2026-11-01', '--out', out, ...extra], io);
  assert.equal(await main(['validate', out], io), 0, `the imported feed passes atlas validate: ${io.stderr}`);
  return { code, feed: JSON.parse(await readFile(out, 'utf8')) as Feed, stderr: io.stderr };
}

const byId = (feed: Feed, id: string): Listing => {
  const found = feed.listings.find((l) => l.id === id);
  assert.ok(found, `no listing ${id}`);
  return found;
};

test('a community asset transfer register becomes transfer listings with terms, dates and documents', async () => {
  const { code, feed, stderr } = await importRegister('community-asset-transfer-register.csv', 'community-asset-transfer.mapping.json', [
    '--postcodes', 'northbridge-postcode-sectors.csv', '--postcodes', 'northbridge-postcode-districts.csv',
  ]);
  assert.equal(code, 0, stderr);
  assert.equal(feed.listings.length, 6);
  assert.ok(feed.listings.every((l) => l.kind === 'transfer'));
  const centre = byId(feed, 'CAT-014');
  assert.deepEqual(centre.transfer, {
    assetType: 'community-centre',
    status: 'available',
    currentStage: 'eoi-open',
    tenure: { type: 'leasehold', years: 25 },
    terms: 'peppercorn',
    floorAreaSqm: 420,
    currentUse: 'Community centre used by eight regular groups',
    reason: 'Asset review 2026: council wants community management',
    condition: 'Fair - roof repairs within 5 years',
    dates: { noticePublished: '2026-10-01', eoiDeadline: '2026-12-16' },
    documents: [
      { title: 'Information pack', url: 'https://example.org/cat/CAT-014/information-pack.pdf', type: 'pdf' },
      { title: 'Condition survey', url: 'https://example.org/cat/CAT-014/condition-survey.pdf', type: 'pdf' },
      { title: 'Expression of interest form', url: 'https://example.org/cat/CAT-014/expression-of-interest-form.docx', type: 'docx' },
    ],
  });
  assert.equal(centre.location?.postcode, 'NB6 2AQ', 'lower-case postcode tidied');
  assert.equal(centre.location?.geocodePrecision, 'sector');
  const land = byId(feed, 'CAT-016');
  assert.deepEqual(land.transfer?.tenure, { type: 'freehold' });
  assert.equal(land.transfer?.guidePrice, 25000);
  assert.equal(land.location?.postcode, 'NB8 3HP', 'doubled space tidied');
  assert.equal(byId(feed, 'CAT-011').transfer?.guideRent, 4500);
  assert.equal(byId(feed, 'CAT-004').transfer?.dates?.decision, '2025-05-14');
  assert.equal(byId(feed, 'CAT-004').transfer?.assetType, 'other', 'the "*" entry catches any other type');
  // The sectors the register's postcodes are in, and every other sector of the borough, for residents searching from them.
  const sectors = Object.keys((feed.gazetteer as { sectors: object }).sectors);
  for (const used of ['NB1 1', 'NB2 4', 'NB3 2', 'NB4 1', 'NB6 2', 'NB8 3']) assert.ok(sectors.includes(used), used);
  assert.equal(sectors.length, 32, 'all 32 sectors of the demo centroid file');
});

test('an assets of community value register becomes ACV listings; removed entries are skipped with a reason', async () => {
  const { code, feed, stderr } = await importRegister('acv-register.csv', 'acv-register.mapping.json');
  assert.equal(code, 0, stderr);
  assert.match(stderr, /acv-register\.csv: row 7: skipped: removed from the register/);
  assert.deepEqual(feed.listings.map((l) => l.id), ['acv-2024-03', 'acv-2023-07', 'acv-2026-02', 'acv-2026-05', 'acv-2025-01']);
  const pub = byId(feed, 'acv-2024-03');
  assert.deepEqual(pub.name, { en: 'The Red Lion', cy: 'Y Llew Coch' });
  assert.deepEqual(pub.acv, {
    status: 'listed',
    nominatedBy: 'Friends of the Red Lion',
    nominatedOn: '2025-03-12',
    listedOn: '2025-05-07',
    expiresOn: '2030-05-07',
    disposalNotifiedOn: '2026-10-02',
  });
  assert.deepEqual(byId(feed, 'acv-2026-05').acv, { status: 'nominated', nominatedBy: 'Hollowell Village Society', nominatedOn: '2026-10-14' });
  assert.equal(byId(feed, 'acv-2023-07').name, 'Millbrook Post Office');
});
