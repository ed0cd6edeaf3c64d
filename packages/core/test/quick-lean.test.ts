// The quick check does without what the first chunk should not carry (the default
// stages' labels, the postcode package) and still accepts and refuses exactly as
// before: the same stage ids as the built-in list, and exactly the postcodes the
// normaliser keeps as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseFeed } from '../src/feed/normalise.js';
import { quickFeed } from '../src/feed/quick.js';
import { DEFAULT_TRANSFER_STAGE_IDS } from '../src/feed/types.js';
import { DEFAULT_TRANSFER_STAGES } from '../src/feed/stages.js';
import { normalisePostcode } from '../src/feed/postcode.js';

const feed = (listing: Record<string, unknown>): unknown => ({
  version: '1',
  publisher: { name: 'Northbridge Borough Council' },
  listings: [{ id: 'a', kind: 'asset', name: 'Hall', ...listing }],
});

test('the quick check knows the built-in transfer stages by the same ids, in the same order', () => {
  assert.deepEqual(DEFAULT_TRANSFER_STAGE_IDS, DEFAULT_TRANSFER_STAGES.map((s) => s.id));
  for (const { id } of DEFAULT_TRANSFER_STAGES) {
    const transfer = feed({ kind: 'transfer', transfer: { assetType: 'hall', status: 'available', currentStage: id, stages: [{ id }] } });
    assert.ok(quickFeed(transfer), `${id} is a built-in stage`);
    assert.deepEqual(normaliseFeed(transfer).problems, [], id);
  }
  const unknown = feed({ kind: 'transfer', transfer: { assetType: 'hall', status: 'available', currentStage: 'haggling' } });
  assert.equal(quickFeed(unknown), undefined);
});

test('the quick check accepts exactly the postcodes the normaliser keeps as written', () => {
  const samples = new Set<unknown>([
    'NB1 2AA', 'SW1A 1AA', 'EH1 1AA', 'BT1 1AA', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'W1A 0AX', 'EC1A 1BB', 'GIR 0AA',
    'nb1 2aa', 'Nb1 2AA', 'NB12AA', 'NB1  2AA', ' NB1 2AA', 'NB1 2AA ', 'NB1\t2AA', 'NB1\u00a02AA', 'NB1 2A', 'NB 2AA', '1B1 2AA',
    'ABC1 2AA', 'NB1A 2AA', 'NB11A 2AA', 'NB1 22A', 'NB1 2AAA', 'TBC', '', 12, null, ['NB1 2AA'], 'ＮＢ1 2AA', 'NB١ 2AA',
  ]);
  // Random strings near the postcode shape: letters, digits, spaces in every place.
  let seed = 20261126;
  const next = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const alphabet = 'ABNSWZabnz0129 \t';
  for (let i = 0; i < 20_000; i++) {
    const length = 5 + Math.floor(next() * 5);
    let s = '';
    for (let j = 0; j < length; j++) s += alphabet[Math.floor(next() * alphabet.length)];
    samples.add(s);
  }
  let accepted = 0;
  for (const postcode of samples) {
    const input = feed({ location: { postcode } });
    const kept = typeof postcode === 'string' && normalisePostcode(postcode) === postcode;
    const quick = quickFeed(input);
    assert.equal(Boolean(quick), kept, `postcode ${JSON.stringify(postcode)}`);
    if (quick) {
      assert.deepStrictEqual(quick, normaliseFeed(input), `postcode ${JSON.stringify(postcode)}`);
      accepted++;
    }
  }
  assert.ok(accepted > 10, `only ${accepted} postcodes were accepted`);
});
