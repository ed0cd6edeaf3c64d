import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import type { AtlasFinder } from './finder.js';
import { FIXTURES, NOW, shadow, cards, countText } from '../test-support/finder.js';
import { settled } from '../../../../test/support/settle.js';

// Text search is a chunk of its own, fetched when words are first searched for; here that fetch fails
// (the engine's query rejects as it does then), and the next search works again.
describe('<atlas-finder> when search cannot be run', () => {
  afterEach(() => window.history.replaceState(null, '', window.location.pathname));

  it('says so in the finder, without an uncaught error, and the next search tries again', async () => {
    const f = await fixture<AtlasFinder>(html`<atlas-finder src=${`${FIXTURES}/small-feed.json`} .now=${NOW}></atlas-finder>`);
    await waitUntil(() => shadow(f).querySelector('atlas-results') && cards(f).length > 0, 'no results', { timeout: 5000 });
    const all = countText(f);
    const engine = f.engine!;
    const query = engine.query.bind(engine);
    const uncaught: unknown[] = [];
    const onRejection = (e: PromiseRejectionEvent): void => {
      uncaught.push(e.reason);
      e.preventDefault();
    };
    const realError = console.error;
    const errors: string[] = [];
    window.addEventListener('unhandledrejection', onRejection);
    console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
    engine.query = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      const input = shadow(shadow(f).querySelector('atlas-search')!).querySelector('input')!;
      input.focus();
      await sendKeys({ type: 'walk' });
      await waitUntil(() => shadow(f).querySelector('[role="alert"]'), 'nothing said');
      expect(shadow(f).querySelector('[role="alert"]')!.textContent).to.contain('Search is not working at the moment');
      // The results found before stay.
      expect(countText(f)).to.equal(all);
      await expect(f).to.be.accessible();
      // A rejection nobody handled is reported by the end of the task it happened in.
      await settled(f);
      expect(uncaught).to.deep.equal([]);
      expect(errors.join('\n')).to.contain('could not be run');

      // Back online: the next search runs and the message goes.
      engine.query = query;
      await sendKeys({ type: 'ing' });
      await waitUntil(() => !shadow(f).querySelector('[role="alert"]'), 'the message stayed');
      await waitUntil(() => countText(f) === '1 result', `count was ${countText(f)}`);
    } finally {
      engine.query = query;
      console.error = realError;
      window.removeEventListener('unhandledrejection', onRejection);
    }
  });
});
