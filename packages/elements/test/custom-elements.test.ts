/**
 * The custom elements manifests (`custom-elements.json`) that editors, Storybook
 * and other tools read are generated from the elements' JSDoc when the packages
 * are built or packed. This checks that generation works and that every public
 * element documents itself: a summary, its attributes, and the events it fires.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CEM = join(ROOT, 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');

interface Declaration {
  tagName?: string;
  summary?: string;
  description?: string;
  attributes?: { name: string }[];
  events?: { name: string }[];
}

async function elementsOf(pkg: string): Promise<Map<string, Declaration>> {
  const dir = join(ROOT, 'packages', pkg);
  const out = await mkdtemp(join(tmpdir(), `atlas-cem-${pkg}-`));
  // The analyser joins --outdir to the working folder, so it is given relative to the package.
  await promisify(execFile)(process.execPath, [CEM, 'analyze', '--config', join(ROOT, 'custom-elements-manifest.config.mjs'), '--outdir', relative(dir, out)], { cwd: dir });
  const manifest = JSON.parse(await readFile(join(out, 'custom-elements.json'), 'utf8')) as { modules: { declarations?: Declaration[] }[] };
  const found = new Map<string, Declaration>();
  for (const mod of manifest.modules) for (const d of mod.declarations ?? []) if (d.tagName) found.set(d.tagName, d);
  return found;
}

test('the manifests name every public element, with a summary, its attributes and its events', { timeout: 120_000 }, async () => {
  const elements = new Map([...(await elementsOf('elements')), ...(await elementsOf('map'))]);
  const expected = ['atlas-finder', 'atlas-search', 'atlas-filters', 'atlas-results', 'atlas-card', 'atlas-listing', 'atlas-location', 'atlas-shortlist', 'atlas-map'];
  for (const tag of expected) {
    const d = elements.get(tag);
    assert.ok(d, `${tag} is in a manifest`);
    assert.ok((d.summary ?? d.description ?? '').length > 20, `${tag} says what it is`);
  }
  const attributes = (tag: string) => (elements.get(tag)?.attributes ?? []).map((a) => a.name);
  const events = (tag: string) => (elements.get(tag)?.events ?? []).map((e) => e.name);
  // What an embedder sets on the all-in-one element (issue: feeds, kinds, view, language, theme, feedback, postcode service, tiles).
  for (const name of ['src', 'kinds', 'view', 'lang', 'theme', 'mode', 'feedback', 'suggest-url', 'postcode-service', 'tile-url', 'tile-attribution', 'tile-consent']) {
    assert.ok(attributes('atlas-finder').includes(name), `<atlas-finder> documents ${name} (has ${attributes('atlas-finder').join(', ')})`);
  }
  for (const name of ['tile-url', 'tile-attribution', 'tile-consent', 'search-area']) {
    assert.ok(attributes('atlas-map').includes(name), `<atlas-map> documents ${name} (has ${attributes('atlas-map').join(', ')})`);
  }
  assert.ok(events('atlas-map').includes('atlas-select'), `<atlas-map> documents atlas-select (has ${events('atlas-map').join(', ')})`);
  assert.ok(events('atlas-results').includes('atlas-state-change'));
});
