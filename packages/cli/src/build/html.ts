/**
 * The static pages `atlas build` writes: one per listing answering the five
 * questions in order (what, who for, cost, when and where, how to join), and an
 * index of everything grouped by kind. Plain semantic HTML that reads well with
 * no JavaScript and no CSS; one external stylesheet and no inline style or
 * script, so the pages run under a strict Content-Security-Policy.
 *
 * Every value from a feed goes through `escape` (the `page` tag does it for
 * every interpolation), and links go out only when `isSafeUrl` allows them.
 */
import type { AtlasData, AtlasListing, ListingKind, Text } from '@community-atlas/core';
import {
  buildVocabulary, checkedOverAYearAgo, describeOpeningHours, describeSession, feedbackHref, humanise, isSafeUrl, needLabel, sameWords,
} from '@community-atlas/core';

/** Markup that is already safe: only `page` and this module make it. */
class Markup {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

type Part = Markup | string | number | undefined | null | false | readonly Part[];

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function render(part: Part): string {
  if (part === undefined || part === null || part === false) return '';
  if (part instanceof Markup) return part.html;
  if (Array.isArray(part)) return (part as readonly Part[]).map(render).join('');
  return escape(String(part));
}

/** A template whose every interpolation is escaped unless it is already Markup. */
function page(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

export interface SiteOptions {
  /** Language of the interface words on the pages. Only English is written for now. */
  lang?: string;
  /** URL of the kit's script for index.html (`atlas.js`); empty: no finder, static list only. */
  script: string;
  /** Absolute URL the site will live at, for canonical links; optional. */
  baseUrl?: string;
  /** Name of the stylesheet written beside the pages. */
  stylesheet: string;
}

const KIND_HEADINGS: Record<ListingKind, string> = {
  asset: 'Places, groups and services',
  activity: 'Activities',
  transfer: 'Buildings and land offered to community groups',
};
const KIND_ORDER: readonly ListingKind[] = ['activity', 'asset', 'transfer'];

const REFERRAL_WORDS: Record<string, string> = {
  self: 'You can contact them yourself.',
  'drop-in': 'Just turn up (drop in).',
  professional: 'You need a referral from a professional, such as a GP or link worker.',
};
/** Said instead of "You need a referral" when the person can also go themselves (the finder says the same). */
const REFERRAL_ALSO = 'A professional, such as a GP or link worker, can also refer you.';

// The same words the finder's filters use, so a page and the widget agree.
const ACCESS_WORDS: Record<string, string> = {
  'step-free': 'Step-free access', 'wheelchair-accessible': 'Wheelchair accessible', 'accessible-toilet': 'Accessible toilet',
  'changing-places': 'Changing Places toilet', 'hearing-loop': 'Hearing loop', bsl: 'British Sign Language', 'large-print': 'Large print',
  'easy-read': 'Easy read', 'quiet-space': 'Quiet space', 'accessible-parking': 'Accessible parking', 'assistance-dogs': 'Assistance dogs welcome',
  'dementia-friendly': 'Dementia friendly', seating: 'Seating',
};

/** One language's text with its `lang`, and the Welsh (or English) alongside when the feed gives both. */
function chosen(value: Text | undefined, fallbackLang: string): { text: string; lang: string }[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.trim() ? [{ text: value, lang: fallbackLang }] : [];
  const entries = Object.entries(value).filter(([, v]) => typeof v === 'string' && v.trim());
  entries.sort(([a], [b]) => (a === 'en' ? -1 : b === 'en' ? 1 : 0));
  return entries.map(([lang, text]) => ({ text, lang }));
}

/** `<tag lang>` for each language given, the page's own language without a lang attribute. */
function texts(tag: 'p' | 'span' | 'h1', value: Text | undefined, ctx: Context, attrs = ''): Markup {
  return new Markup(
    chosen(value, ctx.feedLang)
      .map(({ text, lang }) => `<${tag}${attrs}${lang === ctx.lang ? '' : ` lang="${escape(lang)}"`}>${escape(text)}</${tag}>`)
      .join(''),
  );
}

/** The first language's text only, inline (names in lists and titles). */
function inline(value: Text | undefined, ctx: Context): Markup {
  const first = chosen(value, ctx.feedLang)[0];
  if (!first) return new Markup('');
  return first.lang === ctx.lang ? new Markup(escape(first.text)) : page`<span lang="${first.lang}">${first.text}</span>`;
}

function plainName(value: Text | undefined, ctx: Context): string {
  return chosen(value, ctx.feedLang)[0]?.text ?? '';
}

function link(url: string | undefined, label: Part): Markup | undefined {
  return url && isSafeUrl(url) ? page`<a href="${url}">${label}</a>` : undefined;
}

interface Context {
  lang: string;
  feedLang: string;
  data: AtlasData;
  needLabel(id: string): string;
  categoryLabel(id: string): string;
  now: Date;
}

function context(data: AtlasData, options: SiteOptions, now: Date): Context {
  const vocabulary = buildVocabulary(data.needs);
  const lang = options.lang ?? 'en';
  const ctx: Context = {
    lang,
    feedLang: data.languages[0] ?? 'en',
    data,
    now,
    needLabel: (id) => needLabel(vocabulary.needs.get(id), lang) || humanise(id),
    categoryLabel: (id) => plainName(data.categories?.find((c) => c.id === id)?.label, ctx) || humanise(id),
  };
  return ctx;
}

function section(heading: string, body: Part[]): Markup {
  const content = body.filter((b) => b !== undefined && b !== null && b !== false && render(b) !== '');
  if (!content.length) return new Markup('');
  return page`<section><h2>${heading}</h2>${content}</section>`;
}

function who(l: AtlasListing, ctx: Context): Markup {
  const a = l.audience;
  const ages =
    a?.ageMin !== undefined && a.ageMax !== undefined ? `Ages ${a.ageMin} to ${a.ageMax}.`
    : a?.ageMin !== undefined ? `Ages ${a.ageMin} and over.`
    : a?.ageMax !== undefined ? `Ages up to ${a.ageMax}.`
    : undefined;
  const gender = a?.gender === 'women' ? 'For women.' : a?.gender === 'men' ? 'For men.' : undefined;
  return section('Who is it for?', [
    texts('p', a?.description, ctx),
    ages ? page`<p>${ages}</p>` : undefined,
    gender ? page`<p>${gender}</p>` : undefined,
    l.needs.length ? page`<p>It can help with: ${l.needs.map((id) => ctx.needLabel(id)).join(', ')}.</p>` : undefined,
    l.companionWelcome ? page`<p>You can bring someone with you.</p>` : undefined,
  ]);
}

function cost(l: AtlasListing, ctx: Context): Markup {
  const c = l.cost;
  if (!c) return section('How much does it cost?', [page`<p>The cost is not given: please ask.</p>`]);
  const price =
    c.free ? 'Free.'
    : c.amount !== undefined ? `£${c.amount.toFixed(c.amount % 1 ? 2 : 0)}${c.per ? ` a ${c.per}` : ''}.`
    : undefined;
  // "£3 a session." and a description of "£3 a session" say one thing: say it once.
  const described = chosen(c.description, ctx.feedLang);
  const repeats = price !== undefined && described.length > 0 && described.every(({ text }) => sameWords(text, price));
  return section('How much does it cost?', [
    price && !repeats ? page`<p>${price}</p>` : undefined,
    texts('p', c.description, ctx),
    c.help !== undefined ? page`<p>Help with the cost: ${inline(c.help, ctx)}</p>` : undefined,
    c.personalBudget ? page`<p>It can be paid for from a personal budget.</p>` : undefined,
  ]);
}

function whenWhere(l: AtlasListing, ctx: Context): Markup {
  const loc = l.location;
  const sessions = l.schedule.map((s) => ({ s, words: describeSession(s, ctx.now) })).filter((x) => x.words);
  const hours = describeOpeningHours(l.openingHours);
  const address = loc ? [...(loc.address ?? []), ...(loc.postcode ? [loc.postcode] : [])] : [];
  const online = l.delivery.includes('online');
  const phone = l.delivery.includes('phone');
  return section('When and where?', [
    sessions.length
      ? page`<ul>${sessions.map(({ s, words }) => page`<li>${words}${s.place !== undefined ? page`, ${inline(s.place, ctx)}` : ''}${s.notes !== undefined ? page`. ${inline(s.notes, ctx)}` : ''}</li>`)}</ul>`
      : undefined,
    hours.length
      ? page`<table><caption>Opening hours</caption><tbody>${hours.map((h) => page`<tr><th scope="row">${h.name}</th><td>${h.text}</td></tr>`)}</tbody></table>`
      : undefined,
    l.openingHours?.notes !== undefined ? texts('p', l.openingHours.notes, ctx) : undefined,
    loc && (loc.name !== undefined || address.length)
      ? page`<address>${loc.name !== undefined ? page`${inline(loc.name, ctx)}<br>` : ''}${address.map((line, i) => page`${i ? page`<br>` : ''}${line}`)}</address>`
      : undefined,
    loc?.precision === 'approximate' ? page`<p>The exact address is not published.</p>` : undefined,
    loc?.directions !== undefined ? texts('p', loc.directions, ctx) : undefined,
    online || phone ? page`<p>${online && phone ? 'Online and by phone.' : online ? 'Online.' : 'By phone.'}</p>` : undefined,
    l.areas.length ? page`<p>Areas: ${l.areas.map((id) => plainName(ctx.data.areas.find((a) => a.id === id)?.name, ctx) || id).join(', ')}.</p>` : undefined,
    l.accessibility.length ? page`<p>Access: ${l.accessibility.map((f) => ACCESS_WORDS[f] ?? humanise(f)).join(', ')}.</p>` : undefined,
    texts('p', l.accessibilityNotes, ctx),
  ]);
}

function join(l: AtlasListing, ctx: Context): Markup {
  const c = l.contact;
  const rows: Part[] = [];
  if (c?.name) rows.push(page`<dt>Contact</dt><dd>${c.name}</dd>`);
  if (c?.phone) rows.push(page`<dt>Phone</dt><dd>${link(`tel:${c.phone.replace(/[^\d+]/g, '')}`, c.phone) ?? c.phone}</dd>`);
  if (c?.textphone) rows.push(page`<dt>Textphone</dt><dd>${c.textphone}</dd>`);
  if (c?.email) rows.push(page`<dt>Email</dt><dd>${link(`mailto:${c.email}`, c.email) ?? c.email}</dd>`);
  const website = link(c?.url ?? l.url, c?.url ?? l.url);
  if (website) rows.push(page`<dt>Website</dt><dd>${website}</dd>`);
  return section('How do I get in touch or join?', [
    l.referral.map((r) => {
      const also = r === 'professional' && l.referral.some((o) => o === 'self' || o === 'drop-in');
      const said = also ? REFERRAL_ALSO : REFERRAL_WORDS[r];
      return said ? page`<p>${said}</p>` : undefined;
    }),
    texts('p', l.howToJoin, ctx),
    rows.length ? page`<dl>${rows}</dl>` : undefined,
  ]);
}

/** "13 March 2026", as GOV.UK writes dates; the text as given when it is not a date. */
function longDate(value: string): string {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(date);
}

/** When the publisher last checked the listing (with a warning past a year), and where to say something is wrong. */
function checked(l: AtlasListing, ctx: Context): Markup {
  const stale = checkedOverAYearAgo(l.lastVerified, ctx.now);
  const publisher = ctx.data.publishers.find((p) => p.id === l.publisherId) ?? ctx.data.publishers[0];
  const report = feedbackHref(publisher?.feedbackUrl, l, plainName(l.name, ctx));
  return page`${l.lastVerified ? page`<p>Last checked ${longDate(l.lastVerified)}.</p>` : ''}${
    stale ? page`<p><strong>This was last checked over a year ago. Please check the details before you go.</strong></p>` : ''}${
    report ? page`<p><a href="${report}">Report something wrong with this listing</a></p>` : ''}`;
}

function transfer(l: AtlasListing, ctx: Context): Markup {
  const t = l.transfer;
  if (!t) return new Markup('');
  const rows: Part[] = [page`<dt>Status</dt><dd>${humanise(t.status)}</dd>`, page`<dt>Type</dt><dd>${humanise(t.assetType)}</dd>`];
  if (t.tenure) rows.push(page`<dt>Tenure</dt><dd>${humanise(t.tenure.type)}${t.tenure.years ? ` for ${t.tenure.years} years` : ''}</dd>`);
  if (t.dates?.eoiDeadline) rows.push(page`<dt>Expressions of interest by</dt><dd>${t.dates.eoiDeadline.slice(0, 10)}</dd>`);
  if (t.priceNotes !== undefined) rows.push(page`<dt>Price or rent</dt><dd>${inline(t.priceNotes, ctx)}</dd>`);
  const documents = (t.documents ?? []).map((d) => link(d.url, plainName(d.title, ctx) || d.url)).filter(Boolean);
  return section('About the transfer', [
    page`<dl>${rows}</dl>`,
    t.reason !== undefined ? page`<p>Why it is offered: ${inline(t.reason, ctx)}</p>` : undefined,
    t.currentUse !== undefined ? page`<p>Current use: ${inline(t.currentUse, ctx)}</p>` : undefined,
    documents.length ? page`<h3>Information pack</h3><ul>${documents.map((d) => page`<li>${d}</li>`)}</ul>` : undefined,
    link(t.expressionOfInterestUrl, 'Express an interest'),
  ]);
}

function shell(ctx: Context, options: SiteOptions, title: string, body: Markup, extra: { root: string; canonical?: string; script?: boolean }): string {
  const publisher = ctx.data.publishers[0];
  return page`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${extra.root}${options.stylesheet}">
${extra.canonical ? page`<link rel="canonical" href="${extra.canonical}">\n` : ''}${extra.script && options.script ? page`<script type="module" src="${options.script}"></script>\n` : ''}</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header><p>${publisher?.url && isSafeUrl(publisher.url) ? page`<a href="${publisher.url}">${publisher.name}</a>` : (publisher?.name ?? '')}</p></header>
<main id="main">
${body}
</main>
<footer><p>${ctx.data.updated ? `Last updated ${longDate(ctx.data.updated.slice(0, 10))}.` : ''}${ctx.data.licences.length ? ` Licence: ${ctx.data.licences.join(', ')}.` : ''}</p></footer>
</body>
</html>
`.html;
}

/** The page for one listing, at `listings/<slug>.html`. */
export function listingPage(l: AtlasListing, data: AtlasData, options: SiteOptions, now: Date): string {
  const ctx = context(data, options, now);
  const name = plainName(l.name, ctx) || l.id;
  const body = page`<p><a href="../index.html">All listings</a></p>
<article>
${texts('h1', l.name, ctx)}
${section('What is it?', [
    texts('p', l.summary, ctx),
    texts('p', l.description, ctx),
    l.organisation ? page`<p>Run by ${link(l.organisation.url, inline(l.organisation.name, ctx)) ?? inline(l.organisation.name, ctx)}.</p>` : undefined,
    l.categories.length ? page`<p>Type: ${l.categories.map((c) => ctx.categoryLabel(c)).join(', ')}.</p>` : undefined,
  ])}
${who(l, ctx)}
${cost(l, ctx)}
${whenWhere(l, ctx)}
${join(l, ctx)}
${transfer(l, ctx)}
${checked(l, ctx)}
</article>`;
  const canonical = options.baseUrl ? new URL(`listings/${slugs(data).get(l.key)}.html`, options.baseUrl).href : undefined;
  return shell(ctx, options, name, body, { root: '../', ...(canonical ? { canonical } : {}) });
}

/** File names for each listing's page: its key as a slug, made unique. */
export function slugs(data: AtlasData): Map<string, string> {
  const cached = slugCache.get(data);
  if (cached) return cached;
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const l of data.listings) {
    const base = l.key.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'listing';
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    out.set(l.key, slug);
  }
  slugCache.set(data, out);
  return out;
}
const slugCache = new WeakMap<AtlasData, Map<string, string>>();

/** ", Riverside": where it is, since several listings share a name ("Allotment mentoring") in different places. */
function where(l: AtlasListing, ctx: Context): Markup {
  const place = plainName(l.location?.name, ctx);
  if (!place || place === plainName(l.name, ctx)) return new Markup('');
  return page`, ${inline(l.location?.name, ctx)}`;
}

/** The static list of everything, grouped by kind: index.html's content and the finder's fallback. */
function staticList(data: AtlasData, options: SiteOptions, now: Date): Markup {
  const ctx = context(data, options, now);
  const files = slugs(data);
  const collator = new Intl.Collator(ctx.lang, { numeric: true, sensitivity: 'base' });
  const groups = KIND_ORDER.map((kind) => ({
    kind,
    listings: data.listings.filter((l) => l.kind === kind).sort((a, b) => collator.compare(plainName(a.name, ctx), plainName(b.name, ctx))),
  })).filter((g) => g.listings.length);
  return page`<div class="atlas-static">
${groups.map((g) => page`<section aria-labelledby="kind-${g.kind}">
<h2 id="kind-${g.kind}">${KIND_HEADINGS[g.kind]} (${g.listings.length})</h2>
<ul class="listings">
${g.listings.map((l) => page`<li><a href="listings/${files.get(l.key) ?? ''}.html">${inline(l.name, ctx)}</a>${where(l, ctx)}${l.summary !== undefined ? page` <span class="summary">${inline(l.summary, ctx)}</span>` : ''}</li>\n`)}</ul>
</section>
`)}</div>`;
}

/**
 * index.html: the finder, with the static list inside it. With JavaScript the
 * finder draws itself over its own children (its shadow root has no slot); without
 * it, or for a search engine, the list is the page.
 */
export function indexPage(data: AtlasData, options: SiteOptions, now: Date, files: { feed: string; index?: string }): string {
  const ctx = context(data, options, now);
  const publisher = data.publishers[0]?.name ?? 'Community directory';
  const title = `${publisher}: what is on and where`;
  const list = staticList(data, options, now);
  const body = options.script
    ? page`<h1>${title}</h1>
<atlas-finder src="${files.feed}"${files.index ? page` index="${files.index}"` : ''}>
${list}
</atlas-finder>`
    : page`<h1>${title}</h1>
${list}`;
  const canonical = options.baseUrl ? new URL('index.html', options.baseUrl).href : undefined;
  return shell(ctx, options, title, body, { root: '', script: true, ...(canonical ? { canonical } : {}) });
}

export const STYLESHEET = `/* Community Atlas static pages: readable with or without this file. */
:root { color-scheme: light dark; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 46rem; padding: 0 1rem 2rem; color: CanvasText; background: Canvas; }
a { color: LinkText; text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid #fd0; outline-offset: 0; background: #fd0; color: #0b0c0c; }
.skip { position: absolute; left: -9999px; }
.skip:focus { position: static; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { font-size: 1.4rem; margin-top: 2rem; }
.listings { padding-left: 1.25rem; }
.listings li { margin-bottom: 0.5rem; }
.summary { display: block; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 0.25rem 1rem 0.25rem 0; border-bottom: 1px solid GrayText; }
caption { text-align: left; font-weight: bold; }
dt { font-weight: bold; }
dd { margin: 0 0 0.5rem; }
address { font-style: normal; margin-bottom: 1rem; }
footer { margin-top: 3rem; border-top: 1px solid GrayText; }
@media print { .skip, header { display: none; } }
/* With scripts, the finder draws itself over the list in a screen's height of its own: the list holds as much before it loads, so the footer stays put. */
@media (scripting: enabled) { atlas-finder:not(:defined) { display: block; min-block-size: 100svh; } }
`;
