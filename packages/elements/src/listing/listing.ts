import { html, nothing, type TemplateResult } from 'lit';
import {
  describeOpeningHours, describeSession, isSafeUrl, text, upcomingSessions,
  type AtlasListing, type Publisher, type StageDefinition,
} from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasCloseEvent } from '../events/close.js';
import { formatDateTime } from '../internal/format.js';
import { listingStrings, referralWords } from './listing-strings.js';
import { listingStyles } from './listing.styles.js';
import { listingBody, transferDetail } from '../on-demand.js';
import { ShortlistToggleController } from '../shortlist/controller.js';

/**
 * @tagname atlas-listing
 * @summary One listing in full, answering five questions in order: what it is, who it is for, cost, when and where, how to get in touch or join. Transfer listings add status, deadline, stages, terms and documents.
 *
 * @csspart heading - The listing's name (focused when it opens).
 * @csspart back - The "Back to results" button.
 * @csspart action - The expression-of-interest link.
 * @cssprop --atlas-color-warning - Edge of the "last checked over a year ago" warning.
 * @fires atlas-close - `{ key }` when "Back to results" is pressed.
 */
export class AtlasListingDetail extends AtlasElement {
  static override styles = [baseStyles, listingStyles];

  static override properties = {
    listing: { attribute: false },
    publishers: { attribute: false },
    stageLists: { attribute: false },
    feedback: {},
    now: { attribute: false },
    closable: { type: Boolean, attribute: 'closable' },
  };

  listing?: AtlasListing;
  /** The publishers (for their feedbackUrl) and stage lists of the data the listing came from. */
  publishers: Publisher[] = [];
  stageLists?: Record<string, StageDefinition[]>;
  /** "Report something wrong": a URL template with `{id}` and `{name}`, or mailto:. Overrides the publisher's feedbackUrl. */
  feedback = '';
  now?: Date;
  /** Whether to show "Back to results" (off when used alone). */
  closable = false;

  /** In a prescriber's finder: add this listing to the shortlist from here too. */
  #shortlist = new ShortlistToggleController(this);

  protected override willUpdate(): void {
    if (!this.listing) return;
    // Until the body arrives (or if it cannot), when and where and the contact details show. Both at once,
    // so a transfer's detail does not wait for the body's chunk to arrive first.
    void this.need(listingBody, (m) => m.styles);
    if (this.listing.kind === 'transfer') void this.need(transferDetail, (m) => [m.transferStyles, m.styles]);
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus(options);
  }

  #back(): void {
    if (this.listing) this.dispatchEvent(new AtlasCloseEvent(this.listing.key));
  }

  #link(href: string | undefined, label: unknown): TemplateResult | typeof nothing {
    return href && isSafeUrl(href) ? html`<a href=${href}>${label}</a>` : nothing;
  }

  protected override render(): unknown {
    const l = this.listing;
    if (!l) return nothing;
    const t = listingStrings(this.t);
    const lang = this.language;
    const name = text(l.name, lang);
    const now = this.now ?? new Date();
    // Until the body's chunk arrives (once, when the first listing opens), or if it cannot, when and where and the contact details show.
    const body = listingBody.module;
    // A transfer's own parts load beside it; until they do, a transfer shows its contact details like any listing.
    const transfer = l.kind === 'transfer' ? transferDetail.module : undefined;
    return html`<article aria-labelledby="name">
      ${this.closable ? html`<button class="back link-button" part="back" type="button" @click=${this.#back}>← ${t.back}</button>` : nothing}
      <h2 id="name" part="heading" tabindex="-1">${name}</h2>
      ${this.#shortlist.button(l.key, name, t)}
      ${body
        ? body.listingBody(l, {
            t, lang, now, publishers: this.publishers, feedback: this.feedback, stageLists: this.stageLists,
            transfer, whenWhere: this.#whenWhere(l, now), contact: this.#contact(l), contactList: this.#contactList(l),
          })
        : html`${this.#whenWhere(l, now)}${this.#contact(l)}`}
    </article>`;
  }

  #whenWhere(l: AtlasListing, now: Date): TemplateResult {
    const t = listingStrings(this.t);
    const lang = this.language;
    const loc = l.location;
    const sessions = l.schedule.length ? upcomingSessions(l, now, 4) : [];
    const hours = describeOpeningHours(l.openingHours, lang);
    const approximate = loc?.precision === 'approximate';
    const hasPoint = typeof loc?.lat === 'number' && typeof loc?.lng === 'number';
    const directions = hasPoint && !approximate ? `https://www.openstreetmap.org/directions?to=${loc.lat}%2C${loc.lng}` : undefined;
    return html`<h3>${t.headings.whenWhere}</h3>
      ${lang === 'en' && l.schedule.length
        ? html`<ul>${l.schedule.map((s) => describeSession(s, now)).filter(Boolean).map((d) => html`<li>${d}</li>`)}</ul>`
        : nothing}
      ${sessions.length
        ? html`<h4>${t.upcoming}</h4>
            <ul>${sessions.map((s) => html`<li>${formatDateTime(s.start, t.locale)}</li>`)}</ul>`
        : nothing}
      ${hours.length
        ? html`<h4>${t.openingHours}</h4>
            <table>
              <tbody>
                ${hours.map((h) => html`<tr><th scope="row">${t.facetValues.day?.[h.day] ?? h.name}</th><td>${h.text}</td></tr>`)}
              </tbody>
            </table>`
        : nothing}
      ${l.openingHours?.notes ? html`${hours.length ? nothing : html`<h4>${t.openingHours}</h4>`}<p>${text(l.openingHours.notes, lang)}</p>` : nothing}
      ${approximate
        ? html`<p>${loc?.name ? text(loc.name, lang) : nothing}</p><p>${t.approximate}</p>`
        : loc
          ? html`<h4>${t.address}</h4>
              <p>
                ${[loc.name ? text(loc.name, lang) : '', ...(loc.address ?? []), loc.postcode ?? ''].filter(Boolean).map((line, i) => html`${i ? html`<br />` : nothing}${line}`)}
              </p>
              ${loc.directions ? html`<p>${text(loc.directions, lang)}</p>` : nothing}
              ${directions ? html`<p><a href=${directions}>${t.directions}</a></p>` : nothing}`
          : nothing}
      ${l.delivery.includes('online') ? html`<p>${t.online}</p>` : nothing}
      ${l.delivery.includes('phone') && !loc ? html`<p>${t.phoneOnly}</p>` : nothing}`;
  }

  #contact(l: AtlasListing): TemplateResult {
    const t = listingStrings(this.t);
    const c = l.contact;
    return html`<h3>${t.headings.contact}</h3>
      ${l.referral.length ? html`<ul>${referralWords(l.referral, t).map((words) => html`<li>${words}</li>`)}</ul>` : nothing}
      ${l.howToJoin ? html`<p>${text(l.howToJoin, this.language)}</p>` : nothing}
      ${l.companionWelcome ? html`<p>${t.companionWelcome}</p>` : nothing}
      ${this.#contactList(l)}
      ${c?.name ? html`<p>${c.name}</p>` : nothing}`;
  }

  #contactList(l: AtlasListing): TemplateResult | typeof nothing {
    const t = listingStrings(this.t);
    const c = l.contact;
    const rows: TemplateResult[] = [];
    if (c?.phone) rows.push(html`<dt>${t.phone}</dt><dd>${this.#link(`tel:${c.phone.replace(/[^\d+]/g, '')}`, c.phone)}</dd>`);
    if (c?.email) rows.push(html`<dt>${t.email}</dt><dd>${this.#link(`mailto:${c.email}`, c.email)}</dd>`);
    const web = c?.url ?? l.url;
    if (web && isSafeUrl(web)) rows.push(html`<dt>${t.website}</dt><dd>${this.#link(web, web.replace(/^https?:\/\//, ''))}</dd>`);
    return rows.length ? html`<dl>${rows}</dl>` : nothing;
  }
}
