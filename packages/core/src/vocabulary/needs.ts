/**
 * The need vocabulary's names: need ids, their English labels, and the
 * categories whose listings meet each need ("exercise" finds walking groups).
 * This is what the need filter shows and counts, so it loads with the finder.
 *
 * Their Welsh labels are in `needs-cy.ts`, which loads with the Welsh strings and
 * with text search, so an English page never downloads them. The words people say
 * for a need ("lonely", "low mood", "carer") and the words listings use for it
 * ("befriending", "lunch club") are only read once someone types: they live in
 * `synonyms.ts`, which loads with text search.
 *
 * Labels are plain language. A feed extends the table with `vocabulary.needs`
 * (see `buildNeedTable`).
 */
import type { NeedDefinition } from '../feed/types.js';

/** A need as the filter shows it: its id, label and the categories that meet it. */
export interface NeedLabels {
  id: string;
  /** The default needs' labels are `{ en }` here; text search adds `cy` (see `vocabularyOf`). */
  label: { en: string; cy?: string } | NeedDefinition['label'];
  categories: string[];
}

/** A need with the words that name it. */
export interface NeedEntry extends NeedLabels {
  synonyms: string[];
}

const need = (id: string, en: string, categories: string[]): NeedLabels => ({ id, label: { en }, categories });

/**
 * The default needs, drawn from what social prescribing schemes in England and
 * Wales commonly record as reasons for referral. Their Welsh labels are in
 * `NEED_LABELS_CY` (needs-cy.ts), their synonyms in `NEED_SYNONYMS` (synonyms.ts).
 */
export const DEFAULT_NEEDS: readonly NeedLabels[] = [
  need('loneliness', 'Loneliness and isolation', ['befriending', 'social', 'lunch-club', 'social-group', 'community-group']),
  need('low-mood', 'Low mood and anxiety', ['mental-health', 'mental-wellbeing', 'wellbeing', 'counselling', 'peer-support']),
  need('physical-activity', 'Physical activity', ['physical-activity', 'exercise', 'walking', 'sport', 'dance', 'swimming', 'fitness']),
  need('weight', 'Healthy weight', ['weight-management', 'healthy-eating']),
  need('long-term-conditions', 'Long-term health conditions', ['long-term-conditions', 'health-condition', 'rehabilitation', 'self-management']),
  need('carers', 'Caring for someone', ['carers', 'respite']),
  need('bereavement', 'Bereavement and loss', ['bereavement']),
  need('money', 'Money and debt', ['money-advice', 'debt-advice', 'financial-advice', 'advice']),
  need('benefits', 'Benefits advice', ['benefits-advice', 'welfare-rights', 'advice']),
  need('housing', 'Housing', ['housing', 'homelessness', 'tenants-association']),
  need('work', 'Work and skills', ['employment', 'employability', 'skills', 'training']),
  need('food', 'Food', ['food', 'food-bank', 'community-fridge', 'cooking', 'pantry']),
  need('digital', 'Digital skills', ['digital-skills', 'digital-inclusion', 'computer-class']),
  need('parenting', 'Parenting and family', ['parenting', 'family', 'children', 'family-support', 'early-years']),
  need('alcohol-drugs', 'Alcohol and drugs', ['substance-misuse', 'addiction', 'recovery']),
  need('stop-smoking', 'Stopping smoking', ['stop-smoking']),
  need('arts', 'Arts and creativity', ['arts', 'arts-and-crafts', 'music', 'singing', 'creative', 'crafts']),
  need('nature', 'Nature and green space', ['nature', 'gardening', 'green-space', 'parks', 'allotments', 'conservation']),
  need('learning', 'Learning', ['learning', 'adult-learning', 'education', 'library', 'courses']),
  need('volunteering', 'Volunteering', ['volunteering', 'time-bank']),
  need('sleep', 'Sleep', ['sleep']),
  need('pain', 'Living with pain', ['pain-management']),
  need('dementia', 'Dementia and memory', ['dementia', 'memory-cafe']),
  need('sensory-loss', 'Sight and hearing loss', ['sensory-loss', 'sight-loss', 'hearing-loss', 'deaf']),
  need('domestic-abuse', 'Domestic abuse support', ['domestic-abuse']),
  need('confidence', 'Confidence and self-esteem', ['confidence', 'personal-development']),
];

/**
 * Needs by id, and the needs each category meets. Entries' `synonyms` are the
 * feed's own here: the built-in ones are added by `buildVocabulary`, with text search.
 */
export interface NeedTable {
  needs: ReadonlyMap<string, NeedEntry>;
  /** Category id to the needs that list it, so a listing in `walking` meets `physical-activity`. */
  byCategory: ReadonlyMap<string, string[]>;
}

/**
 * The default needs extended by a feed's own (`AtlasData.needs`). A feed need with
 * a known id adds its synonyms and categories to the default and may relabel it;
 * a new id is added. Malformed entries are skipped, never thrown on.
 */
export function buildNeedTable(extra: readonly NeedDefinition[] = []): NeedTable {
  const needs = new Map<string, NeedEntry>();
  for (const entry of DEFAULT_NEEDS) needs.set(entry.id, { ...entry, synonyms: [], categories: [...entry.categories] });
  for (const def of Array.isArray(extra) ? extra : []) {
    if (!def || typeof def.id !== 'string' || !def.id) continue;
    const synonyms = Array.isArray(def.synonyms) ? (def.synonyms as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    const categories = Array.isArray(def.categories) ? (def.categories as unknown[]).filter((s): s is string => typeof s === 'string') : [];
    const known = needs.get(def.id);
    const label = def.label !== undefined && def.label !== null ? def.label : (known?.label ?? def.id);
    needs.set(def.id, {
      id: def.id,
      label,
      synonyms: [...new Set([...(known?.synonyms ?? []), ...synonyms])],
      categories: [...new Set([...(known?.categories ?? []), ...categories])],
    });
  }
  const byCategory = new Map<string, string[]>();
  for (const entry of needs.values()) {
    for (const c of entry.categories) {
      const ids = byCategory.get(c) ?? [];
      if (!ids.includes(entry.id)) ids.push(entry.id);
      byCategory.set(c, ids);
    }
  }
  return { needs, byCategory };
}

/** A label in the page's language: the exact language, then English, then any. */
export function needLabel(entry: Pick<NeedLabels, 'id' | 'label'> | undefined, lang = 'en'): string {
  if (!entry) return '';
  const label = entry.label;
  if (typeof label === 'string') return label;
  if (!label || typeof label !== 'object') return entry.id;
  const primary = lang.split('-')[0]?.toLowerCase() ?? 'en';
  const map = label as Readonly<Record<string, string>>;
  return map[primary] ?? map.en ?? Object.values(map)[0] ?? entry.id;
}
