/**
 * The ORUK API the browser tests read (test/oruk-mock-api.mjs, served by web-test-runner)
 * answers exactly as the official OpenAPI description says: each list page is a `Page`
 * whose items are valid to `service_list.json` and carry no nested lists, each full record
 * at `/services/{id}` is valid to `service.json`, and an unknown id is a 404. Checked here
 * with the official schemas, so the browser tests test against the standard, not against
 * a guess at it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { handle } from '../../../test/oruk-mock-api.mjs';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const STANDARDS = process.env.ATLAS_STANDARDS ? resolve(process.env.ATLAS_STANDARDS) : resolve(ROOT, '..', 'shared', 'standards');
const SCHEMAS = join(STANDARDS, 'oruk-3.0', 'schema');
const missing = !existsSync(join(SCHEMAS, 'compiled', 'service.json')) && `the official ORUK 3.0 schemas are not at ${SCHEMAS} (set ATLAS_STANDARDS)`;

type Json = Record<string, unknown>;
const readJson = async <T = Json>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

function get(path: string, search = ''): { status: number; body: Json } {
  let got: { status: number; body: string } | undefined;
  assert.equal(handle(path, search, (answer) => (got = answer)), true, `${path} is the mock's`);
  assert.ok(got, `${path} answered at once`);
  return { status: got.status, body: JSON.parse(got.body) as Json };
}

test('the browser tests’ ORUK API answers as the official OpenAPI description and schemas say', { skip: missing }, async () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const openapi = await readJson<{ paths: Record<string, unknown>; components: { schemas: { Page: object } } }>(join(SCHEMAS, 'openapi.json'));
  assert.ok(openapi.paths['/services'] && openapi.paths['/services/{id}'], 'the description has both paths');
  const page = ajv.compile(openapi.components.schemas.Page);
  const listItem = ajv.compile(await readJson(join(SCHEMAS, 'compiled', 'service_list.json')));
  const full = ajv.compile(await readJson(join(SCHEMAS, 'compiled', 'service.json')));
  const listFields = Object.keys((await readJson<{ properties: Json }>(join(SCHEMAS, 'compiled', 'service_list.json'))).properties);
  const api = `/oruk-api/ok-schema-check`;

  const seen: string[] = [];
  for (const n of [1, 2, 3]) {
    const { status, body } = get(`${api}/services`, `page=${n}&per_page=12`);
    assert.equal(status, 200);
    assert.ok(page(body), JSON.stringify(page.errors));
    const { contents, ...paging } = body as Json & { contents: Json[] };
    assert.deepEqual(paging, { total_items: 30, total_pages: 3, page_number: n, size: n < 3 ? 12 : 6, first_page: n === 1, last_page: n === 3, empty: false });
    for (const item of contents) {
      assert.ok(listItem(item), `${String(item.id)}: ${JSON.stringify(listItem.errors)}`);
      assert.deepEqual(Object.keys(item).filter((k) => !listFields.includes(k)), [], 'only the one-to-one fields');
      assert.equal(Object.values(item).some(Array.isArray), false, 'no nested lists on a list page');
      const record = get(`${api}/services/${encodeURIComponent(String(item.id))}`);
      assert.equal(record.status, 200);
      assert.ok(full(record.body), `${String(item.id)}: ${JSON.stringify(full.errors?.slice(0, 3))}`);
      for (const nested of ['service_at_locations', 'schedules', 'contacts', 'taxonomy_terms', 'attributes']) {
        if (record.body[nested] !== undefined) assert.ok(Array.isArray(record.body[nested]), nested);
      }
      seen.push(String(item.id));
    }
  }
  assert.equal(new Set(seen).size, 30, 'every service once');
  // What the finder needs from the full record is there: a place, times, contacts.
  const records = seen.map((id) => get(`${api}/services/${id}`).body);
  assert.ok(records.filter((r) => (r.service_at_locations as unknown[] | undefined)?.length).length >= 20, 'places');
  assert.ok(records.filter((r) => (r.schedules as unknown[] | undefined)?.length).length >= 15, 'times');
  assert.ok(records.filter((r) => (r.contacts as unknown[] | undefined)?.length).length >= 25, 'contacts');

  assert.equal(get(`${api}/services/00000000-0000-5000-8000-000000000000`).status, 404);
  const log = get(`${api}/_log`).body;
  assert.deepEqual(log.pages, [1, 2, 3]);
});
