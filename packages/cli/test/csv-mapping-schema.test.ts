import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { FIELD_TYPES } from '../src/import/csv-mapping.js';

const read = async (relative: string): Promise<unknown> => JSON.parse(await readFile(fileURLToPath(new URL(relative, import.meta.url)), 'utf8'));

test('the mapping JSON Schema accepts every shipped mapping and knows the same fields as the importer', async () => {
  const schema = (await read('../mappings/mapping.schema.json')) as { properties: { fields: { propertyNames: { enum: string[] } } } };
  assert.deepEqual(schema.properties.fields.propertyNames.enum, Object.keys(FIELD_TYPES));
  const validate = new Ajv2020({ allErrors: true }).compile(schema);
  for (const file of ['../mappings/libraries.json', '../mappings/mobile-libraries.json', '../mappings/libraries-england.json', '../../../demo/data/community-asset-transfer.mapping.json', '../../../demo/data/acv-register.mapping.json']) {
    assert.ok(validate(await read(file)), `${file}: ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate({ fields: { colour: 'Name' } }), false, 'an unknown field is refused');
  assert.equal(validate({ fields: { name: 'Name' }, skip: [{ column: 'Closed', when: 'filled' }] }), false, 'a skip rule needs a reason');
});
