import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { normaliseFeed } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';
import { PATTERN_WORDS } from '../src/commands/validate.js';

const require = createRequire(import.meta.url);
const schema = require('@community-atlas/core/feed.schema.json') as {
  examples?: unknown[];
  $defs: { Listing: { examples?: { kind: string }[] } };
};
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

function strictAjv(): Ajv2020 {
  // strict: true turns on strictSchema, strictTypes, strictTuples and strictRequired, and makes each throw.
  const ajv = new Ajv2020({ allErrors: true, strict: true, logger: false });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  return ajv;
}

function captureIo(cwd: string): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '', stderr: '', cwd,
    out(text: string) { io.stdout += text + '\n'; },
    err(text: string) { io.stderr += text + '\n'; },
  };
  return io;
}

test('feed.schema.json compiles under ajv strict mode', () => {
  assert.doesNotThrow(() => strictAjv().compile(schema));
});

test('the schema carries an example listing of each kind, each valid and clean by the finder\'s checks', () => {
  const validate = strictAjv().compile(schema);
  const examples = schema.$defs.Listing.examples ?? [];
  assert.deepEqual(examples.map((e) => e.kind).sort(), ['activity', 'asset', 'transfer']);
  const feed = { version: '1', publisher: { name: 'Northbridge Borough Council' }, updated: '2026-11-01', listings: examples };
  assert.ok(validate(feed), JSON.stringify(validate.errors, null, 2));
  const { problems, listings } = normaliseFeed(feed);
  assert.deepEqual(problems, []);
  assert.equal(listings.length, 3);
  for (const example of schema.examples ?? []) assert.ok(validate(example), JSON.stringify(validate.errors, null, 2));
  assert.ok((schema.examples ?? []).length >= 1, 'a whole minimal feed as the top-level example');
});

test('the minimal feed in the core README is valid as written', async () => {
  const readme = readFileSync(fileURLToPath(new URL('../../core/README.md', import.meta.url)), 'utf8');
  const block = /### A minimal feed, by hand[\s\S]*?```json\n([\s\S]*?)```/.exec(readme);
  assert.ok(block?.[1], 'the README has the section and its JSON');
  const dir = await mkdtemp(join(tmpdir(), 'atlas-minimal-'));
  await writeFile(join(dir, 'feed.json'), block[1]);
  const io = captureIo(dir);
  assert.equal(await main(['validate', 'feed.json'], io), 0, io.stderr);
  assert.match(io.stderr, /feed\.json: 2 listings kept, 0 skipped, 0 errors, 0 warnings/);
});

test('every pattern in the schema is explained in words, never as a regular expression', () => {
  const patterns = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') patterns.add(value);
      else if (key !== 'examples') walk(value);
    }
  };
  walk(schema);
  assert.ok(patterns.size >= 8);
  for (const pattern of patterns) assert.ok(PATTERN_WORDS[pattern], `no words for the pattern ${pattern}`);
});

test('a pattern error says in words what was expected', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-pattern-'));
  await writeFile(join(dir, 'feed.json'), JSON.stringify({
    version: '1', publisher: { name: 'Test', feedbackUrl: 'ftp://example.org/report' }, updated: '2026-11-01',
    listings: [
      { id: 'walk one', kind: 'activity', name: { EN_GB: 'Walk' }, schedule: [{ rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '25:00' }] },
    ],
  }));
  const io = captureIo(dir);
  assert.equal(await main(['validate', 'feed.json'], io), 1);
  // The finder's own checks word the id, link and rule; the schema's pattern words cover the rest.
  assert.match(io.stderr, /\(\$\.listings\[0\]\.name\): expected a language code such as en or cy, found the key "EN_GB"/);
  assert.match(io.stderr, /\(\$\.listings\[0\]\.schedule\[0\]\.start\): expected a time such as 09:30 \(24-hour, HH:MM\)/);
  assert.doesNotMatch(io.stderr, /text matching|\^\(|\[0-9\]/, 'no regular expression shown to a person');
});
