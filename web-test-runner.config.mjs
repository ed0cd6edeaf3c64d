// Browser tests for every package, in the system Chromium (Debian's package, or
// CHROME_PATH). Playwright's own browser download is never used.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { orukMockMiddleware } from './test/oruk-mock-api.mjs';
import { staticHostMiddleware } from './test/static-host.mjs';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

// Real UK data (never copied into the repo): served read-only under /real-data/
// when ATLAS_REAL_DATA names the folder; tests read `window.ATLAS_REAL_DATA`
// and skip, saying why, when it is unset.
const realData = process.env.ATLAS_REAL_DATA && existsSync(process.env.ATLAS_REAL_DATA) ? process.env.ATLAS_REAL_DATA : '';
function serveRealData(ctx, next) {
  if (!ctx.path.startsWith('/real-data/')) return next();
  if (!realData) { ctx.status = 404; return undefined; }
  const rel = normalize(decodeURIComponent(ctx.path.slice('/real-data/'.length)));
  if (rel.startsWith('..')) { ctx.status = 403; return undefined; }
  const file = join(realData, rel);
  if (!existsSync(file) || !statSync(file).isFile()) { ctx.status = 404; return undefined; }
  ctx.type = file.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8';
  ctx.body = createReadStream(file);
  return undefined;
}

// The sources start the search worker as a build names it, `new URL('./worker.js', import.meta.url)`:
// here only worker.ts exists, so a .js address in the packages' sources with only a .ts beside it gets the .ts.
const root = fileURLToPath(new URL('.', import.meta.url));
function sourceForJs(ctx, next) {
  if (ctx.path.startsWith('/packages/') && ctx.path.endsWith('.js')) {
    const file = join(root, normalize(decodeURIComponent(ctx.path)));
    if (file.startsWith(root) && !existsSync(file) && existsSync(`${file.slice(0, -3)}.ts`)) ctx.url = ctx.url.replace(/\.js(?=$|\?)/, '.ts');
  }
  return next();
}

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: [
    'packages/*/src/**/*.test.ts',
    'test/**/*.test.ts',
  ],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  // Two cores on CI: more pages at once only makes every test slower.
  concurrency: 2,
  // Each test's limit: generous, since its waits are for conditions and a loaded machine is slow.
  testFramework: { config: { timeout: 30000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
  // /oruk-api/…: an Open Referral UK 3.0 API answering as its OpenAPI description says (test/oruk-mock-api.mjs).
  // /static-host/…: files a test puts there itself, served as a plain static host would (test/static-host.mjs).
  middleware: [sourceForJs, serveRealData, orukMockMiddleware, staticHostMiddleware],
  plugins: [
    // Tests import '@open-wc/testing' as test/support/testing.ts, which is open-wc with a patient
    // waitUntil (see there): no test fails because a busy machine took more than a second.
    {
      name: 'patient-open-wc',
      resolveImport({ source, context }) {
        if (source === '@open-wc/testing' && !context.path.endsWith('/test/support/testing.ts')) return '/test/support/testing.ts';
        return undefined;
      },
    },
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      target: 'es2022',
    }),
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8"><title>Community Atlas tests</title>
    <script>window.ATLAS_REAL_DATA = ${JSON.stringify(realData ? '/real-data/' : '')};</script>
  </head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
