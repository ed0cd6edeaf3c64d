/**
 * The report as one static HTML page: no script, no request, charts as inline SVG
 * each with the table of its numbers, and print styles for A4. Every string from
 * a feed is escaped.
 */
import { barChart, esc, mapChart, type Boundary } from './charts.js';
import { QUESTIONS, QUESTION_LABELS, type ReportFigures } from './figures.js';

const fmt = new Intl.NumberFormat('en-GB');
const n = (v: number): string => fmt.format(v);
const pct = (part: number, whole: number): string => (whole ? `${Math.round((part / whole) * 100)}%` : '–');
const plural = (count: number, one: string, many = `${one}s`): string => `${n(count)} ${count === 1 ? one : many}`;

/** Tables longer than this show their first rows; report.json has them all. */
const ROWS = 200;

function more(total: number, shown: number): string {
  return total > shown ? `<p class="more">Showing ${n(shown)} of ${n(total)}. Every one is in <code>report.json</code>.</p>` : '';
}

function table(o: { caption: string; head: string[]; rows: string[][]; numeric?: number[]; className?: string }): string {
  const num = new Set(o.numeric ?? []);
  const cell = (c: string, i: number, tag: 'td' | 'th'): string => `<${tag}${tag === 'th' && i === 0 ? ' scope="row"' : ''}${num.has(i) ? ' class="num"' : ''}>${c}</${tag}>`;
  return `<table${o.className ? ` class="${o.className}"` : ''}><caption>${o.caption}</caption>
<thead><tr>${o.head.map((h, i) => `<th scope="col"${num.has(i) ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead>
<tbody>${o.rows.map((r) => `<tr>${r.map((c, i) => cell(c, i, i === 0 ? 'th' : 'td')).join('')}</tr>`).join('\n')}</tbody></table>`;
}

function figure(chart: string, tableHtml: string): string {
  return `<figure>${chart}<figcaption class="visually-hidden">The table below gives the same numbers.</figcaption></figure>\n${tableHtml}`;
}

const STYLE = `
:root { color-scheme: light; --ink: #0b0c0c; --muted: #505a5f; --line: #b1b4b6; --bar: #1d70b8; --warn: #d4351c; --ok: #00703c; --bg-warn: #fff4e5; }
* { box-sizing: border-box; }
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 0; background: #fff; }
main, header.page, footer.page { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
header.page { padding-top: 1.5rem; }
h1 { font-size: 2rem; margin: 0 0 .25rem; line-height: 1.15; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .5rem; padding-top: .5rem; border-top: 4px solid var(--bar); }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
p, li { max-width: 44rem; }
a { color: #1d4f91; }
a:focus { outline: 3px solid #fd0; background: #fd0; color: var(--ink); }
.lede { color: var(--muted); margin: 0 0 1rem; }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.headline li { border: 1px solid var(--line); border-left: 6px solid var(--bar); padding: .5rem .75rem; }
.headline li.warn { border-left-color: var(--warn); }
.headline strong { display: block; font-size: 2rem; line-height: 1.1; }
.notice { border-left: 6px solid var(--warn); background: var(--bg-warn); padding: .5rem 1rem; margin: 1rem 0; }
.notice h2 { border: 0; margin-top: .5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem .3rem 0; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.low { background: var(--bg-warn); }
.more { color: var(--muted); font-size: .9rem; }
figure { margin: .5rem 0; }
svg.chart { width: 100%; height: auto; max-width: 40rem; display: block; font: 13px system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
svg.map { max-width: 36rem; border: 1px solid var(--line); }
svg .bar { fill: var(--bar); }
svg .warn { fill: var(--warn); }
svg .grid { stroke: #dee0e2; }
svg .axis { stroke: var(--ink); }
svg .label, svg .value { fill: var(--ink); }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .sea { fill: #fafafa; }
svg .area { stroke: #505a5f; stroke-width: .8; }
svg .area-label { fill: var(--ink); font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .pt { fill: var(--bar); fill-opacity: .75; }
svg .pt.warn { fill: #fff; stroke: var(--warn); stroke-width: 1.5; }
.key { list-style: none; padding: 0; display: flex; gap: 1.5rem; flex-wrap: wrap; font-size: .9rem; }
.key span { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; margin-right: .4rem; vertical-align: -.05rem; }
.key .fresh { background: var(--bar); }
.key .stale { border: 2px solid var(--warn); }
.provider { break-inside: avoid; }
.provider ul { margin: .25rem 0 1rem; padding-left: 1.25rem; font-size: .9rem; columns: 2 18rem; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
nav ol { columns: 2 14rem; }
footer.page { color: var(--muted); font-size: .9rem; padding: 2rem 1rem; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 10.5pt; }
  main, header.page, footer.page { max-width: none; padding: 0; }
  h2 { break-before: auto; break-after: avoid; margin-top: 1.5rem; }
  h3, caption { break-after: avoid; }
  figure, .headline li, tr, .notice { break-inside: avoid; }
  thead { display: table-header-group; }
  nav { display: none; }
  a { color: inherit; text-decoration: none; }
  svg.chart { max-width: 15cm; }
  svg.map { max-width: 13cm; }
  .headline { grid-template-columns: repeat(4, 1fr); }
  .headline strong { font-size: 18pt; }
}
`;

export interface HtmlOptions {
  boundaries?: Boundary[];
}

export function reportHtml(f: ReportFigures, options: HtmlOptions = {}): string {
  const fr = f.freshness;
  const co = f.completeness;
  const cv = f.coverage;
  const publishers = [...new Set(f.feeds.map((feed) => feed.publisher).filter(Boolean))];
  const title = `Directory health report${publishers.length ? `: ${publishers.join(', ')}` : ''}`;
  const gapsCount = cv.gaps.reduce((sum, g) => sum + g.needs.length, 0);
  const dupCount = f.duplicates.reduce((sum, g) => sum + g.listings.length, 0);
  const severalTimes = f.duplicates.filter((g) => g.sessionsDiffer).length;
  const s: string[] = [];
  s.push(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="page">
<h1>${esc(title)}</h1>
<p class="lede">${plural(f.listings, 'listing')} on ${esc(f.today)}. Listings count as stale when they were last checked over ${f.staleMonths} months before that, or never.</p>
</header>
<main>
<h2 id="summary" class="visually-hidden">Summary</h2>
<ul class="headline">
<li class="${fr.freshShare !== null && fr.freshShare >= 0.8 ? '' : 'warn'}"><strong>${fr.freshShare === null ? 'Unknown' : pct(fr.fresh, f.listings)}</strong> fresh: checked in the last ${f.staleMonths} months${fr.freshShare === null ? ' (no listing has a date)' : ` (${n(fr.fresh)} of ${n(f.listings)})`}</li>
<li class="${fr.stale + fr.neverChecked ? 'warn' : ''}"><strong>${n(fr.stale + fr.neverChecked)}</strong> stale: ${n(fr.stale)} checked over ${f.staleMonths} months ago, ${n(fr.neverChecked)} never</li>
<li class="${co.complete === f.listings ? '' : 'warn'}"><strong>${pct(co.complete, f.listings)}</strong> answer all five questions (${n(co.complete)})</li>
<li class="${fr.pastSessionsOnly.length ? 'warn' : ''}"><strong>${n(fr.pastSessionsOnly.length)}</strong> with every session in the past</li>
<li class="${gapsCount ? 'warn' : ''}"><strong>${n(gapsCount)}</strong> gaps: a need met elsewhere and not in an area</li>
<li class="${dupCount ? 'warn' : ''}"><strong>${n(f.duplicates.length)}</strong> possible duplicates (${plural(dupCount, 'listing')}${severalTimes ? `; ${n(severalTimes)} look like one activity at several times` : ''})</li>
<li class="${f.broken.length ? 'warn' : ''}"><strong>${n(f.broken.length)}</strong> broken fields</li>
${f.changes ? `<li><strong>${n(f.changes.added.length + f.changes.removed.length + f.changes.changed.length)}</strong> changes since the last report</li>` : ''}
</ul>
<nav aria-label="Contents"><ol>
<li><a href="#freshness">Freshness</a></li><li><a href="#completeness">Completeness</a></li><li><a href="#coverage">Coverage</a></li>
<li><a href="#duplicates">Duplicates and broken fields</a></li>${f.changes ? '<li><a href="#changes">Changes</a></li>' : ''}<li><a href="#feeds">The feeds</a></li>
</ol></nav>`);

  if (f.notComputed.length) {
    s.push(`<section class="notice" aria-labelledby="not-computed"><h2 id="not-computed">What this report could not work out</h2><ul>
${f.notComputed.map((x) => `<li><strong>${esc(x.what)}</strong>: ${esc(x.why)}</li>`).join('\n')}</ul></section>`);
  }

  // Freshness
  s.push(`<h2 id="freshness">Freshness</h2>
<p>${fr.freshShare === null ? 'No listing says when it was last checked.' : `${pct(fr.fresh, f.listings)} of listings were checked in the ${f.staleMonths} months before ${esc(f.today)}.`}
${n(fr.stale)} were last checked longer ago and ${n(fr.neverChecked)} never.${fr.future.length ? ` ${plural(fr.future.length, 'listing has', 'listings have')} a check date in the future.` : ''}</p>`);
  s.push(figure(
    barChart({
      id: 'chart-age', title: 'Listings by months since they were last checked',
      description: fr.buckets.map((b) => `${b.label}: ${n(b.count)}`).join('; ') + '.',
      bars: fr.buckets.map((b) => ({ label: b.label, value: b.count, warn: b.stale, note: `${n(b.count)} (${pct(b.count, f.listings)})` })),
    }),
    table({ caption: 'Listings by months since they were last checked', head: ['Last checked', 'Listings', 'Share'], numeric: [1, 2], rows: fr.buckets.map((b) => [esc(b.label), n(b.count), pct(b.count, f.listings)]) }),
  ));
  if (fr.byProvider.length) {
    s.push(`<h3 id="stale-providers">Stale listings by provider</h3>
<p>Each link opens a ready email asking the provider whether their listings are still right, with the names and a link to correct each one. It is addressed to the contact emails their stale listings give (up to five): check them before sending.</p>`);
    s.push(table({
      caption: `${plural(fr.byProvider.length, 'provider')} with stale listings`,
      head: ['Provider', 'Stale', 'Never checked', 'Oldest check', 'Ask them'],
      numeric: [1, 2],
      rows: fr.byProvider.slice(0, ROWS).map((p) => [
        esc(p.provider),
        n(p.listings.filter((l) => l.lastVerified).length),
        n(p.listings.filter((l) => !l.lastVerified).length),
        esc(p.listings.find((l) => l.lastVerified)?.lastVerified ?? '–'),
        `<a href="${esc(p.mailto)}">${p.emails.length ? `Email ${esc(p.emails[0]!)}${p.emails.length > 1 ? ` and ${p.emails.length - 1} more` : ''}` : 'Write an email (no address known)'}<span class="visually-hidden">: is this still right? ${esc(p.provider)}</span></a>`,
      ]),
    }));
    s.push(more(fr.byProvider.length, Math.min(ROWS, fr.byProvider.length)));
    let shown = 0;
    const total = fr.byProvider.reduce((sum, p) => sum + p.listings.length, 0);
    for (const p of fr.byProvider) {
      if (shown >= ROWS * 2) break;
      const list = p.listings.slice(0, ROWS * 2 - shown);
      shown += list.length;
      s.push(`<div class="provider"><h4>${esc(p.provider)}</h4><ul>${list.map((l) => `<li>${esc(l.name)} <small>(${l.lastVerified ? `checked ${esc(l.lastVerified)}` : 'never checked'})</small></li>`).join('')}</ul></div>`);
    }
    s.push(more(total, shown));
  }
  s.push(`<h3 id="past">Every session in the past</h3>`);
  s.push(fr.pastSessionsOnly.length
    ? `<p>These have sessions and no opening hours, and every session is over by ${esc(f.today)}: remove them, or add the new dates.</p>` +
      table({ caption: `${plural(fr.pastSessionsOnly.length, 'listing')} whose sessions are all over`, head: ['Listing', 'Id', 'Last date'], rows: fr.pastSessionsOnly.slice(0, ROWS).map((l) => [esc(l.name), `<code>${esc(l.id)}</code>`, esc(l.lastSession ?? 'a repeating session that has ended')]) }) +
      more(fr.pastSessionsOnly.length, Math.min(ROWS, fr.pastSessionsOnly.length))
    : '<p>None: every listing with sessions has one to come.</p>');

  // Completeness
  s.push(`<h2 id="completeness">Completeness</h2>
<p>Every listing should answer five questions. ${n(co.complete)} of ${n(f.listings)} listings (${pct(co.complete, f.listings)}) answer all that are asked of them. Transfers are not asked who they are for or what they cost.</p>`);
  s.push(figure(
    barChart({
      id: 'chart-questions', title: 'Share of listings that answer each question', max: 100,
      description: co.overall.map((q) => `${q.label} ${pct(q.answered, q.asked)}`).join('; ') + '.',
      bars: co.overall.map((q) => ({ label: q.label, value: q.asked ? (q.answered / q.asked) * 100 : 0, warn: q.asked > 0 && q.answered / q.asked < 0.8, note: `${pct(q.answered, q.asked)} (${n(q.answered)} of ${n(q.asked)})` })),
    }),
    table({ caption: 'Listings that answer each question', head: ['Question', 'Answered', 'Asked of', 'Share'], numeric: [1, 2, 3], rows: co.overall.map((q) => [esc(q.label), n(q.answered), n(q.asked), pct(q.answered, q.asked)]) }),
  ));
  const cats = co.byCategory.slice(0, ROWS);
  s.push(table({
    caption: 'Share of listings answering each question, by category (shaded: under 80%)',
    head: ['Category', 'Listings', ...QUESTIONS.map((q) => esc(QUESTION_LABELS[q]))],
    numeric: [1, 2, 3, 4, 5, 6],
    className: 'by-category',
    rows: cats.map((c) => [esc(c.label), n(c.listings), ...QUESTIONS.map((q) => (c.asked[q] ? pct(c.answered[q], c.asked[q]) : 'not asked'))]),
  }).replace(/<td class="num">(\d+)%<\/td>/g, (m, v: string) => (Number(v) < 80 ? `<td class="num low">${v}%</td>` : m)));
  s.push(more(co.byCategory.length, cats.length));
  if (co.weakest.length) {
    const worst = co.weakest.slice(0, 50);
    s.push(`<h3 id="weakest">The listings that answer least</h3>`);
    s.push(table({ caption: `${plural(co.weakest.length, 'listing')} leave a question unanswered; the ${n(worst.length)} that leave most`, head: ['Listing', 'Id', 'Unanswered'], rows: worst.map((l) => [esc(l.name), `<code>${esc(l.id)}</code>`, esc(l.missing.map((q) => QUESTION_LABELS[q]).join(' '))]) }));
  }

  // Coverage
  s.push(`<h2 id="coverage">Coverage</h2>`);
  if (cv.by !== 'none') {
    const areaWord = cv.by === 'area' ? 'area' : cv.by;
    const rows = cv.areas.slice(0, ROWS);
    s.push(`<p>Listings per ${esc(areaWord)}${cv.unplaced ? `; ${plural(cv.unplaced, 'listing')} ${cv.unplaced === 1 ? 'is' : 'are'} in none` : ''}. A listing serving two areas counts in both.</p>`);
    const chartRows = cv.areas.length <= 40 ? cv.areas : [...cv.areas].sort((a, b) => b.listings - a.listings).slice(0, 30);
    s.push(figure(
      barChart({
        id: 'chart-areas', title: cv.areas.length <= 40 ? `Listings per ${areaWord}` : `Listings in the 30 ${areaWord}s with most`,
        description: chartRows.map((a) => `${a.name}: ${n(a.listings)}`).join('; ') + '.',
        bars: chartRows.map((a) => ({ label: a.name, value: a.listings, warn: a.listings === 0 })),
      }),
      table({ caption: `Listings per ${esc(areaWord)}`, head: [cv.by === 'area' ? 'Area' : esc(cv.by[0]!.toUpperCase() + cv.by.slice(1)), 'Listings', 'Needs met'], numeric: [1, 2], rows: rows.map((a) => [esc(a.name), n(a.listings), n(Object.keys(a.needs).length)]) }) + more(cv.areas.length, rows.length),
    ));
  }
  if (cv.map.points.length) {
    const withStale = cv.map.points.filter((p) => p.stale).length;
    s.push(`<h3 id="map">Map</h3>`);
    s.push(`<figure>${mapChart({
      id: 'chart-map', title: `${plural(cv.map.points.length, 'listing')} on the map`,
      description: `Each listing with a place is a dot over the area the listings span; ${n(withStale)} not checked in ${f.staleMonths} months are hollow rings.${options.boundaries?.length ? ' Areas are shaded by how many listings they have; pale orange areas have none.' : ''} ${n(cv.map.approximate)} approximate places (never shown as a point) and ${n(cv.map.withoutCoordinates)} listings without coordinates are not drawn.`,
      points: cv.map.points.map((p) => ({ lat: p.lat, lng: p.lng, warn: p.stale })),
      ...(options.boundaries ? { boundaries: options.boundaries } : {}),
    })}<figcaption><ul class="key"><li><span class="fresh"></span>Checked in the last ${f.staleMonths} months (${n(cv.map.points.length - withStale)})</li><li><span class="stale"></span>Stale or never checked (${n(withStale)})</li></ul>
${n(cv.map.approximate)} approximate places and ${n(cv.map.withoutCoordinates)} listings without coordinates are not drawn. The table below gives the numbers.</figcaption></figure>`);
    const rows = cv.map.byArea.slice(0, ROWS);
    s.push(table({
      caption: `What the map shows, per ${cv.by === 'area' || cv.by === 'none' ? 'area' : esc(cv.by)}`,
      head: [cv.by === 'area' || cv.by === 'none' ? 'Area' : esc(cv.by[0]!.toUpperCase() + cv.by.slice(1)), 'Checked (dots)', 'Stale (rings)', 'Approximate (not drawn)', 'No coordinates (not drawn)'],
      numeric: [1, 2, 3, 4],
      rows: rows.map((r) => [esc(r.name), n(r.fresh), n(r.stale), n(r.approximate), n(r.withoutCoordinates)]),
    }) + more(cv.map.byArea.length, rows.length));
  }
  if (cv.gaps.length) {
    const shown = cv.gaps.slice(0, ROWS);
    s.push(`<h3 id="gaps">Gaps</h3><p>Needs that listings meet in at least two other ${cv.by === 'area' ? 'areas' : `${cv.by}s`} and no listing meets here.</p><ul class="gaps">
${shown.map((g) => `<li>No ${esc(listWords(g.needs.map((x) => x.toLowerCase())))} listed in ${esc(g.area)}.</li>`).join('\n')}</ul>${more(cv.gaps.length, shown.length)}`);
  } else if (cv.by !== 'none') {
    s.push('<p>No gaps: every need met in two or more areas is met in every area.</p>');
  }
  if (cv.needs.length) {
    s.push(table({ caption: 'Listings per need (by the needs they name or their categories meet)', head: ['Need', 'Listings'], numeric: [1], rows: cv.needs.map((x) => [esc(x.label), n(x.listings)]) }));
  }
  if (cv.categories.length) {
    const rows = cv.categories.slice(0, ROWS);
    s.push(table({ caption: 'Listings per category', head: ['Category', 'Listings'], numeric: [1], rows: rows.map((x) => [esc(x.label), n(x.listings)]) }) + more(cv.categories.length, rows.length));
  }

  // Duplicates and broken fields
  s.push(`<h2 id="duplicates">Duplicates and broken fields</h2>`);
  if (f.duplicates.length) {
    const rows = f.duplicates.slice(0, ROWS);
    s.push(table({
      caption: `${plural(f.duplicates.length, 'group')} of possible duplicates`,
      head: ['Listings', 'Why', 'Ids'],
      rows: rows.map((g) => [
        esc(g.listings.length > 3 ? `${g.listings[0]!.name} (${g.listings.length} listings)` : g.listings.map((l) => l.name).join(' / ')),
        esc(`${g.reason}${g.listings[0]?.postcode ? ` (${g.listings[0].postcode})` : g.listings[0]?.phone ? ` (${g.listings[0].phone})` : ''}${g.sessionsDiffer ? '; their sessions differ, so perhaps one activity with several sessions' : ''}`),
        g.listings.map((l) => `<code>${esc(l.id)}</code>`).join(' '),
      ]),
    }) + more(f.duplicates.length, rows.length));
  } else {
    s.push('<p>No possible duplicates: no two listings share a name and postcode, or a phone number and a similar name.</p>');
  }
  if (f.broken.length) {
    const rows = f.broken.slice(0, ROWS);
    s.push(table({ caption: `${plural(f.broken.length, 'broken field')}`, head: ['Listing', 'Field', 'Value', 'What is wrong'], rows: rows.map((b) => [`${esc(b.name)} <code>${esc(b.id)}</code>`, `<code>${esc(b.field)}</code>`, esc(b.value), esc(b.why)]) }) + more(f.broken.length, rows.length));
  } else {
    s.push('<p>No broken fields: every website is a web address, every phone number a UK number, every email an address and every postcode shaped like one.</p>');
  }

  if (f.changes) {
    const c = f.changes;
    s.push(`<h2 id="changes">Changes since ${esc(c.since)}</h2>
<p>${plural(c.added.length, 'listing')} added, ${n(c.removed.length)} removed, ${n(c.changed.length)} changed and ${n(c.unchanged)} unchanged.</p>`);
    const list = (caption: string, items: { id: string; name: string; fields?: string[] }[]): string =>
      items.length
        ? table({ caption, head: items[0]!.fields ? ['Listing', 'Id', 'Fields changed'] : ['Listing', 'Id'], rows: items.slice(0, ROWS).map((l) => [esc(l.name), `<code>${esc(l.id)}</code>`, ...(l.fields ? [esc(l.fields.join(', '))] : [])]) }) + more(items.length, Math.min(ROWS, items.length))
        : '';
    s.push(list('Added', c.added), list('Removed', c.removed), list('Changed', c.changed));
  }

  s.push(`<h2 id="feeds">The feeds</h2>`);
  s.push(table({ caption: 'What this report read', head: ['File', 'Publisher', 'Updated', 'Listings', 'Skipped'], numeric: [3, 4], rows: f.feeds.map((feed) => [`<code>${esc(feed.file)}</code>`, esc(feed.publisher), esc(feed.updated ?? '–'), n(feed.listings), n(feed.skipped)]) }));
  s.push(`</main>
<footer class="page"><p>Made by <code>atlas report</code> on ${esc(f.today)}. The same figures are in <code>report.json</code> beside this page. Skipped listings (errors the finder cannot show) are not counted; <code>atlas validate</code> lists them.</p></footer>
</body>
</html>
`);
  return s.join('\n');
}

/** "a, b or c". */
function listWords(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
