import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  breathe, describeOpeningHours, describeSessionLine, isSafeUrl, text, upcomingSessions,
  type AtlasListing, type Publisher, type StageDefinition,
} from '@community-atlas/core';
import { AtlasElement, baseStyles, settled } from '../internal/atlas-element.js';
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

  /**
   * The listing whose body (what it is, who for, cost, the contact details) is drawn: the
   * heading alone is drawn first, and the body a task after it. Drawing all of it at once
   * was a task of 57 to 67 ms of CPU time on a phone four times slower than a desktop
   * (issue 19), in which the heading could not show either.
   */
  #bodyOf?: AtlasListing;

  /**
   * When and where, worked out for the listing shown (its sessions, their dates and its
   * opening hours): a task after the body is drawn, and drawn in the task after
   * that. Working them out and drawing them with the rest was one task of about 100 ms
   * of CPU time on a phone four times slower than a desktop (issue 19). Kept, so a
   * redraw (the body arriving, the shortlist) does not work them out again.
   */
  #when?: WhenWhere;
  /** The work on the body and `#when` under way, which `updateComplete` waits for. */
  #pending?: Promise<void>;

  /** The listing's when and where as they stand for the listing, date and language now asked for, or undefined. */
  #whenFor(l: AtlasListing): WhenWhere | undefined {
    const w = this.#when;
    return w && w.listing === l && w.now === this.now && w.lang === this.language ? w : undefined;
  }

  /**
   * The first draw (the heading) is a task of its own: in a finder it was drawn in the
   * finder's task, which drew the finder too (a listing link: 53 ms of CPU time on a slow phone).
   */
  protected override drawsLater(): boolean {
    return !this.hasUpdated;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const l = this.listing;
    if (!l || this.#pending || (this.#bodyOf === l && this.#whenFor(l))) return;
    const pending = (async () => {
      if (this.#bodyOf !== this.listing) {
        // The body, drawn in a task of its own after the heading's.
        await breathe();
        this.#bodyOf = this.listing;
        this.requestUpdate();
      }
      await breathe();
      const now = this.listing;
      if (now && !this.#whenFor(now)) this.#when = this.#workOut(now, this.now ?? new Date());
      // Drawn in a task of its own, after the one that worked it out.
      await breathe();
      this.#pending = undefined;
      this.requestUpdate();
    })();
    this.#pending = pending;
  }

  protected override getUpdateComplete(): Promise<boolean> {
    return settled(() => super.getUpdateComplete(), () => this.#pending);
  }

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
      ${this.#bodyOf !== l
        ? nothing
        : body
          ? body.listingBody(l, {
              t, lang, now, publishers: this.publishers, feedback: this.feedback, stageLists: this.stageLists,
              transfer, whenWhere: this.#whenWhere(l), contact: this.#contact(l), contactList: this.#contactList(l),
            })
          : html`${this.#whenWhere(l)}${this.#contact(l)}`}
    </article>`;
  }

  /** The parts of when and where that take working out: the sessions in words, the next dates, the opening hours. */
  #workOut(l: AtlasListing, now: Date): WhenWhere {
    const lang = this.language;
    const locale = listingStrings(this.t).locale;
    return {
      listing: l, now: this.now, lang,
      described: l.schedule.map((s) => describeSessionLine(s, lang, now)).filter((d): d is string => !!d),
      upcoming: l.schedule.length ? upcomingSessions(l, now, 4).map((s) => formatDateTime(s.start, locale)) : [],
      hours: describeOpeningHours(l.openingHours, lang),
    };
  }

  /** When and where, once worked out (nothing until then: the heading and the rest of the body show first). */
  #whenWhere(l: AtlasListing): TemplateResult | typeof nothing {
    const w = this.#whenFor(l);
    if (!w) return nothing;
    const t = listingStrings(this.t);
    const lang = this.language;
    const loc = l.location;
    const sessions = w.upcoming;
    const hours = w.hours;
    const approximate = loc?.precision === 'approximate';
    const hasPoint = typeof loc?.lat === 'number' && typeof loc?.lng === 'number';
    const directions = hasPoint && !approximate ? `https://www.openstreetmap.org/directions?to=${loc.lat}%2C${loc.lng}` : undefined;
    return html`<h3>${t.headings.whenWhere}</h3>
      ${w.described.length ? html`<ul>${w.described.map((d) => html`<li>${d}</li>`)}</ul>` : nothing}
      ${sessions.length
        ? html`<h4>${t.upcoming}</h4>
            <ul>${sessions.map((s) => html`<li>${s}</li>`)}</ul>`
        : l.schedule.length && !hours.length
          ? html`<p>${t.noUpcoming}</p>`
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
    // "Ask at reception" has no number to dial: shown as words, never as a tel: link that dials nothing.
    const dial = c?.phone?.replace(/[^\d+]/g, '');
    if (c?.phone) rows.push(html`<dt>${t.phone}</dt><dd>${dial && /\d/.test(dial) ? this.#link(`tel:${dial}`, c.phone) : c.phone}</dd>`);
    if (c?.email) rows.push(html`<dt>${t.email}</dt><dd>${this.#link(`mailto:${c.email}`, c.email)}</dd>`);
    const web = c?.url ?? l.url;
    if (web && isSafeUrl(web)) rows.push(html`<dt>${t.website}</dt><dd>${this.#link(web, web.replace(/^https?:\/\//, ''))}</dd>`);
    return rows.length ? html`<dl>${rows}</dl>` : nothing;
  }
}

/** When and where as worked out for one listing, date (`now` as given) and language. */
interface WhenWhere {
  listing: AtlasListing;
  now: Date | undefined;
  lang: string;
  /** The schedule in words with each session's place and notes (in Welsh, the times of the sessions that have a place or notes). */
  described: string[];
  /** The next few sessions' dates and times. */
  upcoming: string[];
  hours: ReturnType<typeof describeOpeningHours>;
}
