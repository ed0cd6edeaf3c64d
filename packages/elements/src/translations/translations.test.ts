import { expect } from '@open-wc/testing';
import { cy } from './welsh.js';
import { en, type AtlasStrings } from './index.js';
import { welsh } from '../on-demand.js';
import { AtlasElement } from '../internal/atlas-element.js';

/** A copy of a table without one key, typed as such. */
function without<T extends object, K extends keyof T>(table: T, key: K): Omit<T, K> {
  const copy: Partial<T> = { ...table };
  delete copy[key];
  return copy as Omit<T, K>;
}

describe('translations', () => {
  it('types every word: a Welsh table that leaves one out, of the first screen or of a part that loads on demand, does not compile', () => {
    // Each line below would compile if AtlasStrings (or any of its parts' namespaces) made a word optional.
    // @ts-expect-error a first-screen word is missing
    const noSearchLabel: AtlasStrings = without(cy, 'searchLabel');
    // @ts-expect-error a word of the listing, which loads with the listing, is missing
    const noCostFree: AtlasStrings = without(cy, 'costFree');
    // @ts-expect-error a word of the prescriber's own parts is missing
    const noCount: AtlasStrings = { ...cy, prescriber: without(cy.prescriber, 'count') };
    // @ts-expect-error a word of the transfer detail is missing
    const noFloorArea: AtlasStrings = { ...cy, transfer: without(cy.transfer, 'floorArea') };
    // @ts-expect-error a heading of the listing body is missing
    const noWho: AtlasStrings = { ...cy, headings: without(cy.headings, 'who') };
    // @ts-expect-error the suggestion list's words are missing
    const noTypes: AtlasStrings = without(cy, 'suggestionTypes');
    for (const table of [noSearchLabel, noCostFree, noCount, noFloorArea, noWho, noTypes]) expect(table.locale).to.equal('cy-GB');
  });

  it('gives in Welsh every word the English first screen has', () => {
    const missing = Object.keys(en).filter((key) => !(key in cy));
    expect(missing).to.deep.equal([]);
    expect(Object.keys(cy.headings)).to.include.members(Object.keys(en.headings));
  });

  it('starts no load when an element\'s strings are read: a Welsh element\'s Welsh loads on its first update', async () => {
    class StringsProbe extends AtlasElement {}
    customElements.define('atlas-strings-probe', StringsProbe);
    const original = welsh.load;
    let loads = 0;
    welsh.load = function (this: typeof welsh) {
      loads++;
      return original.call(this);
    };
    try {
      const el = document.createElement('atlas-strings-probe') as StringsProbe;
      el.lang = 'cy';
      expect(el.t.searchLabel, 'English until the Welsh arrives').to.equal(en.searchLabel);
      expect(el.t.locale).to.equal('en-GB');
      expect(loads, 'loads started by reading the strings').to.equal(0);
      document.body.append(el);
      await el.updateComplete;
      expect(loads).to.equal(1);
      expect(el.t.searchLabel).to.equal(cy.searchLabel);
      el.remove();
    } finally {
      welsh.load = original;
    }
  });
});
