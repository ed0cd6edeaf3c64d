import { describeOpeningHours, describeSessionLine, nextSession, text, upcomingSessions, type AtlasListing } from '@community-atlas/core';
import type { LoadedStrings } from '../translations/index.js';
import { formatDateTime } from '../internal/format.js';
import { costLines, listingStrings, referralWords } from '../listing/listing-strings.js';
import { prescriberStrings } from './prescriber-strings.js';

/** One shortlisted option as the person will read it on paper, in a text message or in an email. */
export interface OptionSummary {
  key: string;
  name: string;
  what?: string;
  when: string[];
  where: string[];
  cost?: string;
  join: string[];
  contact: string[];
}

/**
 * The five questions of one listing in plain words, for the print view and the
 * copied text. Sessions in words ("Every Tuesday, 10am–11am") come from core in
 * English; in Welsh the next dates are written out instead, which Intl can do,
 * with the times of any session the feed gives a place or notes, and those.
 */
export function summarise(l: AtlasListing, strings: LoadedStrings, lang: string, now: Date): OptionSummary {
  const t = listingStrings(strings);
  const when: string[] = [];
  for (const s of l.schedule) {
    const words = describeSessionLine(s, lang, now);
    if (words) when.push(words);
  }
  const upcoming = l.schedule.length ? upcomingSessions(l, now, lang === 'en' ? 1 : 3) : [];
  if (upcoming.length) when.push(`${t.upcoming}: ${upcoming.map((s) => formatDateTime(s.start, t.locale)).join('; ')}`);
  else if (!l.schedule.length && l.openingHours) {
    const hours = describeOpeningHours(l.openingHours, lang).filter((h) => !h.closed);
    if (hours.length) when.push(`${t.openingHours}: ${hours.map((h) => `${t.facetValues.day?.[h.day] ?? h.name} ${h.text}`).join('; ')}`);
    const next = nextSession(l, now);
    if (next && !hours.length) when.push(formatDateTime(next.start, t.locale));
  } else if (l.schedule.length && !l.openingHours) when.push(t.noUpcoming);

  const loc = l.location;
  const where: string[] = [];
  if (loc) {
    const name = loc.name ? text(loc.name, lang) : '';
    if (loc.precision === 'approximate') where.push(...[name, t.approximate].filter(Boolean));
    else {
      // One line a person can follow or read out to a taxi driver: place, street, postcode.
      const line = [name, ...(loc.address ?? []), loc.postcode ?? ''].filter(Boolean);
      if (line.length) where.push([...new Set(line)].join(', '));
      if (loc.directions) where.push(text(loc.directions, lang));
    }
  }
  if (l.delivery.includes('online')) where.push(t.online);
  if (l.delivery.includes('phone') && !loc) where.push(t.phoneOnly);

  const c = l.cost;
  const costWords = [...costLines(c, t, lang), ...(c?.help ? [`${t.costHelp}: ${text(c.help, lang)}`] : [])];

  const join = [
    ...referralWords(l.referral, t),
    ...(l.howToJoin ? [text(l.howToJoin, lang)] : []),
    ...(l.companionWelcome ? [t.companionWelcome] : []),
  ];
  const contact = [
    ...(l.contact?.name ? [l.contact.name] : []),
    ...(l.contact?.phone ? [`${t.phone}: ${l.contact.phone}`] : []),
    ...(l.contact?.email ? [`${t.email}: ${l.contact.email}`] : []),
    ...((l.contact?.url ?? l.url) && /^https?:/i.test(l.contact?.url ?? l.url ?? '') ? [`${t.website}: ${l.contact?.url ?? l.url}`] : []),
  ];
  return {
    key: l.key,
    name: text(l.name, lang),
    ...(l.summary ? { what: text(l.summary, lang) } : {}),
    when, where,
    ...(costWords.length ? { cost: costWords.join('. ') } : { cost: t.costUnknown }),
    join, contact,
  };
}

/** The shortlist as plain text, for a text message, an email body or clinical notes. */
export function shortlistText(options: OptionSummary[], t: LoadedStrings, link?: string): string {
  const p = prescriberStrings(t);
  const blocks = options.map((o, i) => {
    const lines = [`${i + 1}. ${o.name}`];
    if (o.what) lines.push(o.what);
    if (o.when.length) lines.push(`${p.when}: ${o.when.join('. ')}`);
    if (o.where.length) lines.push(`${p.where}: ${o.where.join('. ')}`);
    if (o.cost) lines.push(`${p.cost}: ${o.cost}`);
    if (o.join.length) lines.push(`${p.join}: ${o.join.join('. ')}`);
    if (o.contact.length) lines.push(`${p.contact}: ${o.contact.join(', ')}`);
    return lines.join('\n');
  });
  return [`${p.printTitle}`, ...blocks, ...(link ? [link] : [])].join('\n\n');
}
