import { CSSResult, LitElement, adoptStyles, css, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { OnDemand } from './on-demand.js';
import { stringsFor, type LoadedStrings } from '../translations/index.js';
import { welsh } from '../on-demand.js';
import { interfaceLanguage } from '@community-atlas/core/dom';
import { breathe } from '@community-atlas/core';

/** The finder a part is in (itself, for the finder), across shadow roots. */
function finderOf(start: Element): Element | undefined {
  let node: Element | null | undefined = start;
  while (node && node.localName !== 'atlas-finder') node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host;
  return node ?? undefined;
}

/**
 * Shared base: language and strings. Every part can be used alone, so each
 * reads its own `lang` (falling back to the nearest `lang` attribute in the page).
 */
export class AtlasElement extends LitElement {
  // Reactive properties are declared here rather than with decorators: the decorators'
  // modules and a helper call per field cost the first chunk bytes (#4). The fields
  // below only give types and initial values; with `useDefineForClassFields: false`
  // (tsconfig) an initial value is assigned through Lit's accessor, as Lit documents.
  static override properties: PropertyDeclarations = {
    lang: {},
    strings: { attribute: false },
  };

  /** Interface language: `en` or `cy`. Unset: the nearest `lang` in the page, across shadow roots. Feed text falls back to English. */
  // Not reflected: an empty reflected lang="" would tell screen readers the language is unknown.
  override lang = '';

  /** Replace any interface string, e.g. `el.strings = { searchLabel: 'Find' }`. */
  strings?: Partial<LoadedStrings>;

  /** The language in use: own `lang`, else the closest non-empty `lang` up the tree (through shadow hosts), else English. */
  get language(): string {
    return interfaceLanguage(this);
  }

  /** The strings in use: the element's language, English until that language's strings have arrived, and the element's own on top. */
  get t(): LoadedStrings {
    return stringsFor(this.language, this.strings);
  }

  /**
   * Whether the next update waits for a task of its own. Lit updates a host and the
   * parts it sets properties on in one task (microtasks, one after another): a
   * finder's first results drew the finder, its filters, its results and their cards
   * in one task of about 200 ms of CPU time on a phone four times slower than a
   * desktop. Parts that say yes here draw in the tasks after it, one part a task,
   * in the order they were asked (issue 19: no main-thread task over 50 ms).
   * `updateComplete` waits for the update all the same.
   */
  protected drawsLater(): boolean {
    return false;
  }

  protected override scheduleUpdate(): void | Promise<unknown> {
    if (!this.drawsLater()) return super.scheduleUpdate();
    return breathe().then(() => super.scheduleUpdate());
  }

  protected override update(changed: PropertyValues): void {
    // A Welsh page's strings load on its first update; English shows for the moment they take to arrive.
    if (this.language === 'cy' && !welsh.module) void this.need(welsh);
    super.update(changed);
    // Every part's headings sit under the host page's own: the finder's `heading-level` (default 2) moves them all by the same step.
    const shift = Number(finderOf(this)?.getAttribute('heading-level') || 2) - 2;
    if (shift) for (const h of this.renderRoot.querySelectorAll('h2,h3,h4,h5')) h.setAttribute('aria-level', String(Number(h.localName[1]) + shift));
  }
  /** Parts this element is waiting for (`need`). */
  #waits = new Set<Promise<unknown>>();
  /** Styles that came with parts, adopted beside the element's own. */
  #adopted: CSSResult[] = [];

  /**
   * The one way an element needs a part that loads on demand (../on-demand.ts names
   * them all): starts its load, or joins the one under way, and gives the module, or
   * undefined if it cannot be had (said in the console; the next need tries again).
   * When it arrives its `styles` for this element are adopted and the element
   * updates; `updateComplete` waits for it. Call it when the need arises (an
   * attribute, an opened listing), not on every render: a part that failed would be
   * asked for again at once.
   */
  need<M>(part: OnDemand<M>, styles?: (module: M) => CSSResult | (CSSResult | undefined)[] | undefined): Promise<M | undefined> {
    const adopt = (module: M): M => {
      const more = [styles?.(module)].flat().filter((c): c is CSSResult => !!c && !this.#adopted.includes(c));
      if (more.length) {
        this.#adopted.push(...more);
        adoptStyles(this.renderRoot as ShadowRoot, [...(this.constructor as typeof LitElement).elementStyles, ...this.#adopted]);
      }
      return module;
    };
    if (part.module) return Promise.resolve(adopt(part.module));
    const wait = part.load().then(
      (module) => {
        this.requestUpdate();
        return adopt(module);
      },
      (error: unknown) => {
        part.report(error);
        return undefined;
      },
    );
    this.#waits.add(wait);
    void wait.finally(() => this.#waits.delete(wait));
    return wait;
  }

  /** Waits for the parts this element needs (a language's strings among them), so `await el.updateComplete` sees the final text. */
  protected override getUpdateComplete(): Promise<boolean> {
    return settled(() => super.getUpdateComplete(), () => (this.#waits.size ? Promise.all(this.#waits) : undefined));
  }
}

/**
 * An element's `updateComplete` that also waits for work it has still going,
 * which may ask for more draws: `complete` (its base class's) again after each
 * piece of `pending` work, until none is left.
 */
export async function settled(complete: () => Promise<boolean>, pending: () => Promise<unknown> | undefined): Promise<boolean> {
  let done = await complete();
  for (let work = pending(); work; work = pending()) {
    await work;
    done = await complete();
  }
  return done;
}

/**
 * Makes the style sheets of these elements, one element a task: a sheet is made (its CSS
 * parsed) when the first element of its kind is drawn, which on a finder's first screen
 * is in the tasks that draw it. The finder calls this while its feed is on its way.
 */
export function warmStyles(tags: readonly string[]): void {
  const [tag, ...rest] = tags;
  if (!tag) return;
  setTimeout(() => {
    const element = customElements.get(tag) as typeof LitElement | undefined;
    if (element) prepareElement(element);
    warmStyles(rest);
  }, 0);
}

/**
 * Does now what an element class's first registration and first instance would: its
 * properties and attributes worked out (Lit's finalize), its style sheets made.
 */
export function prepareElement(element: typeof LitElement): void {
  void element.observedAttributes;
  for (const style of element.elementStyles) if (style instanceof CSSResult) void style.styleSheet;
}

/**
 * Base styles in a cascade layer, so a host page can override without
 * `!important`; custom properties fall back to the page's font and colours.
 */
export const baseStyles = css`
  @layer atlas {
    :host {
      font-family: var(--atlas-font-family, inherit);
      color: var(--atlas-color-text, inherit);
      line-height: 1.5;
      box-sizing: border-box;
    }
    :host([hidden]) { display: none !important; }
    *, *::before, *::after { box-sizing: inherit; }
    a { color: var(--atlas-color-link, LinkText); }
    a:visited { color: var(--atlas-color-link-visited, var(--atlas-color-link, VisitedText)); }
    :focus-visible {
      outline: 3px solid var(--atlas-color-focus-outline, currentColor);
      outline-offset: 0;
      box-shadow: 0 0 0 3px var(--atlas-color-focus, #ffdd00);
    }
    button, input, select {
      font: inherit;
      /* em, not rem: 44 px targets (at 16 px text) even on a host whose html { font-size: 62.5% } makes a rem 10 px. */
      min-height: 2.75em;
      min-width: 2.75em;
    }
    button {
      cursor: pointer;
      border: 2px solid var(--atlas-color-button-border, currentColor);
      border-radius: var(--atlas-radius, 0);
      background: var(--atlas-color-button, ButtonFace);
      color: var(--atlas-color-button-text, ButtonText);
      padding: 0.375rem 0.875rem;
    }
    input, select {
      border: 2px solid var(--atlas-color-input-border, currentColor);
      border-radius: var(--atlas-radius, 0);
      padding: 0.375rem 0.5rem;
      background: var(--atlas-color-background, Canvas);
      color: inherit;
      max-width: 100%;
    }
    .visually-hidden {
      position: absolute !important; width: 1px !important; height: 1px !important; margin: 0 !important;
      padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important;
      border: 0 !important; white-space: nowrap !important;
    }
    .link-button {
      background: none; border: 0; padding: 0.25rem 0; color: var(--atlas-color-link, LinkText);
      text-decoration: underline; text-align: start; min-width: 0;
    }
    @media (prefers-reduced-motion: reduce) {
      *, *::before, *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
    }
    @media (forced-colors: active) {
      :focus-visible { outline: 3px solid Highlight; box-shadow: none; }
      button { border-color: ButtonText; }
    }
  }
`;
