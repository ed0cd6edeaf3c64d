// Node tests: a plain feed's body parsed as it arrives (feed/arriving.ts, what the search worker does
// with each piece while the rest comes) gives exactly the value JSON.parse gives of the whole text, for
// every cut into pieces, or gives up (the worker then reads the whole body as before): never another value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArrivingFeed } from '../src/feed/arriving.js';
import { READY_TEXT_START } from '../src/feed/ready-seal.js';

/** What JSON.parse gives of the bytes as TextDecoder decodes them (a byte order mark dropped), or 'throws'. */
function whole(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return 'throws';
  }
}

/** The value read from the bytes in pieces cut at `cuts`, batches of `batch` bytes; the pieces from the `last`th on added once all are in (`addLast`). */
function arriving(bytes: Uint8Array, cuts: number[], batch: number, last = Infinity): unknown {
  const feed = new ArrivingFeed(batch);
  let at = 0;
  [...cuts, bytes.length].forEach((cut, k) => {
    // Each piece its own buffer, as the worker is handed them.
    if (k >= last) feed.addLast(bytes.slice(at, cut));
    else feed.add(bytes.slice(at, cut));
    at = cut;
  });
  return feed.value();
}

/** The same value, members in the same order (deepEqual alone does not see the order). */
function same(got: unknown, want: unknown, what: string): void {
  assert.deepEqual(got, want, what);
  assert.equal(JSON.stringify(got), JSON.stringify(want), what);
}

const feed = {
  version: '1',
  publisher: { name: 'Caerdydd “listings”: [not] {these}', url: 'https://example.org' },
  note: 'listings',
  areas: [{ id: 'a', name: 'Área ] }' }],
  listings: [
    { id: 'one', kind: 'asset', name: 'Hall \\"}]', summary: 'A "listings": [ here', n: -0.5e3 },
    'a listing that is a string, ] }',
    { id: 'two', kind: 'activity', name: 'Taith iechyd – glan yr afon ✓ 😀', tags: [[1, 2], { a: [] }] },
    [1, [2, { '3': 4 }]],
    { id: 'three', kind: 'asset', name: 'Café {', nested: { listings: [{ id: 'no' }] }, __proto__x: 1 },
    7,
    { id: 'four', kind: 'transfer', name: 'Old library', '2': 'a number name', '1': 'first' },
  ],
  after: { listings: [] },
  '10': 'a member whose name is a number',
};

const bodies: Record<string, string> = {
  plain: JSON.stringify(feed),
  indented: JSON.stringify(feed, null, 2),
  'with a byte order mark': '\uFEFF' + JSON.stringify(feed, null, '\t'),
  'white space and CRLF around': ' \r\n' + JSON.stringify(feed, null, 1).replace(/\n/g, '\r\n') + '\r\n ',
  'listings first': JSON.stringify({ listings: feed.listings, version: '1' }),
  'listings last, none after': JSON.stringify({ version: '1', listings: feed.listings }),
  'no listings': JSON.stringify({ ...feed, listings: [] }),
  'one listing': JSON.stringify({ ...feed, listings: [feed.listings[0]] }),
  'listings twice (the last wins)': '{"listings":[{"id":"a"}],"version":"1","listings":[{"id":"b"}]}',
  'listings twice, once escaped': '{"listings":[{"id":"a"}],"list\\u0069ngs":[{"id":"b"}]}',
  'listings escaped, then plain': '{"list\\u0069ngs":[{"id":"a"}],"listings":[{"id":"b"}]}',
  'listings not an array': '{"version":"1","listings":{"a":[{"id":"b"}]}}',
  'listings a string': '{"version":"1","listings":"[{}]"}',
  'listings under another member': '{"feed":{"listings":[{"id":"a"},{"id":"b"}]}}',
  'a feed that is an array': '[{"listings":[{"id":"a"}]}]',
  'ready feed': `${READY_TEXT_START},"version":1,"hash":"x","length":3,\n"listings":[{"id":"a"}]}`,
  'a name with escapes': '{"ver\\"sion":"1","listings":[{"id":"a\\\\"},{"id":"\\u00e9"}]}',
  'a number before the listings': '{"listings":-[{"id":"a"}]}',
  'a fraction after a listing': '{"listings":[{"id":"a"}.5,{"id":"b"}]}',
  'a comma missing between listings': '{"listings":[{"id":"a"}{"id":"b"}]}',
  'a trailing comma': '{"listings":[{"id":"a"},{"id":"b"},]}',
  'a leading comma': '{"listings":[,{"id":"a"}]}',
  'the array not closed': '{"listings":[{"id":"a"},{"id":"b"}',
  'cut in a string': '{"listings":[{"id":"a"},{"id":"b',
  'something after the feed': '{"listings":[{"id":"a"}]} x',
  'two feeds': '{"listings":[{"id":"a"}]}{"listings":[]}',
  'an unclosed listing': '{"listings":[{"id":"a",{"id":"b"}]}',
  'a lone backslash before a letter beyond ASCII': '{"listings":[{"id":"\\é"}]}',
  'white space JSON does not allow': '{"listings":[{"id":"a"}\u000b]}',
  'an escape at a piece\'s edge': '{"listings":[{"id":"\\\\"},{"id":"\\"\\\\\\"}"}],"x":1}',
  'a control character in a string': '{"listings":[{"id":"a\u0001"}]}',
  'members after the listings, one named as before': '{"a":1,"listings":[{"id":"a"},{"id":"b"}],"b":2,"a":3,"0":4}',
  'a member after the listings named like the parser\'s own': '{"listings":[{"id":"a"},{"id":"b"}],"\\u0001":[1]}',
  'a member after the listings named __proto__': '{"listings":[{"id":"a"},{"id":"b"}],"__proto__":{"x":1}}',
};

/** A head before the listings longer than the bytes a feed's start is known from (a ready feed's is not), so that every cut in the listings is tried. */
const HEAD = '{"version":"1","publisher":{"name":"Cyngor Sir {[\\"listings\\"]}"},';
for (const [name, text] of Object.entries(bodies)) if (text.startsWith('{"listings"')) bodies[`${name}, after a head`] = HEAD + text.slice(1);

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Bodies that are read as they arrive (the rest are given up on, or refused by JSON.parse). */
const readAsArriving = new Set(['members after the listings, one named as before', 'a member after the listings named __proto__', 'plain', 'indented', 'with a byte order mark', 'white space and CRLF around', 'listings first', 'listings last, none after', 'no listings', 'one listing', "an escape at a piece's edge", "an escape at a piece's edge"]);

test('every cut of tricky bodies into pieces gives what JSON.parse gives, or gives up', () => {
  for (const [name, text] of Object.entries(bodies)) {
    const bytes = bytesOf(text);
    const want = whole(bytes);
    const n = bytes.length;
    const cutsOf: number[][] = [];
    // Every cut into two, and into three with a short piece between (a character, an escape, `]}`).
    for (let a = 0; a <= n; a++) for (let b = a; b <= Math.min(n, a + 5); b++) cutsOf.push([a, b]);
    // Pieces of a few sizes.
    for (const size of [1, 2, 3, 7, 13]) cutsOf.push(Array.from({ length: Math.ceil(n / size) }, (_, k) => k * size));
    let read = 0;
    for (const [batch, last] of [[1, Infinity], [16, Infinity], [1 << 20, Infinity], [1, 1], [1, 2], [16, 2]] as const) {
      for (const cuts of cutsOf) {
        const got = arriving(bytes, cuts, batch, last);
        if (got === undefined) continue;
        read++;
        assert.notEqual(want, 'throws', `${name}: read a body JSON.parse refuses (cut at ${cuts.join()}, batches of ${batch}, the last from ${last})`);
        same(got, want, `${name}: cut at ${cuts.join()}, batches of ${batch}, the last from ${last}`);
      }
    }
    if (readAsArriving.has(name.replace(/, after a head$/, ''))) assert.equal(read, cutsOf.length * 6, `${name} is read as it arrives, however it is cut`);
    else assert.equal(read, 0, `${name} is given up on`);
  }
});

test('bytes that are not well-formed UTF-8 are given up on, wherever they are cut', () => {
  const good = bytesOf(JSON.stringify({ listings: [{ id: 'é😀' }, { id: 'b' }] }));
  const at = good.indexOf(0xc3);
  const broken = [
    Uint8Array.from([...good.slice(0, at), 0xc3, 0x28, ...good.slice(at + 2)]), // a lead byte, then no continuation
    Uint8Array.from([...good.slice(0, at), 0xff, ...good.slice(at + 2)]), // never in UTF-8
    Uint8Array.from([...good.slice(0, at), 0xe0, 0x80, 0x80, ...good.slice(at + 2)]), // too long a form
    Uint8Array.from([...good.slice(0, at), 0xed, 0xa0, 0x80, ...good.slice(at + 2)]), // a surrogate
    good.slice(0, good.length - 1).map((b, i, all) => (i === all.length - 1 ? 0xf0 : b)), // cut mid-character
  ];
  for (const bytes of broken) {
    for (let a = 0; a <= bytes.length; a++) assert.equal(arriving(bytes, [a], 4), undefined, `cut at ${a}`);
  }
  // The good one, cut anywhere (mid-character too), is read.
  for (let a = 0; a <= good.length; a++) same(arriving(good, [a, Math.min(good.length, a + 1)], 4), whole(good), `cut at ${a}`);
});

test('a large generated feed in pieces of many sizes gives what JSON.parse gives', () => {
  const listings = Array.from({ length: 3000 }, (_, i) => ({
    id: `l${i}`, kind: i % 3 ? 'asset' : 'activity', name: `Listing ${i} ${i % 7 ? '' : 'Café “quoted” \\ } ] 😀'}`,
    tags: i % 5 ? ['a', 'b'] : [], location: { lat: 51 + i / 1e4, lng: -3 - i / 1e4 }, nested: { listings: [i] },
  }));
  const text = JSON.stringify({ version: '1', publisher: { name: 'P' }, listings, after: 'x' }, null, 2);
  const bytes = bytesOf(text);
  const want = whole(bytes);
  for (const size of [1 << 10, 4093, 65536, 300_001]) {
    const cuts: number[] = [];
    for (let at = size; at < bytes.length; at += size) cuts.push(at);
    same(arriving(bytes, cuts, 1 << 14), want, `pieces of ${size}`);
  }
});

/** Every byte of each file's body, cut into pieces of a few sizes: read as it arrived, it is what JSON.parse gives. */
function holdsInPieces(files: [string, Uint8Array][]): number {
  let read = 0;
  for (const [name, bytes] of files) {
    const want = whole(bytes);
    for (const size of [997, 65536]) {
      const cuts: number[] = [];
      for (let at = size; at < bytes.length; at += size) cuts.push(at);
      const got = arriving(bytes, cuts, 1 << 15);
      if (got === undefined) continue;
      read++;
      same(got, want, `${name} in pieces of ${size}`);
    }
  }
  return read;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));

test('the fixture feeds, cut into pieces, give what JSON.parse gives', async () => {
  const dir = join(root, 'test/fixtures/feeds');
  const files = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.json')).map(async (f): Promise<[string, Uint8Array]> => [f, new Uint8Array(await readFile(join(dir, f)))]));
  assert.ok(holdsInPieces(files) > files.length, 'most fixture feeds are read as they arrive');
});

const realData = process.env['ATLAS_REAL_DATA'];

test('the real UK feeds (imported by the CLI, and OpenActive pages as they are), cut into pieces, give what JSON.parse gives', { skip: !realData && 'ATLAS_REAL_DATA is not set' }, async () => {
  const { main } = await import('../../cli/src/main.js');
  const out = await mkdtemp(join(tmpdir(), 'atlas-arriving-real-'));
  const io = { cwd: realData!, out() {}, err() {} };
  const imported: [string, string[]][] = [
    ['libraries', ['import', 'csv', 'libraries/libraries_uk_schema_geocoded.csv', '--map', join(root, 'packages/cli/mappings/libraries.json'), '--today', '2026-11-01']],
    ['openactive', ['import', 'openactive', 'openactive/everyone-active_rpde_page_20200106.json']],
    ...(await readdir(join(realData!, 'mobile-libraries'))).filter((f) => f.endsWith('.csv')).sort().map((f): [string, string[]] => [
      `mobile-libraries/${f}`, ['import', 'csv', `mobile-libraries/${f}`, '--map', join(root, 'packages/cli/mappings/mobile-libraries.json'), '--today', '2026-11-01'],
    ]),
  ];
  const files: [string, Uint8Array][] = [];
  for (const [name, args] of imported) {
    const file = join(out, `${name.replace(/\W/g, '-')}.json`);
    assert.equal(await main([...args, '--out', file], io), 0, name);
    files.push([name, new Uint8Array(await readFile(file))]);
    // Indented, as a hand-written feed is.
    files.push([`${name}, indented`, new TextEncoder().encode(JSON.stringify(JSON.parse(await readFile(file, 'utf8')), null, 2))]);
  }
  for (const f of (await readdir(join(realData!, 'openactive'))).filter((f) => f.endsWith('.json'))) files.push([f, new Uint8Array(await readFile(join(realData!, 'openactive', f)))]);
  assert.ok(holdsInPieces(files) >= imported.length * 4, 'the imported feeds are read as they arrive');
});
