import { expect } from '@open-wc/testing';

describe('test harness', () => {
  it('runs in a real browser', () => {
    expect(typeof window.customElements.define).to.equal('function');
  });

  it('serves the real UK data when ATLAS_REAL_DATA is set', async function () {
    if (!window.ATLAS_REAL_DATA) {
      this.skip(); // ATLAS_REAL_DATA is not set: no real data to serve.
    }
    const res = await fetch(`${window.ATLAS_REAL_DATA}postcodes/outcodes_gb.csv`);
    expect(res.status).to.equal(200);
    expect((await res.text()).split('\n')[0]).to.match(/^outcode,lat,lng/);
  });
});
