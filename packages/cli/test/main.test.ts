import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../src/main.js';

test('atlas with no command is a usage error', async () => {
  assert.equal(await main([]), 2);
});
