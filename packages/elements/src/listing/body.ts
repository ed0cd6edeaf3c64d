/**
 * The body of the listing detail (what it is, who it is for, cost, when and where,
 * the report link): loaded when a listing is first opened (see lazy.ts), so a page
 * of results does not carry it in its first download. The element itself renders
 * the heading, when and where, and the contact details, what a resident needs to
 * go, so they show while this loads, or if it cannot.
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { checkedOverAYearAgo, feedbackDate, feedbackHref, feedbackPage, isSafeUrl, text, type AtlasListing, type Publisher, type StageDefinition } from '@community-atlas/core';
import type { LoadedStrings } from '../translations/index.js';
import { bodyStrings, type BodyStrings } from './body-strings.js';
import { formatDate } from '../internal/format.js';
import { costLines } from './listing-strings.js';
import type * as TransferDetail from '../transfer/detail.js';

export { bodyStyles as styles } from './body.styles.js';

interface ListingBodyOptions {
  t: LoadedStrings;
  lang: string;
  now: Date;
  publishers: Publisher[];
  feedback: string;
  stageLists: Record<string, StageDefinition[]> | undefined;
  /** The transfer detail's module, once loaded (transfers only). */
  transfer: typeof TransferDetail | undefined;
  /** The element's own when-and-where and contact sections and contact list, the parts it shows without this module. */
  whenWhere: TemplateResult | typeof nothing;
  contact: TemplateResult;
  contactList: TemplateResult | typeof nothing;
}

function link(href: string | undefined, label: unknown): TemplateResult | typeof nothing {
  return href && isSafeUrl(href) ? html`<a href=${href}>${label}</a>` : nothing;
}

/** Characters of a description shown at once: about a screen of text on a phone. */
const FIRST_PART = 1_500;

const paragraphs = (paras: readonly string[]): TemplateResult[] => paras.map((para) => html`<p>${para}</p>`);

/**
 * A description in paragraphs. A long one (a feed may give 10,000 characters, a host's
 * own data far more) shows its first part, whole paragraphs up to FIRST_PART (or the first
 * one cut at a word), and the rest only when the person asks for it ("Read more"): laying
 * out a megabyte of text held the main thread for most of a second (issue 18, item 7).
 */
function description(value: string, readMore: string): unknown {
  const paras = value.split(/\n{2,}/);
  let length = 0;
  let shown = 0;
  while (shown < paras.length && length + paras[shown]!.length <= FIRST_PART) length += paras[shown++]!.length;
  if (shown === paras.length) return paragraphs(paras);
  const first = paras.slice(0, shown);
  const rest = paras.slice(shown);
  if (!first.length) {
    const para = rest[0]!;
    const space = para.lastIndexOf(' ', FIRST_PART);
    const cut = space > FIRST_PART / 2 ? space : FIRST_PART;
    first.push(`${para.slice(0, cut)}…`);
    rest[0] = para.slice(cut).trimStart();
  }
  // The rest is drawn the first time it is opened, not before.
  const fill = (e: Event): void => {
    const details = e.currentTarget as HTMLDetailsElement;
    const box = details.lastElementChild as HTMLElement;
    if (details.open && !box.childElementCount) render(paragraphs(rest), box);
  };
  return keyed(value, html`${paragraphs(first)}<details class="more" @toggle=${fill}><summary>${readMore}</summary><div></div></details>`);
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
      ${l.description ? description(text(l.description, lang), t.readMore) : nothing}
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
