import { expect } from '@open-wc/testing';

describe('test harness', () => {
  it('runs in a real browser', () => {
    expect(typeof window.customElements.define).to.equal('function');
  });
});
