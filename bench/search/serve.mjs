// The search bench's page, worker and ready feeds, built and served on a local
// port: shared by search.bench.mjs and search.profile.mjs.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Builds the bench page and the worker (`minify: false` keeps names, for profiles), starts a server; `writeReady(n)` writes ready-N.json as atlas build would. */
export async function serveSearchBench({ minify = true } = {}) {
  const out = join(root, 'bench/out/search');
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: { page: join(root, 'bench/search/page.ts'), worker: join(root, 'packages/core/src/engine/worker.ts') },
    bundle: true,
    format: 'esm',
    minify,
    outdir: out,
    conditions: ['source'],
    tsconfig: join(root, 'tsconfig.json'),
    target: 'es2022',
    logLevel: 'error',
  });
  // The same feeds as atlas build's ready feeds (ready.json), written in Node as the build writes them.
  await build({
    entryPoints: { ready: join(root, 'bench/search/ready.ts') },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outdir: join(out, 'node'),
    outExtension: { '.js': '.mjs' },
    conditions: ['source'],
    tsconfig: join(root, 'tsconfig.json'),
    target: 'es2022',
    logLevel: 'error',
  });
  const { readyFeedText } = await import(join(out, 'node', 'ready.mjs'));
  writeFileSync(join(out, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>search bench</title><link rel="icon" href="data:,"></head><body><script type="module" src="page.js"></script></body></html>');
  const server = createServer((req, res) => {
    const file = join(out, normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': { '.html': 'text/html', '.js': 'text/javascript' }[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/index.html`,
    writeReady: (n) => writeFileSync(join(out, `ready-${n}.json`), readyFeedText(n)),
    close: () => server.close(),
  };
}

/**
 * A page opened and driven over the DevTools protocol directly rather than as
 * a Playwright page: Playwright turns on DevTools' network domain for its
 * pages, which keeps a copy of every response body on the page's main thread
 * (for a 15 MB feed a task of a quarter of a second that no resident's browser
 * runs). Only Runtime is used here, which watches nothing. `run(name, ...args)`
 * calls `window[name](...args)` and resolves with its result as JSON.
 */
export async function quietPage(browser, url) {
  const cdp = await browser.newBrowserCDPSession();
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let id = 0;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const m = JSON.parse(event.message);
    if (m.id !== undefined) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error.message));
      else w.resolve(m.result);
    } else if (m.method === 'Runtime.exceptionThrown') {
      console.error(`page error: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
    } else if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning'].includes(m.params.type)) {
      console.error(`page ${m.params.type}: ${m.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    }
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    waiting.set(++id, { resolve, reject });
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  await send('Runtime.enable');
  await send('Page.navigate', { url });
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  };
  for (let i = 0; (await evaluate('typeof window.benchLoad')) !== 'function'; i++) {
    if (i > 300) throw new Error('the bench page did not load');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    // Brought to the front first: a page behind another is a background tab, its timers held back and its long tasks not reported.
    run: async (name, ...args) => {
      await cdp.send('Target.activateTarget', { targetId });
      return evaluate(`window[${JSON.stringify(name)}](...${JSON.stringify(args)})`);
    },
    close: () => cdp.send('Target.closeTarget', { targetId }),
  };
}
