import { html, type PropertyValues } from 'lit';
import type { Suggestion } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { AtlasOpenEvent } from '../events/open.js';
import { searchStyles } from './search.styles.js';

let nextId = 0;

/**
 * @tagname atlas-search
 * @summary A search box with suggestions, following the ARIA APG combobox pattern (list autocomplete).
 *
 * @csspart input - The text field.
 * @csspart listbox - The list of suggestions.
 * @csspart button - The search button.
 * @cssprop --atlas-color-input-border - Border of the field and list.
 * @fires atlas-state-change - `{ patch: { q }, history }`: `replace` while typing, `push` on search.
 * @fires atlas-open - The user chose a listing from the suggestions.
 */
export class AtlasSearch extends AtlasElement {
  static override styles = [baseStyles, searchStyles];

  static override properties = {
    value: {},
    suggest: { attribute: false },
    suggestions: { state: true },
    expanded: { state: true },
    active: { state: true },
  };

  /** The search text. */
  value = '';

  /** Where suggestions come from; usually the finder's engine. Without it there are no suggestions. */
  suggest?: (prefix: string) => Promise<Suggestion[]>;

  private suggestions: Suggestion[] = [];
  private expanded = false;
  private active = -1;

  /** The text box (null before the first render). */
  private get input(): HTMLInputElement {
    return this.renderRoot?.querySelector('input') as HTMLInputElement;
  }

  readonly #id = `atlas-search-${++nextId}`;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #request = 0;

  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typingTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && this.input && this.input.value !== this.value) this.input.value = this.value;
  }

  async #refreshSuggestions(prefix: string): Promise<void> {
    const request = ++this.#request;
    const list = this.suggest && prefix.trim().length >= 2 ? await this.suggest(prefix) : [];
    if (request !== this.#request) return; // a newer keystroke already asked
    this.suggestions = list;
    this.active = -1;
    this.expanded = list.length > 0;
  }

  #onInput(): void {
    this.value = this.input.value;
    void this.#refreshSuggestions(this.value);
    clearTimeout(this.#typingTimer);
    // Typing updates the results after a pause and replaces the history entry, so Back is not a letter at a time.
    this.#typingTimer = setTimeout(() => this.#emit('replace'), 250);
  }

  #emit(history: 'push' | 'replace'): void {
    clearTimeout(this.#typingTimer);
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { q: this.value.trim(), open: undefined, limit: undefined }, history }));
  }

  #close(): void {
    this.expanded = false;
    this.active = -1;
  }

  #choose(s: Suggestion): void {
    this.#close();
    if (s.type === 'listing' && s.key) {
      this.dispatchEvent(new AtlasOpenEvent(s.key));
      return;
    }
    this.value = s.text;
    this.input.value = s.text;
    this.#emit('push');
  }

  #onKeydown(e: KeyboardEvent): void {
    const n = this.suggestions.length;
    switch (e.key) {
      case 'ArrowDown':
        if (!n) return;
        e.preventDefault();
        this.expanded = true;
        this.active = (this.active + 1) % n;
        break;
      case 'ArrowUp':
        if (!n) return;
        e.preventDefault();
        this.expanded = true;
        this.active = this.active <= 0 ? n - 1 : this.active - 1;
        break;
      case 'Escape':
        if (this.expanded) {
          e.preventDefault();
          this.#close();
        } else if (this.value) {
          e.preventDefault();
          this.value = '';
          this.input.value = '';
        }
        break;
      case 'Enter': {
        const chosen = this.expanded ? this.suggestions[this.active] : undefined;
        if (chosen) {
          e.preventDefault();
          this.#choose(chosen);
        }
        break;
      }
      default:
    }
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.#close();
    this.#emit('push');
  }

  protected override updated(): void {
    if (this.active >= 0) this.renderRoot.querySelector(`#${this.#id}-opt-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  protected override render(): unknown {
    const t = this.t;
    const listId = `${this.#id}-list`;
    const activeId = this.expanded && this.active >= 0 ? `${this.#id}-opt-${this.active}` : '';
    return html`
      <form role="search" @submit=${this.#onSubmit}>
        <div class="field">
          <label id="${this.#id}-label" for=${this.#id}>${t.searchLabel}</label>
          <span class="hint" id="${this.#id}-hint">${t.searchHint}</span>
          <input
            id=${this.#id}
            part="input"
            type="text"
            role="combobox"
            aria-labelledby="${this.#id}-label"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-expanded=${this.expanded ? 'true' : 'false'}
            aria-controls=${listId}
            aria-activedescendant=${activeId}
            aria-describedby="${this.#id}-hint"
            .value=${this.value}
            @input=${this.#onInput}
            @keydown=${this.#onKeydown}
            @blur=${() => setTimeout(() => this.#close(), 150)}
          />
          <ul id=${listId} role="listbox" part="listbox" aria-label=${t.suggestionsLabel} ?hidden=${!this.expanded}>
            ${this.suggestions.map(
              // Options are reached with the arrow keys on the combobox itself (APG pattern); a click is the pointer path.
              // eslint-disable-next-line lit-a11y/click-events-have-key-events
              (s, i) => html`<li
                id="${this.#id}-opt-${i}"
                role="option"
                aria-selected=${i === this.active ? 'true' : 'false'}
                @mousedown=${(e: Event) => e.preventDefault()}
                @click=${() => this.#choose(s)}
              >
                <span>${s.text}</span><span class="type">${t.suggestionTypes[s.type]}</span>
              </li>`,
            )}
          </ul>
        </div>
        <button type="submit" part="button">${t.searchButton}</button>
      </form>
    `;
  }
}
