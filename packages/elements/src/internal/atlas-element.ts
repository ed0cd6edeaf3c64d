import { LitElement, css, type PropertyDeclarations } from 'lit';
import { loadLanguage, stringsFor, type AtlasStrings } from '../translations/index.js';

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
  strings?: Partial<AtlasStrings>;

  /** The language in use: own `lang`, else the closest non-empty `lang` up the tree (through shadow hosts), else English. */
  get language(): string {
    if (this.lang) return this.lang.toLowerCase().startsWith('cy') ? 'cy' : 'en';
    let node: Element | null = this.parentElement ?? ((this.getRootNode() as ShadowRoot).host as Element | undefined) ?? null;
    while (node) {
      const value = node.getAttribute('lang');
      if (value) return value.toLowerCase().startsWith('cy') ? 'cy' : 'en';
      const parent: Element | null = node.parentElement;
      if (parent) node = parent;
      else {
        const root = node.getRootNode();
        node = root instanceof ShadowRoot ? root.host : null;
      }
    }
    return 'en';
  }

  get t(): AtlasStrings {
    const language = this.language;
    const loading = loadLanguage(language);
    if (loading && !this.#languageLoad) {
      // English shows for the moment the Welsh chunk takes to arrive, then the part re-renders.
      this.#languageLoad = loading.then(
        () => this.requestUpdate(),
        (error: unknown) => console.warn(`Community Atlas: could not load the "${language}" strings, showing English.`, error),
      ).finally(() => (this.#languageLoad = undefined));
    }
    return stringsFor(language, this.strings);
  }

  #languageLoad?: Promise<void>;

  /** Waits for the strings of a language still loading, so `await el.updateComplete` sees the final text. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#languageLoad) {
      await this.#languageLoad;
      done = await super.getUpdateComplete();
    }
    return done;
  }
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
