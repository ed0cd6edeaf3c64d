/**
 * The transfer parts of the listing detail: loaded when a transfer is first
 * opened (see lazy.ts), so a page of results does not carry the stage tracker,
 * the information pack and the ACV rules in its first download.
 */
import { html, nothing, type TemplateResult } from 'lit';
import {
  acvDates, acvPhase, deadlineState, isSafeUrl, text, transferStages,
  type AtlasListing, type StageDefinition,
} from '@community-atlas/core';
import type { LoadedStrings } from '../translations/index.js';
import { formatDate, formatMoney, formatNumber } from '../internal/format.js';
import { deadlineWords, tenureWords } from './transfer.js';
import { detailStrings, type DetailStrings } from './detail-strings.js';

export { detailStyles as styles } from './detail.styles.js';
/** The parts a transfer's header shares with its card (status, deadline), for the listing to adopt with the detail. */
export { transferStyles } from './transfer.js';

type Lang = string;

/**
 * Price or rent in words: the guide figures as money, then the publisher's own
 * words ("£1", "peppercorn") as they wrote them, since those are often the terms.
 */
function priceWords(listing: AtlasListing, strings: LoadedStrings, lang: Lang): string[] {
  const t = detailStrings(strings);
  const tr = listing.transfer;
  if (!tr) return [];
  const out: string[] = [];
  if (typeof tr.guidePrice === 'number') out.push(`${t.guidePrice}: ${formatMoney(tr.guidePrice, t.locale)}`);
  if (typeof tr.guideRent === 'number') out.push(`${t.guideRent}: ${formatMoney(tr.guideRent, t.locale)}`);
  const notes = tr.priceNotes ? text(tr.priceNotes, lang).trim() : '';
  // Spreadsheets often repeat the terms as the price ("Peppercorn rent" twice); say it once.
  const terms = tr.terms ? (t.terms[tr.terms] ?? tr.terms) : '';
  if (notes && notes.toLowerCase() !== terms.toLowerCase()) out.push(notes);
  return out;
}

/** Top of the detail view: status and ACV badges, and the deadline in words and as a date. */
export function transferHeader(listing: AtlasListing, now: Date, strings: LoadedStrings): TemplateResult {
  const t = detailStrings(strings);
  const tr = listing.transfer;
  const d = tr ? deadlineState(listing, now) : undefined;
  const words = d ? deadlineWords(d, t, now) : undefined;
  const full = d?.deadline && d.state !== 'closed' ? t.deadlineCloses(formatDate(d.deadline, t.locale)) : undefined;
  return html`<p class="transfer-badges">
      ${tr ? html`<span class="badge status-${tr.status}">${t.status[tr.status] ?? tr.status}</span>` : nothing}
      ${listing.acv ? html`<span class="badge acv">${t.transfer.acvBadge[listing.acv.status] ?? listing.acv.status}</span>` : nothing}
    </p>
    ${words ? html`<p class="deadline ${d!.state}"><strong>${words}</strong>${full ? html`. ${full}.` : nothing}</p>` : nothing}`;
}

function rows(entries: [string, unknown][]): TemplateResult | typeof nothing {
  const shown = entries.filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length));
  return shown.length ? html`<dl>${shown.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>` : nothing;
}

function number(n: number, locale: string): string {
  return formatNumber(n, locale, 2);
}

/** "1.2 MB", "350 kB": a group on a phone contract wants to know before opening a 40 MB plan. */
function formatBytes(bytes: number | undefined, locale: string): string | undefined {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) return undefined;
  const [unit, value] = bytes >= 1e6 ? ['megabyte', bytes / 1e6] : bytes >= 1e3 ? ['kilobyte', bytes / 1e3] : ['byte', bytes];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
}

/** A document type the feed gives as `pdf` or a media type, as a person reads it: "PDF", "Word", "Spreadsheet". */
function documentType(type: string | undefined): string | undefined {
  if (!type) return undefined;
  const known: Record<string, string> = {
    'application/pdf': 'PDF', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX', 'application/geo+json': 'GeoJSON', geojson: 'GeoJSON',
  };
  return known[type.toLowerCase()] ?? (type.includes('/') ? type : type.toUpperCase());
}

interface TransferDetailOptions {
  now: Date;
  t: LoadedStrings;
  lang: Lang;
  stageLists?: Record<string, StageDefinition[]> | undefined;
  /** The listing's contact list, rendered by the listing so all kinds look alike. */
  contact: TemplateResult | typeof nothing;
}

/**
 * Everything a community group needs before applying: terms, the building or
 * land, key dates, the stage tracker, the information pack, how to express
 * interest (or why they cannot), and the asset-of-community-value facts.
 */
export function transferDetail(listing: AtlasListing, o: TransferDetailOptions): TemplateResult {
  const { lang, now } = o;
  const t = detailStrings(o.t);
  const tr = listing.transfer;
  const tt = t.transfer;
  const acv = listing.acv;
  return html`${tr
      ? html`<h3>${t.headings.transfer}</h3>
          ${rows([
            [tt.labels.assetType, tt.assetType[tr.assetType] ?? tr.assetType],
            [t.tenureLabel, tenureWords(listing, t)],
            [t.termsLabel, tr.terms ? (t.terms[tr.terms] ?? tr.terms) : undefined],
            [tt.labels.price, priceWords(listing, t, lang).map((line, i) => html`${i ? html`<br />` : nothing}${line}`)],
            [t.reasonLabel, tr.reason ? text(tr.reason, lang) : undefined],
          ])}
          ${aboutAsset(listing, t, lang)}
          ${keyDates(listing, t)}
          ${stageTracker(listing, t, lang, o.stageLists)}
          ${documents(listing, t, lang)}`
      : nothing}
    ${acv ? acvSection(listing, now, t) : nothing}
    <h3>${tr ? tt.contactHeading : t.headings.contact}</h3>
    ${tr ? expressionOfInterest(listing, now, t) : nothing}
    ${o.contact}`;
}

function aboutAsset(listing: AtlasListing, t: DetailStrings, lang: Lang): TemplateResult | typeof nothing {
  const tr = listing.transfer!;
  const tt = t.transfer;
  const body = rows([
    [tt.labels.floorArea, typeof tr.floorAreaSqm === 'number' ? tt.floorArea(tr.floorAreaSqm, number(tr.floorAreaSqm, t.locale)) : undefined],
    [tt.labels.siteArea, typeof tr.siteAreaHa === 'number' ? tt.siteArea(tr.siteAreaHa, number(tr.siteAreaHa, t.locale)) : undefined],
    [tt.labels.condition, tr.condition ? text(tr.condition, lang) : undefined],
    [t.currentUseLabel, tr.currentUse ? text(tr.currentUse, lang) : undefined],
    [tt.labels.currentUsers, tr.currentUsers ? text(tr.currentUsers, lang) : undefined],
    [tt.labels.restrictions, tr.restrictions ? text(tr.restrictions, lang) : undefined],
    [tt.labels.planning, tr.planning ? text(tr.planning, lang) : undefined],
  ]);
  return body === nothing ? nothing : html`<h4>${tt.aboutHeading}</h4>${body}`;
}

function keyDates(listing: AtlasListing, t: DetailStrings): TemplateResult | typeof nothing {
  const dates = listing.transfer?.dates;
  if (!dates) return nothing;
  const body = rows((['noticePublished', 'informationSession', 'eoiDeadline', 'decision'] as const).map((k) => [
    t.transfer.dates[k],
    dates[k] ? formatDate(dates[k], t.locale, true) : undefined,
  ]));
  return body === nothing ? nothing : html`<h4>${t.transfer.datesHeading}</h4>${body}`;
}

/**
 * An ordered list, so "3 of 7" comes free to screen readers; the current stage
 * carries aria-current="step" and says so in words, as do completed stages, so
 * nothing rests on colour or a tick mark alone.
 */
function stageTracker(
  listing: AtlasListing, strings: LoadedStrings, lang: Lang, stageLists: Record<string, StageDefinition[]> | undefined,
): TemplateResult | typeof nothing {
  const t = detailStrings(strings);
  const stages = transferStages(listing, stageLists);
  if (!stages.length) return nothing;
  return html`<h4 id="stages-heading">${t.headings.stages}</h4>
    <ol class="stages" aria-labelledby="stages-heading">
      ${stages.map((s) => html`<li class=${s.state} aria-current=${s.state === 'current' ? 'step' : 'false'}>
        <span class="stage-name">${text(s.label, lang)}</span>
        ${s.date ? html`<span class="stage-date">${formatDate(s.date, t.locale)}</span>` : nothing}
        <span class="stage-state">${s.state === 'current' ? t.stageCurrent : s.state === 'done' ? t.stageDone : t.stageUpcoming}</span>
      </li>`)}
    </ol>`;
}

function documents(listing: AtlasListing, t: DetailStrings, lang: Lang): TemplateResult | typeof nothing {
  // The normaliser drops unsafe links already; this guards listings built by hand.
  const docs = (listing.transfer?.documents ?? []).filter((doc) => isSafeUrl(doc.url));
  if (!docs.length) return nothing;
  return html`<h4>${t.headings.documents}</h4>
    <p>${t.transfer.documentsIntro}</p>
    <ul class="documents">
      ${docs.map((doc) => {
        const meta = t.transfer.documentMeta(documentType(doc.type), formatBytes(doc.sizeBytes, t.locale));
        return html`<li><a href=${doc.url}>${text(doc.title, lang)}</a>${meta ? html` <span class="doc-meta">(${meta})</span>` : nothing}</li>`;
      })}
    </ul>`;
}

/**
 * A prominent link while interest can be expressed; once closed, the words say
 * why and there is no link to follow (a disabled link is not a thing in HTML, and
 * a dead button would only puzzle), so a past deadline can never look open.
 */
function expressionOfInterest(listing: AtlasListing, now: Date, strings: LoadedStrings): TemplateResult {
  const t = detailStrings(strings);
  const tr = listing.transfer!;
  const d = deadlineState(listing, now);
  const url = tr.expressionOfInterestUrl && isSafeUrl(tr.expressionOfInterestUrl) ? tr.expressionOfInterestUrl : undefined;
  const closedBy = tr.status === 'under-offer' || tr.status === 'transferred' || tr.status === 'withdrawn' ? tr.status : d.state === 'closed' ? 'deadline' : undefined;
  if (closedBy) {
    return html`<div class="eoi closed" part="action-closed">
      <p><strong>${t.transfer.eoiClosed}</strong></p>
      <p>${t.transfer.eoiClosedHelp[closedBy]}</p>
    </div>`;
  }
  if (!url) return html`<p class="eoi">${t.transfer.eoiNotYet}</p>`;
  return html`<div class="eoi">
    <p>${t.transfer.eoiIntro}</p>
    <p><a class="cta" part="action" href=${url}>${t.expressInterest}</a></p>
  </div>`;
}

/** Listed or nominated, by whom, when, until when, and where any moratorium stands, in plain words. */
function acvSection(listing: AtlasListing, now: Date, strings: LoadedStrings): TemplateResult {
  const acv = listing.acv!;
  const t = detailStrings(strings);
  const tt = t.transfer;
  const dates = acvDates(acv);
  const phase = acvPhase(acv, now);
  const day = (d: string | undefined): string | undefined => (d ? formatDate(d, t.locale) : undefined);
  let explain: string | undefined;
  if (phase === 'interim-moratorium') explain = tt.acvExplainInterim(day(dates.interimMoratoriumEnds)!, day(dates.fullMoratoriumEnds)!);
  else if (phase === 'full-moratorium') explain = tt.acvExplainFull(day(dates.fullMoratoriumEnds)!);
  else if (phase === 'protected') explain = tt.acvExplainProtected(day(dates.protectedPeriodEnds)!);
  else if (phase === 'listed') explain = tt.acvExplainListed;
  else if (acv.status === 'nominated') explain = tt.acvExplainNominated;
  return html`<h3>${tt.acvHeading}</h3>
    ${explain ? html`<p class="acv-explain">${explain}</p>` : nothing}
    ${rows([
      [tt.acvLabels.status, tt.acvBadge[acv.status] ?? acv.status],
      [tt.acvLabels.nominatedBy, acv.nominatedBy],
      [tt.acvLabels.nominatedOn, day(acv.nominatedOn)],
      [tt.acvLabels.listedOn, acv.status === 'listed' || acv.status === 'removed' ? day(acv.listedOn) : undefined],
      [tt.acvLabels.listingEnds, acv.status === 'listed' ? day(dates.listingEnds) : undefined],
      [tt.acvLabels.noticeReceived, day(dates.noticeReceived)],
      [tt.acvLabels.interimEnds, day(dates.interimMoratoriumEnds)],
      [tt.acvLabels.fullEnds, day(dates.fullMoratoriumEnds)],
    ])}`;
}

