import { expect } from '@open-wc/testing';
import { defineElement } from '@community-atlas/core/dom';
import '../define.js';

describe('defineElement', () => {
  it('warns instead of throwing when a second copy of the kit registers a tag already taken', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      class SecondCopy extends HTMLElement {}
      expect(() => defineElement('atlas-finder', SecondCopy)).not.to.throw();
      expect(String(warnings[0])).to.contain('<atlas-finder> is already defined');
      expect(customElements.get('atlas-finder')).not.to.equal(SecondCopy);
    } finally {
      console.warn = original;
    }
  });
});
