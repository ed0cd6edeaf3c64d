import { html, nothing, type PropertyValues } from 'lit';
import { saysWords, text, type ResultItem } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasOpenEvent } from '../events/open.js';
import { reportHighlight } from '../events/highlight.js';
import { formatDateTime, formatMiles, formatTime, isFallback, roundMiles } from '../internal/format.js';
import { cardStyles } from './card.styles.js';
import { transferCards } from '../on-demand.js';
import { ShortlistToggleController } from '../shortlist/controller.js';

/** Until when (`performance.now()`) cards already drawn may draw new results in the task under way. */
let redrawUntil = 0;

/** Cards given new results may draw them in the task under way for `ms` more; those given them later wait for tasks of their own. */
export function redrawCardsUntil(ms: number): void {
  redrawUntil = performance.now() + ms;
}

/**
 * @tagname atlas-card
 * @summary One result: name (a link that opens the listing), summary, distance, next session, cost, and for transfers status and deadline.
 *
 * @csspart card - The card's box.
 * @csspart link - The name link.
 * @cssprop --atlas-color-accent - The card's edge colour.
 * @cssprop --atlas-color-border - The card's border.
 * @fires atlas-open - `{ key }` when the name is activated.
 */
export class AtlasCard extends AtlasElement {
  static override styles = [baseStyles, cardStyles];

  static override properties = {
    item: { attribute: false },
    href: {},
    headingLevel: { type: Number, attribute: 'heading-level' },
    highlighted: { type: Boolean, reflect: true },
    now: { attribute: false },
    namesake: { type: Boolean },
    labeller: { attribute: false },
    provisional: { type: Boolean },
  };

  item?: ResultItem;
  /** The link's address (so it can be opened in a new tab or copied); the finder builds it from its URL state. */
  href = '';
  /** Heading level of the name, to fit the page's outline. */
  headingLevel = 3;
  /** Shown outlined when its map marker is hovered. */
  highlighted = false;
  /** The time "next session" and deadlines are worked out from. */
  now?: Date;
  /** Another result has the same name: the link's name says the place too. */
  namesake = false;
  /** Drawn before the engine's answer (a ready feed's first screen): the next session is not known yet, so none is said, not "no upcoming sessions". */
  provisional = false;
  /** Names an area (the finder's, from the feed). */
  labeller?: (facet: 'area', value: string) => string | undefined;

  /** In a prescriber's finder: the shortlist button, and a denser card. */
  #shortlist = new ShortlistToggleController(this);

  constructor() {
    super();
    // Pointing at or focusing a card highlights its marker on a map beside the list.
    reportHighlight(this, () => this.item?.listing.key);
  }

  /** The result the card was last drawn with. */
  #drawnItem?: ResultItem;

  /**
   * A card's first draw is a task of its own (five new cards were one task of 40 ms of CPU
   * time on a slow phone). A card already drawn draws its new result at once while the
   * results' task has time left (`redrawCardsUntil`), else in a task of its own: twenty
   * cards given new results drew in the results' task, 30 ms of CPU time on a slow phone.
   * Other updates (highlighted, say) are at once.
   */
  protected override drawsLater(): boolean {
    return !this.hasUpdated || (this.item !== this.#drawnItem && performance.now() > redrawUntil);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#drawnItem = this.item;
    // A transfer's status and deadline come with the transfer parts, which a finder over transfers has already loaded.
    if (this.item?.listing.kind === 'transfer') void this.need(transferCards, (m) => m.transferStyles);
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('a')?.focus(options);
  }

  #open(e: MouseEvent): void {
    if (!this.item || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    const event = new AtlasOpenEvent(this.item.listing.key);
    this.dispatchEvent(event);
    // The finder shows the listing in place; the href stays for new tabs and copied links.
    e.preventDefault();
  }

  /** A place with opening hours is "open now" or "opens Monday at 10:00"; an activity has a next session. */
  #when(next: NonNullable<ResultItem['next']>, now: Date): string {
    const t = this.t;
    const l = this.item!.listing;
    const running = next.start <= now && next.end !== undefined && now < next.end;
    const hoursOnly = !!l.openingHours && !l.schedule.length;
    if (running) return hoursOnly ? t.openNowUntil(formatTime(next.end!, t.locale)) : t.onNowUntil(formatTime(next.end!, t.locale));
    const when = formatDateTime(next.start, t.locale);
    return hoursOnly ? t.opensNext(when) : t.nextSession(when);
  }

  /** Where it is: the place, unless the name already says so ("Alderminster: Old Road" at "Old Road"), and the area or town. */
  #where(name: string): string {
    const l = this.item!.listing;
    const place = l.location?.name ? text(l.location.name, this.language) : '';
    const area = (l.areas?.[0] && this.labeller?.('area', l.areas[0])) || l.location?.address?.at(-1);
    return [place && !saysWords(name, place) ? place : '', area && !saysWords(`${name} ${place}`, area) ? area : ''].filter(Boolean).join(', ');
  }

  protected override render(): unknown {
    const item = this.item;
    if (!item) return nothing;
    const t = this.t;
    const lang = this.language;
    const l = item.listing;
    const now = this.now ?? new Date();
    const name = text(l.name, lang);
    const where = this.#where(name);
    // Feed text that is not in the page's language is marked as English, so it is read with English sounds.
    const en = (value: Parameters<typeof isFallback>[0]) => (isFallback(value, lang) ? 'en' : nothing);
    const heading = html`<a part="link" href=${this.href || `#${encodeURIComponent(l.key)}`} @click=${this.#open}><span lang=${en(l.name)}>${name}</span>${this.namesake && where ? html`<span class="visually-hidden">, ${where}</span>` : nothing}</a>`;
    return html`<article part="card" class=${this.#shortlist.store ? 'dense' : ''}>
      <h3 aria-level=${this.headingLevel === 3 ? nothing : this.headingLevel}>${heading}</h3>
      ${where ? html`<p class="where">${where}</p>` : nothing}
      ${l.summary ? html`<p lang=${en(l.summary)}>${text(l.summary, lang)}</p>` : nothing}
      <p class="meta">
        ${l.kind === 'transfer' ? (transferCards.module?.transferCardMeta(l, now, t) ?? nothing) : nothing}
        ${item.distance !== undefined && l.location?.precision !== 'approximate' ? html`<span>${item.distance < 0.05 ? t.veryNear : t.milesAway(roundMiles(item.distance), formatMiles(item.distance, t.locale))}</span>` : nothing}
        ${item.next ? html`<span>${this.#when(item.next, now)}</span>` : l.schedule.length && !l.openingHours && !this.provisional ? html`<span>${t.noUpcoming}</span>` : nothing}
        ${l.cost?.free ? html`<span>${t.free}</span>` : nothing}
        ${this.#shortlist.meta(l, t)}
      </p>
      ${this.#shortlist.button(l.key, name, t)}
    </article>`;
  }
}
