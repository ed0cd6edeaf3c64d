// Node tests of normaliseFeed for what the browser tests of fixtures do not reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseFeed } from '../src/feed/normalise.js';

test('a stage list named like an inherited property is an unknown stage list, not a crash that loses the whole feed', () => {
  for (const stageList of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
    const data = normaliseFeed({
      version: '1', publisher: { name: 'P' },
      listings: [
        { id: 'hall', kind: 'asset', name: 'Hall' },
        { id: 'depot', kind: 'transfer', name: 'Depot', transfer: { assetType: 'land', status: 'available', stageList } },
      ],
    });
    assert.deepEqual(data.listings.map((l) => l.id), ['hall', 'depot'], stageList);
    assert.equal(data.listings[1]!.transfer!.stageList, undefined);
    assert.deepEqual(data.problems.map((p) => p.code), ['unknown-stage-list'], stageList);
  }
});
