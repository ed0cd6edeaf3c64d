import { html, nothing, type PropertyValues } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { breathe, type FacetCount, type FacetId, type FinderState } from '@community-atlas/core';
import { AtlasElement, baseStyles, settled } from '../internal/atlas-element.js';
import { AtlasStateChangeEvent } from '../events/state-change.js';
import { filtersStyles } from './filters.styles.js';
import { TRANSFER_FACETS, facetLabel, facetName } from '../internal/facet-label.js';
import { transferCards, welsh } from '../on-demand.js';
import { formatNumber } from '../internal/format.js';

let nextId = 0;

/** A group with more options than this folds behind one button, the most used first. */
const FOLD_AFTER = 7;
/** How many of the closed "More filters" panel's groups are drawn in one task (see AtlasFilters.#panelFresh). */
const PANEL_GROUPS_PER_TASK = 2;
const DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];

/**
 * Groups made as one choice (radio buttons): each choice is the values it stands for, `[]` for
 * "any". `*` is "choose", which shows the group's own boxes. A mix of values none of the
 * choices stands for (an old link, say) shows as boxes.
 */
const CHOICES: Partial<Record<FacetId, [string, string[]][]>> = {
  cost: [['any', []], ['free', ['free']], ['low', ['free', 'low-cost']], ['help', ['help']], ['budget', ['personal-budget']]],
  day: [['any', []], ['weekdays', DAYS.slice(0, 5)], ['weekend', DAYS.slice(5)], ['choose', ['*']]],
  time: [['any', []], ['daytime', ['morning', 'afternoon']], ['morning', ['morning']], ['afternoon', ['afternoon']], ['evening', ['evening']]],
  when: [['any', []], ['now', ['now']], ['today', ['today']], ['this-week', ['this-week']]],
  distance: [['any', []], ['1', ['1']], ['2', ['2']], ['5', ['5']], ['10', ['10']]],
};

/** The filters a resident is offered, in order: the first four show, the rest fold behind "More filters". */
export const DEFAULT_FILTER_ORDER: readonly FacetId[] = ['cost', 'when', 'day', 'distance', 'kind', 'need', 'category', 'time', 'referral', 'access', 'delivery', 'status', 'deadline', 'assetType', 'tenure'];

/**
 * @tagname atlas-filters
 * @summary Filters: the groups most asked for first (a group that is one choice as radio buttons), then "Show N results", straight to the results, and "More filters", which folds the rest. Active filters show as removable chips with "Clear all".
 *
 * @slot - More controls among the first filters (a prescriber's "Age").
 * @csspart chip - A removable chip for an active filter.
 * @csspart toggle - "More filters", the disclosure button over the groups less often used.
 * @csspart show-results - "Show N results", which moves focus to the first result.
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
    lead: { type: Number },
    labeller: { attribute: false },
    total: { type: Number },
    hasLocation: { type: Boolean, attribute: 'has-location' },
    showResults: { attribute: false },
    more: { state: true },
    unfolded: { state: true },
    typed: { state: true },
    choosing: { state: true },
  };

  /** Counts per facet value, from QueryResult.facets. */
  facets: Partial<Record<FacetId, FacetCount[]>> = {};
  /** The active filters. */
  filters: FinderState['filters'] = {};
  /** Which facets to offer, in order. */
  order: readonly FacetId[] = DEFAULT_FILTER_ORDER;
  /** How many of `order` show first; the rest fold behind "More filters". */
  lead = 4;
  /** Names values the translations do not know (need and category labels from the feed). */
  labeller?: (facet: FacetId, value: string) => string | undefined;

  /** How many results there are; a group whose only option has them all is left out, as ticking it would change nothing. */
  total?: number;
  /** Set when results are measured from a place: offers distance bands. */
  hasLocation = false;

  /** Called by "Show N results" after the first filters: the finder moves focus to the first result. */
  showResults?: () => void;

  /** "More filters" opened or closed by the person; until then it is open only when something in it is ticked. */
  private more?: boolean;
  /** Long groups the person has opened. */
  private unfolded: ReadonlySet<FacetId> = new Set();
  /** What has been typed in a long group's filter box. */
  private typed: Partial<Record<FacetId, string>> = {};
  /** "Choose days" is picked, so each day shows as its own box. */
  private choosing = false;

  readonly #id = `atlas-filters-${++nextId}`;

  /**
   * The filters draw in a task of their own, not in the finder's or the results': a
   * finder's first results drew all three, and every card, in one task.
   */
  protected override drawsLater(): boolean {
    return true;
  }

  /**
   * The closed "More filters" panel is drawn in the tasks after the groups in sight (nobody
   * sees it until it opens), `PANEL_GROUPS_PER_TASK` groups a task: all of them in the task
   * after were one task of 30 to 60 ms of CPU time on a slow phone (issue 19). `#panelFresh`:
   * the groups drawn since the last change of what the filters show; `#panelKeys`: how many
   * times each group has been drawn closed (a group not drawn yet is not there yet, at the
   * end of the panel); `#panelAllowed`: how many more groups this draw may draw afresh (set
   * by the panel's task). `#panelBehind`: a group is still due a draw. Open, every group is
   * drawn with every update.
   */
  #panelFresh = new Set<FacetId>();
  #panelKeys = new Map<FacetId, number>();
  #panelAllowed = 0;
  /** The parts (with words) that had come when the groups were last found fresh. */
  #panelParts: unknown[] = [];
  #panelBehind = false;
  #panelDrawing?: Promise<void>;

  protected override getUpdateComplete(): Promise<boolean> {
    return settled(() => super.getUpdateComplete(), () => this.#panelDrawing);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Something the groups show from has changed (a property, or the words of a part that has come since; the panel's
    // own draws change nothing): every group of the closed panel is due a draw.
    const parts = [welsh.module, transferCards.module];
    if (changed.size || parts.some((part, i) => part !== this.#panelParts[i])) this.#panelFresh.clear();
    this.#panelParts = parts;
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
    if (this.#panelBehind && !this.#panelDrawing) {
      this.#panelDrawing = breathe().then(() => {
        this.#panelDrawing = undefined;
        this.#panelAllowed = PANEL_GROUPS_PER_TASK;
        this.requestUpdate();
      });
    }
    // A chip added above the box just ticked must not push that box out of sight.
    (this.renderRoot as ShadowRoot).activeElement?.scrollIntoView?.({ block: 'nearest' });
    if (!changed.has('filters') || this.#focusChip === undefined) return;
    const index = this.#focusChip;
    this.#focusChip = undefined;
    const chips = this.renderRoot.querySelectorAll<HTMLButtonElement>('[part="chip"]');
    (chips[Math.min(index, chips.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('h2'))?.focus();
  }

  /** Whether a group is offered at all. */
  #offered(f: FacetId): boolean {
    if (f === 'distance') return this.hasLocation;
    const counts = this.facets[f] ?? [];
    if (!counts.length) return false;
    if (this.filters[f]?.length) return true;
    // A group none of the listings fall in (transfer stages in a directory with no transfers) only adds noise.
    if (counts.every((c) => c.count === 0)) return false;
    return !(counts.length === 1 && counts[0]!.count === this.total);
  }

  protected override render(): unknown {
    const t = this.t;
    const active = Object.entries(this.filters).flatMap(([facet, values]) => (values ?? []).map((value) => ({ facet: facet as FacetId, value })));
    // Distance, once there is a place to measure from, is among the first filters of any order.
    const order = this.order.includes('distance') ? this.order : (['distance', ...this.order] as FacetId[]);
    const lead = order.slice(0, this.lead + (this.order.includes('distance') ? 0 : 1));
    const shown = order.filter((f) => this.#offered(f));
    const rest = shown.filter((f) => !lead.includes(f));
    const inRest = active.filter((a) => rest.includes(a.facet)).length;
    const open = this.more ?? inRest > 0;
    // Set again by #panel when there is a panel to draw.
    this.#panelBehind = false;
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
      ${shown.filter((f) => lead.includes(f)).map((f) => this.#fieldset(f))}
      <slot></slot>
      ${this.total && this.showResults
        ? html`<button type="button" class="show-results" part="show-results" @click=${() => this.showResults?.()}>${t.showResults(this.total)}</button>`
        : nothing}
      ${rest.length
        ? html`<button class="toggle" part="toggle" type="button" aria-expanded=${open ? 'true' : 'false'} aria-controls="${this.#id}-more" @click=${() => (this.more = !open)}>
              ${t.showFilters}${inRest ? ` (${inRest})` : ''}
            </button>
            <div class="panel" id="${this.#id}-more" ?hidden=${!open}>${this.#panel(open, rest)}</div>`
        : nothing}
    `;
  }

  /** The groups under "More filters": as they are now while it is open, else as each was when last drawn (see #panelFresh). */
  #panel(open: boolean, rest: FacetId[]): unknown {
    const allowed = open ? rest.length : this.#panelAllowed;
    this.#panelAllowed = 0;
    const due = rest.filter((f) => !this.#panelFresh.has(f));
    for (const f of due.slice(0, allowed)) {
      this.#panelFresh.add(f);
      this.#panelKeys.set(f, (this.#panelKeys.get(f) ?? 0) + 1);
    }
    this.#panelBehind = due.length > allowed;
    if (open) return rest.map((f) => this.#fieldset(f));
    // Keyed by group as well as by draw: a group that moves to another place is drawn there afresh.
    return rest.filter((f) => this.#panelKeys.has(f)).map((f) => guard([f, this.#panelKeys.get(f)], () => this.#fieldset(f)));
  }

  #fieldset(facet: FacetId): unknown {
    const choices = CHOICES[facet];
    const chosen = [...(this.filters[facet] ?? [])].sort().join();
    const picked = chosen ? choices?.find(([, values]) => [...values].sort().join() === chosen)?.[0] ?? (facet === 'day' ? 'choose' : undefined) : 'any';
    // A mix of values no one choice stands for shows as boxes.
    return html`<fieldset part="group">
      <legend>${facetName(this.t, facet)}</legend>
      ${choices && picked ? this.#choice(facet, choices, this.choosing && facet === 'day' ? 'choose' : picked) : this.#group(facet)}
    </fieldset>`;
  }

  /** A group that is one choice: radio buttons, so a keyboard passes the whole group with one Tab and picks with the arrow keys. */
  #choice(facet: FacetId, choices: [string, string[]][], picked: string): unknown {
    const t = this.t;
    const counts = this.facets[facet] ?? [];
    const count = (v: string): number | undefined => counts.find((c) => c.value === v)?.count;
    return html`${choices
      // A choice that would find nothing is left out, unless it is the one made.
      .filter(([key, values]) => key === picked || !counts.length || !values.length || values[0] === '*' || values.some((v) => (count(v) ?? 0) > 0))
      .map(([key, values]) => {
        const id = `${this.#id}-${facet}-${key}`;
        const n = values.length === 1 ? count(values[0]!) : undefined;
        return html`<div class="option">
          <input id=${id} type="radio" name="${this.#id}-${facet}" .checked=${key === picked} @change=${() => {
            this.choosing = key === 'choose';
            if (!this.choosing) this.#set(facet, values);
          }} />
          <label for=${id}>${t.choices[`${facet}-${key}`] ?? this.label(facet, values[0]!)}${n === undefined ? nothing : html` <span class="count">(${formatNumber(n, t.locale)})</span>`}</label>
        </div>`;
      })}
      ${picked === 'choose' ? html`<div class="days">${this.#boxes(facet, (this.facets[facet] ?? []).filter((c) => DAYS.includes(c.value)))}</div>` : nothing}`;
  }

  /**
   * One group of boxes. Options nothing would match are left out (unless ticked); a long
   * group shows the most used first and folds behind one button, with a box to type in
   * once it is open, so a keyboard passes it with one Tab.
   */
  #group(facet: FacetId): unknown {
    const t = this.t;
    const chosen = this.filters[facet] ?? [];
    // Options that would give nothing are left out, not shown greyed.
    let counts = (this.facets[facet] ?? []).filter((c) => chosen.includes(c.value) || c.count > 0);
    const long = counts.length > FOLD_AFTER;
    const open = this.unfolded.has(facet);
    const typed = (this.typed[facet] ?? '').trim().toLocaleLowerCase();
    if (long) {
      counts = [...counts].sort((a, b) => b.count - a.count);
      counts = open ? counts.filter((c) => !typed || this.label(facet, c.value).toLocaleLowerCase().includes(typed)) : counts.filter((c) => chosen.includes(c.value));
    }
    const name = facetName(t, facet);
    return html`${long
        ? html`<button type="button" class="fold" aria-expanded=${open ? 'true' : 'false'} @click=${() => this.#unfold(facet, !open)}>${open ? t.fewerOptions : t.allOptions((this.facets[facet] ?? []).filter((c) => c.count > 0).length)}</button>
          ${open
            ? html`<label class="typed" for="${this.#id}-${facet}-typed">${t.typeToFilter(name)}</label>
              <input id="${this.#id}-${facet}-typed" type="search" autocomplete="off" .value=${this.typed[facet] ?? ''}
                @input=${(e: Event) => (this.typed = { ...this.typed, [facet]: (e.target as HTMLInputElement).value })}>`
            : nothing}`
        : nothing}
      ${this.#boxes(facet, counts)}`;
  }

  #boxes(facet: FacetId, counts: readonly FacetCount[]): unknown {
    const chosen = this.filters[facet] ?? [];
    return counts.map((c) => {
      const id = `${this.#id}-${facet}-${c.value}`;
      return html`<div class="option">
        <input id=${id} type="checkbox" .checked=${chosen.includes(c.value)} @change=${(e: Event) => this.#toggle(facet, c.value, (e.target as HTMLInputElement).checked)} />
        <label for=${id}>${this.label(facet, c.value)} <span class="count">(${formatNumber(c.count, this.t.locale)})</span></label>
      </div>`;
    });
  }

  #unfold(facet: FacetId, open: boolean): void {
    const next = new Set(this.unfolded);
    if (open) next.add(facet);
    else next.delete(facet);
    this.unfolded = next;
  }

  #clearAll(): void {
    this.#focusChip = -1;
    this.dispatchEvent(new AtlasStateChangeEvent({ patch: { filters: {}, open: undefined, limit: undefined }, history: 'push' }));
  }
}
