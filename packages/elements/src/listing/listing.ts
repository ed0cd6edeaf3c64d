import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import {
  describeOpeningHours, describeSession, isSafeUrl, text, upcomingSessions,
  type AtlasListing, type Publisher, type StageDefinition,
} from '@community-atlas/core';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import { AtlasCloseEvent } from '../events/close.js';
import { formatDate, formatDateTime, formatMoney, referralWords } from '../internal/format.js';
import { listingStyles } from './listing.styles.js';
import { loadTransferDetail, transferDetailModule } from '../transfer/lazy.js';
import { transferStyles } from '../transfer/transfer.styles.js';
import { ShortlistToggleController } from '../shortlist/controller.js';

const YEAR_MS = 365 * 86_400_000;

/** A report-something-wrong link from a template with `{id}` and `{name}`, or a mailto: address; undefined when unsafe. */
export function feedbackHref(template: string | undefined, listing: AtlasListing, name: string): string | undefined {
  if (!template) return undefined;
  let href: string;
  if (/^mailto:/i.test(template) && !template.includes('{')) {
    const subject = `Something wrong with listing ${listing.id}: ${name}`;
    href = `${template}${template.includes('?') ? '&' : '?'}subject=${encodeURIComponent(subject)}`;
  } else {
    href = template.replaceAll('{id}', encodeURIComponent(listing.id)).replaceAll('{name}', encodeURIComponent(name));
  }
  return isSafeUrl(href) ? href : undefined;
}

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
  static override styles = [baseStyles, listingStyles, transferStyles];

  @property({ attribute: false }) listing?: AtlasListing;
  /** The publishers (for their feedbackUrl) and stage lists of the data the listing came from. */
  @property({ attribute: false }) publishers: Publisher[] = [];
  @property({ attribute: false }) stageLists?: Record<string, StageDefinition[]>;
  /** "Report something wrong": a URL template with `{id}` and `{name}`, or mailto:. Overrides the publisher's feedbackUrl. */
  @property() feedback = '';
  @property({ attribute: false }) now?: Date;
  /** Whether to show "Back to results" (off when used alone). */
  @property({ type: Boolean, attribute: 'closable' }) closable = false;

  /** In a prescriber's finder: add this listing to the shortlist from here too. */
  #shortlist = new ShortlistToggleController(this);

  /** The transfer detail's chunk while it loads; updateComplete waits for it, so hosts and tests see the whole listing. */
  #transferLoading?: Promise<unknown>;

  protected override willUpdate(): void {
    if (this.listing?.kind === 'transfer' && !transferDetailModule() && !this.#transferLoading) {
      this.#transferLoading = loadTransferDetail()
        .then(
          () => this.requestUpdate(),
          (error: unknown) => console.warn('Community Atlas: the transfer details could not be loaded; showing the contact details only.', error),
        )
        .finally(() => (this.#transferLoading = undefined));
    }
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#transferLoading) {
      await this.#transferLoading;
      complete = await super.getUpdateComplete();
    }
    return complete;
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
    const t = this.t;
    const lang = this.language;
    const now = this.now ?? new Date();
    const name = text(l.name, lang);
    // Until its chunk arrives (a few milliseconds, once), a transfer shows its contact details like any listing.
    const transfer = l.kind === 'transfer' ? transferDetailModule() : undefined;
    const publisher = this.publishers.find((p) => (p.id ?? '') === l.publisherId) ?? this.publishers[0];
    const report = feedbackHref(this.feedback || publisher?.feedbackUrl, l, name);
    const verified = l.lastVerified ? new Date(l.lastVerified) : undefined;
    const stale = verified && !Number.isNaN(verified.getTime()) && now.getTime() - verified.getTime() > YEAR_MS;
    return html`<article aria-labelledby="name">
      ${this.closable ? html`<button class="back link-button" part="back" type="button" @click=${this.#back}>← ${t.back}</button>` : nothing}
      <h2 id="name" part="heading" tabindex="-1">${name}</h2>
      ${this.#shortlist.button(l.key, name, t)}
      ${transfer ? transfer.transferHeader(l, now, t) : nothing}

      <h3>${t.headings.what}</h3>
      ${l.summary ? html`<p>${text(l.summary, lang)}</p>` : nothing}
      ${l.description ? text(l.description, lang).split(/\n{2,}/).map((para) => html`<p>${para}</p>`) : nothing}
      ${l.organisation ? html`<p>${isSafeUrl(l.organisation.url) ? this.#link(l.organisation.url, text(l.organisation.name, lang)) : text(l.organisation.name, lang)}</p>` : nothing}

      ${l.kind !== 'transfer' ? this.#who(l) : nothing}
      ${l.kind !== 'transfer' ? this.#cost(l) : nothing}
      ${this.#whenWhere(l, now)}
      ${transfer
        ? transfer.transferDetail(l, { now, t, lang, stageLists: this.stageLists, contact: this.#contactList(l) })
        : this.#contact(l)}

      <div class="actions">
        ${verified ? html`<p>${t.lastChecked(formatDate(l.lastVerified, t.locale))}</p>` : nothing}
      </div>
      ${stale ? html`<p class="warning" role="note">${t.staleWarning}</p>` : nothing}
      ${report ? html`<p class="report"><a href=${report}>${t.reportWrong}</a></p>` : nothing}
    </article>`;
  }

  #who(l: AtlasListing): TemplateResult {
    const t = this.t;
    const a = l.audience;
    const ages = a && (a.ageMin !== undefined || a.ageMax !== undefined) ? t.ages(a.ageMin, a.ageMax) : undefined;
    return html`<h3>${t.headings.who}</h3>
      ${a?.description ? html`<p>${text(a.description, this.language)}</p>` : nothing}
      ${ages ? html`<p>${ages}</p>` : nothing}
      ${!a?.description && !ages ? html`<p>${t.anyone}</p>` : nothing}
      ${l.accessibility.length
        ? html`<h4>${t.accessibility}</h4>
            <ul>${l.accessibility.map((f) => html`<li>${t.facetValues.access?.[f] ?? f}</li>`)}</ul>`
        : nothing}
      ${l.accessibilityNotes ? html`<p>${text(l.accessibilityNotes, this.language)}</p>` : nothing}`;
  }

  #cost(l: AtlasListing): TemplateResult {
    const t = this.t;
    const c = l.cost;
    const lines: unknown[] = [];
    if (c?.free) lines.push(t.costFree);
    else if (typeof c?.amount === 'number') lines.push(t.costAmount(formatMoney(c.amount, t.locale), c.per ? t.costPer[c.per] : undefined));
    if (c?.description) lines.push(text(c.description, this.language));
    if (!lines.length) lines.push(t.costUnknown);
    return html`<h3>${t.headings.cost}</h3>
      ${lines.map((line) => html`<p>${line}</p>`)}
      ${c?.help ? html`<h4>${t.costHelp}</h4><p>${text(c.help, this.language)}</p>` : nothing}
      ${c?.personalBudget ? html`<p>${t.personalBudget}</p>` : nothing}`;
  }

  #whenWhere(l: AtlasListing, now: Date): TemplateResult {
    const t = this.t;
    const lang = this.language;
    const loc = l.location;
    const sessions = l.schedule.length ? upcomingSessions(l, now, 4) : [];
    const hours = describeOpeningHours(l.openingHours);
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
                ${hours.map((h) => html`<tr><th scope="row">${t.facetValues.day?.[h.day] ?? h.name}</th><td>${lang === 'en' ? h.text : h.text.replace('Closed', 'Ar gau')}</td></tr>`)}
              </tbody>
            </table>`
        : nothing}
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
    const t = this.t;
    const c = l.contact;
    return html`<h3>${t.headings.contact}</h3>
      ${l.referral.length ? html`<ul>${referralWords(l.referral, t).map((words) => html`<li>${words}</li>`)}</ul>` : nothing}
      ${l.howToJoin ? html`<p>${text(l.howToJoin, this.language)}</p>` : nothing}
      ${l.companionWelcome ? html`<p>${t.companionWelcome}</p>` : nothing}
      ${this.#contactList(l)}
      ${c?.name ? html`<p>${c.name}</p>` : nothing}`;
  }

  #contactList(l: AtlasListing): TemplateResult | typeof nothing {
    const t = this.t;
    const c = l.contact;
    const rows: TemplateResult[] = [];
    if (c?.phone) rows.push(html`<dt>${t.phone}</dt><dd>${this.#link(`tel:${c.phone.replace(/[^\d+]/g, '')}`, c.phone)}</dd>`);
    if (c?.email) rows.push(html`<dt>${t.email}</dt><dd>${this.#link(`mailto:${c.email}`, c.email)}</dd>`);
    const web = c?.url ?? l.url;
    if (web && isSafeUrl(web)) rows.push(html`<dt>${t.website}</dt><dd>${this.#link(web, web.replace(/^https?:\/\//, ''))}</dd>`);
    return rows.length ? html`<dl>${rows}</dl>` : nothing;
  }
}
