import type { MapPoints } from '@community-atlas/core';
import { SiteClusters } from './clusters.js';
import { placePoints } from './points.js';

/**
 * First-run compilation, done while the map waits for its points.
 *
 * Placing and clustering are long loops over typed arrays. The first time a
 * page runs them, the JavaScript engine runs them unoptimised until it has
 * seen enough of them to compile them: on 50,000 points that first run took
 * several times as long as the same work run again. A finder's map asks the
 * search worker for its points when it is made, and the worker takes a while
 * to answer, so the map spends that wait placing and clustering a small made-up
 * set a few times, each in a task of its own (a few milliseconds each), and
 * the real points then meet code that is already compiled. It stops as soon as
 * the map has points, and it runs once a page: compiled code is kept.
 * The made-up points are never shown and nothing they leave is kept.
 */
const ROUNDS: readonly number[] = [5, 8, 11, 14, 17, 9, 12];
const SIZE = 1000;
let started = false;

/** Starts the warm-up, unless it has run on this page; `wanted` is asked before each round. */
export function warmUpWhileWaiting(wanted: () => boolean): void {
  if (started) return;
  started = true;
  const sample = madeUpPoints();
  let round = 0;
  const next = (): void => {
    if (round >= ROUNDS.length || !wanted()) return;
    const clusters = new SiteClusters(placePoints(sample).sites);
    clusters.shown([51.5, -2.5, 53.5, -1.3], ROUNDS[round++]!);
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

/** Points around one town, some sharing a place and some approximate, so every branch is taken. */
function madeUpPoints(): MapPoints {
  const lat = new Float64Array(SIZE);
  const lng = new Float64Array(SIZE);
  const kinds = new Uint8Array(SIZE);
  const radius = new Float32Array(SIZE);
  const keys: string[] = [];
  let seed = 7;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let i = 0; i < SIZE; i++) {
    const same = i % 7 === 6;
    lat[i] = same ? lat[i - 1]! : 52.5 + (random() - 0.5) * random();
    lng[i] = same ? lng[i - 1]! : -1.9 + (random() - 0.5) * random() * 1.6;
    kinds[i] = i % 3;
    radius[i] = i % 11 === 10 ? 500 : 0;
    keys.push(`w${i}`);
  }
  return { keys, names: keys, places: keys.map(() => ''), lat, lng, kinds, radius, unplaced: 0 };
}
