/**
 * Shared by the keyboard journeys: a demo page mounted whole (skip link, header,
 * main, footer) in the test page, real key presses through the browser
 * (web-test-runner's sendKeys, which drives Playwright's keyboard), and a count of
 * every press with the sequence that made it, so a journey's figure is the one
 * measured here and nowhere else.
 */
import { fixture } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import type { AtlasFinder } from '@community-atlas/elements';
import { settled } from '../support/settle.js';
import { press } from '../support/keyboard.js';


/**
 * Mounts a demo page's body (everything but its scripts) in the test page, with the
 * finder's feed made absolute for the test server and its clock fixed, and waits for
 * the first results. Focus starts on the page itself, as after a page load.
 */
export async function mountDemoPage(file: string, options: { now: Date; setup?: (finder: AtlasFinder) => void }): Promise<AtlasFinder> {
  const page = await (await fetch(`/demo/${file}`)).text();
  const doc = new DOMParser().parseFromString(page, 'text/html');
  const wrapper = await fixture<HTMLDivElement>(html`<div class="journey-page"></div>`);
  for (const node of [...doc.body.childNodes]) {
    if (node instanceof HTMLScriptElement) continue;
    wrapper.append(document.adoptNode(node));
  }
  const el = wrapper.querySelector<AtlasFinder>('atlas-finder');
  if (!el) throw new Error(`${file} has no atlas-finder`);
  el.setAttribute('src', '/demo/feed.json');
  el.now = options.now;
  options.setup?.(el);
  // The element upgraded when it was adopted; the feed loads from the src set above.
  await new Promise((resolve) => el.addEventListener('atlas-load', resolve, { once: true }));
  await settle(el);
  (document.activeElement as HTMLElement | null)?.blur();
  return el;
}

/**
 * Fails, saying why, once the page has lost focus to the browser's own controls, as a Tab
 * past its last control does in Firefox. Chromium's automation has no such controls and
 * wraps to the page's top; in Firefox, keys sent after it still move focus about the page
 * but press nothing (Space ticks no box, Enter presses no button), in that test and in
 * every test after it in the same browser.
 */
export function expectPageFocused(): void {
  if (!document.hasFocus()) throw new Error(`the page has lost focus to the browser's own controls (a Tab past its last control?); focus was on ${deepActive()?.outerHTML.slice(0, 120)}`);
}

/** Waits for the finder and every part inside it to finish rendering. */
export const settle = (el: AtlasFinder): Promise<void> => settled(el);

/** The focused element, inside shadow roots. */
export function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** A form control's label text, or the accessible name of a button or link. */
export function nameOf(e: Element | null): string {
  if (!e) return '';
  const labels = (e as HTMLInputElement).labels;
  if (labels?.length) return labels[0]!.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const labelledBy = e.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = e.getRootNode() as Document | ShadowRoot;
    return labelledBy.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
  }
  return (e.getAttribute('aria-label') ?? e.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Counts key presses and keeps the sequence, runs of the same key folded ("Tab ×3"). */
export class KeyCounter {
  presses = 0;
  readonly steps: string[] = [];
  constructor(private readonly el: AtlasFinder) {}

  #log(step: string): void {
    const last = this.steps.at(-1);
    const m = last ? /^(.*?)(?: ×(\d+))?$/.exec(last) : null;
    if (m && m[1] === step && !step.startsWith('type')) this.steps[this.steps.length - 1] = `${step} ×${Number(m[2] ?? 1) + 1}`;
    else this.steps.push(step);
  }

  async press(key: string): Promise<void> {
    this.presses += 1;
    this.#log(key === ' ' ? 'Space' : key);
    // A chord (Shift+Tab) as keys held down: Firefox's automation knows no chord in one press.
    await press(key);
    expectPageFocused();
    await settle(this.el);
  }

  /** Types text: one press per character. */
  async type(text: string): Promise<void> {
    this.presses += [...text].length;
    this.#log(`type “${text}” (${[...text].length})`);
    await sendKeys({ type: text });
    expectPageFocused();
    await settle(this.el);
  }

  /** Presses Tab until focus is on what `match` wants, as a keyboard user would; fails after `limit`. */
  async tabTo(match: (e: Element) => boolean, what: string, limit = 60): Promise<Element> {
    const passed: string[] = [];
    for (let i = 0; i <= limit; i++) {
      const active = deepActive();
      if (active && match(active)) {
        if ((window as { JOURNEY_TRACE?: boolean }).JOURNEY_TRACE) console.log(`to ${what}: ${passed.join(' | ')}`);
        return active;
      }
      passed.push(nameOf(active).slice(0, 30) || active?.localName || '');
      if (i < limit) await this.press('Tab');
    }
    throw new Error(`Tab never reached ${what} (focus is on ${deepActive()?.outerHTML.slice(0, 120)})`);
  }

  get sequence(): string {
    return this.steps.join(', ');
  }
}

export const labelled = (start: string) => (e: Element): boolean => nameOf(e).replace(/^[←→↑↓]\s*/, '').startsWith(start);

export const isSearchBox = (e: Element): boolean => e.getAttribute('role') === 'combobox';

/** The cards in the finder's results. */
export const cardsOf = (el: AtlasFinder): (HTMLElement & { item?: { listing: { key: string; name: unknown } } })[] =>
  [...(el.renderRoot.querySelector('atlas-results')?.shadowRoot?.querySelectorAll<HTMLElement>('atlas-card') ?? [])];
