/**
 * A ready feed's text index, fetched from the file of its own that `atlas
 * build` writes beside the feed (feed/ready.ts's header `textIndex`): only
 * when words are searched, or after the first page. The file is checked
 * against its length and seal before it is parsed; a file that is missing,
 * does not match, or cannot be found (the feed came from a blob: URL) gives
 * nothing, and the engine indexes the listings itself, with the same answers.
 */
import { readySeal } from './ready.js';
import type { ReadyParts } from './ready-parts.js';

/** Longest the engine waits for the file before it indexes the listings itself. */
const INDEX_TIMEOUT_MS = 30_000;

const fetched = new WeakMap<ReadyParts, Promise<void>>();

/**
 * Fetches the text index file `ready` names, once, and sets `ready.index`
 * when it is in and sound; resolves either way (never rejects). Undefined
 * when there is no file to fetch (none named, or no address to find it at).
 */
export function fetchReadyIndex(ready: ReadyParts): Promise<void> | undefined {
  const file = ready.indexFile;
  if (ready.index || !file?.url) return undefined;
  let loading = fetched.get(ready);
  if (!loading) {
    loading = readIndexFile(file.url, file.seal, file.bytes).then((index) => {
      if (index) ready.index = index;
    });
    fetched.set(ready, loading);
  }
  return loading;
}

async function readIndexFile(url: string, seal: string, bytes: number): Promise<object | undefined> {
  const controller = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = setTimeout(() => controller?.abort(), INDEX_TIMEOUT_MS);
  try {
    const response = await fetch(url, { ...(controller ? { signal: controller.signal } : {}), headers: { Accept: 'application/json' } });
    if (!response.ok) return undefined;
    const body = new Uint8Array(await response.arrayBuffer());
    if (body.length !== bytes || readySeal([body]) !== seal) return undefined;
    const index = JSON.parse(new TextDecoder().decode(body)) as unknown;
    return index && typeof index === 'object' ? index : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
