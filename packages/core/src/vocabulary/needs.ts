/**
 * The need vocabulary's names: need ids, their labels in English and Welsh, and
 * the categories whose listings meet each need ("exercise" finds walking groups).
 * This is what the need filter shows and counts, so it loads with the finder.
 *
 * The words people say for a need ("lonely", "low mood", "carer") and the words
 * listings use for it ("befriending", "lunch club") are only read once someone
 * types: they live in `synonyms.ts`, which loads with text search.
 *
 * Labels are plain language in English and Welsh. A feed extends the table with
 * `vocabulary.needs` (see `buildNeedTable`).
 */
import type { NeedDefinition } from '../feed/types.js';

/** A need as the filter shows it: its id, label and the categories that meet it. */
export interface NeedLabels {
  id: string;
  label: { en: string; cy: string } | NeedDefinition['label'];
  categories: string[];
}

/** A need with the words that name it. */
export interface NeedEntry extends NeedLabels {
  synonyms: string[];
}

const need = (id: string, en: string, cy: string, categories: string[]): NeedLabels => ({ id, label: { en, cy }, categories });

/**
 * The default needs, drawn from what social prescribing schemes in England and
 * Wales commonly record as reasons for referral. Their synonyms are in
 * `NEED_SYNONYMS` (synonyms.ts).
 */
export const DEFAULT_NEEDS: readonly NeedLabels[] = [
  need('loneliness', 'Loneliness and isolation', 'Unigrwydd ac arwahanrwydd', ['befriending', 'social', 'lunch-club', 'social-group', 'community-group']),
  need('low-mood', 'Low mood and anxiety', 'Hwyliau isel a gorbryder', ['mental-health', 'mental-wellbeing', 'wellbeing', 'counselling', 'peer-support']),
  need('physical-activity', 'Physical activity', 'Gweithgarwch corfforol', ['physical-activity', 'exercise', 'walking', 'sport', 'dance', 'swimming', 'fitness']),
  need('weight', 'Healthy weight', 'Pwysau iach', ['weight-management', 'healthy-eating']),
  need('long-term-conditions', 'Long-term health conditions', 'Cyflyrau iechyd hirdymor', ['long-term-conditions', 'health-condition', 'rehabilitation', 'self-management']),
  need('carers', 'Caring for someone', 'Gofalu am rywun', ['carers', 'respite']),
  need('bereavement', 'Bereavement and loss', 'Profedigaeth a cholled', ['bereavement']),
  need('money', 'Money and debt', 'Arian a dyled', ['money-advice', 'debt-advice', 'financial-advice', 'advice']),
  need('benefits', 'Benefits advice', 'Cyngor ar fudd-daliadau', ['benefits-advice', 'welfare-rights', 'advice']),
  need('housing', 'Housing', 'Tai', ['housing', 'homelessness', 'tenants-association']),
  need('work', 'Work and skills', 'Gwaith a sgiliau', ['employment', 'employability', 'skills', 'training']),
  need('food', 'Food', 'Bwyd', ['food', 'food-bank', 'community-fridge', 'cooking', 'pantry']),
  need('digital', 'Digital skills', 'Sgiliau digidol', ['digital-skills', 'digital-inclusion', 'computer-class']),
  need('parenting', 'Parenting and family', 'Rhianta a theulu', ['parenting', 'family', 'children', 'family-support', 'early-years']),
  need('alcohol-drugs', 'Alcohol and drugs', 'Alcohol a chyffuriau', ['substance-misuse', 'addiction', 'recovery']),
  need('stop-smoking', 'Stopping smoking', 'Rhoi’r gorau i ysmygu', ['stop-smoking']),
  need('arts', 'Arts and creativity', 'Celfyddydau a chreadigrwydd', ['arts', 'arts-and-crafts', 'music', 'singing', 'creative', 'crafts']),
  need('nature', 'Nature and green space', 'Natur a mannau gwyrdd', ['nature', 'gardening', 'green-space', 'parks', 'allotments', 'conservation']),
  need('learning', 'Learning', 'Dysgu', ['learning', 'adult-learning', 'education', 'library', 'courses']),
  need('volunteering', 'Volunteering', 'Gwirfoddoli', ['volunteering', 'time-bank']),
  need('sleep', 'Sleep', 'Cwsg', ['sleep']),
  need('pain', 'Living with pain', 'Byw gyda phoen', ['pain-management']),
  need('dementia', 'Dementia and memory', 'Dementia a’r cof', ['dementia', 'memory-cafe']),
  need('sensory-loss', 'Sight and hearing loss', 'Colli golwg a chlyw', ['sensory-loss', 'sight-loss', 'hearing-loss', 'deaf']),
  need('domestic-abuse', 'Domestic abuse support', 'Cymorth cam-drin domestig', ['domestic-abuse']),
  need('confidence', 'Confidence and self-esteem', 'Hyder a hunan-barch', ['confidence', 'personal-development']),
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
