import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';

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

// `vite` / `vite build`: the demo pages (demo/) on the bundled demo feed.
// `vite build --mode embed`: the one-script-tag bundle (dist/embed/atlas.js), Lit
//   included, the map split into its own chunk that loads only when shown.
// `vite build --mode npm`: the npm build of @community-atlas/elements, Lit and the
//   other Community Atlas packages left external for the app's bundler.
export default defineConfig(({ mode }): UserConfig => {
  if (mode === 'embed') {
    return {
      publicDir: false,
      // Relative URLs, so the worker is found beside atlas.js wherever a council puts it.
      base: './',
      resolve: { conditions },
      // The search worker (large feeds only) as a module beside atlas.js: no blob: or data: URL, so a strict CSP allows it.
      worker: { format: 'es', rollupOptions: { output: { entryFileNames: 'atlas-worker-[hash].js', minify: true } } },
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
          output: { chunkFileNames: 'atlas-[name]-[hash].js', minify: true },
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
    plugins: [atlasScript()],
    resolve: { conditions },
    server: { port: 5173, host: '127.0.0.1', fs: { allow: ['..'] } },
    preview: { port: 4173, host: '127.0.0.1' },
    build: {
      outDir: '../dist/demo',
      emptyOutDir: true,
      rollupOptions: {
        input: {
          index: fileURLToPath(new URL('./demo/index.html', import.meta.url)),
          council: fileURLToPath(new URL('./demo/council.html', import.meta.url)),
          'social-prescribing': fileURLToPath(new URL('./demo/social-prescribing.html', import.meta.url)),
          'asset-transfer': fileURLToPath(new URL('./demo/asset-transfer.html', import.meta.url)),
        },
      },
    },
  };
});
