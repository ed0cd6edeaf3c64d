/** The feed's head: publisher, vocabulary (needs, categories), areas, transfer stage lists, gazetteer. */
import type { AreaDefinition, CategoryDefinition, Gazetteer, NeedDefinition, Publisher, StageDefinition, Text } from '../types.js';
import { ID_PATTERN, NAME_LENGTH, SUMMARY_LENGTH } from '../rules.js';
import { type Checker, isObject, pathOf } from './checker.js';
import { slugify } from '../values.js';

export function readPublisher(c: Checker, raw: unknown, source: string | undefined): Publisher {
  const fallbackId = (): string => {
    const file = source?.split(/[?#]/)[0]?.split('/').pop()?.replace(/\.json$/i, '');
    return (file && slugify(file)) || 'feed';
  };
  if (!isObject(raw)) {
    c.warn('missing-publisher', '$.publisher', 'an object with the publisher\'s "name"', raw, 'it does not say who publishes it', 'publisher left blank');
    return { name: '', id: fallbackId() };
  }
  const name = c.string(raw.name, '$.publisher.name', 'the publisher name', NAME_LENGTH);
  if (!name) c.warn('missing-publisher', '$.publisher.name', "the publisher's name", raw.name, 'it does not give the publisher\'s name', 'publisher left blank');
  let id = c.string(raw.id, '$.publisher.id', 'the publisher id');
  if (id !== undefined && !ID_PATTERN.test(id)) {
    const fixed = slugify(id);
    c.warn('bad-id', '$.publisher.id', 'letters, digits, "-", "_" or "."', id, 'the publisher id has characters an id cannot have', `read as "${fixed}"`);
    id = fixed || undefined;
  }
  const publisher: Publisher = { name: name ?? '', id: id ?? (name ? slugify(name) : '') };
  if (!publisher.id) publisher.id = fallbackId();
  const url = c.url(raw.url, '$.publisher.url', 'the publisher url');
  if (url) publisher.url = url;
  const email = c.string(raw.email, '$.publisher.email', 'the publisher email');
  if (email) publisher.email = email;
  // A template ({id}, {name}) is checked for its scheme only; the finder fills it in later.
  const feedbackUrl = c.url(raw.feedbackUrl, '$.publisher.feedbackUrl', 'feedbackUrl');
  if (feedbackUrl) publisher.feedbackUrl = feedbackUrl;
  return publisher;
}

/**
 * One list in `vocabulary` (`needs`, `categories`): entries with an id and a
 * label, each read further by `more`. An entry without an id or a label is
 * dropped with a warning; the list is checked only when `vocabulary` is an
 * object (readNeeds reports a vocabulary that is not).
 */
function readVocabularyList<T extends { id: string; label: Text }>(
  c: Checker,
  raw: unknown,
  list: 'needs' | 'categories',
  one: 'need' | 'category',
  more: (entry: Record<string, unknown>, path: string, base: { id: string; label: Text }) => T,
): T[] {
  if (!isObject(raw) || raw[list] === undefined) return [];
  const items = raw[list];
  if (!Array.isArray(items)) {
    c.wrongType(`$.vocabulary.${list}`, `vocabulary ${list}`, `a list of ${list}`, items);
    return [];
  }
  const out: T[] = [];
  items.forEach((entry: unknown, i) => {
    const path = `$.vocabulary.${list}[${i}]`;
    if (!isObject(entry)) return c.wrongType(path, `a ${one}`, 'an object with "id" and "label"', entry);
    const id = c.string(entry.id, `${path}.id`, `${one} id`);
    const label = c.text(entry.label, `${path}.label`, `${one} label`, NAME_LENGTH);
    if (!id || !label) {
      c.warn(`bad-${one}`, path, `a ${one} with "id" and "label"`, entry, `a ${one} in the vocabulary has no id or no label`, `${one} dropped`);
      return;
    }
    out.push(more(entry, path, { id, label }));
  });
  return out;
}

/** `vocabulary.categories`: a name for each category id. */
export function readCategories(c: Checker, raw: unknown): CategoryDefinition[] {
  return readVocabularyList(c, raw, 'categories', 'category', (_entry, _path, base) => base);
}

export function readNeeds(c: Checker, raw: unknown): NeedDefinition[] {
  if (raw !== undefined && !isObject(raw)) {
    c.wrongType('$.vocabulary', 'vocabulary', 'an object with "needs"', raw);
    return [];
  }
  return readVocabularyList(c, raw, 'needs', 'need', (need, path, base) => {
    const def: NeedDefinition = { ...base };
    const synonyms = c.strings(need.synonyms, `${path}.synonyms`, 'synonyms');
    if (synonyms.length) def.synonyms = synonyms;
    const categories = c.strings(need.categories, `${path}.categories`, 'categories');
    if (categories.length) def.categories = categories;
    return def;
  });
}

export function readAreas(c: Checker, raw: unknown): AreaDefinition[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    c.wrongType('$.areas', 'areas', 'a list of areas', raw);
    return [];
  }
  const out: AreaDefinition[] = [];
  raw.forEach((area, i) => {
    const path = `$.areas[${i}]`;
    if (!isObject(area)) return c.wrongType(path, 'an area', 'an object with "id" and "name"', area);
    const id = c.string(area.id, `${path}.id`, 'area id');
    const name = c.text(area.name, `${path}.name`, 'area name', NAME_LENGTH);
    if (!id || !name) {
      c.warn('bad-area', path, 'an area with "id" and "name"', area, 'an area has no id or no name', 'area dropped');
      return;
    }
    const def: AreaDefinition = { id, name };
    const type = c.string(area.type, `${path}.type`, 'area type');
    if (type) def.type = type;
    out.push(def);
  });
  return out;
}

export function readStageLists(c: Checker, raw: unknown): Record<string, StageDefinition[]> {
  const out: Record<string, StageDefinition[]> = {};
  if (raw === undefined) return out;
  if (!isObject(raw)) {
    c.wrongType('$.transferStages', 'transferStages', 'an object of stage lists', raw);
    return out;
  }
  for (const [listId, stages] of Object.entries(raw)) {
    const path = pathOf('$.transferStages', listId);
    if (!c.ownKey(listId, path, 'stage list', stages)) continue;
    if (!Array.isArray(stages)) {
      c.wrongType(path, `stage list "${listId}"`, 'a list of stages', stages);
      continue;
    }
    const list: StageDefinition[] = [];
    stages.forEach((stage, i) => {
      const stagePath = pathOf(path, i);
      const id = isObject(stage) ? c.string(stage.id, `${stagePath}.id`, 'stage id') : undefined;
      const label = isObject(stage) ? c.text(stage.label, `${stagePath}.label`, 'stage label', NAME_LENGTH) : undefined;
      if (!id || !label) {
        c.warn('bad-stage', stagePath, 'a stage with "id" and "label"', stage, `a stage in "${listId}" has no id or no label`, 'stage dropped');
        return;
      }
      list.push({ id, label });
    });
    if (list.length) out[listId] = list;
  }
  return out;
}

export function readGazetteer(c: Checker, raw: unknown): Gazetteer | undefined {
  if (!isObject(raw)) {
    c.wrongType('$.gazetteer', 'gazetteer', 'an object of postcode centroids, or {"url": …}', raw);
    return undefined;
  }
  const out: Gazetteer = {};
  for (const part of ['districts', 'sectors', 'postcodes'] as const) {
    const table = raw[part];
    if (table === undefined) continue;
    if (!isObject(table)) {
      c.wrongType(`$.gazetteer.${part}`, `gazetteer ${part}`, 'an object of postcode to [lat, lng]', table);
      continue;
    }
    const clean: Record<string, [number, number]> = {};
    let bad = 0;
    let firstBad = '';
    for (const [code, point] of Object.entries(table)) {
      if (!c.ownKey(code, pathOf(`$.gazetteer.${part}`, code), `gazetteer ${part} entry`, point)) continue;
      if (Array.isArray(point) && point.length === 2 && point.every((v) => typeof v === 'number' && Number.isFinite(v)) && Math.abs(point[0] as number) <= 90 && Math.abs(point[1] as number) <= 180) {
        clean[code] = [point[0] as number, point[1] as number];
      } else {
        if (!bad) firstBad = code;
        bad++;
      }
    }
    if (bad) {
      c.warn('bad-gazetteer', pathOf(`$.gazetteer.${part}`, firstBad), '[latitude, longitude]', table[firstBad], `${bad} gazetteer ${part} entries are not [latitude, longitude]`, 'those entries dropped');
    }
    out[part] = clean;
  }
  const attribution = c.string(raw.attribution, '$.gazetteer.attribution', 'gazetteer attribution', SUMMARY_LENGTH);
  if (attribution) out.attribution = attribution;
  return out;
}
