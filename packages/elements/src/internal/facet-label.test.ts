import { expect } from '@open-wc/testing';
import { facetLabel } from './facet-label.js';
import { loadLanguage, stringsFor } from '../translations/index.js';

// The default needs' Welsh names load with the Welsh strings, not with the English first chunk.
describe('need names', () => {
  it('names a common need in English, then in Welsh once the Welsh strings have loaded, and the feed’s own name first', async () => {
    expect(facetLabel(stringsFor('en'), 'en', 'need', 'carers')).to.equal('Caring for someone');
    await loadLanguage('cy');
    expect(facetLabel(stringsFor('cy'), 'cy', 'need', 'carers')).to.equal('Gofalu am rywun');
    expect(facetLabel(stringsFor('cy-GB'), 'cy-GB', 'need', 'dementia')).to.equal('Dementia a’r cof');
    expect(facetLabel(stringsFor('en'), 'en', 'need', 'carers')).to.equal('Caring for someone');
    expect(facetLabel(stringsFor('cy'), 'cy', 'need', 'carers', () => 'Gofalwyr')).to.equal('Gofalwyr');
    expect(facetLabel(stringsFor('cy'), 'cy', 'need', 'made-up-need')).to.equal('Made up need');
  });

  it('keeps the Welsh names when a host replaces the filter values’ words', async () => {
    await loadLanguage('cy');
    const t = stringsFor('cy', { facetValues: { cost: { free: 'Dim tâl' } } });
    expect(facetLabel(t, 'cy', 'need', 'carers')).to.equal('Gofalu am rywun');
    expect(facetLabel(t, 'cy', 'cost', 'free')).to.equal('Dim tâl');
  });
});
