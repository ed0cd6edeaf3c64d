// A plain static host for the browser tests (a sharded directory's manifest and
// shards, say), filled by the test itself: files a test PUTs under
// /static-host/NAME/PATH are served back at that address with GET, as JSON, and a
// file never PUT answers 404. NAME is chosen by each test, so tests running side
// by side keep their own files and their own request log. Also:
//   PUT /static-host/NAME/_hold     a JSON list of paths whose requests wait …
//   GET /static-host/NAME/_release  … until this (a slow shard);
//   GET /static-host/NAME/_log      the paths requested so far, in order;
//   PUT /static-host/NAME/_stall    a JSON object of paths and byte counts: a response sends that many
//                                   bytes of its file (chunked, with no length), then waits for _release;
//   PUT /static-host/NAME/_plain    a JSON list of paths sent as they are, with their length (Content-Length), never
//                                   compressed on the fly: as a static file server sends a file it has not compressed.
import { Buffer } from 'node:buffer';
import { PassThrough } from 'node:stream';

const sites = new Map();

const site = (name) => {
  let found = sites.get(name);
  if (!found) sites.set(name, (found = { files: new Map(), log: [], hold: new Set(), stall: {}, plain: new Set(), waiting: [] }));
  return found;
};

async function body(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export async function staticHostMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/static-host/')) return next();
  const rest = decodeURIComponent(ctx.path.slice('/static-host/'.length));
  const slash = rest.indexOf('/');
  if (slash <= 0) {
    ctx.status = 404;
    return undefined;
  }
  const here = site(rest.slice(0, slash));
  const path = rest.slice(slash + 1);
  if (ctx.method === 'PUT') {
    const bytes = await body(ctx.req);
    if (path === '_hold') here.hold = new Set(JSON.parse(bytes.toString('utf8')));
    else if (path === '_stall') here.stall = JSON.parse(bytes.toString('utf8'));
    else if (path === '_plain') here.plain = new Set(JSON.parse(bytes.toString('utf8')));
    else here.files.set(path, bytes);
    ctx.status = 204;
    return undefined;
  }
  if (path === '_release') {
    here.hold.clear();
    here.stall = {};
    for (const release of here.waiting.splice(0)) release();
    ctx.status = 204;
    return undefined;
  }
  if (path === '_log') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(here.log);
    return undefined;
  }
  here.log.push(path);
  if (here.hold.has(path)) await new Promise((resolve) => here.waiting.push(resolve));
  const file = here.files.get(path);
  if (!file) {
    ctx.status = 404;
    return undefined;
  }
  ctx.set('Cache-Control', 'no-store');
  ctx.type = 'application/json';
  const stall = here.stall[path];
  if (typeof stall === 'number') {
    // The first bytes now, the rest once released: a body that stalls part way.
    const stream = new PassThrough();
    ctx.compress = false;
    ctx.body = stream;
    stream.write(file.subarray(0, stall));
    here.waiting.push(() => stream.end(file.subarray(stall)));
    return undefined;
  }
  if (here.plain.has(path)) {
    ctx.compress = false;
    ctx.length = file.length;
  }
  ctx.body = file;
  return undefined;
}
