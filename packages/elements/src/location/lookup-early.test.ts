import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../define.js';
import { postcodeLookup } from '../on-demand.js';
import type { AtlasLocation } from './location.js';

// A file of its own: the postcode search's code must not have been loaded by another test first.
describe('<atlas-location> fetches the postcode search before a postcode is sent', () => {
  it('starts loading it when the field is first focused, in a task after the focus, and a postcode sent then is placed', async () => {
    const el = await fixture<AtlasLocation>(html`<atlas-location .gazetteer=${{ postcodes: { 'NB1 2AA': [52.1, -1.2] as [number, number] } }}></atlas-location>`);
    await el.updateComplete;
    expect(postcodeLookup.module, 'nothing asks for the postcode search before the field is used').to.equal(undefined);
    const input = el.shadowRoot!.querySelector('input')!;
    const load = postcodeLookup.load.bind(postcodeLookup);
    let asked = 0;
    postcodeLookup.load = () => (asked++, load());
    input.focus();
    // Not in the focus's own task (on a slow phone, a tap's task has enough in it).
    expect(asked).to.equal(0);
    await waitUntil(() => !!postcodeLookup.module, 'the postcode search was not loaded after the field was focused');
    postcodeLookup.load = load;
    input.value = 'NB1 2AA';
    const change = new Promise<CustomEvent>((resolve) => el.addEventListener('atlas-state-change', (e) => resolve(e as CustomEvent), { once: true }));
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    expect((await change).detail.patch.near).to.deep.equal({ lat: 52.1, lng: -1.2, label: 'NB1 2AA' });
    await expect(el).to.be.accessible();
  });
});
