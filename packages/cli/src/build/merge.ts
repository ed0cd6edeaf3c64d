/**
 * Merges the feeds given to `atlas build` into the one feed.json the built site
 * serves. Listings that `atlas validate` calls errors are left out (and counted),
 * so the written feed validates; a listing id another feed already used is
 * prefixed with its publisher's id, as the finder itself would do.
 */
import type { AreaDefinition, CategoryDefinition, Feed, Gazetteer, Listing, NeedDefinition, StageDefinition } from '@community-atlas/core';
import { slugify } from '@community-atlas/core';
import type { checkFeed } from '../commands/validate.js';

type FileReport = ReturnType<typeof checkFeed>;

export interface BuildInput {
  /** What the user called the file, for messages. */
  name: string;
  feed: Feed;
  report: FileReport;
}

interface MergeResult {
  feed: Feed;
  /** Listings left out because `atlas validate` reports an error on them. */
  skipped: number;
  /** Values left out of kept listings (unsafe links), as the finder leaves them out. */
  dropped: number;
  /** Listings whose id was already taken, with the id they were given. */
  renamed: { from: string; to: string; file: string }[];
}

export function mergeForBuild(inputs: readonly BuildInput[]): MergeResult {
  const first = inputs[0]!.feed;
  const ids = new Set<string>();
  const listings: Listing[] = [];
  const renamed: MergeResult['renamed'] = [];
  const languages: string[] = [];
  const needs = new Map<string, NeedDefinition>();
  const categories = new Map<string, CategoryDefinition>();
  const areas = new Map<string, AreaDefinition>();
  const stages: Record<string, StageDefinition[]> = {};
  let gazetteer: Gazetteer | { url: string } | undefined;
  let updated = first.updated;
  let skipped = 0;
  let dropped = 0;

  for (const { feed, report, name } of inputs) {
    const bad = new Set<number>();
    const drops = new Map<number, string[][]>();
    for (const p of report.problems) {
      if (p.severity !== 'error' || p.listingIndex === undefined) continue;
      // Where the finder keeps the listing and drops the value (an unsafe link), do the same; otherwise leave the listing out.
      const path = p.fix ? fieldPath(p.path) : undefined;
      if (path) drops.set(p.listingIndex, [...(drops.get(p.listingIndex) ?? []), path]);
      else bad.add(p.listingIndex);
    }
    const publisherId = feed.publisher?.id || slugify(feed.publisher?.name ?? '') || 'feed';
    feed.listings.forEach((original, index) => {
      if (bad.has(index)) {
        skipped++;
        return;
      }
      let listing = original;
      const paths = drops.get(index);
      if (paths) {
        listing = structuredClone(original);
        for (const path of paths) dropField(listing, path);
        dropped += paths.length;
      }
      let id = listing.id;
      if (ids.has(id)) {
        const base = `${publisherId}-${listing.id}`;
        id = base;
        for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
        renamed.push({ from: listing.id, to: id, file: name });
      }
      ids.add(id);
      // A listing from a second publisher keeps who runs it, since feed.json names only one publisher.
      const organisation = listing.organisation ?? (feed === first ? undefined : { name: feed.publisher.name, ...(feed.publisher.url ? { url: feed.publisher.url } : {}) });
      listings.push({ ...listing, id, ...(organisation ? { organisation } : {}) });
    });
    if (feed.updated > updated) updated = feed.updated;
    for (const lang of feed.languages ?? ['en']) if (!languages.includes(lang)) languages.push(lang);
    for (const need of feed.vocabulary?.needs ?? []) if (!needs.has(need.id)) needs.set(need.id, need);
    for (const category of feed.vocabulary?.categories ?? []) if (!categories.has(category.id)) categories.set(category.id, category);
    for (const area of feed.areas ?? []) if (!areas.has(area.id)) areas.set(area.id, area);
    for (const [id, list] of Object.entries(feed.transferStages ?? {})) stages[id] ??= list;
    if (feed.gazetteer && !gazetteer) gazetteer = feed.gazetteer;
  }

  const merged: Feed = {
    version: '1',
    publisher: first.publisher,
    updated,
    ...(first.licence ? { licence: first.licence } : {}),
    ...(languages.length ? { languages } : {}),
    ...(needs.size || categories.size
      ? { vocabulary: { ...(needs.size ? { needs: [...needs.values()] } : {}), ...(categories.size ? { categories: [...categories.values()] } : {}) } }
      : {}),
    ...(areas.size ? { areas: [...areas.values()] } : {}),
    ...(Object.keys(stages).length ? { transferStages: stages } : {}),
    ...(gazetteer ? { gazetteer } : {}),
    listings,
  };
  return { feed: merged, skipped, dropped, renamed };
}

/** `$.listings[3].contact.url` → `['contact', 'url']`; undefined for anything but a chain of object keys. */
export function fieldPath(path: string): string[] | undefined {
  const m = /^\$\.listings\[\d+\]((?:\.[A-Za-z_][\w-]*)+)$/.exec(path);
  return m ? m[1]!.slice(1).split('.') : undefined;
}

export function dropField(target: unknown, path: string[]): void {
  let node = target as Record<string, unknown> | undefined;
  for (const key of path.slice(0, -1)) {
    const next = node?.[key];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string, unknown>;
  }
  if (node) delete node[path[path.length - 1]!];
}
