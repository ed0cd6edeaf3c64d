// The search bench's page, worker and ready feeds, built and served on a local
// port: shared by search.bench.mjs and search.profile.mjs.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the bench page and the worker (`minify: false` keeps names, for profiles), starts a server;
 * `writeReady(n)` writes feed-N.json (the plain feed) and ready-N.json (as atlas build would), which the
 * page loads over HTTP, as a finder loads a feed (a `blob:` URL costs the page work a real feed does not).
 */
export async function serveSearchBench({ minify = true } = {}) {
  const chunked = !!process.env.SEARCH_BENCH_CHUNKED;
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
  const { plainFeedText, readyFeedFiles } = await import(join(out, 'node', 'ready.mjs'));
  writeFileSync(join(out, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>search bench</title><link rel="icon" href="data:,"></head><body><script type="module" src="page.js"></script></body></html>');
  const server = createServer((req, res) => {
    const file = join(out, normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) return void res.writeHead(404).end();
    const type = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' }[extname(file)] ?? 'application/octet-stream';
    // A static file server says a file's length (Content-Length) when it sends the file as it is; a host that
    // compresses on the fly sends it in chunks with no length, which SEARCH_BENCH_CHUNKED=1 stands for.
    res.writeHead(200, chunked ? { 'content-type': type } : { 'content-type': type, 'content-length': statSync(file).size });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    /** How the server sends a feed, for the bench's heading. */
    sends: chunked ? 'in chunks with no Content-Length, as a host compressing on the fly does' : 'with its Content-Length, as a static file server does',
    url: `http://127.0.0.1:${server.address().port}/index.html`,
    writeReady: (n) => {
      writeFileSync(join(out, `feed-${n}.json`), plainFeedText(n));
      // SEARCH_BENCH_INDEX_FILE=1: with its text index in a file of its own beside it, which atlas build does not write
      // (over HTTP the worker fetches it; from a blob: URL it cannot, and indexes the listings).
      const ready = readyFeedFiles(n, !!process.env.SEARCH_BENCH_INDEX_FILE);
      writeFileSync(join(out, `ready-${n}.json`), ready.text);
      if (ready.index) writeFileSync(join(out, ready.index.path), ready.index.text);
    },
    close: () => server.close(),
  };
}
