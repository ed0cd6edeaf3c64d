/**
 * The body of the listing detail (what it is, who it is for, cost, when and where,
 * the report link): loaded when a listing is first opened (see lazy.ts), so a page
 * of results does not carry it in its first download. The element itself renders
 * the heading, when and where, and the contact details, what a resident needs to
 * go, so they show while this loads, or if it cannot.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { checkedOverAYearAgo, feedbackDate, feedbackHref, feedbackPage, isSafeUrl, text, type AtlasListing, type Publisher, type StageDefinition } from '@community-atlas/core';
import type { AtlasStrings } from '../translations/index.js';
import { bodyStrings, type BodyStrings } from './body-strings.js';
import { formatDate } from '../internal/format.js';
import { costLines } from './listing-strings.js';
import type * as TransferDetail from '../transfer/detail.js';

export { bodyStyles as styles } from './body.styles.js';

export interface ListingBodyOptions {
  t: AtlasStrings;
  lang: string;
  now: Date;
  publishers: Publisher[];
  feedback: string;
  stageLists: Record<string, StageDefinition[]> | undefined;
  /** The transfer detail's module, once loaded (transfers only). */
  transfer: typeof TransferDetail | undefined;
  /** The element's own when-and-where and contact sections and contact list, the parts it shows without this module. */
  whenWhere: TemplateResult;
  contact: TemplateResult;
  contactList: TemplateResult | typeof nothing;
}

function link(href: string | undefined, label: unknown): TemplateResult | typeof nothing {
  return href && isSafeUrl(href) ? html`<a href=${href}>${label}</a>` : nothing;
}

/** Everything below the heading and the shortlist button. */
export function listingBody(l: AtlasListing, o: ListingBodyOptions): TemplateResult {
  const { lang, now, transfer } = o;
  const t = bodyStrings(o.t);
  const name = text(l.name, lang);
  const publisher = o.publishers.find((p) => (p.id ?? '') === l.publisherId) ?? o.publishers[0];
  const report = feedbackHref(o.feedback || publisher?.feedbackUrl, l, name, {
    page: feedbackPage(globalThis.location),
    date: feedbackDate(now),
    subject: t.reportSubject(l.id, name),
    labels: t.feedbackLabels,
  });
  const stale = checkedOverAYearAgo(l.lastVerified, now);
  return html`${transfer ? transfer.transferHeader(l, now, t) : nothing}

      <h3>${t.headings.what}</h3>
      ${l.summary ? html`<p>${text(l.summary, lang)}</p>` : nothing}
      ${l.description ? text(l.description, lang).split(/\n{2,}/).map((para) => html`<p>${para}</p>`) : nothing}
      ${l.organisation ? html`<p>${isSafeUrl(l.organisation.url) ? link(l.organisation.url, text(l.organisation.name, lang)) : text(l.organisation.name, lang)}</p>` : nothing}

      ${l.kind !== 'transfer' ? who(l, t, lang) : nothing}
      ${l.kind !== 'transfer' ? cost(l, t, lang) : nothing}
      ${o.whenWhere}
      ${transfer
        ? transfer.transferDetail(l, { now, t, lang, stageLists: o.stageLists, contact: o.contactList })
        : o.contact}

      <div class="actions">
        ${l.lastVerified ? html`<p>${t.lastChecked(formatDate(l.lastVerified, t.locale))}</p>` : nothing}
      </div>
      ${stale ? html`<p class="warning" role="note">${t.staleWarning}</p>` : nothing}
      ${report ? html`<p class="report"><a href=${report}>${t.reportWrong}</a></p>` : nothing}`;
}

function who(l: AtlasListing, t: BodyStrings, lang: string): TemplateResult {
  const a = l.audience;
  const ages = a && (a.ageMin !== undefined || a.ageMax !== undefined) ? t.ages(a.ageMin, a.ageMax) : undefined;
  return html`<h3>${t.headings.who}</h3>
    ${a?.description ? html`<p>${text(a.description, lang)}</p>` : nothing}
    ${ages ? html`<p>${ages}</p>` : nothing}
    ${!a?.description && !ages ? html`<p>${t.anyone}</p>` : nothing}
    ${l.accessibility.length
      ? html`<h4>${t.accessibility}</h4>
          <ul>${l.accessibility.map((f) => html`<li>${t.facetValues.access?.[f] ?? f}</li>`)}</ul>`
      : nothing}
    ${l.accessibilityNotes ? html`<p>${text(l.accessibilityNotes, lang)}</p>` : nothing}`;
}

function cost(l: AtlasListing, t: BodyStrings, lang: string): TemplateResult {
  const c = l.cost;
  const lines = costLines(c, t, lang);
  if (!lines.length) lines.push(t.costUnknown);
  return html`<h3>${t.headings.cost}</h3>
    ${lines.map((line) => html`<p>${line}</p>`)}
    ${c?.help ? html`<h4>${t.costHelp}</h4><p>${text(c.help, lang)}</p>` : nothing}
    ${c?.personalBudget ? html`<p>${t.personalBudget}</p>` : nothing}`;
}
