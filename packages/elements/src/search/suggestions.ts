/**
 * The search box's suggestion list (ARIA APG combobox, list autocomplete): the
 * options, the arrow keys, Enter and Escape on them, and choosing one. The embed
 * build puts it in a chunk of its own, fetched when a person first focuses or types
 * in the box; until then the box is a plain labelled search field with an empty,
 * hidden listbox (the combobox's attributes are there from the first render).
 */
import { adoptStyles, css, html, type LitElement, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Suggestion } from '@community-atlas/core';
import type { LoadedStrings, SuggestionWords } from '../translations/en.js';
import { cySuggestionWords } from './suggestions-cy.js';

/** What each suggestion is, in English (Welsh, or a host's own words, come through the strings). */
/** The English words of this part (SuggestionWords), loaded with it. */
const TYPES: SuggestionWords['suggestionTypes'] = { need: 'need', category: 'type', listing: 'listing', term: 'word' };

/** The list's styles, adopted beside the search box's own when the list arrives. */
const listStyles = css`
  @layer atlas {
    [role='listbox'] {
      position: absolute; z-index: 10; inset-inline: 0; top: 100%; margin: 0; padding: 0; list-style: none;
      background: var(--atlas-color-background, Canvas); color: var(--atlas-color-text, CanvasText);
      border: 2px solid var(--atlas-color-input-border, currentColor); border-top: 0; max-height: 18rem; overflow-y: auto;
    }
    [role='option'] { padding: 0.5rem; min-height: 2.75em; cursor: pointer; display: flex; justify-content: space-between; gap: 0.5rem; }
    [role='option'][aria-selected='true'] {
      background: var(--atlas-color-link, CanvasText); color: var(--atlas-color-background, Canvas);
      outline: 2px solid transparent;
    }
    .type { font-size: 0.85em; font-style: italic; }
    @media (forced-colors: active) {
      [role='option'][aria-selected='true'] { background: Highlight; color: HighlightText; forced-color-adjust: none; }
    }
  }
`;

/** What the list needs from its search box. */
interface SuggestionHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export class SuggestionList implements ReactiveController {
  suggestions: Suggestion[] = [];
  expanded = false;
  active = -1;
  #request = 0;

  /** `choose` is told of the suggestion a person picks (Enter or a click); the list has closed by then. */
  constructor(
    private readonly host: SuggestionHost,
    private readonly id: string,
    private readonly choose: (s: Suggestion) => void,
  ) {
    host.addController(this);
    if (host.renderRoot instanceof ShadowRoot) {
      adoptStyles(host.renderRoot, [...(host.constructor as typeof LitElement).elementStyles, listStyles]);
    }
  }

  /** The option the arrow keys are on, for `aria-activedescendant` ('' for none). */
  get activeId(): string {
    return this.expanded && this.active >= 0 ? `${this.id}-opt-${this.active}` : '';
  }

  async refresh(prefix: string, suggest?: (prefix: string) => Promise<Suggestion[]>): Promise<void> {
    const request = ++this.#request;
    const list = suggest && prefix.trim().length >= 2 ? await suggest(prefix) : [];
    if (request !== this.#request) return; // a newer keystroke already asked
    // The option the arrow keys are on stays chosen when the new list still has it: a list that
    // arrives between ArrowDown and Enter must not turn Enter into a search for the words typed.
    const was = this.suggestions[this.active];
    this.suggestions = list;
    this.active = was ? list.findIndex((s) => s.type === was.type && s.text === was.text && s.key === was.key) : -1;
    this.expanded = list.length > 0;
    this.host.requestUpdate();
  }

  close(): void {
    this.expanded = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  /** Handles a key on the combobox; true if it was the list's (the box then does nothing more with it). */
  key(e: KeyboardEvent): boolean {
    const n = this.suggestions.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!n) return true;
      e.preventDefault();
      this.expanded = true;
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : this.active <= 0 ? n - 1 : this.active - 1;
      this.host.requestUpdate();
      return true;
    }
    if (e.key === 'Escape' && this.expanded) {
      e.preventDefault();
      this.close();
      return true;
    }
    const chosen = e.key === 'Enter' && this.expanded ? this.suggestions[this.active] : undefined;
    if (!chosen) return false;
    e.preventDefault();
    this.close();
    this.choose(chosen);
    return true;
  }

  hostUpdated(): void {
    if (this.active >= 0) this.host.renderRoot.querySelector(`#${this.id}-opt-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  /** The options, inside the box's listbox. */
  render(t: LoadedStrings): unknown {
    return this.suggestions.map(
      // Options are reached with the arrow keys on the combobox itself (APG pattern); a click is the pointer path.
      // eslint-disable-next-line lit-a11y/click-events-have-key-events
      (s, i) => html`<li
        id="${this.id}-opt-${i}"
        role="option"
        aria-selected=${i === this.active ? 'true' : 'false'}
        @mousedown=${(e: Event) => e.preventDefault()}
        @click=${() => {
          this.close();
          this.choose(s);
        }}
      >
        <span>${s.text}</span><span class="type">${(t.suggestionTypes ?? (t.locale.startsWith('cy') ? cySuggestionWords.suggestionTypes : TYPES))[s.type]}</span>
      </li>`,
    );
  }
}
