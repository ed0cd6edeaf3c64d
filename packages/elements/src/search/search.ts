import { html, type PropertyValues } from 'lit';
import type { Suggestion } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { AtlasOpenEvent } from '../events/open.js';
import { searchStyles } from './search.styles.js';
import type * as Suggestions from './suggestions.js';
import { suggestions } from '../on-demand.js';

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
  };

  /** The search text. */
  value = '';

  /** Where suggestions come from; usually the finder's engine. Without it there are no suggestions. */
  suggest?: (prefix: string) => Promise<Suggestion[]>;

  /** The text box (null before the first render). */
  private get input(): HTMLInputElement {
    return this.renderRoot?.querySelector('input') as HTMLInputElement;
  }

  readonly #id = `atlas-search-${++nextId}`;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The words last reported to the finder, and whether the box has been typed in since. */
  #reported: string | undefined;
  #typedSince = false;
  /** The suggestion list, once its code has arrived. */
  #list?: Suggestions.SuggestionList;

  override focus(options?: FocusOptions): void {
    this.input?.focus(options);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typingTimer);
  }

  /**
   * What the box shows. The words come back trimmed from the finder after the typing pause: a space the
   * person has just typed (and the letters after it) must stay in the box, so only different words replace them.
   */
  get #shown(): string {
    return this.input && this.input.value.trim() === this.value.trim() ? this.input.value : this.value;
  }

  /** The first draw is a task of its own, after the finder's: a finder's first screen drew its every part in one task. */
  protected override drawsLater(): boolean {
    return !this.hasUpdated;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('value') || !this.input) return;
    // The finder handing back the words reported at the last pause, after the person has typed on (a slow phone
    // answers late): what they typed since stays. Only other words (Back, a cleared search, a link) replace it.
    if (this.#typedSince && this.value.trim() === this.#reported) this.value = this.input.value;
    else if (this.input.value !== this.#shown) this.input.value = this.#shown;
  }

  /** The suggestion list, loading its code the first time; undefined if it cannot be had (the box still searches). */
  #withList(): Promise<Suggestions.SuggestionList | undefined> {
    return suggestions.load().then(
      (m) => (this.#list ??= new m.SuggestionList(this, this.#id, (s) => this.#choose(s))),
      (error: unknown) => {
        suggestions.report(error);
        return undefined;
      },
    );
  }

  #onInput(): void {
    const prefix = (this.value = this.input.value);
    this.#typedSince = true;
    void this.#withList().then((list) => list?.refresh(prefix, this.suggest));
    clearTimeout(this.#typingTimer);
    // Typing updates the results after a pause and replaces the history entry, so Back is not a letter at a time.
    this.#typingTimer = setTimeout(() => this.#emit('replace'), 250);
  }

  #emit(history: 'push' | 'replace'): void {
    clearTimeout(this.#typingTimer);
    this.#reported = this.value.trim();
    this.#typedSince = false;
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { q: this.value.trim(), open: undefined, limit: undefined }, history }));
  }

  /** A suggestion was chosen: open a listing, or search for the words. */
  #choose(s: Suggestion): void {
    if (s.type === 'listing' && s.key) {
      this.dispatchEvent(new AtlasOpenEvent(s.key));
      return;
    }
    this.value = s.text;
    this.input.value = s.text;
    this.#emit('push');
  }

  #onKeydown(e: KeyboardEvent): void {
    if (this.#list?.key(e)) return;
    // Escape with the list closed clears the field.
    if (e.key === 'Escape' && this.value) {
      e.preventDefault();
      this.value = '';
      this.input.value = '';
    }
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    this.#list?.close();
    this.#emit('push');
  }

  protected override render(): unknown {
    const t = this.t;
    const listId = `${this.#id}-list`;
    const list = this.#list;
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
            aria-expanded=${list?.expanded ? 'true' : 'false'}
            aria-controls=${listId}
            aria-activedescendant=${list?.activeId ?? ''}
            aria-describedby="${this.#id}-hint"
            .value=${this.#shown}
            @input=${this.#onInput}
            @keydown=${this.#onKeydown}
            @focus=${() => void this.#withList()}
            @blur=${() => setTimeout(() => this.#list?.close(), 150)}
          />
          <ul id=${listId} role="listbox" part="listbox" aria-label=${t.suggestionsLabel} ?hidden=${!list?.expanded}>${list?.render(t)}</ul>
        </div>
        <button type="submit" part="button">${t.searchButton}</button>
      </form>
    `;
  }
}
