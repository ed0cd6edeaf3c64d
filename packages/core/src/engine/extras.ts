/**
 * The part of the engine only some finder states need: distances from a point,
 * the age and "search this area" filters, the sorts by distance, next session
 * and deadline, the hints for zero results, and the listings tagged with a need
 * that text search adds to what the words find. The first screen (no filters,
 * default sort, nothing typed) needs none of it, so it is kept out of the first
 * chunk: `createEngine` loads this module with `import()` when a state needs it
 * (or in idle time after the first answer), and `EngineCore` (full.ts: the
 * worker, Node, benchmarks) attaches it at once. Nothing the first chunk runs
 * may re-export this module, or the bundler keeps it there.
 */
import { distanceMiles } from '../location/distance.js';
import { DISTANCE_BANDS, countBits, finite, popcount, positionsOf, union } from './core.js';
import type { Bits, CoreExtras, FilterCore, StaticFacet, Unit } from './core.js';
import type { FacetId, QueryResult } from './types.js';

function and(a: Bits, b: Bits): Bits {
  const out = new Uint32Array(a.length);
  for (let w = 0; w < a.length; w++) out[w] = a[w]! & b[w]!;
  return out;
}

/** The positions for which `keep` holds, as a set. */
function where(core: FilterCore, keep: (p: number) => boolean): Bits {
  const bits = new Uint32Array(core.columns.words);
  for (let p = 0; p < core.docs.length; p++) if (keep(p)) bits[p >>> 5]! |= 1 << (p & 31);
  return bits;
}

export const extras: CoreExtras = {
  // Cached per point: moving the map or changing a filter asks again for the same one.
  distances(core, near) {
    const key = `${near.lat},${near.lng}`;
    if (core.distanceCache?.key === key) return core.distanceCache;
    const { lat, lng, words } = core.columns;
    const n = core.docs.length;
    const miles = new Float64Array(n);
    const point = { lat: near.lat, lng: near.lng };
    const radii = DISTANCE_BANDS.map(Number);
    const bands = radii.map(() => new Uint32Array(words));
    for (let p = 0; p < n; p++) {
      const d = Number.isNaN(lat[p]!) ? Number.NaN : distanceMiles(point, { lat: lat[p]!, lng: lng[p]! });
      miles[p] = d;
      for (let b = 0; b < radii.length; b++) if (d <= radii[b]!) bands[b]![p >>> 5]! |= 1 << (p & 31);
    }
    core.distanceCache = { key, miles, bands };
    return core.distanceCache;
  },

  units(core, selected, selectedRaw, distance, time, slots) {
    const { words, valueBits, slotBits } = core.columns;
    const units: Unit[] = [];
    for (const [facet, values] of selected) {
      if (facet === 'day' || facet === 'time') continue;
      let bits: Bits;
      if (facet === 'distance') {
        // The radius is one of the bands (a fixed list).
        bits = distance!.bands[DISTANCE_BANDS.indexOf(selectedRaw.get('distance')![0] as (typeof DISTANCE_BANDS)[number])]!.slice();
      } else if (facet === 'when') {
        bits = union(words, [...values].map((v) => time().whenBits[v]!));
      } else if (facet === 'deadline') {
        // Closing soon is also open.
        bits = union(words, values.has(0) ? [time().deadlineBits[0]!] : values.has(1) ? [time().deadlineBits[1]!] : []);
      } else {
        const sets = valueBits[facet as StaticFacet];
        bits = union(words, [...values].flatMap((v) => (sets[v] ? [sets[v]] : [])));
      }
      units.push({ id: facet, facets: [facet], bits });
    }
    if (selected.has('day') || selected.has('time')) {
      // Day and time are one question ("Tuesday mornings"), so they filter
      // together on the listing's weekly slots.
      const sets: Bits[] = [];
      for (let s = 0; s < 21; s++) if (slots & (1 << s)) sets.push(slotBits[s]!);
      units.push({ id: 'slot', facets: ['day', 'time'], bits: union(words, sets) });
    }
    return units;
  },

  // Each facet is counted over the listings that pass every filter but its own
  // (disjunctive faceting): with the filters' sets ANDed from the left and from
  // the right, "all but one" is one AND of the two sides.
  combine(units, all) {
    const k = units.length;
    const fromLeft: Bits[] = [];
    const fromRight: Bits[] = new Array<Bits>(k);
    for (let u = 0; u < k; u++) fromLeft.push(u === 0 ? units[0]!.bits : and(fromLeft[u - 1]!, units[u]!.bits));
    for (let u = k - 1; u >= 0; u--) fromRight[u] = u === k - 1 ? units[u]!.bits : and(units[u]!.bits, fromRight[u + 1]!);
    const allBut = (u: number): Bits =>
      k === 1 ? all : u === 0 ? fromRight[1]! : u === k - 1 ? fromLeft[k - 2]! : and(fromLeft[u - 1]!, fromRight[u + 1]!);
    return { matched: fromLeft[k - 1]!, allBut };
  },

  // A bit test per match and value: cheaper than population counts over every word when the matches are few.
  countFew(set, size, sets, counts) {
    for (const p of positionsOf(set, size)) {
      const word = p >>> 5;
      const bit = 1 << (p & 31);
      for (let v = 0; v < counts.length; v++) if (sets[v]![word]! & bit) counts[v]!++;
    }
  },

  limits(core, state) {
    const units: Unit[] = [];
    const age = state?.age;
    if (finite(age) && age >= 0 && age <= 130) {
      const { ageMin, ageMax } = core.columns;
      units.push({ id: 'age', facets: [], bits: where(core, (p) => ageMin[p]! <= age && age <= ageMax[p]!) });
    }
    const bounds = state?.bounds;
    if (Array.isArray(bounds) && bounds.length === 4 && bounds.every(finite) && bounds[0] <= bounds[2] && bounds[1] <= bounds[3]) {
      const [s, w, n, e] = bounds;
      const { lat, lng } = core.columns;
      units.push({ id: 'bounds', facets: [], bits: where(core, (p) => lat[p]! >= s && lat[p]! <= n && lng[p]! >= w && lng[p]! <= e) });
    }
    return units;
  },

  sort(core, matches, sort, relevance, miles, now) {
    // Unknown values last, whatever the order.
    const ascending = (values: Float64Array) => (a: number, b: number): number => {
      const x = values[a]!;
      const y = values[b]!;
      if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) === Number.isNaN(y) ? relevance(a, b) : Number.isNaN(x) ? 1 : -1;
      return x - y || relevance(a, b);
    };
    if (sort === 'distance') {
      matches.sort(miles ? ascending(miles) : relevance);
    } else if (sort === 'next') {
      const starts = new Float64Array(core.docs.length).fill(Number.NaN);
      const t = now.getTime();
      const { scheduled } = core.columns;
      for (const p of matches) if (scheduled[p]) starts[p] = core.nextStart(p, t);
      matches.sort(ascending(starts));
    } else {
      const facts = core.timeFacts(now);
      const { transfer } = core.columns;
      // Open (soonest deadline first), then transfers with no deadline, then
      // everything that is not a transfer, and closed ones last.
      const group = (p: number): number => {
        const s = facts.deadline[p]!;
        if (s === 1 || s === 2) return 0;
        if (s === 4) return 3;
        return transfer[p] ? 1 : 2;
      };
      matches.sort((a, b) => {
        const ga = group(a);
        const gb = group(b);
        if (ga !== gb) return ga - gb;
        if (ga === 0) return facts.deadlineAt[a]! - facts.deadlineAt[b]! || a - b;
        return relevance(a, b);
      });
    }
  },

  positionsWithNeeds(core, needs) {
    const table = core.tables.get('need')!;
    const wanted = needs.map((id) => table.lookup(id)).filter((v): v is number => v !== undefined);
    if (!wanted.length) return new Int32Array(0);
    const tagged = new Uint32Array(core.columns.words);
    for (const v of wanted) {
      const bits = core.columns.valueBits.need[v]!;
      for (let w = 0; w < tagged.length; w++) tagged[w]! |= bits[w]!;
    }
    return positionsOf(tagged, countBits(tagged));
  },

  relax(units, allBut, selectedRaw, facets) {
    const hints: NonNullable<QueryResult['relax']> = [];
    units.forEach((unit, u) => {
      if (unit.id === 'distance') {
        // Widening the radius is gentler than dropping it: offer the nearest band that finds something.
        const radius = Number(selectedRaw.get('distance')![0]);
        const wider = (facets.distance ?? []).find((f) => Number(f.value) > radius && f.count > 0);
        if (wider) {
          hints.push({ facet: 'distance', value: wider.value, total: wider.count });
          return;
        }
      }
      // Listings that fail this filter alone: they pass all the others.
      const rest = allBut(u);
      const bits = unit.bits;
      let onlyFails = 0;
      for (let w = 0; w < bits.length; w++) {
        const x = rest[w]! & ~bits[w]!;
        if (x) onlyFails += popcount(x);
      }
      if (onlyFails === 0) return;
      if (unit.id === 'slot') {
        hints.push({ facet: selectedRaw.has('day') ? 'day' : 'time', total: onlyFails });
        return;
      }
      const hint: NonNullable<QueryResult['relax']>[number] = { facet: unit.id as FacetId | 'q' | 'age' | 'bounds', total: onlyFails };
      const values = unit.id === 'q' || unit.id === 'age' || unit.id === 'bounds' ? undefined : selectedRaw.get(unit.id);
      if (values?.length === 1) hint.value = values[0]!;
      hints.push(hint);
    });
    return hints.sort((a, b) => b.total - a.total);
  },
};
