import { defineConfig } from 'vite';

// `npm start` serves the demo pages (demo/) on the bundled demo feed, straight
// from the packages' TypeScript sources through the "source" export condition.
export default defineConfig({
  root: 'demo',
  publicDir: false,
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  server: { port: 5173, host: '127.0.0.1', fs: { allow: ['..'] } },
  preview: { port: 4173, host: '127.0.0.1' },
  build: { outDir: '../dist/demo', emptyOutDir: true },
});
