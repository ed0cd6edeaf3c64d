import { expect } from '@open-wc/testing';
import { PairIndex } from './pair-index.js';

describe('PairIndex', () => {
  it('numbers pairs in the order first seen, finds them again, and tells apart pairs that collide', () => {
    const index = new PairIndex(1000);
    expect(index.add(5, -7)).to.equal(0);
    expect(index.add(-7, 5)).to.equal(1);
    expect(index.add(5, -7)).to.equal(0);
    expect(index.size).to.equal(2);
    expect(index.find(-7, 5)).to.equal(1);
    expect(index.find(0, 0)).to.equal(-1);
    // Filled to capacity, every pair keeps its own number.
    for (let i = 0; i < 998; i++) index.add(i * 7919, -i);
    expect(index.size).to.equal(1000);
    for (let i = 0; i < 998; i++) expect(index.find(i * 7919, -i)).to.equal(i + 2);
  });
});
