import { expect } from '@open-wc/testing';
import { SiteClusters, CLUSTER_MAX_ZOOM } from './clusters.js';
import { placePoints } from './points.js';
import { townPoints } from '../../../../test/support/generate.js';

describe('SiteClusters', () => {
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
