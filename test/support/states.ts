/**
 * Random finder states for the differential tests (one engine's answers against
 * another's): words, ticked filters, a place, an age, a page size, drawn from a
 * seeded generator so a failure names a state that can be made again.
 */
import { EngineCore } from '../../packages/core/src/engine/full.js';
import { FACET_IDS, type FinderState } from '../../packages/core/src/engine/types.js';
import type { AtlasData } from '../../packages/core/src/feed/normalised.js';
import type { LatLng } from '../../packages/core/src/location/distance.js';
import { prng } from './generate.js';

const SORTS = ['relevance', 'distance', 'next', 'name', 'deadline'] as const;

export interface StateOptions {
  /** What people type. */
  words: readonly string[];
  now: Date;
  /** How often a state has words, and how often a second word after the first (no second word when left out). */
  wordChance: number;
  secondWordChance?: number;
  /** Up to this many ticked filters (floor of a random number below it). */
  filters: number;
  /** How often a filter has two values ticked; one when left out. */
  twoValueChance?: number;
  /** A value no listing has, offered among each facet's values (a hand-edited link). */
  extraValue?: string;
  /** The place, if any, for a state; by default three in ten states are near a point in Northbridge. */
  near?: (next: () => number, pick: <T>(list: readonly T[]) => T) => LatLng | undefined;
  /** How often a state gives an age (never when left out). */
  ageChance?: number;
}

const northbridge = (next: () => number): LatLng | undefined => (next() < 0.3 ? { lat: 52.55 + next() * 0.1, lng: -1.5 + next() * 0.1 } : undefined);

export function randomStates(data: AtlasData, count: number, seed: number, o: StateOptions): FinderState[] {
  const next = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const values: Record<string, string[]> = {};
  const all = new EngineCore(data, { now: () => o.now }).prepareAll().query({ q: '', filters: {}, sort: 'relevance' }, o.now);
  for (const [facet, list] of Object.entries(all.facets)) values[facet] = [...list!.map((f) => f.value), ...(o.extraValue ? [o.extraValue] : [])];
  return Array.from({ length: count }, () => {
    let q = '';
    if (next() < o.wordChance) {
      q = pick(o.words);
      if (o.secondWordChance !== undefined && next() < o.secondWordChance) q += ` ${pick(o.words)}`;
    }
    const state: FinderState = { q, filters: {}, sort: pick(SORTS) };
    for (let i = Math.floor(next() * o.filters); i > 0; i--) {
      const facet = pick(FACET_IDS);
      const options = values[facet] ?? [];
      if (options.length) state.filters[facet] = o.twoValueChance !== undefined && next() < o.twoValueChance ? [pick(options), pick(options)] : [pick(options)];
    }
    const near = (o.near ?? northbridge)(next, pick);
    if (near) state.near = near;
    if (o.ageChance !== undefined && next() < o.ageChance) state.age = Math.floor(next() * 90);
    if (next() < 0.7) state.limit = pick([10, 20, 50]);
    return state;
  });
}
