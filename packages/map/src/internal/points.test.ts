import { expect } from '@open-wc/testing';
import type { MapPoints } from '@community-atlas/core';
import { placePoints } from './points.js';

function points(at: readonly (readonly [number, number, number?])[]): MapPoints {
  return {
    keys: at.map((_, i) => `p${i}`),
    names: at.map(() => ''),
    places: at.map(() => ''),
    lat: Float64Array.from(at, ([lat]) => lat),
    lng: Float64Array.from(at, ([, lng]) => lng),
    kinds: new Uint8Array(at.length),
    radius: Float32Array.from(at, ([, , radius]) => radius ?? 0),
    unplaced: 0,
  };
}

describe('placePoints', () => {
  it('makes one site of the listings at one place (to about a metre), in their order, and never merges approximate areas', () => {
    const { sites, siteOfPoint } = placePoints(points([
      [52.5, -1.9], [52.6, -1.8], [52.500001, -1.900001], [52.7, -1.7, 500], [52.7, -1.7, 500], [52.5, -1.9],
    ]));
    expect(sites.size).to.equal(4);
    expect([...siteOfPoint]).to.deep.equal([0, 1, 0, 2, 3, 0]);
    expect(sites.site(0).members).to.deep.equal([0, 2, 5]);
    expect(sites.site(2).approximate).to.equal(true);
    expect(sites.site(3).members).to.deep.equal([4]);
  });

  it('keeps 20,000 different places apart, however their table slots collide, and finds each again', () => {
    const at: [number, number][] = [];
    for (let i = 0; i < 20000; i++) at.push([50 + (i % 200) * 0.001, -3 + Math.floor(i / 200) * 0.001]);
    const { sites, siteOfPoint } = placePoints(points([...at, ...at.slice().reverse()]));
    expect(sites.size).to.equal(20000);
    for (let i = 0; i < 20000; i++) {
      expect(siteOfPoint[i]).to.equal(i);
      expect(siteOfPoint[39999 - i]).to.equal(i);
    }
  });

  it('fits to every site when none is far from the rest, and leaves out and counts those that are', () => {
    const town: [number, number][] = [];
    for (let i = 0; i < 500; i++) town.push([52.4 + (i % 25) * 0.01, -2 + Math.floor(i / 25) * 0.01]);
    const near = placePoints(points(town));
    expect(near.outliers).to.equal(0);
    expect(near.all).to.deep.equal([52.4, -2, 52.64, -1.81]);
    expect(near.core).to.deep.equal(near.all);
    // A swapped latitude and longitude, twice at one place.
    const far = placePoints(points([...town, [-2, 52.5], [-2, 52.5]]));
    expect(far.outliers).to.equal(2);
    expect(far.all).to.deep.equal([-2, -2, 52.64, 52.5]);
    expect(far.core).to.deep.equal([52.4, -2, 52.64, -1.81]);
  });
});
