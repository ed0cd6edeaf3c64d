/**
 * The demo council's register of assets of community value, built by the host
 * page from the finder's own engine (no second fetch of the feed), as a council
 * would add a table beside the embedded finder. Each name opens that listing in
 * the finder through its URL state, so the link also works in a new tab.
 */
import { acvDates, acvPhase, encodeState, text, type AtlasListing } from '@community-atlas/core';
import type { AtlasFinder } from '@community-atlas/elements';

const STATUS: Record<string, string> = {
  listed: 'Listed', nominated: 'Nominated', unsuccessful: 'Not listed', removed: 'Removed',
};

function day(iso: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' }).format(new Date(`${iso}T12:00:00Z`));
}

/** Where a sale stands, in words a group can act on. */
function saleWords(listing: AtlasListing, now: Date): string {
  const acv = listing.acv!;
  const d = acvDates(acv);
  switch (acvPhase(acv, now)) {
    case 'interim-moratorium': return `Owner intends to sell. Groups can ask to bid until ${day(d.interimMoratoriumEnds)}.`;
    case 'full-moratorium': return `Owner intends to sell. If a group asked to bid in time, no sale to anyone else until after ${day(d.fullMoratoriumEnds)}.`;
    case 'protected': return `Moratorium ended; the owner may sell to anyone until ${day(d.protectedPeriodEnds)}.`;
    case 'listed': return 'No notice of sale.';
    default: return acv.status === 'nominated' ? 'Decision due within eight weeks of nomination.' : '';
  }
}

function cell(tag: 'td' | 'th', text: string, label?: string): HTMLTableCellElement {
  const c = document.createElement(tag);
  c.textContent = text;
  if (label) c.dataset.label = label;
  return c;
}

function render(listings: AtlasListing[], now: Date): void {
  const wrap = document.querySelector<HTMLElement>('#acv-register-table');
  const status = document.querySelector<HTMLElement>('#acv-register-status');
  if (!wrap || !status) return;
  const table = document.createElement('table');
  table.className = 'register';
  const caption = table.createCaption();
  caption.textContent = `${listings.length} assets on the register or nominated`;
  const head = table.createTHead().insertRow();
  for (const h of ['Asset', 'Status', 'Nominated by', 'Listed', 'Listed until', 'Sale and moratorium']) {
    const th = cell('th', h);
    th.scope = 'col';
    head.append(th);
  }
  const body = table.createTBody();
  for (const l of listings) {
    const acv = l.acv!;
    const row = body.insertRow();
    const name = cell('th', '');
    name.scope = 'row';
    const link = document.createElement('a');
    link.href = `?${encodeState({ q: '', filters: {}, sort: 'relevance', open: l.key }, '').toString()}#on-offer`;
    link.textContent = text(l.name, 'en');
    name.append(link);
    const tag = document.createElement('span');
    tag.className = 'tag';
    tag.textContent = STATUS[acv.status] ?? acv.status;
    const statusCell = cell('td', '', 'Status');
    statusCell.append(tag);
    row.append(
      name,
      statusCell,
      cell('td', acv.nominatedBy ?? '', 'Nominated by'),
      cell('td', acv.status === 'listed' ? day(acv.listedOn) : '', 'Listed'),
      cell('td', acv.status === 'listed' ? day(acvDates(acv).listingEnds) : '', 'Listed until'),
      cell('td', saleWords(l, now), 'Sale and moratorium'),
    );
  }
  // On a phone each row is a block of labelled lines, where an empty cell would be a label with nothing after it.
  for (const td of table.querySelectorAll<HTMLTableCellElement>('td[data-label]')) if (!td.textContent) td.classList.add('empty');
  wrap.replaceChildren(table);
  wrap.hidden = false;
  status.textContent = '';
  status.hidden = true;
}

const finder = document.querySelector<AtlasFinder>('atlas-finder');
finder?.addEventListener('atlas-load', async (e) => {
  const engine = finder.engine;
  if (e.detail.error || !engine) {
    const status = document.querySelector('#acv-register-status');
    if (status) status.textContent = 'The register could not be loaded. Please try again later.';
    return;
  }
  const now = finder.now ?? new Date();
  const result = await engine.query({ q: '', filters: {}, sort: 'name', limit: engine.size }, now);
  render(result.items.map((i) => i.listing).filter((l) => l.acv), now);
});
