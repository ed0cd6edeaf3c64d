import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { paste } from '../../../../test/support/keyboard.js';
import type { Suggestion } from '@community-atlas/core';
import '../define.js';
import type { AtlasSearch } from './search.js';

const words: Suggestion[] = [
  { text: 'loneliness', type: 'need' },
  { text: 'low mood', type: 'need' },
  { text: 'Lonely Hearts Club', type: 'listing', key: 'club' },
];
const suggest = async (p: string): Promise<Suggestion[]> => words.filter((w) => w.text.toLowerCase().startsWith(p.toLowerCase()));

describe('<atlas-search> on its own', () => {
  it('is a labelled combobox with the APG attributes, and passes axe', async () => {
    const el = await fixture<AtlasSearch>(html`<atlas-search .suggest=${suggest}></atlas-search>`);
    const input = el.shadowRoot!.querySelector('input')!;
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.getAttribute('aria-autocomplete')).to.equal('list');
    expect(el.shadowRoot!.getElementById(input.getAttribute('aria-controls')!)?.getAttribute('role')).to.equal('listbox');
    await expect(el).to.be.accessible();
  });

  it('keeps a space typed before the pause: the words coming back trimmed do not take it out of the box', async () => {
    const el = await fixture<AtlasSearch>(html`<atlas-search></atlas-search>`);
    // As the finder does: the words reported become the box's value.
    el.addEventListener('atlas-state-change', (e) => (el.value = (e as CustomEvent<{ patch: { q: string } }>).detail.patch.q));
    const input = el.shadowRoot!.querySelector('input')!;
    input.focus();
    const reported = new Promise<void>((resolve) => el.addEventListener('atlas-state-change', () => resolve(), { once: true }));
    // In one input event, so a slow machine cannot report 'lone' first.
    paste(input, 'lonely ');
    await reported;
    await el.updateComplete;
    expect(el.value).to.equal('lonely');
    expect(input.value, 'the space is still there').to.equal('lonely ');
    await sendKeys({ type: 'NB1 2AB' });
    expect(input.value).to.equal('lonely NB1 2AB');
  });

  it('keeps what is typed after the pause when the finder hands the earlier words back late (a slow phone)', async () => {
    const el = await fixture<AtlasSearch>(html`<atlas-search></atlas-search>`);
    const input = el.shadowRoot!.querySelector('input')!;
    input.focus();
    const reported = new Promise<string>((resolve) =>
      el.addEventListener('atlas-state-change', (e) => resolve((e as CustomEvent<{ patch: { q: string } }>).detail.patch.q), { once: true }),
    );
    paste(input, 'lonely');
    const q = await reported;
    // The person types on before the finder has answered; then its answer sets the words it was given.
    await sendKeys({ type: ' N' });
    el.value = q;
    await el.updateComplete;
    expect(input.value, 'the space and the letter typed since are still there').to.equal('lonely N');
    await sendKeys({ type: 'B1 2AB' });
    expect(input.value).to.equal('lonely NB1 2AB');
    // Other words from the finder (Back, a link) still replace the box's text.
    el.value = 'choir';
    await el.updateComplete;
    expect(input.value).to.equal('choir');
  });

  it('arrows move through suggestions (wrapping), Enter chooses one and pushes a history step', async () => {
    const el = await fixture<AtlasSearch>(html`<atlas-search .suggest=${suggest}></atlas-search>`);
    const input = el.shadowRoot!.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'lo' });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length === 3, 'three suggestions');
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(el.shadowRoot!.getElementById(input.getAttribute('aria-activedescendant')!)?.textContent).to.contain('Lonely Hearts Club');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(el.shadowRoot!.getElementById(input.getAttribute('aria-activedescendant')!)?.textContent).to.contain('loneliness');
    // The words typed are reported 250 ms after the last key (history 'replace'); on a slow machine that can
    // land while the arrows are pressed, so wait for the step that choosing pushes.
    const pushed = new Promise<CustomEvent>((resolve) => {
      el.addEventListener('atlas-state-change', (e) => {
        if ((e as CustomEvent<{ history: string }>).detail.history === 'push') resolve(e as CustomEvent);
      });
    });
    await sendKeys({ press: 'Enter' });
    const e = await pushed;
    expect(e.detail).to.deep.equal({ patch: { q: 'loneliness', open: undefined, limit: undefined }, history: 'push' });
    expect(input.value).to.equal('loneliness');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
  });

  it('keeps the option the arrows are on when a later list still has it, so Enter opens it', async () => {
    // Each keystroke asks again; here the answer for the last one is held back until the arrow has been pressed.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = async (p: string): Promise<Suggestion[]> => {
      if (p.toLowerCase() === 'lon') await held;
      return [{ text: `${p} (words)`, type: 'term' as const }, ...words].filter((w) => w.type === 'term' || w.text.toLowerCase().startsWith(p.toLowerCase()));
    };
    const el = await fixture<AtlasSearch>(html`<atlas-search .suggest=${slow}></atlas-search>`);
    const input = el.shadowRoot!.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'lo' });
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length === 4, 'four suggestions');
    await sendKeys({ type: 'n' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(el.shadowRoot!.getElementById(input.getAttribute('aria-activedescendant')!)?.textContent).to.contain('Lonely Hearts Club');
    // The list for "lon" arrives: "Lonely Hearts Club" is now its third option, not its fourth.
    release();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[role="option"]').length === 3, 'the list for "lon"');
    await el.updateComplete;
    expect(el.shadowRoot!.getElementById(input.getAttribute('aria-activedescendant')!)?.textContent).to.contain('Lonely Hearts Club');
    const opened = new Promise<CustomEvent<{ key: string }>>((resolve) => el.addEventListener('atlas-open', (e) => resolve(e as CustomEvent<{ key: string }>), { once: true }));
    await sendKeys({ press: 'Enter' });
    expect((await opened).detail.key).to.equal('club');
  });

  it('Escape closes the list, and a second Escape clears the field', async () => {
    const el = await fixture<AtlasSearch>(html`<atlas-search .suggest=${suggest}></atlas-search>`);
    const input = el.shadowRoot!.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'lo' });
    await waitUntil(() => input.getAttribute('aria-expanded') === 'true', 'the list did not open');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(input.value).to.equal('lo');
    await sendKeys({ press: 'Escape' });
    expect(input.value).to.equal('');
  });

  it('speaks Welsh', async () => {
    const el = await fixture<AtlasSearch>(html`<atlas-search lang="cy"></atlas-search>`);
    expect(el.shadowRoot!.querySelector('label')?.textContent).to.equal('Chwilio am');
  });
});
