/**
 * The search benchmark page. Everything is measured inside Chromium: the
 * feed's bare JSON.parse, the kit's load to first page of results (with the
 * longest main-thread task while it ran), query times with filters and facet
 * counts, and Fuse.js on the same data and words.
 */
import Fuse from 'fuse.js';
import { EngineCore, loadFinder, normaliseFeed, text, type FinderState } from '@community-atlas/core';
import { generateFeed } from '../../test/support/generate.js';

declare global {
  interface Window {
    benchLoad: (n: number, worker: boolean | 'auto', ready?: boolean, keep?: boolean) => Promise<Record<string, number | boolean>>;
    benchDispose: () => void;
    benchQueries: (n: number, runs: number) => Promise<Record<string, number>>;
    benchWorkerQueries: (n: number, runs: number) => Promise<Record<string, number>>;
    benchFuse: (n: number, runs: number) => Promise<Record<string, number>>;
  }
}

const NOW = new Date('2026-11-24T10:30:00Z');
const CENTRE = { lat: 52.24, lng: -0.89, label: 'NN1 1AB' };
/** What residents and link workers do: words, need words, a prefix being typed, a typo, filters, distance, sorting. */
const QUERIES: FinderState[] = [
  { q: '', filters: {}, sort: 'relevance', limit: 20 },
  { q: 'lonely', filters: { cost: ['free'] }, sort: 'relevance', limit: 20 },
  { q: 'walk', filters: { day: ['tu', 'we'] }, sort: 'relevance', limit: 20 },
  { q: 'kniting', filters: {}, sort: 'relevance', limit: 20 },
  { q: '', filters: { need: ['low-mood'], distance: ['2'] }, near: CENTRE, sort: 'distance', limit: 20 },
  { q: 'tai chi', filters: { access: ['step-free'] }, age: 72, sort: 'relevance', limit: 20 },
  { q: '', filters: { kind: ['activity'], when: ['this-week'], cost: ['free', 'low-cost'] }, sort: 'next', limit: 20 },
  { q: 'money advice', filters: { referral: ['self', 'drop-in'] }, near: CENTRE, sort: 'relevance', limit: 20 },
  { q: 'memory cafe', filters: { area: ['riverside', 'millfield'] }, sort: 'name', limit: 20 },
  { q: 'choir', filters: { time: ['evening'], day: ['mo', 'th'] }, sort: 'relevance', limit: 20 },
];
const WORDS = QUERIES.map((q) => q.q).filter(Boolean);

const texts = new Map<number, string>();
const feedText = (n: number): string => {
  let t = texts.get(n);
  if (!t) texts.set(n, (t = JSON.stringify(generateFeed(n))));
  return t;
};

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
};

/** Longest main-thread task while `work` runs, from the Long Tasks API (tasks of 50 ms or more), else 0. */
async function longestTask<T>(work: () => Promise<T>): Promise<{ value: T; longest: number; tasks: number }> {
  let longest = 0;
  let tasks = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      tasks++;
      longest = Math.max(longest, entry.duration);
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const value = await work();
  await new Promise((r) => setTimeout(r, 100));
  for (const entry of observer.takeRecords()) {
    tasks++;
    longest = Math.max(longest, entry.duration);
  }
  observer.disconnect();
  return { value, longest, tasks };
}

const workerUrl = new URL('./worker.js', import.meta.url);

/**
 * A feed the bench's server writes (feed-N.json, ready-N.json: atlas build's ready feed of the
 * same listings) and its text for the bare-parse baseline. Loaded from a `blob:` URL of that text
 * (the default, as this bench has always measured), or with `?http` over HTTP from the server, as
 * a finder loads a council's feed: the body then arrives in pieces, which the page reads as they come.
 */
const overHttp = new URLSearchParams(location.search).has('http');
/** `?nowords`: no words asked after the first page (the index build that waits for would run on into the next load). */
const noWords = new URLSearchParams(location.search).has('nowords');
const served = new Map<string, { url: string; text: string }>();
const servedFeed = async (name: string): Promise<{ url: string; text: string }> => {
  let feed = served.get(name);
  if (!feed) {
    const text = await (await fetch(name)).text();
    const url = overHttp ? new URL(name, location.href).href : URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    served.set(name, (feed = { url, text }));
  }
  return feed;
};

/** The engine a `keep` load left running (a profiler reads its worker before it ends). */
let kept: { dispose(): void } | undefined;
window.benchDispose = () => {
  kept?.dispose();
  kept = undefined;
};

window.benchLoad = async (n, worker, ready = false, keep = false) => {
  const { url, text: body } = await servedFeed(`${ready ? 'ready' : 'feed'}-${n}.json`);
  const parses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    JSON.parse(body);
    parses.push(performance.now() - t0);
  }
  // The five parses' garbage is the bench's, not the load's: collected now, not during the load.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 200));
  performance.mark('bench-load');
  const t0 = performance.now();
  const { value, longest, tasks } = await longestTask(async () => {
    const loaded = await loadFinder([url], { worker, workerUrl });
    performance.mark('bench-loaded');
    const first = await loaded.engine.query(QUERIES[0]!, NOW);
    const ms = performance.now() - t0;
    performance.mark('bench-first-page');
    return { loaded, ms, total: first.total };
  });
  // Then the first words, asked as the first page came: a ready feed's text index file fetched, or the index built.
  const words: Record<string, number> = {};
  if (!noWords) {
    const found = await value.loaded.engine.query({ q: 'walk', filters: {}, sort: 'relevance', limit: 20 }, NOW);
    words.wordsMs = performance.now() - t0;
    words.wordsFound = found.total;
  }
  if (keep) kept = value.loaded.engine;
  else value.loaded.engine.dispose();
  return { parseMs: percentile(parses, 0.5), firstPageMs: value.ms, ...words, longestTaskMs: longest, longTasks: tasks, inWorker: value.loaded.inWorker, total: value.total, bytes: body.length };
};

window.benchQueries = async (n, runs) => {
  const data = normaliseFeed(JSON.parse(feedText(n)));
  const core = new EngineCore(data, { now: () => NOW }).prepareAll();
  for (const q of QUERIES) core.query(q, NOW); // first-run compilation is not what a resident waits for on the tenth search
  const times: number[] = [];
  const warm: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const q of QUERIES) {
      // From cold: the words' matches are not reused from the previous run.
      core.clearCaches();
      const t0 = performance.now();
      core.query(q, NOW);
      times.push(performance.now() - t0);
      // The same words with one more filter: what ticking a box costs.
      const t1 = performance.now();
      core.query({ ...q, filters: { ...q.filters, referral: ['self'] } }, NOW);
      warm.push(performance.now() - t1);
    }
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: Math.max(...times), warmP95: percentile(warm, 0.95), count: times.length };
};

window.benchWorkerQueries = async (n, runs) => {
  const { engine } = await loadFinder([(await servedFeed(`feed-${n}.json`)).url], { worker: true, workerUrl });
  for (const q of QUERIES) await engine.query(q, NOW);
  const times: number[] = [];
  const { longest } = await longestTask(async () => {
    for (let r = 0; r < runs; r++) {
      for (const q of QUERIES) {
        (engine as unknown as { clearCaches(): void }).clearCaches();
        const t0 = performance.now();
        await engine.query(q, NOW);
        times.push(performance.now() - t0);
      }
    }
  });
  engine.dispose();
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: Math.max(...times), longestTaskMs: longest, count: times.length };
};

window.benchFuse = async (n, runs) => {
  const docs = JSON.parse(feedText(n)).listings.map((l: Record<string, unknown>) => ({
    name: text(l.name as string, 'en'), summary: l.summary, description: l.description, categories: l.categories,
    needs: l.needs, organisation: (l.organisation as { name: string }).name, place: (l.location as { name: string }).name,
  }));
  const t0 = performance.now();
  const fuse = new Fuse(docs, {
    keys: [{ name: 'name', weight: 4 }, 'summary', 'description', 'categories', 'needs', 'organisation', 'place'],
    threshold: 0.3, ignoreLocation: true,
  });
  const buildMs = performance.now() - t0;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const word of WORDS) {
      const q0 = performance.now();
      fuse.search(word, { limit: 20 });
      times.push(performance.now() - q0);
    }
  }
  return { buildMs, p50: percentile(times, 0.5), p95: percentile(times, 0.95), count: times.length };
};
