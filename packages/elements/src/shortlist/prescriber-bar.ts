import { css, html } from 'lit';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { prescriberStrings } from './prescriber-strings.js';

/**
 * @tagname atlas-prescriber-bar
 * @summary The prescriber's extra controls: the person's age, and the keyboard shortcuts, listed on the page with a switch to turn the single-key ones off (WCAG 2.1.4).
 */
export class AtlasPrescriberBar extends AtlasElement {
  static override styles = [baseStyles, css`
    @layer atlas {
      :host { display: block; }
      .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: start; }
      label { display: block; font-weight: 700; }
      .hint { margin: 0; font-size: 0.9em; color: var(--atlas-color-secondary-text, inherit); }
      input[type='number'] { width: 6rem; }
      details { max-width: 32rem; }
      summary { cursor: pointer; padding-block: 0.625rem; font-weight: 700; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 0.75rem; margin: 0.25rem 0; }
      dd { margin: 0; }
      kbd { border: 1px solid currentColor; border-radius: 3px; padding: 0 0.3rem; font-family: inherit; }
      .switch { display: flex; align-items: center; gap: 0.5rem; min-height: 2.75em; font-weight: 400; }
      .switch input { width: 1.5rem; height: 1.5rem; margin: 0; }
      .privacy { margin: 0.5rem 0 0; max-width: 48rem; font-size: 0.9em; }
    }
  `];

  static override properties = {
    age: { type: Number },
    shortcuts: { type: Boolean },
    onShortcutsChange: { attribute: false },
  };

  age?: number;
  /** Whether single-key shortcuts (j, k, s, /) are on. */
  shortcuts = true;
  /** Called when the prescriber turns shortcuts on or off. */
  onShortcutsChange?: (on: boolean) => void;

  #age(e: Event): void {
    const input = e.target as HTMLInputElement;
    const n = input.value.trim() === '' ? undefined : Number(input.value);
    if (n !== undefined && !(Number.isInteger(n) && n >= 0 && n <= 120)) return;
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { age: n, open: undefined, limit: undefined }, history: 'replace' }));
  }

  protected override render(): unknown {
    const p = prescriberStrings(this.t);
    return html`<div class="bar">
      <div>
        <label for="age">${p.ageLabel}</label>
        <p class="hint" id="age-hint">${p.ageHint}</p>
        <input id="age" type="number" inputmode="numeric" min="0" max="120" step="1" autocomplete="off"
          aria-describedby="age-hint" .value=${this.age === undefined ? '' : String(this.age)} @change=${this.#age}>
      </div>
      <details>
        <summary>${p.shortcutsHeading}</summary>
        <label class="switch"><input type="checkbox" .checked=${this.shortcuts} @change=${(e: Event) => this.onShortcutsChange?.((e.target as HTMLInputElement).checked)}> ${p.shortcutsToggle}</label>
        <dl>
          <dt><kbd>/</kbd></dt><dd>${p.shortcuts.search}</dd>
          <dt><kbd>j</kbd> <kbd>↓</kbd></dt><dd>${p.shortcuts.next}</dd>
          <dt><kbd>k</kbd> <kbd>↑</kbd></dt><dd>${p.shortcuts.previous}</dd>
          <dt><kbd>s</kbd></dt><dd>${p.shortcuts.shortlist}</dd>
        </dl>
      </details>
    </div>
    <p class="privacy">${p.privacy}</p>`;
  }
}
