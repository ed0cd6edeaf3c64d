// Browser tests for every package, in the system Chromium (Debian's package, or
// CHROME_PATH). Playwright's own browser download is never used.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';

const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';

export default {
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  files: [
    'packages/*/src/**/*.test.ts',
    'test/**/*.test.ts',
  ],
  nodeResolve: { exportConditions: ['source', 'browser', 'development'] },
  // Two cores on CI: more pages at once only makes every test slower.
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
  plugins: [
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
  <head><meta charset="utf-8"><title>Community Atlas tests</title></head>
  <body><script type="module" src="${testFramework}"></script></body>
</html>`,
};
