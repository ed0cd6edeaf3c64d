import { html, nothing, type PropertyValues } from 'lit';
import { saysWords, text, type ResultItem } from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasOpenEvent } from '../events/open.js';
import { reportHighlight } from '../events/highlight.js';
import { formatDateTime, formatMiles, formatTime, roundMiles } from '../internal/format.js';
import { cardStyles } from './card.styles.js';
import { transferCards } from '../on-demand.js';
import { ShortlistToggleController } from '../shortlist/controller.js';

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

  /** In a prescriber's finder: the shortlist button, and a denser card. */
  #shortlist = new ShortlistToggleController(this);

  constructor() {
    super();
    // Pointing at or focusing a card highlights its marker on a map beside the list.
    reportHighlight(this, () => this.item?.listing.key);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
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

  /** Where it is, unless the name already says so ("Alderminster: Old Road" at "Old Road"). */
  #placeName(name: string): unknown {
    const l = this.item!.listing;
    const place = l.location?.name ? text(l.location.name, this.language) : '';
    if (!place || saysWords(name, place)) return nothing;
    return html`<span>${place}</span>`;
  }

  protected override render(): unknown {
    const item = this.item;
    if (!item) return nothing;
    const t = this.t;
    const lang = this.language;
    const l = item.listing;
    const now = this.now ?? new Date();
    const name = text(l.name, lang);
    const heading = html`<a part="link" href=${this.href || `#${encodeURIComponent(l.key)}`} @click=${this.#open}>${name}</a>`;
    return html`<article part="card" class=${this.#shortlist.store ? 'dense' : ''}>
      ${this.headingLevel === 2 ? html`<h2>${heading}</h2>` : this.headingLevel === 4 ? html`<h4>${heading}</h4>` : html`<h3>${heading}</h3>`}
      ${l.summary ? html`<p>${text(l.summary, lang)}</p>` : nothing}
      <p class="meta">
        ${l.kind === 'transfer' ? (transferCards.module?.transferCardMeta(l, now, t) ?? nothing) : nothing}
        ${item.distance !== undefined && l.location?.precision !== 'approximate' ? html`<span>${item.distance < 0.05 ? t.veryNear : t.milesAway(roundMiles(item.distance), formatMiles(item.distance, t.locale))}</span>` : nothing}
        ${item.next ? html`<span>${this.#when(item.next, now)}</span>` : nothing}
        ${l.cost?.free ? html`<span>${t.free}</span>` : nothing}
        ${this.#placeName(name)}
        ${this.#shortlist.meta(l, t)}
      </p>
      ${this.#shortlist.button(l.key, name, t)}
    </article>`;
  }
}
