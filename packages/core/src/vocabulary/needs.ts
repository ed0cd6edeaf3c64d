/**
 * The need vocabulary: what a person says ("lonely", "low mood", "carer") mapped
 * to need ids, the words listings use for the same thing ("befriending", "lunch
 * club"), and the categories whose listings meet the need ("exercise" finds walking
 * groups). Link workers search by need, and listings are written by many hands in
 * other words, so this table is what makes a need search find them.
 *
 * Labels are plain language in English and Welsh. A feed extends the table with
 * `vocabulary.needs` (see `buildVocabulary`).
 */
import type { NeedDefinition } from '../feed/types.js';
import { fold, terms } from '../text/index.js';

export interface NeedEntry {
  id: string;
  label: { en: string; cy: string } | NeedDefinition['label'];
  synonyms: string[];
  categories: string[];
}

const need = (id: string, en: string, cy: string, synonyms: string[], categories: string[]): NeedEntry => ({
  id,
  label: { en, cy },
  synonyms,
  categories,
});

/**
 * The default needs, drawn from what social prescribing schemes in England and
 * Wales commonly record as reasons for referral.
 */
export const DEFAULT_NEEDS: readonly NeedEntry[] = [
  need('loneliness', 'Loneliness and isolation', 'Unigrwydd ac arwahanrwydd',
    ['lonely', 'loneliness', 'isolated', 'isolation', 'alone', 'on my own', 'befriending', 'befriender', 'friendship', 'friends',
      'company', 'lunch club', 'luncheon club', 'social', 'social group', 'coffee morning', 'men’s shed', 'mens shed', 'chat', 'meet people',
      'unig', 'unigrwydd', 'cyfeillio', 'cwmni'],
    ['befriending', 'social', 'lunch-club', 'social-group', 'community-group']),
  need('low-mood', 'Low mood and anxiety', 'Hwyliau isel a gorbryder',
    ['low mood', 'mood', 'depression', 'depressed', 'anxiety', 'anxious', 'stress', 'stressed', 'worry', 'worried', 'panic',
      'mental health', 'mental wellbeing', 'wellbeing', 'well-being', 'emotional support', 'talking therapy', 'counselling', 'peer support',
      'mindfulness', 'sad', 'iselder', 'gorbryder', 'pryder', 'lles', 'iechyd meddwl'],
    ['mental-health', 'mental-wellbeing', 'wellbeing', 'counselling', 'peer-support']),
  need('physical-activity', 'Physical activity', 'Gweithgarwch corfforol',
    ['exercise', 'physical activity', 'active', 'get active', 'fitness', 'keep fit', 'move more', 'sport', 'sports', 'walking', 'walk',
      'health walk', 'swimming', 'yoga', 'tai chi', 'chair exercise', 'dance', 'cycling', 'gym', 'ymarfer corff', 'cerdded', 'chwaraeon'],
    ['physical-activity', 'exercise', 'walking', 'sport', 'dance', 'swimming', 'fitness']),
  need('weight', 'Healthy weight', 'Pwysau iach',
    ['weight', 'lose weight', 'weight loss', 'overweight', 'obesity', 'healthy eating', 'diet', 'slimming', 'pwysau', 'colli pwysau'],
    ['weight-management', 'healthy-eating']),
  need('long-term-conditions', 'Long-term health conditions', 'Cyflyrau iechyd hirdymor',
    ['long-term condition', 'long term condition', 'diabetes', 'diabetic', 'copd', 'breathing', 'lung', 'asthma', 'arthritis', 'heart',
      'cardiac', 'stroke', 'cancer', 'parkinsons', 'multiple sclerosis', 'kidney', 'fibromyalgia', 'long covid', 'chronic',
      'self-management', 'rehabilitation', 'cyflwr hirdymor', 'clefyd siwgr'],
    ['long-term-conditions', 'health-condition', 'rehabilitation', 'self-management']),
  need('carers', 'Caring for someone', 'Gofalu am rywun',
    ['carer', 'carers', 'caring', 'young carer', 'looking after', 'respite', 'carers cafe', 'gofalwr', 'gofalwyr', 'gofalu'],
    ['carers', 'respite']),
  need('bereavement', 'Bereavement and loss', 'Profedigaeth a cholled',
    ['bereavement', 'bereaved', 'grief', 'grieving', 'loss', 'death', 'widow', 'widowed', 'profedigaeth', 'galar'],
    ['bereavement']),
  need('money', 'Money and debt', 'Arian a dyled',
    ['money', 'debt', 'debts', 'bills', 'budgeting', 'cost of living', 'energy bills', 'fuel poverty', 'arrears', 'credit union', 'arian', 'dyled', 'biliau'],
    ['money-advice', 'debt-advice', 'financial-advice', 'advice']),
  need('benefits', 'Benefits advice', 'Cyngor ar fudd-daliadau',
    ['benefits', 'benefit', 'universal credit', 'pip', 'pension credit', 'attendance allowance', 'welfare rights', 'budd-daliadau', 'credyd cynhwysol'],
    ['benefits-advice', 'welfare-rights', 'advice']),
  need('housing', 'Housing', 'Tai',
    ['housing', 'homeless', 'homelessness', 'rent', 'eviction', 'landlord', 'tenancy', 'damp', 'home repairs', 'tai', 'digartref', 'rhent'],
    ['housing', 'homelessness', 'tenants-association']),
  need('work', 'Work and skills', 'Gwaith a sgiliau',
    ['work', 'job', 'jobs', 'employment', 'unemployed', 'cv', 'interview', 'careers', 'skills', 'training', 'gwaith', 'swydd', 'cyflogaeth'],
    ['employment', 'employability', 'skills', 'training']),
  need('food', 'Food', 'Bwyd',
    ['food', 'food bank', 'foodbank', 'food parcel', 'hungry', 'hunger', 'meals', 'community fridge', 'pantry', 'cooking', 'cookery',
      'bwyd', 'banc bwyd', 'coginio'],
    ['food', 'food-bank', 'community-fridge', 'cooking', 'pantry']),
  need('digital', 'Digital skills', 'Sgiliau digidol',
    ['digital', 'computer', 'computers', 'internet', 'email', 'smartphone', 'tablet', 'ipad', 'it help', 'digital inclusion',
      'digidol', 'cyfrifiadur', 'rhyngrwyd'],
    ['digital-skills', 'digital-inclusion', 'computer-class']),
  need('parenting', 'Parenting and family', 'Rhianta a theulu',
    ['parenting', 'parent', 'parents', 'family', 'families', 'baby', 'toddler', 'children', 'kids', 'stay and play', 'mums', 'dads',
      'rhianta', 'rhieni', 'teulu', 'plant'],
    ['parenting', 'family', 'children', 'family-support', 'early-years']),
  need('alcohol-drugs', 'Alcohol and drugs', 'Alcohol a chyffuriau',
    ['alcohol', 'drinking', 'drugs', 'drug', 'substance misuse', 'addiction', 'recovery', 'gambling', 'cyffuriau', 'yfed', 'caethiwed'],
    ['substance-misuse', 'addiction', 'recovery']),
  need('stop-smoking', 'Stopping smoking', 'Rhoi’r gorau i ysmygu',
    ['smoking', 'stop smoking', 'quit smoking', 'vaping', 'ysmygu'],
    ['stop-smoking']),
  need('arts', 'Arts and creativity', 'Celfyddydau a chreadigrwydd',
    ['arts', 'art', 'creative', 'creativity', 'crafts', 'craft', 'painting', 'drawing', 'music', 'singing', 'choir', 'drama', 'writing',
      'knitting', 'photography', 'celf', 'celfyddydau', 'canu', 'cerddoriaeth', 'côr'],
    ['arts', 'arts-and-crafts', 'music', 'singing', 'creative', 'crafts']),
  need('nature', 'Nature and green space', 'Natur a mannau gwyrdd',
    ['nature', 'green space', 'outdoors', 'outdoor', 'gardening', 'garden', 'allotment', 'park', 'parks', 'conservation', 'woodland',
      'green gym', 'growing', 'natur', 'garddio', 'awyr agored'],
    ['nature', 'gardening', 'green-space', 'parks', 'allotments', 'conservation']),
  need('learning', 'Learning', 'Dysgu',
    ['learning', 'learn', 'course', 'courses', 'class', 'classes', 'adult education', 'english', 'esol', 'reading', 'maths', 'library',
      'welsh lessons', 'dysgu', 'cwrs', 'dosbarth'],
    ['learning', 'adult-learning', 'education', 'library', 'courses']),
  need('volunteering', 'Volunteering', 'Gwirfoddoli',
    ['volunteering', 'volunteer', 'volunteers', 'helping others', 'give back', 'time bank', 'timebank', 'gwirfoddoli', 'gwirfoddolwr'],
    ['volunteering', 'time-bank']),
  need('sleep', 'Sleep', 'Cwsg',
    ['sleep', 'sleeping', 'insomnia', 'tired', 'tiredness', 'fatigue', 'cwsg', 'blinder'],
    ['sleep']),
  need('pain', 'Living with pain', 'Byw gyda phoen',
    ['pain', 'chronic pain', 'back pain', 'aches', 'pain management', 'poen'],
    ['pain-management']),
  need('dementia', 'Dementia and memory', 'Dementia a’r cof',
    ['dementia', 'memory', 'memory loss', 'alzheimers', 'forgetful', 'memory cafe', 'dementia friendly', 'cof', 'colli cof'],
    ['dementia', 'memory-cafe']),
  need('sensory-loss', 'Sight and hearing loss', 'Colli golwg a chlyw',
    ['sight loss', 'blind', 'visually impaired', 'partially sighted', 'hearing loss', 'deaf', 'hard of hearing', 'hearing aid', 'bsl',
      'sign language', 'sensory', 'golwg', 'byddar', 'clyw', 'dall'],
    ['sensory-loss', 'sight-loss', 'hearing-loss', 'deaf']),
  need('domestic-abuse', 'Domestic abuse support', 'Cymorth cam-drin domestig',
    ['domestic abuse', 'domestic violence', 'abuse', 'abusive relationship', 'coercive control', 'refuge', 'unsafe at home',
      'cam-drin domestig', 'trais domestig'],
    ['domestic-abuse']),
  need('confidence', 'Confidence and self-esteem', 'Hyder a hunan-barch',
    ['confidence', 'self-esteem', 'self esteem', 'shy', 'assertiveness', 'motivation', 'hyder', 'hunan-barch'],
    ['confidence', 'personal-development']),
];

/** A need vocabulary ready to match queries: entries by id, and every phrase a person might type. */
export interface Vocabulary {
  needs: ReadonlyMap<string, NeedEntry>;
  /** Folded phrase, its words joined by one space and stop words left out, to need ids. */
  phrases: ReadonlyMap<string, string[]>;
  /** The longest phrase, in words, so matching a query knows how far to look. */
  longest: number;
  /** Category id to the needs that list it, so a listing in `walking` meets `physical-activity`. */
  byCategory: ReadonlyMap<string, string[]>;
}

const phraseOf = (value: string): string => terms(value).join(' ');

/**
 * The default needs extended by a feed's own (`AtlasData.needs`). A feed need with
 * a known id adds its synonyms and categories to the default and may relabel it;
 * a new id is added. Malformed entries are skipped, never thrown on.
 */
export function buildVocabulary(extra: readonly NeedDefinition[] = []): Vocabulary {
  const needs = new Map<string, NeedEntry>();
  for (const entry of DEFAULT_NEEDS) needs.set(entry.id, { ...entry, synonyms: [...entry.synonyms], categories: [...entry.categories] });
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
  const phrases = new Map<string, string[]>();
  const byCategory = new Map<string, string[]>();
  let longest = 1;
  const addPhrase = (value: string, id: string): void => {
    const phrase = phraseOf(value);
    if (!phrase) return;
    const ids = phrases.get(phrase) ?? [];
    if (!ids.includes(id)) ids.push(id);
    phrases.set(phrase, ids);
    longest = Math.max(longest, phrase.split(' ').length);
  };
  for (const entry of needs.values()) {
    addPhrase(entry.id.replace(/-/g, ' '), entry.id);
    const label = entry.label;
    if (typeof label === 'string') addPhrase(label, entry.id);
    else if (label && typeof label === 'object') for (const v of Object.values(label)) if (typeof v === 'string') addPhrase(v, entry.id);
    for (const s of entry.synonyms) addPhrase(s, entry.id);
    for (const c of entry.categories) {
      const ids = byCategory.get(c) ?? [];
      if (!ids.includes(entry.id)) ids.push(entry.id);
      byCategory.set(c, ids);
    }
  }
  return { needs, phrases, longest, byCategory };
}

/** A label in the page's language: the exact language, then English, then any. */
export function needLabel(entry: NeedEntry | undefined, lang = 'en'): string {
  if (!entry) return '';
  const label = entry.label;
  if (typeof label === 'string') return label;
  if (!label || typeof label !== 'object') return entry.id;
  const primary = lang.split('-')[0]?.toLowerCase() ?? 'en';
  const map = label as Readonly<Record<string, string>>;
  return map[primary] ?? map.en ?? Object.values(map)[0] ?? entry.id;
}

/** One part of a query: a plain word, or a run of words that named a need. */
export type QueryPart = { kind: 'word'; word: string } | { kind: 'need'; phrase: string; needs: string[] };

export interface Expansion {
  parts: QueryPart[];
  /** Need ids the query named, in the order they were typed. */
  needs: string[];
  /**
   * What "also searching for" shows: each named need's label and the words it
   * adds, leaving out what the person typed.
   */
  expandedTerms: string[];
}

/**
 * Reads a query for needs: the longest run of words that is a need's label or
 * synonym wins ("low mood" before "mood"). Other words stay plain search words.
 */
export function expandQuery(query: string, vocabulary: Vocabulary, lang = 'en'): Expansion {
  const tokens = terms(query);
  const parts: QueryPart[] = [];
  const named: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let matched = false;
    for (let n = Math.min(vocabulary.longest, tokens.length - i); n >= 1; n--) {
      const phrase = tokens.slice(i, i + n).join(' ');
      const ids = vocabulary.phrases.get(phrase);
      if (ids) {
        parts.push({ kind: 'need', phrase, needs: ids });
        for (const id of ids) if (!named.includes(id)) named.push(id);
        i += n;
        matched = true;
        break;
      }
    }
    if (!matched) {
      parts.push({ kind: 'word', word: tokens[i]! });
      i += 1;
    }
  }
  const typed = new Set(tokens);
  const typedPhrase = ` ${tokens.join(' ')} `;
  const expandedTerms: string[] = [];
  const seen = new Set<string>();
  const add = (value: string): void => {
    const key = fold(value);
    if (seen.has(key) || typed.has(key) || typedPhrase.includes(` ${phraseOf(value)} `)) return;
    seen.add(key);
    expandedTerms.push(value);
  };
  for (const id of named) {
    const entry = vocabulary.needs.get(id);
    if (!entry) continue;
    add(needLabel(entry, lang).toLowerCase());
    for (const s of entry.synonyms) add(s);
  }
  return { parts, needs: named, expandedTerms };
}

/** The words a need search looks for in listings' text: the need's synonyms and label words. */
export function needSearchPhrases(entry: NeedEntry): string[] {
  const out = new Set<string>();
  for (const s of entry.synonyms) {
    const p = phraseOf(s);
    if (p) out.add(p);
  }
  return [...out];
}
