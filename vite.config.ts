import { defineConfig, parseAst, type Plugin, type UserConfig } from 'vite';
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNational, copyNational } from './demo/scripts/national.mjs';

const embedEntry = fileURLToPath(new URL('./packages/elements/src/embed.ts', import.meta.url));
const conditions = ['source', 'module', 'browser', 'development|production'];

/**
 * The demo pages load the kit exactly as an embedder does, `<script type="module"
 * src="atlas.js">`; in development that name maps to the TypeScript entry.
 */
function atlasScript(): Plugin {
  return {
    name: 'atlas-embed-script',
    enforce: 'pre',
    resolveId(id) {
      return /(^|\/)atlas\.js$/.test(id) && !id.includes('node_modules') ? embedEntry : undefined;
    },
  };
}

/**
 * The built demo (dist/demo) works from any static server as `npm start`'s does: the demo feed beside the pages,
 * and the national directory built from the real data first (demo/scripts/national.mjs, a no-op when it is up to
 * date; without the data it says how to get it, and the page does too) and copied into national-data/.
 */
function demoData(): Plugin {
  let outDir = '';
  return {
    name: 'atlas-demo-data',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    buildStart() {
      try {
        buildNational({ log: (line) => this.info(line) });
      } catch (error) {
        this.warn(`national demo: the build failed, so the built national.html will say the data is missing: ${(error as { stderr?: string }).stderr ?? String(error)}`);
      }
    },
    closeBundle() {
      copyFileSync(fileURLToPath(new URL('./demo/feed.json', import.meta.url)), join(outDir, 'feed.json'));
      copyNational({ to: join(outDir, 'national-data') });
    },
  };
}

// A template's static parts are minified as one text, joined by a character that
// cannot occur in source, so a quote or tag opened before a `${…}` is still open after it.
const HOLE = '\u0000';

/** Copies a backslash escape (`\``, `\\`, `\2022`'s backslash) and the character after it unchanged. */
function escapeAt(text: string, i: number): string | undefined {
  return text[i] === '\\' ? text.slice(i, i + 2) : undefined;
}

/**
 * CSS: comments go, runs of whitespace become one space, and none is kept next to
 * `{ } ; , ( )`, after `:` or before `!`; the `;` before a `}` goes. Strings are
 * copied as written. Space before `:` stays (`a :hover` is not `a:hover`), and so does
 * space around `+`, `-` and `>` (`calc(1px + 2px)` needs it).
 */
export function minifyCssTemplate(raws: readonly string[]): string[] {
  const text = raws.join(HOLE);
  let out = '';
  for (let i = 0; i < text.length; ) {
    const esc = escapeAt(text, i);
    if (esc) { out += esc; i += esc.length; continue; }
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/\s/.test(ch) || text.startsWith('/*', i)) {
      // Whitespace and comments, as one gap.
      let j = i;
      for (;;) {
        if (/\s/.test(text[j] ?? '')) j++;
        else if (text.startsWith('/*', j)) {
          const end = text.indexOf('*/', j + 2);
          if (end < 0) return [...raws];
          j = end + 2;
        } else break;
      }
      const next = text[j] ?? '';
      if (out && next && !/[{};,:(]$/.test(out) && !/[{};,)!]/.test(next)) out += ' ';
      i = j;
      continue;
    }
    if (ch === ';' && /^[\s;]*\}/.test(text.slice(i + 1))) { i++; continue; }
    out += ch;
    i++;
  }
  const parts = out.split(HOLE);
  return parts.length === raws.length ? parts : [...raws];
}

/**
 * HTML: between tags, a run of whitespace with a line break in it becomes that one
 * line break (rendered exactly as before: both collapse to one space, and a line
 * break stays a line break where `white-space` keeps them); inside a tag, runs of
 * whitespace between attributes become one space. Attribute values, comments and
 * whitespace without a line break are copied as written, and a template with raw
 * text (`<pre>`, `<textarea>`, `<script>`, `<style>`) is left whole.
 */
export function minifyHtmlTemplate(raws: readonly string[]): string[] {
  const text = raws.join(HOLE);
  if (/<(pre|textarea|script|style)\b/i.test(text)) return [...raws];
  let out = '';
  let inTag = false;
  for (let i = 0; i < text.length; ) {
    const esc = escapeAt(text, i);
    if (esc) { out += esc; i += esc.length; continue; }
    const ch = text[i]!;
    if (!inTag && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return [...raws];
      out += text.slice(i, end + 3);
      i = end + 3;
      continue;
    }
    if (!inTag && ch === '<' && /[a-zA-Z/]/.test(text[i + 1] ?? '')) inTag = true;
    else if (inTag && ch === '>') inTag = false;
    else if (inTag && (ch === '"' || ch === "'")) {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) return [...raws];
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    } else if (/\s/.test(ch)) {
      let j = i;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      const run = text.slice(i, j);
      out += inTag ? ' ' : run.includes('\n') ? '\n' : run;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  const parts = out.split(HOLE);
  return parts.length === raws.length ? parts : [...raws];
}

/**
 * Reading and searching on the page (core's engine/on-page.ts) is fetched beside the feed; the schedule and
 * distance code it shares with later parts travels in the same file, so it costs one request, not a second
 * round trip for the files it would import. So does the postcode package (under 1 KB), which the postcode
 * search's chunk and the message normaliser share: in a file of its own, the postcode search's chunk had to
 * arrive before the browser knew to fetch it, a second round trip after the Enter key (about 170 ms on the
 * slow phone) before a postcode could be placed.
 */
const onPageModules = /[\\/]core[\\/]src[\\/](schedule[\\/]|location[\\/]distance|engine[\\/](on-page|engine|core)\.|feed[\\/](read|quick|combine|stages)\.)|[\\/]node_modules[\\/]postcode[\\/]/;

/**
 * The transfer cards (elements' transfer/transfer.ts, fetched beside a feed with transfers, before the first
 * results) and the deadline reading they import (core's transfer/deadline.ts, 0.6 KB gzip) travel in one file. In a
 * file of its own, the deadline code was fetched only once the cards' file had arrived: a second round trip (150 ms
 * on the slow phone). The engine's deadline filter imports the same file; only a feed with transfers loads either.
 */
const transferModules = /[\\/](elements[\\/]src[\\/]transfer[\\/]transfer|core[\\/]src[\\/]transfer[\\/]deadline)\./;

/**
 * The worker's parts loaded on demand travel in one file: the sharded directory's part (loaded at the worker's start
 * for a manifest), the placer of a postcode among a feed's own listings, and the postcode code (core's
 * location/postcode.ts, about 1.5 KB gzip) both import. In a file of its own, the postcode code was fetched only once
 * either had arrived: a second round trip (150 ms on the slow phone) before the worker could answer. The placer
 * (0.3 KB) now brings the sharded part with it (5 KB), which costs less than that round trip on the same phone.
 * Text search (engine/text.ts with MiniSearch and the need synonyms, 12 KB gzip), which the worker loads after its
 * first answer (and the sharded part with each shard's engine), travels in the same file: the worker's own file,
 * which every large feed waits for before its first page, is 40 KB gzip where it was 52.
 */
const workerLaterModules = /[\\/](core[\\/]src[\\/](engine[\\/](shards-worker|place-among|text|full)|location[\\/]postcode|vocabulary[\\/]synonyms|text[\\/]terms)\.|minisearch[\\/])/;

type Node = { type: string; start: number; end: number; [key: string]: unknown };

/**
 * Squeezes the whitespace and comments out of the static text of Lit's `html` and
 * `css` templates in the kit's own source, for the embed bundle (served as is, so
 * every byte is a resident's). Conservative by design: text content keeps a line
 * break wherever it had one, attribute values and CSS strings are never touched
 * (see minifyHtmlTemplate and minifyCssTemplate for exactly what changes).
 */
function minifyTemplates(): Plugin {
  const ownSource = /[\\/]packages[\\/](elements|map)[\\/]src[\\/](?!.*\.test\.ts$).*\.ts$/;
  return {
    name: 'atlas-minify-templates',
    transform(code, id) {
      if (!ownSource.test(id) || !/\b(html|css)`/.test(code)) return undefined;
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) return node.forEach(visit);
        if (!node || typeof node !== 'object') return;
        const n = node as Node;
        if (n.type === 'TaggedTemplateExpression') {
          const tag = n.tag as Node & { name?: string };
          const quasi = n.quasi as Node & { quasis: (Node & { value: { raw: string } })[] };
          const minify = tag.type === 'Identifier' ? (tag.name === 'html' ? minifyHtmlTemplate : tag.name === 'css' ? minifyCssTemplate : undefined) : undefined;
          const raws = quasi.quasis.map((q) => q.value.raw);
          const out = minify?.(raws);
          if (out) quasi.quasis.forEach((q, i) => {
            if (out[i] !== raws[i]) edits.push({ start: q.start, end: q.start + raws[i]!.length, text: out[i]! });
          });
        }
        for (const [key, value] of Object.entries(n)) if (key !== 'type' && typeof value === 'object') visit(value);
      };
      visit(parseAst(code));
      if (!edits.length) return undefined;
      let out = code;
      for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
      // Only whitespace and comments inside templates go, so every mapping still points into the right module.
      return { code: out, map: null };
    },
  };
}

// `vite` / `vite build`: the demo pages (demo/) on the bundled demo feed.
/**
 * V8's compile hint, `//# allFunctionsCalledOnLoad`, as the first line of each of the embed
 * bundle's scripts: each is fetched only when its code is about to run, so its functions
 * are compiled while it streams in, off the main thread, rather than each on its first call
 * inside the tasks that draw the finder (Chromium 136 and later; other browsers read a comment).
 * Added after minifying, which drops comments.
 */
function compileHints(): Plugin {
  return {
    name: 'atlas-compile-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) if (file.type === 'chunk') file.code = `//# allFunctionsCalledOnLoad\n${file.code}`;
    },
  };
}

/**
 * The embed bundle has no module preloading of its own (a library build), so a chunk fetched with `import()` that
 * imports another file the page does not have yet is a second round trip: the browser learns of that file only once
 * the first has arrived. The bundler's own helper file is one such (about 0.2 KB, its namespace helper, which no
 * code-splitting group can place): the page's reading and searching (the on-page chunk, fetched beside the feed, before
 * every first result) imported it. So each `import()` of the embed also asks, in the same task, for the files the
 * chunk imports (all the way down) that neither atlas.js nor the importing chunk already brings.
 */
function preloadImports(): Plugin {
  return {
    name: 'atlas-preload-imports',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file] as const] : [])));
      const below = (name: string, seen = new Set<string>()): Set<string> => {
        for (const dep of chunks.get(name)?.imports ?? []) if (!seen.has(dep)) below(dep, seen.add(dep));
        return seen;
      };
      for (const chunk of chunks.values()) {
        const has = below(chunk.fileName, new Set([chunk.fileName, 'atlas.js']));
        chunk.code = chunk.code.replace(/\bimport\((["'`])\.\/([\w.-]+\.js)\1\)/g, (whole: string, _q: string, target: string) => {
          const early = [...below(target)].filter((dep) => !has.has(dep) && dep !== target);
          return early.length ? `(${early.map((dep) => `import(\`./${dep}\`).catch(()=>{}),`).join('')}${whole})` : whole;
        });
      }
    },
  };
}

// `vite build --mode embed`: the one-script-tag bundle (dist/embed/atlas.js), Lit
//   included, the map split into its own chunk that loads only when shown.
// `vite build --mode npm`: the npm build of @community-atlas/elements, Lit and the
//   other Community Atlas packages left external for the app's bundler.
export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'embed') {
    return {
      publicDir: false,
      plugins: [minifyTemplates(), compileHints(), preloadImports()],
      // Relative URLs, so the worker is found beside atlas.js wherever a council puts it.
      base: './',
      resolve: { conditions },
      // The search worker (large feeds only) as a module beside atlas.js: no blob: or data: URL, so a strict CSP allows it.
      worker: {
        format: 'es',
        rollupOptions: {
          output: {
            entryFileNames: 'atlas-worker-[hash].js',
            minify: true,
            codeSplitting: {
              groups: [
                { name: 'atlas-worker', tags: ['$initial'] },
                { name: 'shards-worker', test: workerLaterModules },
              ],
            },
          },
        },
      },
      build: {
        outDir: 'dist/embed',
        emptyOutDir: true,
        target: 'es2022',
        lib: { entry: embedEntry, formats: ['es'], fileName: () => 'atlas.js' },
        minify: true,
        // Library mode keeps whitespace for ES output by default; the embed bundle is served as is, so minify it fully.
        rollupOptions: {
          // The embed entry exports nothing, so let lazy chunks import shared code from atlas.js itself: under
          // library mode's default ('strict') the bundler moves that code into extra chunks atlas.js must then
          // fetch one after another, a waterfall on a slow phone.
          preserveEntrySignatures: 'allow-extension',
          // Core's index brings feed/load.ts (the synchronous readers, which import the failure wording) into the
          // graph, but nothing the embed runs uses it, so failure.ts is still its own chunk, loaded after a feed
          // has failed (feed/fetch.ts); the bundler's note that it cannot be is for a module the page would run.
          onLog: (level, log, report) => (log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' && /feed[\\/]failure\.ts/.test(log.message) ? undefined : report(level, log)),
          output: {
            chunkFileNames: 'atlas-[name]-[hash].js',
            minify: true,
            // Everything atlas.js imports statically is one group, which the bundler emits as atlas.js itself.
            // Without it, a module that both atlas.js and an on-demand chunk use (Lit, the strings, the
            // formatting) can be split into a file of its own that atlas.js must fetch before it can run.
            // Reading and searching on the page (core's engine/on-page.ts) is fetched beside the feed; the
            // schedule and distance code it shares with later parts travels in the same file, so it costs
            // one request, not a second round trip for the files it would import.
            codeSplitting: {
              groups: [
                { name: 'atlas-initial', tags: ['$initial'] },
                { name: 'on-page', test: onPageModules },
                { name: 'transfer', test: transferModules },
              ],
            },
          },
        },
      },
    };
  }
  if (mode === 'npm') {
    const src = (p: string): string => fileURLToPath(new URL(`./packages/elements/src/${p}`, import.meta.url));
    return {
      publicDir: false,
      resolve: { conditions },
      build: {
        outDir: 'packages/elements/dist',
        emptyOutDir: true,
        target: 'es2022',
        minify: false,
        lib: { entry: { index: src('index.ts'), define: src('define.ts'), embed: src('embed.ts') }, formats: ['es'] },
        rollupOptions: { external: [/^lit(\/|$)/, /^@lit\//, /^@community-atlas\//] },
      },
    };
  }
  return {
    root: 'demo',
    publicDir: false,
    plugins: [atlasScript(), demoData()],
    resolve: { conditions },
    server: { port: 5173, host: '127.0.0.1', fs: { allow: ['..'] } },
    preview: { port: 4173, host: '127.0.0.1' },
    build: {
      outDir: '../dist/demo',
      emptyOutDir: true,
      rollupOptions: {
        // Chunked as the embed bundle is (above), so a demo page loads the kit as a council's page does: what the
        // pages' scripts import statically in one file, fetched with the page, not a chain of small shared files
        // each a round trip on a slow phone (the phone bench measures these pages); the page-side engine beside the feed.
        output: {
          codeSplitting: {
            groups: [
              // The kit's modules only: each page's own script stays in that page's entry.
              { name: 'atlas', tags: ['$initial'], test: (id: string) => !/[\\/]demo[\\/]/.test(id) },
              { name: 'on-page', test: onPageModules },
            ],
          },
        },
        input: {
          index: fileURLToPath(new URL('./demo/index.html', import.meta.url)),
          council: fileURLToPath(new URL('./demo/council.html', import.meta.url)),
          'social-prescribing': fileURLToPath(new URL('./demo/social-prescribing.html', import.meta.url)),
          'asset-transfer': fileURLToPath(new URL('./demo/asset-transfer.html', import.meta.url)),
          // Its directory (demo/national-data/, built from the real data) is copied in by demoData().
          national: fileURLToPath(new URL('./demo/national.html', import.meta.url)),
        },
      },
    },
  };
});
