/**
 * For the Node tests that open the kit in a real browser (Playwright driving the
 * system Chromium): the browser, local web servers, the embed build and axe, one
 * copy of each, so every such test launches, serves and checks the same way.
 * Node only; the browser tests (web-test-runner) use the other files here.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
/** Why a test that needs the browser is skipped, or false: Debian's `chromium` is what CI installs. */
export const noBrowser: string | false = !existsSync(CHROMIUM) && `no Chromium at ${CHROMIUM} (set CHROME_PATH)`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.map': 'application/json', '.png': 'image/png',
};

/** The system Chromium, headless (Playwright never downloads a browser of its own here). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A local web server on a free port of 127.0.0.1; its origin, and `close`. */
export async function serve(handle: (req: IncomingMessage, res: ServerResponse, url: URL) => void): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => handle(req, res, new URL(req.url ?? '/', 'http://x')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Answers with the file at `pathname` under `dir` (`index.html` for a folder), its
 * type by extension, and `headers`; 404 when there is none. The path it served,
 * or undefined.
 */
export function sendFile(res: ServerResponse, dir: string, pathname: string, headers: Record<string, string> = {}): Promise<string | undefined> {
  const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(dir, path.endsWith('/') ? `${path}index.html` : path);
  return readFile(file).then(
    (body) => {
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...headers }).end(body);
      return path;
    },
    () => {
      res.writeHead(404).end('not found');
      return undefined;
    },
  );
}

/**
 * Builds the one-script-tag embed bundle into a new folder of its own and gives
 * the folder: what a council page loads, never an earlier build left lying about.
 * `sourcemap`: with a source map beside each file, naming the modules in it.
 */
export async function buildEmbed({ sourcemap = false } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-embed-'));
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '--mode', 'embed', ...(sourcemap ? ['--sourcemap'] : []), '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT });
  return dir;
}

/** When the sources the embed bundle is built from last changed (the kit's packages and the build's config). */
function sourcesChanged(): number {
  let newest = statSync(join(ROOT, 'vite.config.ts')).mtimeMs;
  for (const pkg of ['core', 'elements', 'map']) {
    const src = join(ROOT, 'packages', pkg, 'src');
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) newest = Math.max(newest, statSync(join(src, file)).mtimeMs);
  }
  return newest;
}

/**
 * The embed bundle to serve: `dist/embed` as `npm test` has just built it, or,
 * when a test runs on its own without it, or the sources changed since it was
 * built (a test of an old bundle passes or fails for nothing), one built now.
 */
export async function embedDir(): Promise<string> {
  const built = join(ROOT, 'dist', 'embed');
  const script = join(built, 'atlas.js');
  return existsSync(script) && statSync(script).mtimeMs >= sourcesChanged() ? built : buildEmbed();
}

export interface AxeViolation { id: string; impact: string; help: string; nodes: { target: string[] }[] }

/** axe-core's WCAG 2.2 AA and best-practice rules on the page as it is now, injected through the automation channel so a strict CSP does not stand in its way. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(await readFile(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(o?: object): Promise<{ violations: AxeViolation[] }> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
  });
}
