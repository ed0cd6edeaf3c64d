/**
 * What `atlas export oruk` writes, checked against the official Open Referral UK
 * 3.0 schemas (the compiled `service.json` and `service_list.json` of the UK
 * profile), with ajv and its formats (uuid, uri, email, date), then against a
 * closed copy of the same schemas that also refuses any field the profile does
 * not define.
 *
 * The schemas are not copied into this repository. Their licence (CC BY-SA 4.0)
 * would allow it, with attribution, but a copy goes stale beside the official
 * files, and it would put share-alike files in an MIT package. The tests read
 * them from `ATLAS_STANDARDS` (the folder holding `oruk-3.0/`), or from
 * `../shared/standards` beside the repository, and are skipped, saying so, when
 * neither is there.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Feed } from '@community-atlas/core';
import { main } from '../src/main.js';
import type { Io } from '../src/io.js';
import { exportOruk, orukListItem } from '../src/export/oruk.js';
import { importOruk } from '@community-atlas/core/oruk';
import { importOpenActive } from '../src/import/openactive.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STANDARDS = process.env.ATLAS_STANDARDS ? resolve(process.env.ATLAS_STANDARDS) : resolve(ROOT, '..', 'shared', 'standards');
const SCHEMAS = join(STANDARDS, 'oruk-3.0', 'schema');
const noSchemas = !existsSync(join(SCHEMAS, 'compiled', 'service.json')) &&
  `the official ORUK 3.0 schemas are not at ${SCHEMAS}: set ATLAS_STANDARDS to the folder that holds oruk-3.0/`;
const realData = process.env.ATLAS_REAL_DATA;

type Schema = Record<string, unknown>;

interface Validators {
  service: ValidateFunction;
  serviceList: ValidateFunction;
  page: ValidateFunction;
  closedService: ValidateFunction;
  closedList: ValidateFunction;
}

let validators: Promise<Validators> | undefined;

async function readSchema(path: string): Promise<Schema> {
  return JSON.parse(await readFile(join(SCHEMAS, path), 'utf8')) as Schema;
}

/**
 * A copy of a profile schema that refuses fields the profile does not define
 * (`additionalProperties: false` on every object), checks `datapackage_type`
 * dates as dates and times as HH:MM, and lets a contact carry its phones: the
 * one place we write beyond the compiled service, with each phone a valid
 * profile `phone` record.
 */
function closed(schema: Schema, phone: Schema, path = ''): Schema {
  const copy: Schema = { ...schema };
  if (copy.datapackage_type === 'date') copy.format = 'date';
  if (copy.datapackage_type === 'time') copy.pattern = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
  const properties = copy.properties as Record<string, Schema> | undefined;
  if (properties) {
    const next: Record<string, Schema> = {};
    for (const [name, value] of Object.entries(properties)) next[name] = closed(value, phone, `${path}/${name}`);
    if (path === '/contacts[]') next.phones = { type: 'array', items: phone };
    copy.properties = next;
    copy.additionalProperties = false;
  }
  if (copy.items && typeof copy.items === 'object') copy.items = closed(copy.items as Schema, phone, `${path}[]`);
  return copy;
}

async function loadValidators(): Promise<Validators> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const service = await readSchema('compiled/service.json');
  const serviceList = await readSchema('compiled/service_list.json');
  const openapi = await readSchema('openapi.json');
  const rawPhone = await readSchema('phone.json');
  // The phone's `languages` point at another file; we never write them, so the closed copy refuses them.
  const phoneProperties = { ...(rawPhone.properties as Record<string, Schema>) };
  delete phoneProperties.languages;
  const phone = closed({ ...rawPhone, properties: phoneProperties }, {});
  const page = ((openapi.components as Schema).schemas as Schema).Page as Schema;
  return {
    service: ajv.compile(service),
    serviceList: ajv.compile(serviceList),
    page: ajv.compile({ ...page, required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'] }),
    closedService: ajv.compile(closed(service, phone)),
    closedList: ajv.compile(closed(serviceList, phone)),
  };
}

interface Checked {
  services: number;
  /** Errors against the official schemas as published. */
  errors: string[];
  /** Fields outside the profile, or dates and times in the wrong form. */
  strictErrors: string[];
}

async function check(page: ReturnType<typeof exportOruk>['page']): Promise<Checked> {
  validators ??= loadValidators();
  const v = await validators;
  const result: Checked = { services: page.contents.length, errors: [], strictErrors: [] };
  const note = (into: string[], fn: ValidateFunction, what: string, data: unknown): void => {
    if (fn(data)) return;
    for (const error of fn.errors ?? []) into.push(`${what}${error.instancePath} ${error.message ?? ''}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`);
  };
  note(result.errors, v.page, 'page', page);
  for (const service of page.contents) {
    const id = String(service.id);
    note(result.errors, v.service, `service ${id}`, service);
    note(result.errors, v.serviceList, `list item ${id}`, orukListItem(service));
    note(result.strictErrors, v.closedService, `service ${id}`, service);
    note(result.strictErrors, v.closedList, `list item ${id}`, orukListItem(service));
  }
  return result;
}

/** The record ids the profile says are unique: every one but an organisation's and a taxonomy term's, which services share. */
function duplicateIds(contents: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, key);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.id === 'string' && !['organization', 'taxonomy_term', 'organization_identifiers'].includes(key)) {
      if (seen.has(record.id)) duplicates.push(`${key} ${record.id}`);
      seen.add(record.id);
    }
    for (const [name, child] of Object.entries(record)) if (typeof child === 'object') walk(child, name);
  };
  walk(contents, 'service');
  return duplicates;
}

function report(t: TestContext, what: string, checked: Checked): void {
  t.diagnostic(`${what}: ${checked.services} services exported, ${checked.errors.length} errors against the official ORUK 3.0 schemas, ${checked.strictErrors.length} fields outside the profile`);
}

function assertClean(checked: Checked): void {
  assert.deepEqual(checked.errors.slice(0, 20), [], `${checked.errors.length} errors against the official schemas`);
  assert.deepEqual(checked.strictErrors.slice(0, 20), [], `${checked.strictErrors.length} fields outside the profile`);
}

test('every service exported from the demo feed validates against the official ORUK 3.0 schemas', { skip: noSchemas }, async (t) => {
  const feed = JSON.parse(await readFile(join(ROOT, 'demo', 'feed.json'), 'utf8')) as Feed;
  const exported = exportOruk(feed);
  const checked = await check(exported.page);
  report(t, 'demo feed', checked);
  assert.equal(checked.services, feed.listings.filter((l) => l.kind !== 'transfer').length);
  assertClean(checked);
  assert.deepEqual(duplicateIds(exported.page.contents), []);
  // An import of our own export gives our ids back.
  const back = importOruk([JSON.parse(JSON.stringify(exported.page))], { publisher: feed.publisher.name });
  assert.deepEqual(back.feed.listings.map((l) => l.id), feed.listings.filter((l) => l.kind !== 'transfer').map((l) => l.id));
});

function captureIo(): Io & { stderr: string } {
  const io = { stderr: '', cwd: process.cwd(), out() {}, err(text: string) { io.stderr += text + '\n'; } };
  return io;
}

test('every service exported from the real libraries feed validates against the official ORUK 3.0 schemas', { skip: noSchemas || (!realData && 'ATLAS_REAL_DATA is not set') }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-oruk-schema-'));
  const feedPath = join(dir, 'libraries.json');
  const io = captureIo();
  const csv = join(realData as string, 'libraries', 'libraries_uk_schema_geocoded.csv');
  const mapping = fileURLToPath(new URL('../mappings/libraries.json', import.meta.url));
  assert.equal(await main(['import', 'csv', csv, '--map', mapping, '--today', '2026-11-01', '--out', feedPath], io), 0, io.stderr);
  const exportIo = captureIo();
  const servicesPath = join(dir, 'services.json');
  assert.equal(await main(['export', 'oruk', feedPath, '--out', servicesPath], exportIo), 0, exportIo.stderr);
  const page = JSON.parse(await readFile(servicesPath, 'utf8')) as ReturnType<typeof exportOruk>['page'];
  const checked = await check(page);
  report(t, 'real libraries feed', checked);
  assert.equal(checked.services, 3753);
  assertClean(checked);
  assert.deepEqual(duplicateIds(page.contents), []);
});

test('every service exported from the real OpenActive page validates against the official ORUK 3.0 schemas', { skip: noSchemas || (!realData && 'ATLAS_REAL_DATA is not set') }, async (t) => {
  const file = join(realData as string, 'openactive', 'everyone-active_rpde_page_20200106.json');
  const feed = importOpenActive([JSON.parse(await readFile(file, 'utf8'))], { publisher: 'Everyone Active' }).feed;
  const checked = await check(exportOruk(feed).page);
  report(t, 'real OpenActive page', checked);
  assert.equal(checked.services, 250);
  assertClean(checked);
});

test('the check itself catches what made the old export fail', { skip: noSchemas }, async () => {
  const feed = JSON.parse(await readFile(join(ROOT, 'demo', 'feed.json'), 'utf8')) as Feed;
  const { page } = exportOruk({ ...feed, listings: feed.listings.slice(0, 3) });
  const broken = structuredClone(page);
  const service = broken.contents[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  service.id = 'market-cross-community-centre';
  delete service.service_at_locations[0].location.addresses[0].state_province;
  delete service.attributes[0].taxonomy_term.description;
  service.phones = [{ id: service.id, number: '01632 404979' }];
  service.schedules = [{ id: 'b0d1c3de-0000-4000-8000-000000000000', freq: 'WEEKLY', byday: 'MO', opens_at: '9am', dtstart: '01/02/2026' }];
  const checked = await check(broken);
  assert.ok(checked.errors.some((e) => /\/id must match format "uuid"/.test(e)), checked.errors.join('\n'));
  assert.ok(checked.errors.some((e) => /must have required property 'state_province'/.test(e)));
  assert.ok(checked.errors.some((e) => /must have required property 'description'/.test(e)));
  assert.ok(checked.strictErrors.some((e) => /additional properties \(phones\)/.test(e)), 'a field the profile removed');
  assert.ok(checked.strictErrors.some((e) => /schedules\/0\/dtstart must match format "date"/.test(e)));
  assert.ok(checked.strictErrors.some((e) => /schedules\/0\/opens_at must match pattern/.test(e)));
  assertClean(await check(page));
});
