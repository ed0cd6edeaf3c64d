import { css, html, nothing } from 'lit';
import { AtlasElement, baseStyles } from '../internal/atlas-element.js';
import type { AtlasListing } from '@community-atlas/core';
import { summarise } from '../shortlist/describe.js';
import { formatDate } from '../internal/format.js';
import { prescriberStrings } from '../shortlist/prescriber-strings.js';

/**
 * @tagname atlas-print-view
 * @summary The shortlist as the person takes it home: each option's name, what it is, when, where (one line of directions), cost and how to join, with the date and the publisher. Used for the printed page and for the read-only "your list" a shared link opens.
 *
 * @csspart page - The whole page.
 * @cssprop --atlas-print-font-size - Body text size on paper (default 14pt).
 */
export class AtlasPrintView extends AtlasElement {
  static override styles = [baseStyles, css`
    @layer atlas {
      :host { display: block; }
      .page { max-width: 48rem; }
      h2 { font-size: 1.6em; margin: 0 0 0.25rem; }
      h3 { font-size: 1.25em; margin: 0 0 0.25rem; }
      ol { list-style: none; padding: 0; margin: 0; }
      li.option { border-top: 2px solid var(--atlas-color-border, currentColor); padding: 0.5rem 0 0.75rem; break-inside: avoid; }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.25rem 0 0; }
      dt { font-weight: 700; }
      dd { margin: 0; }
      p { margin: 0.25rem 0; }
      .note { border: 2px solid currentColor; padding: 0.5rem 0.75rem; margin: 0.5rem 0 0.75rem; white-space: pre-wrap; }
      .meta { color: var(--atlas-color-secondary-text, inherit); }
      .missing { border-inline-start: 5px solid var(--atlas-color-warning, #f47738); padding-inline-start: 0.75rem; }
      @media print {
        /* Large type that still fits five options on one A4 page, two if it must. */
        :host { font-size: var(--atlas-print-font-size, 14pt); color: #000; }
        .page { max-width: none; }
        h2 { font-size: 20pt; }
        h3 { font-size: 16pt; }
        a, .meta { color: #000; }
      }
    }
  `];

  static override properties = {
    listings: { attribute: false },
    heading: {},
    intro: {},
    publisher: {},
    note: {},
    missing: { type: Number },
    now: { attribute: false },
  };

  /** The listings, in the order chosen. */
  listings: AtlasListing[] = [];
  /** Page heading: "Your options" on paper, "Your list" for a shared link. */
  heading = '';
  intro = '';
  /** Who publishes the directory, named on the page. */
  publisher = '';
  /** The prescriber's note: shown here only, never stored. */
  note = '';
  /** How many listings of a shared link are no longer in the directory. */
  missing = 0;
  now?: Date;

  protected override render(): unknown {
    const t = this.t;
    const p = prescriberStrings(t);
    const now = this.now ?? new Date();
    const date = formatDate(now, t.locale, true);
    const options = this.listings.map((l) => summarise(l, t, this.language, now));
    return html`<article class="page" part="page" aria-labelledby="title">
      <h2 id="title">${this.heading || p.printTitle}</h2>
      ${this.intro ? html`<p>${this.intro}</p>` : nothing}
      <p class="meta">${p.printedOn(date, this.publisher)}</p>
      ${this.missing ? html`<p class="missing" role="note">${p.missing(this.missing)}</p>` : nothing}
      ${this.note.trim() ? html`<section class="note" aria-label=${p.noteHeading}><strong>${p.noteHeading}:</strong> ${this.note.trim()}</section>` : nothing}
      <ol>
        ${options.map((o, i) => html`<li class="option">
          <h3>${i + 1}. ${o.name}</h3>
          ${o.what ? html`<p>${o.what}</p>` : nothing}
          <dl>
            ${o.when.length ? html`<dt>${p.when}</dt><dd>${o.when.join('. ')}</dd>` : nothing}
            ${o.where.length ? html`<dt>${p.where}</dt><dd>${o.where.join('. ')}</dd>` : nothing}
            ${o.cost ? html`<dt>${p.cost}</dt><dd>${o.cost}</dd>` : nothing}
            ${o.join.length ? html`<dt>${p.join}</dt><dd>${o.join.join('. ')}</dd>` : nothing}
            ${o.contact.length ? html`<dt>${p.contact}</dt><dd>${o.contact.join(' · ')}</dd>` : nothing}
          </dl>
        </li>`)}
      </ol>
    </article>`;
  }
}
