/**
 * What the embed's first chunk (`atlas.js`, everything a page runs before the
 * finder can start) must not hold, as a rule rather than as comments beside the
 * code. The embed is built here with source maps, into a folder of its own, so
 * the test never depends on an earlier build; the source map names every module
 * that put code into each file. The chunk map itself is the embed build's
 * configuration (vite.config.ts): a module lands where the `import()`s and the
 * code-splitting groups put it, and this is what says where it must not land.
 * `npm run size` holds the same chunk to its byte budget.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { buildEmbed, ROOT } from '../../../test/support/chromium.js';

/** Each part the first chunk must not hold: the modules that make it, and when it loads instead. */
const NOT_FIRST: { part: string; modules: RegExp; loads: string }[] = [
  { part: 'the search engine (its core, facets, text search, extras, deadlines, worker)', modules: /^packages\/core\/src\/engine\/(?!load\.ts$|types\.ts$)/, loads: 'beside the feed (engine/on-page.ts), or later' },
  { part: 'MiniSearch', modules: /^node_modules\/minisearch\//, loads: 'with text search, at the first words' },
  { part: 'reading a feed: the quick check, the normaliser, the JSON fault finder, the merger, the failure wording', modules: /^packages\/core\/src\/feed\/(quick|read|combine|parse|normalise|normaliser\/|fault|merge|failure|stages|report)/, loads: 'beside the feed, or only for a feed that needs it' },
  // The UK clock (zone.ts) and the English day and month names are the first screen's: its dates are
  // written without Intl, whose first date formatter is a long task (issue 18, item 7).
  { part: 'the schedule rules (recurrence, opening hours, sessions in words)', modules: /^packages\/core\/src\/schedule\/(?!clock\.ts$|zone\.ts$|names\.ts$)/, loads: 'beside the feed' },
  { part: 'distances and postcode lookups', modules: /^packages\/core\/src\/location\/|^packages\/elements\/src\/location\/lookup/, loads: 'beside the feed, or at the first postcode search' },
  { part: 'the map and Leaflet', modules: /^packages\/map\/|^node_modules\/leaflet/, loads: 'when a map is shown' },
  { part: 'Welsh', modules: /(^|\/)cy\.ts$|-cy\.ts$/, loads: "at a Welsh element's first update" },
  { part: "the prescriber's shortlist and print", modules: /^packages\/elements\/src\/(shortlist\/(?!context\.ts$|controller\.ts$)|print\/)/, loads: 'in prescriber mode or for a shared list' },
  { part: 'an opened listing', modules: /^packages\/elements\/src\/listing\/(?!define-listing\.ts$)/, loads: 'when a listing is opened' },
  { part: 'transfers', modules: /^packages\/(elements|core)\/src\/transfer\//, loads: 'beside a feed with transfers' },
  { part: 'Open Referral UK', modules: /^packages\/core\/src\/oruk\/|^packages\/elements\/src\/finder\/oruk-source/, loads: 'for an oruk: source' },
  { part: 'the suggestions, the hints for no results, the themes', modules: /^packages\/elements\/src\/(search\/suggestions|results\/relax|finder\/themes)/, loads: 'at first focus, at no results, beside the feed' },
];

/** The modules that put code into each file of a built embed, by file name, as paths from the repository root. */
async function modulesByFile(dir: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of await readdir(dir)) {
    // The worker's own build writes its source paths from another folder; it runs off the page in any case.
    if (!name.endsWith('.js.map') || name.startsWith('atlas-worker-')) continue;
    const map = JSON.parse(await readFile(join(dir, name), 'utf8')) as { sources: string[] };
    out.set(name.slice(0, -'.map'.length), map.sources.map((s) => relative(ROOT, resolve(dirname(join(dir, name)), s)).split('\\').join('/')));
  }
  return out;
}

test('the first chunk (atlas.js) holds none of the parts that load on demand, and imports no file before it runs', { timeout: 300_000 }, async (t) => {
  const dir = await buildEmbed({ sourcemap: true });
  t.after(() => rm(dir, { recursive: true, force: true }));

  const files = await modulesByFile(dir);
  const first = files.get('atlas.js') ?? [];
  assert.ok(first.length, 'the embed build wrote atlas.js with its source map');
  const later = [...files].filter(([name]) => name !== 'atlas.js').flatMap(([, modules]) => modules);

  for (const { part, modules, loads } of NOT_FIRST) {
    const found = first.filter((m) => modules.test(m));
    assert.deepEqual(found, [], `${part} must not be in atlas.js: it loads ${loads}. Found there: ${found.join(', ')}`);
    // The rule still names real modules: each part is in some chunk that loads later.
    assert.ok(later.some((m) => modules.test(m)), `no chunk holds ${part} (${modules}): has it moved or been renamed?`);
  }

  // A file atlas.js imported statically would be one more round trip before the finder could start.
  const code = await readFile(join(dir, 'atlas.js'), 'utf8');
  const imports = [...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]);
  assert.deepEqual(imports, [], 'atlas.js imports no other file of the embed before it runs');

  // The postcode search's chunk is fetched at the first postcode search (or first focus of the postcode field): a file it
  // imported that the page does not have yet would be fetched only once the chunk had arrived, one more round trip
  // (about 170 ms on the slow phone) before a postcode could be placed. It may import atlas.js and the on-page chunk,
  // which is fetched beside the feed.
  const lookup = [...files.keys()].find((name) => /^atlas-lookup-[\w-]+\.js$/.test(name));
  assert.ok(lookup, 'the embed build wrote the postcode search as a chunk of its own');
  const lookupCode = await readFile(join(dir, lookup), 'utf8');
  const lookupImports = [...lookupCode.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g)].map((m) => m[1]!);
  assert.deepEqual(lookupImports.filter((name) => name !== 'atlas.js' && !/^atlas-on-page-[\w-]+\.js$/.test(name)), [], `the postcode search's chunk imports only what the page already has: ${lookupImports.join(', ')}`);

  // A chunk fetched with import() that imports a file the page does not have yet is a second round trip (150 ms on the
  // slow phone): the browser learns of that file only once the chunk has arrived. Every import() of the embed asks, in
  // the same expression, for each file its chunk imports all the way down that atlas.js and the importing file do not
  // bring already (the on-page chunk, fetched beside the feed, imports the bundler's helper file).
  const codes = new Map<string, string>();
  for (const name of files.keys()) codes.set(name, await readFile(join(dir, name), 'utf8'));
  const below = (name: string, seen = new Set<string>()): Set<string> => {
    for (const dep of staticImports(codes.get(name) ?? '')) if (!seen.has(dep)) below(dep, seen.add(dep));
    return seen;
  };
  const late: string[] = [];
  for (const [name, text] of codes) {
    const has = below(name, new Set([name, 'atlas.js']));
    for (const site of text.matchAll(/((?:import\(`\.\/[\w.-]+\.js`\)\.catch\(\(\)=>\{\}\),)*)import\(`\.\/([\w.-]+\.js)`\)/g)) {
      const target = site[2]!;
      const asked = new Set([...site[1]!.matchAll(/import\(`\.\/([\w.-]+\.js)`\)/g)].map((m) => m[1]!));
      for (const dep of below(target)) if (dep !== target && !has.has(dep) && !asked.has(dep)) late.push(`${name} -> ${target} -> ${dep}`);
    }
  }
  assert.deepEqual([...new Set(late)], [], 'each file an import() brings is asked for at once, not after its importer has arrived');

  // The transfer cards (fetched beside a feed with transfers, before the first results) carry the deadline reading they
  // need, rather than import it from a file of its own: one request, not two.
  const transferFile = [...files].find(([, modules]) => modules.includes('packages/elements/src/transfer/transfer.ts'))?.[0];
  assert.ok(transferFile, 'the embed build wrote the transfer cards as a chunk');
  assert.ok(files.get(transferFile)!.includes('packages/core/src/transfer/deadline.ts'), `the transfer cards' chunk (${transferFile}) holds the deadline reading`);

  // A plain feed's normaliser (fetched once the on-page chunk reads a feed that needs it, before the first results)
  // imports only what the page has by then: the transfer stages it names travel in the on-page chunk.
  const normaliser = [...files].find(([, modules]) => modules.includes('packages/core/src/feed/normalise.ts'))?.[0];
  assert.ok(normaliser, 'the embed build wrote the normaliser as a chunk');
  const normaliserImports = staticImports(codes.get(normaliser)!);
  assert.deepEqual(normaliserImports.filter((name) => name !== 'atlas.js' && !/^atlas-on-page-[\w-]+\.js$/.test(name)), [], `the normaliser's chunk imports only atlas.js and the on-page chunk: ${normaliserImports.join(', ')}`);

  // The search worker's parts loaded on demand (the sharded directory's, at the worker's start for a manifest; the
  // placer of a postcode among a feed's own listings) import only the worker's own file, which is running: the postcode
  // code they share travels with them, not in a file the worker would fetch once they had arrived.
  const workerDir = join(dir, 'assets');
  const workerParts = (await readdir(workerDir)).filter((name) => name.endsWith('.js'));
  assert.ok(workerParts.some((name) => /^shards-worker-[\w-]+\.js$/.test(name)), `the worker's sharded part is a chunk of its own: ${workerParts.join(', ')}`);
  for (const name of workerParts) {
    const imports = staticImports(await readFile(join(workerDir, name), 'utf8'));
    assert.deepEqual(imports.filter((dep) => !/^\.\.\/atlas-worker-[\w-]+\.js$/.test(dep)), [], `the worker's ${name} imports only the worker's own file: ${imports.join(', ')}`);
  }

  // Text search (MiniSearch, the need synonyms) is not in the worker's own file, which every large feed waits for
  // before its first page: the worker loads it after its first answer, or for the first words.
  const textSearch = /(^|\/)(node_modules\/minisearch\/|packages\/core\/src\/(engine\/text|vocabulary\/synonyms)\.ts$)/;
  const sourcesOf = async (file: string): Promise<string[]> => (JSON.parse(await readFile(`${file}.map`, 'utf8')) as { sources: string[] }).sources;
  const workerFile = (await readdir(dir)).find((name) => /^atlas-worker-[\w-]+\.js$/.test(name));
  assert.ok(workerFile, 'the embed build wrote the search worker');
  // atlas.js starts the worker itself, as soon as a response says its body is large: the worker's file is asked for
  // beside the code that talks to it (the in-worker chunk), not once that chunk has arrived, a round trip later.
  assert.ok(code.includes(workerFile), `atlas.js names the worker's file (${workerFile}), so it can start the worker itself`);
  const inWorker = (await sourcesOf(join(dir, workerFile))).filter((source) => textSearch.test(source));
  assert.deepEqual(inWorker, [], `text search is not in the worker's own file (${workerFile}): ${inWorker.join(', ')}`);
  const laterParts = await Promise.all(workerParts.map((name) => sourcesOf(join(workerDir, name))));
  assert.ok(laterParts.flat().filter((source) => textSearch.test(source)).length >= 3, "the worker's text search is in a chunk it loads later");
});

/** The files a built file imports statically (import ... from './x.js' or '../x.js'), as written. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.\.?\/[^"']+)["']/g)].map((m) => m[1]!.replace(/^\.\//, ''));
}
