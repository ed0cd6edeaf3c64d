import { html, nothing, type PropertyValues } from 'lit';
import { text, type FacetId, type FinderState, type QueryResult, type SortKey } from '@community-atlas/core';
import { AtlasElement, baseStyles, settled } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { resultsStyles } from './results.styles.js';
import { formatList } from '../internal/format.js';
import { relax } from '../on-demand.js';
import { redrawCardsUntil } from '../card/card.js';

/** How many more results "Show more" adds. */
export const PAGE_SIZE = 20;
/**
 * How many new cards are put in the list at a time. Each card is an element with a
 * shadow root of its own, and twenty drawn at once were one task of about 50 ms on a
 * desktop (issue 18, item 7): the first few come at once and the rest once those are
 * drawn. Each new card draws itself in a task of its own (AtlasCard.drawsLater); cards
 * already drawn are updated at once. Five a task were tasks of 20 to 40 ms of CPU time
 * on a slow phone (a card's element and shadow root alone about 6), three are about 20
 * (issue 19: no task over 50 ms).
 */
const CARDS_PER_TASK = 3;
/**
 * How many cards a list with none yet puts in it in the results' own task: that task also
 * draws the count, the sort choice and, the first time, makes the list's templates (with
 * five cards' elements it was the longest task of a slow phone's first results, 35 to 75
 * ms of CPU time). The rest come `CARDS_PER_TASK` a task.
 */
const FIRST_CARDS = 2;
/**
 * How long (ms) after the results' draw began the cards already in the list may go on
 * drawing their new results in the same task; the rest draw in tasks of their own
 * (AtlasCard.drawsLater), so a new result never draws twenty cards in one task.
 */
const REDRAW_MS = 12;
/** How many of the words the need vocabulary added are named above the results. */
const MAX_EXPANDED = 5;

/**
 * @tagname atlas-results
 * @summary The result list: a politely announced count (and, for a sharded directory, what it covers), a sort choice, cards, "Show more", and when nothing matches, buttons that widen the search.
 *
 * @csspart count - The result count (a live region).
 * @csspart list - The list of cards.
 * @csspart expanded - "Also searching for …": the words the need vocabulary added to the search.
 * @csspart more - The "Show more" button.
 * @fires atlas-state-change - Sort, "Show more" and the widen-the-search buttons.
 */
export class AtlasResults extends AtlasElement {
  static override styles = [baseStyles, resultsStyles];

  static override properties = {
    result: { attribute: false },
    state: { attribute: false },
    sorts: { attribute: false },
    hrefFor: { attribute: false },
    labeller: { attribute: false },
    now: { attribute: false },
    highlighted: {},
    provisional: { type: Boolean },
  };

  result?: QueryResult;
  /** The state the result answers, for sort and for widening the search. */
  state: FinderState = { q: '', filters: {}, sort: 'relevance' };
  /** Sorts to offer. */
  sorts: SortKey[] = ['relevance', 'name', 'next', 'distance'];
  hrefFor?: (key: string) => string;
  labeller?: (facet: FacetId, value: string) => string;
  now?: Date;
  /** Keys of results highlighted from the map. */
  highlighted = '';
  /** The result is a ready feed's first screen, drawn before the engine's answer: it has no next sessions yet, and the cards say none. */
  provisional = false;

  /** Puts focus on a card's link (after closing the listing it opened). */
  focusCard(key: string): boolean {
    const card = [...this.renderRoot.querySelectorAll('atlas-card')].find((c) => c.item?.listing.key === key);
    card?.focus();
    return !!card;
  }

  #change(patch: Partial<FinderState>): void {
    this.dispatchEvent(new AtlasStateChangeEvent({ patch, history: 'push' }));
  }

  async #more(): Promise<void> {
    const shown = this.result?.items.length ?? 0;
    this.#change({ limit: shown + PAGE_SIZE });
    // Focus the first new card, so a keyboard user carries on from where they were rather than at the top or on a vanished button.
    await new Promise((r) => setTimeout(r, 0));
    await this.updateComplete;
    const cards = this.renderRoot.querySelectorAll('atlas-card');
    const first = cards[shown];
    if (first) {
      await first.updateComplete;
      first.focus();
    }
  }

  /** How many of the result's cards are in the list now; the rest follow, `CARDS_PER_TASK` a task. */
  #drawn = 0;
  /** The next cards' task, while there are cards still to draw. */
  #drawing?: Promise<void>;

  /** Resolves once every card of the result is drawn, not only the first few. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await settled(() => super.getUpdateComplete(), () => this.#drawing);
    await this.#cardsDrawn();
    return done;
  }

  /** The cards in the list have drawn themselves (each does in a task of its own). */
  async #cardsDrawn(): Promise<void> {
    await Promise.all([...this.renderRoot.querySelectorAll('atlas-card')].map((card) => card.updateComplete));
  }

  /** The result the list was last drawn with. */
  #drawnResult?: QueryResult;

  /**
   * The first draw is a task of its own, after the finder's: a finder's first screen drew
   * its every part in one task. So is each new result: it drew in the finder's task, with
   * the finder, the search box and the cards.
   */
  protected override drawsLater(): boolean {
    return !this.hasUpdated || this.result !== this.#drawnResult;
  }

  /**
   * The height of the count's bar while a large directory was still arriving, held (with its layout) through
   * the whole answer that replaces it: the "so far" count can take more lines than the whole one, and the list
   * moved as a resident read it. Let go at the next answer, which redraws the list in any case.
   */
  #arrivingBar = 0;
  #heldBar = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('result')) {
      const before = changed.get('result') as QueryResult | undefined;
      this.#heldBar = before?.arriving && this.result && !this.result.arriving ? this.#arrivingBar : 0;
    }
    this.#drawnResult = this.result;
    redrawCardsUntil(REDRAW_MS);
    const wanted = this.result?.items.length ?? 0;
    // Cards already drawn are updated in place at once; new ones come a few at a time.
    if (changed.has('result')) this.#drawn = Math.min(wanted, Math.max(this.#drawn, this.#drawn ? CARDS_PER_TASK : FIRST_CARDS));
    // The zero-results hints: fetched the first time a search finds nothing (`define` has them at once).
    if (!relax.module && this.result?.total === 0 && this.result.relax?.length) void this.need(relax);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const bar = this.renderRoot.querySelector<HTMLElement>('.bar');
    if (bar && changed.has('result')) {
      // Through the CSS object model, which a page's style-src 'self' allows (a style attribute it does not).
      bar.style.minBlockSize = this.#heldBar ? `${this.#heldBar}px` : '';
      if (this.result?.arriving) this.#arrivingBar = bar.getBoundingClientRect().height;
    }
    if (this.#drawing || this.#drawn >= (this.result?.items.length ?? 0)) return;
    // The next cards once those in the list have drawn themselves.
    this.#drawing = this.#cardsDrawn().then(() => {
      this.#drawing = undefined;
      this.#drawn = Math.min(this.result?.items.length ?? 0, this.#drawn + CARDS_PER_TASK);
      this.requestUpdate();
    });
  }

  protected override render(): unknown {
    const t = this.t;
    const lang = this.language;
    const result = this.result;
    const total = result?.total ?? 0;
    const items = result?.items ?? [];
    // Names two results share: their cards say where each is (counted once, not per card against every other).
    const seen = new Set<string>();
    const shared = new Set<string>();
    const names = items.map((item) => {
      const name = text(item.listing.name, lang);
      if (seen.has(name)) shared.add(name);
      seen.add(name);
      return name;
    });
    // A sharded directory says what the answer covers ("within 10 miles; searching further…"), in the same live region.
    const coverage = result?.coverage;
    // A large directory still arriving says its results are from the part that has, in the same live region;
    // that the rest is loading, to screen readers only, so the count stays on one line.
    const count = result && !coverage?.prompt ? (result.arriving ? t.arriving(t.resultsCount(total)) : t.resultsCount(total)) : '';
    const said = [count, coverage ? t.shardCoverage(coverage) : ''].filter(Boolean).join('. ');
    const rest = count && result?.arriving ? html`<span class="visually-hidden">${t.arrivingRest}</span>` : nothing;
    return html`
      <h2 class="visually-hidden">${t.resultsHeading}</h2>
      <div class=${result?.arriving || this.#heldBar ? 'bar arriving' : 'bar'}>
        <p class="count" part="count" role="status" aria-live="polite" aria-atomic="true">${said}${rest}</p>
        ${total > 1
          ? html`<div class="sort">
              <label for="sort">${t.sortLabel}</label>
              <select id="sort" .value=${this.state.sort} @change=${(e: Event) => this.#change({ sort: (e.target as HTMLSelectElement).value as SortKey })}>
                ${this.sorts.filter((s) => s !== 'distance' || this.state.near).map((s) => html`<option value=${s} ?selected=${s === this.state.sort}>${t.sortOptions[s]}</option>`)}
              </select>
            </div>`
          : nothing}
      </div>
      ${total > 0 && result?.expandedTerms?.length
        ? html`<p class="expanded" part="expanded">${t.alsoSearchingFor(formatList(result.expandedTerms.slice(0, MAX_EXPANDED), this.language))}</p>`
        : nothing}
      ${result && total === 0 && !coverage?.prompt
        ? html`<div class="none">
            <h3>${t.noResults}</h3>
            ${relax.module?.renderRelax(result.relax, { t, language: this.language, state: this.state, labeller: this.labeller, change: (p) => this.#change(p) })}
          </div>`
        : nothing}
      <ol part="list">
        ${items.slice(0, this.#drawn).map(
          (item, i) => html`<li>
            <atlas-card .item=${item} .now=${this.now} lang=${lang} ?highlighted=${this.highlighted === item.listing.key} href=${this.hrefFor?.(item.listing.key) ?? ''}
              .labeller=${this.labeller} ?namesake=${shared.has(names[i]!)} ?provisional=${this.provisional}></atlas-card>
          </li>`,
        )}
      </ol>
      ${items.length < total
        ? html`<p class="more">
            <button type="button" part="more" @click=${() => void this.#more()}>${t.showMore}</button>
            <span>${t.resultsShowing(items.length, total)}</span>
          </p>`
        : nothing}
    `;
  }
}
