import { html, nothing, type PropertyValues } from 'lit';
import type { FacetCount, FacetId, FinderState } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { filtersStyles } from './filters.styles.js';
import { TRANSFER_FACETS, facetLabel, facetName } from '../internal/facet-label.js';
import { transferCards } from '../on-demand.js';

let nextId = 0;

/** A group with more options than this folds behind one button, the most used first. */
const FOLD_AFTER = 7;
const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const WEEKDAYS = DAYS.slice(0, 5);
const WEEKEND = DAYS.slice(5);

/** The filters a finder offers, in order, unless told otherwise. */
export const DEFAULT_FILTER_ORDER: readonly FacetId[] = ['kind', 'need', 'distance', 'cost', 'when', 'day', 'time', 'category', 'referral', 'access', 'delivery', 'status', 'deadline', 'assetType', 'tenure'];

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
    showResults: { attribute: false },
    collapsed: { state: true },
    unfolded: { state: true },
    typed: { state: true },
    chooseDays: { state: true },
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

  /** Called by the "Show N results" button at the end of the filters (narrow screens): the finder moves focus to the results. */
  showResults?: () => void;

  private collapsed = true;
  /** Long groups the person has opened. */
  private unfolded: ReadonlySet<FacetId> = new Set();
  /** What has been typed in a long group's filter box. */
  private typed: Partial<Record<FacetId, string>> = {};
  /** "Choose days" is picked, so each day shows as its own box. */
  private chooseDays = false;

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
    // A chip added above the box just ticked must not push that box out of sight.
    (this.renderRoot as ShadowRoot).activeElement?.scrollIntoView?.({ block: 'nearest' });
    if (!changed.has('filters') || this.#focusChip === undefined) return;
    const index = this.#focusChip;
    this.#focusChip = undefined;
    const chips = this.renderRoot.querySelectorAll<HTMLButtonElement>('[part="chip"]');
    (chips[Math.min(index, chips.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  protected override render(): unknown {
    const t = this.t;
    const active = Object.entries(this.filters).flatMap(([facet, values]) => (values ?? []).map((value) => ({ facet: facet as FacetId, value })));
    const order = this.order.includes('distance') ? this.order : (['distance', ...this.order] as FacetId[]);
    const groups = order.filter((f) => {
      if (f === 'distance') return this.hasLocation;
      const counts = this.facets[f] ?? [];
      if (!counts.length) return false;
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
        ${groups.map((facet) => (facet === 'distance' ? this.#distance() : facet === 'day' ? this.#days() : facet === 'when' ? this.#when() : this.#group(facet)))}
        ${this.total !== undefined && this.showResults
          ? html`<button type="button" class="show-results" @click=${() => { this.collapsed = true; this.showResults?.(); }}>${t.showResults(this.total)}</button>`
          : nothing}
      </div>
    `;
  }

  /**
   * One group of boxes. Options nothing would match are left out (unless ticked); a long
   * group shows the most used first and folds behind one button, with a box to type in
   * once it is open, so a keyboard passes it with one Tab.
   */
  #group(facet: FacetId, only?: readonly string[]): unknown {
    const t = this.t;
    const chosen = this.filters[facet] ?? [];
    // Left out: options that would give nothing, and, with nothing ticked yet, options every result already has.
    let counts = (this.facets[facet] ?? []).filter((c) => chosen.includes(c.value) || (c.count > 0 && (only || chosen.length || c.count !== this.total) && (!only || only.includes(c.value))));
    const long = !only && counts.length > FOLD_AFTER;
    const open = this.unfolded.has(facet);
    const typed = (this.typed[facet] ?? '').trim().toLocaleLowerCase();
    if (long) {
      counts = [...counts].sort((a, b) => b.count - a.count);
      counts = open ? counts.filter((c) => !typed || this.label(facet, c.value).toLocaleLowerCase().includes(typed)) : counts.filter((c) => chosen.includes(c.value));
    }
    const name = facetName(t, facet);
    const boxes = counts.map((c) => {
      const id = `${this.#id}-${facet}-${c.value}`;
      return html`<div class="option">
        <input id=${id} type="checkbox" .checked=${chosen.includes(c.value)} @change=${(e: Event) => this.#toggle(facet, c.value, (e.target as HTMLInputElement).checked)} />
        <label for=${id}>${this.label(facet, c.value)} <span class="count">(${c.count.toLocaleString(t.locale)})</span></label>
      </div>`;
    });
    if (only) return boxes;
    return html`<fieldset part="group">
      <legend>${name}</legend>
      ${long
        ? html`<button type="button" class="fold" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.#unfold(facet, !open)}>${open ? t.fewerOptions : t.allOptions((this.facets[facet] ?? []).filter((c) => c.count > 0).length)}</button>
          ${open
            ? html`<label class="typed" for="${this.#id}-${facet}-typed">${t.typeToFilter(name)}</label>
              <input id="${this.#id}-${facet}-typed" type="search" autocomplete="off" .value=${this.typed[facet] ?? ''}
                @input=${(e: Event) => (this.typed = { ...this.typed, [facet]: (e.target as HTMLInputElement).value })}>`
            : nothing}`
        : nothing}
      ${boxes}
    </fieldset>`;
  }

  /** On now, today, this week: each takes in the one before, so one choice. */
  #when(): unknown {
    const t = this.t;
    const chosen = this.filters.when?.[0] ?? '';
    const counts = this.facets.when ?? [];
    return html`<fieldset part="group">
      <legend>${facetName(t, 'when')}</legend>
      ${['', ...counts.filter((c) => c.count > 0 || c.value === chosen).map((c) => c.value)].map((v) => {
        const id = `${this.#id}-when-${v || 'any'}`;
        return html`<div class="option">
          <input id=${id} type="radio" name="${this.#id}-when" .checked=${chosen === v} @change=${() => this.#set('when', v ? [v] : [])} />
          <label for=${id}>${v ? this.label('when', v) : t.anyTime}</label>
        </div>`;
      })}
    </fieldset>`;
  }

  #unfold(facet: FacetId, open: boolean): void {
    const next = new Set(this.unfolded);
    if (open) next.add(facet);
    else next.delete(facet);
    this.unfolded = next;
  }

  /** Days as one choice (any day, weekdays, weekends), with each day's own box when "Choose days" is picked. */
  #days(): unknown {
    const t = this.t;
    const chosen = [...(this.filters.day ?? [])].sort((a, b) => DAYS.indexOf(a) - DAYS.indexOf(b)).join();
    const preset = !chosen ? 'any' : chosen === WEEKDAYS.join() ? 'weekdays' : chosen === WEEKEND.join() ? 'weekend' : 'choose';
    const current = this.chooseDays ? 'choose' : preset;
    const pick = (v: string): void => {
      this.chooseDays = v === 'choose';
      if (v !== 'choose') this.#set('day', v === 'weekdays' ? [...WEEKDAYS] : v === 'weekend' ? [...WEEKEND] : []);
    };
    return html`<fieldset part="group">
      <legend>${facetName(t, 'day')}</legend>
      ${(['any', 'weekdays', 'weekend', 'choose'] as const).map((v) => {
        const id = `${this.#id}-days-${v}`;
        return html`<div class="option">
          <input id=${id} type="radio" name="${this.#id}-days" .checked=${current === v} @change=${() => pick(v)} />
          <label for=${id}>${t.dayChoices[v]}</label>
        </div>`;
      })}
      ${current === 'choose' ? html`<div class="days">${this.#group('day', DAYS)}</div>` : nothing}
    </fieldset>`;
  }

  #distance(): unknown {
    const t = this.t;
    const chosen = this.filters.distance?.[0] ?? '';
    return html`<fieldset part="group">
      <legend>${t.facetNames.distance}</legend>
      ${['', '1', '2', '5', '10'].map((v) => {
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
