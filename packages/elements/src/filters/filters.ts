import { html, nothing, type PropertyValues } from 'lit';
import type { FacetCount, FacetId, FinderState } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { filtersStyles } from './filters.styles.js';
import { TRANSFER_FACETS, facetLabel, facetName } from '../internal/facet-label.js';
import { transferCards } from '../on-demand.js';

let nextId = 0;

/** The filters a finder offers, in order, unless told otherwise. */
export const DEFAULT_FILTER_ORDER: readonly FacetId[] = ['kind', 'need', 'category', 'cost', 'when', 'day', 'referral', 'access', 'delivery', 'status', 'deadline', 'assetType', 'tenure'];

/**
 * @tagname atlas-filters
 * @summary Filters in grouped fieldsets with counts, removable chips for the active ones and "Clear all". On narrow screens the groups fold behind a disclosure button.
 *
 * @csspart chip - A removable chip for an active filter.
 * @csspart toggle - The disclosure button shown on narrow screens.
 * @csspart group - One fieldset of options.
 * @cssprop --atlas-radius-chip - Corner radius of chips.
 * @fires atlas-state-change - `{ patch: { filters }, history: 'push' }` when a box is ticked or a chip removed.
 */
export class AtlasFilters extends AtlasElement {
  static override styles = [baseStyles, filtersStyles];

  static override properties = {
    facets: { attribute: false },
    filters: { attribute: false },
    order: { attribute: false },
    labeller: { attribute: false },
    total: { type: Number },
    hasLocation: { type: Boolean, attribute: 'has-location' },
    collapsed: { state: true },
  };

  /** Counts per facet value, from QueryResult.facets. */
  facets: Partial<Record<FacetId, FacetCount[]>> = {};
  /** The active filters. */
  filters: FinderState['filters'] = {};
  /** Which facets to offer, in order. */
  order: readonly FacetId[] = DEFAULT_FILTER_ORDER;
  /** Names values the translations do not know (need and category labels from the feed). */
  labeller?: (facet: FacetId, value: string) => string | undefined;

  /** How many results there are; a group whose only option has them all is left out, as ticking it would change nothing. */
  total?: number;
  /** Set when results are measured from a place: offers distance bands. */
  hasLocation = false;

  private collapsed = true;

  readonly #id = `atlas-filters-${++nextId}`;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A transfer filter with something in it, or ticked: its words come with the transfer parts,
    // which a finder over transfers has already loaded. A directory without transfers never asks.
    const shown = TRANSFER_FACETS.some((f) => !!this.filters[f]?.length || !!this.facets[f]?.some((c) => c.count > 0));
    if (shown && !transferCards.module) void this.need(transferCards);
  }

  label(facet: FacetId, value: string): string {
    return facetLabel(this.t, this.language, facet, value, this.labeller);
  }

  #set(facet: FacetId, values: string[]): void {
    const filters = { ...this.filters };
    if (values.length) filters[facet] = values;
    else delete filters[facet];
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { filters, open: undefined, limit: undefined }, history: 'push' }));
  }

  #toggle(facet: FacetId, value: string, on: boolean): void {
    const current = this.filters[facet] ?? [];
    this.#set(facet, on ? [...current, value] : current.filter((v) => v !== value));
  }

  #remove(facet: FacetId, value: string, index: number): void {
    // The chip disappears once the finder passes the new filters down: then move focus to the next chip, or the heading, so it is not lost.
    this.#focusChip = index;
    this.#toggle(facet, value, false);
  }

  #focusChip: number | undefined;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('filters') || this.#focusChip === undefined) return;
    const index = this.#focusChip;
    this.#focusChip = undefined;
    const chips = this.renderRoot.querySelectorAll<HTMLButtonElement>('[part="chip"]');
    (chips[Math.min(index, chips.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  protected override render(): unknown {
    const t = this.t;
    const active = Object.entries(this.filters).flatMap(([facet, values]) => (values ?? []).map((value) => ({ facet: facet as FacetId, value })));
    const groups = this.order.filter((f) => {
      const counts = this.facets[f] ?? [];
      if (!counts.length || f === 'distance') return false;
      if (this.filters[f]?.length) return true;
      // A group none of the listings fall in (transfer stages in a directory with no transfers) only adds noise.
      if (counts.every((c) => c.count === 0)) return false;
      return !(counts.length === 1 && counts[0]!.count === this.total);
    });
    return html`
      <h2 id="${this.#id}-h" tabindex="-1">${t.filtersHeading}</h2>
      ${active.length
        ? html`<h3 class="visually-hidden">${t.activeFilters}</h3>
            <ul class="chips">
              ${active.map(
                ({ facet, value }, i) => html`<li>
                  <button class="chip" part="chip" type="button" aria-label=${t.removeFilter(this.label(facet, value))} @click=${() => this.#remove(facet, value, i)}>
                    ${this.label(facet, value)} <span aria-hidden="true">×</span>
                  </button>
                </li>`,
              )}
              <li><button type="button" class="link-button" @click=${() => this.#clearAll()}>${t.clearAll}</button></li>
            </ul>`
        : nothing}
      <button class="toggle" part="toggle" type="button" aria-expanded=${this.collapsed ? 'false' : 'true'} aria-controls="${this.#id}-panel" @click=${() => (this.collapsed = !this.collapsed)}>
        ${t.showFilters}${active.length ? ` (${active.length})` : ''}
      </button>
      <div class="panel" id="${this.#id}-panel" ?data-collapsed=${this.collapsed}>
        ${this.hasLocation ? this.#distance() : nothing}
        ${groups.map(
          (facet) => html`<fieldset part="group">
            <legend>${facetName(t, facet)}</legend>
            ${(this.facets[facet] ?? [])
              // A kind no listing has (transfers on a page set to kinds="asset activity") is not a choice at all.
              .filter((c) => facet !== 'kind' || c.count > 0 || this.filters.kind?.includes(c.value))
              .map((c, i) => {
              const id = `${this.#id}-${facet}-${i}`;
              const checked = this.filters[facet]?.includes(c.value) ?? false;
              return html`<div class="option">
                <input id=${id} type="checkbox" .checked=${checked} ?disabled=${!checked && c.count === 0} @change=${(e: Event) => this.#toggle(facet, c.value, (e.target as HTMLInputElement).checked)} />
                <label for=${id}>${this.label(facet, c.value)} <span class="count">(${c.count.toLocaleString(t.locale)})</span></label>
              </div>`;
            })}
          </fieldset>`,
        )}
      </div>
    `;
  }

  #distance(): unknown {
    const t = this.t;
    const chosen = this.filters.distance?.[0] ?? '';
    return html`<fieldset part="group">
      <legend>${t.facetNames.distance}</legend>
      ${['1', '2', '5', '10', ''].map((v) => {
        const id = `${this.#id}-distance-${v || 'any'}`;
        return html`<div class="option">
          <input id=${id} type="radio" name="${this.#id}-distance" .checked=${chosen === v} @change=${() => this.#set('distance', v ? [v] : [])} />
          <label for=${id}>${v ? this.label('distance', v) : t.anyDistance}</label>
        </div>`;
      })}
    </fieldset>`;
  }

  #clearAll(): void {
    this.#focusChip = -1;
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { filters: {}, open: undefined, limit: undefined }, history: 'push' }));
  }
}
