import { expect } from '@open-wc/testing';
import { SiteClusters, CLUSTER_MAX_ZOOM } from './clusters.js';
import { placePoints } from './points.js';
import { townPoints } from '../../../../test/support/generate.js';

/** Sites in index order; each not yet taken starts a cluster and takes every free site within the radius of it. */
function greedy(x: Float64Array, y: Float64Array, z: number): Int32Array {
  const r = 60 / (256 * 2 ** z);
  const of = new Int32Array(x.length).fill(-1);
  let clusters = 0;
  for (let i = 0; i < x.length; i++) {
    if (of[i] !== -1) continue;
    const id = clusters++;
    for (let j = i; j < x.length; j++) {
      if (of[j] === -1 && (x[j]! - x[i]!) ** 2 + (y[j]! - y[i]!) ** 2 <= r * r) of[j] = id;
    }
  }
  return of;
}

describe('SiteClusters', () => {
  it('puts each site in the cluster of the first earlier site within the radius, on crowded levels and sparse ones alike', () => {
    // A town in a few hundred metres, and sites on exact grid lines: at low zooms thousands of sites share one
    // radius (fine cells, many taken whole), at high zooms few do; the same rule holds at every zoom.
    const town = townPoints(2500, { seed: 5, centre: [51.5, -0.12], spread: 0.02 });
    const grid = townPoints(1500, { seed: 8, centre: [51.5, -0.12], spread: 0.05 }).map((p) => ({
      ...p, lat: Math.round(p.lat * 500) / 500, lng: Math.round(p.lng * 500) / 500,
    }));
    const from = [...town, ...grid];
    const { sites } = placePoints({
      keys: from.map((_, i) => `p${i}`), names: [], places: [],
      lat: Float64Array.from(from, (p) => p.lat), lng: Float64Array.from(from, (p) => p.lng),
      kinds: new Uint8Array(from.length), radius: new Float32Array(from.length), unplaced: 0,
    });
    const clusters = new SiteClusters(sites);
    const world: [number, number, number, number] = [-85, -180, 85, 180];
    let checked = 0;
    for (let z = 6; z <= CLUSTER_MAX_ZOOM; z++) {
      const expected = greedy(sites.x, sites.y, z);
      // Every cluster drawn for the whole world at z is one of the reference's, whole.
      const shown = clusters.shown(world, z);
      // Too many markers for one view: drawn from a coarser level, checked at its own zoom.
      if (shown.some((item) => item.type === 'cluster' && (item.id & 31) !== z)) continue;
      let counted = 0;
      for (const item of shown) {
        const members = item.type === 'cluster' ? clusters.sitesIn(item.id).map((site) => site.index) : [item.site.index];
        const home = expected[members[0]!]!;
        expect(members.every((site) => expected[site] === home), `zoom ${z}`).to.equal(true);
        expect(members.length, `zoom ${z}`).to.equal(expected.filter((c) => c === home).length);
        counted += members.length;
      }
      expect(counted, `zoom ${z}`).to.equal(sites.size);
      checked++;
    }
    expect(checked).to.be.above(6);
  });

  it('finds where a cluster splits the same whether its levels are built in slices on choosing it or were built already', async () => {
    const from = townPoints(20000, { seed: 7, centre: [52.5, -1.9], spread: 0.5 });
    const { sites } = placePoints({
      keys: from.map((_, i) => `p${i}`),
      names: from.map((_, i) => `Place ${i}`),
      places: from.map(() => ''),
      lat: Float64Array.from(from, (p) => p.lat),
      lng: Float64Array.from(from, (p) => p.lng),
      kinds: new Uint8Array(from.length),
      radius: new Float32Array(from.length),
      unplaced: 0,
    });
    const world: [number, number, number, number] = [-85, -180, 85, 180];
    const fresh = new SiteClusters(sites);
    const built = new SiteClusters(sites);
    // Every level built at once, as a zoom to it would.
    for (let z = 0; z <= CLUSTER_MAX_ZOOM + 1; z++) built.shown(world, z);
    const clusters = fresh.shown([52.3, -2.2, 52.7, -1.6], 10).filter((item) => item.type === 'cluster');
    expect(clusters.length).to.be.above(3);
    const zooms = await Promise.all(clusters.map((item) => fresh.expansionZoom(item.id, 19)));
    const again = await Promise.all(clusters.map((item) => built.expansionZoom(item.id, 19)));
    expect(zooms).to.deep.equal(again);
    expect(zooms.every((z) => typeof z === 'number' && z > 10 && z <= CLUSTER_MAX_ZOOM), zooms.join()).to.equal(true);
  });
});
