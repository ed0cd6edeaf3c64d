/**
 * The words of the need vocabulary: what a person says ("lonely", "low mood",
 * "carer") and the words listings use for the same thing ("befriending", "lunch
 * club"). Link workers search by need, and listings are written by many hands in
 * other words, so these lists are what make a need search find them.
 *
 * Only text search reads them, so they load with it, not with the finder (the
 * need filter's ids, labels and categories are in `needs.ts`).
 */
import type { NeedDefinition } from '../feed/types.js';
import { fold } from '../text/index.js';
import { terms } from '../text/terms.js';
import { DEFAULT_NEEDS, buildNeedTable, needLabel } from './needs.js';
import { NEED_LABELS_CY } from './needs-cy.js';
import type { NeedEntry, NeedTable } from './needs.js';

// Exported from here, not from needs.ts: a re-export there put the Welsh labels back in the first chunk.
export { NEED_LABELS_CY };

/** The default needs' words in English, by need id. */
const SYNONYMS_EN: Readonly<Record<string, readonly string[]>> = {
  loneliness: [
    'lonely', 'loneliness', 'isolated', 'isolation', 'alone', 'on my own', 'befriending', 'befriender', 'friendship', 'friends',
    'company', 'lunch club', 'luncheon club', 'social', 'social group', 'coffee morning', 'men’s shed', 'mens shed', 'chat',
    'meet people',
  ],
  'low-mood': [
    'low mood', 'mood', 'depression', 'depressed', 'anxiety', 'anxious', 'stress', 'stressed', 'worry', 'worried', 'panic',
    'mental health', 'mental wellbeing', 'wellbeing', 'well-being', 'emotional support', 'talking therapy', 'counselling',
    'peer support', 'mindfulness', 'sad',
  ],
  'physical-activity': [
    'exercise', 'physical activity', 'active', 'get active', 'fitness', 'keep fit', 'move more', 'sport', 'sports', 'walking',
    'walk', 'health walk', 'swimming', 'yoga', 'tai chi', 'chair exercise', 'dance', 'cycling', 'gym',
  ],
  weight: [
    'weight', 'lose weight', 'weight loss', 'overweight', 'obesity', 'healthy eating', 'diet', 'slimming',
  ],
  'long-term-conditions': [
    'long-term condition', 'long term condition', 'diabetes', 'diabetic', 'copd', 'breathing', 'lung', 'asthma', 'arthritis',
    'heart', 'cardiac', 'stroke', 'cancer', 'parkinsons', 'multiple sclerosis', 'kidney', 'fibromyalgia', 'long covid',
    'chronic', 'self-management', 'rehabilitation',
  ],
  carers: [
    'carer', 'carers', 'caring', 'young carer', 'looking after', 'respite', 'carers cafe',
  ],
  bereavement: [
    'bereavement', 'bereaved', 'grief', 'grieving', 'loss', 'death', 'widow', 'widowed',
  ],
  money: [
    'money', 'debt', 'debts', 'bills', 'budgeting', 'cost of living', 'energy bills', 'fuel poverty', 'arrears', 'credit union',
  ],
  benefits: [
    'benefits', 'benefit', 'universal credit', 'pip', 'pension credit', 'attendance allowance', 'welfare rights',
  ],
  housing: [
    'housing', 'homeless', 'homelessness', 'rent', 'eviction', 'landlord', 'tenancy', 'damp', 'home repairs',
  ],
  work: [
    'work', 'job', 'jobs', 'employment', 'unemployed', 'cv', 'interview', 'careers', 'skills', 'training',
  ],
  food: [
    'food', 'food bank', 'foodbank', 'food parcel', 'hungry', 'hunger', 'meals', 'community fridge', 'pantry', 'cooking',
    'cookery',
  ],
  digital: [
    'digital', 'computer', 'computers', 'internet', 'email', 'smartphone', 'tablet', 'ipad', 'it help', 'digital inclusion',
  ],
  parenting: [
    'parenting', 'parent', 'parents', 'family', 'families', 'baby', 'toddler', 'children', 'kids', 'stay and play', 'mums',
    'dads',
  ],
  'alcohol-drugs': [
    'alcohol', 'drinking', 'drugs', 'drug', 'substance misuse', 'addiction', 'recovery', 'gambling',
  ],
  'stop-smoking': [
    'smoking', 'stop smoking', 'quit smoking', 'vaping',
  ],
  arts: [
    'arts', 'art', 'creative', 'creativity', 'crafts', 'craft', 'painting', 'drawing', 'music', 'singing', 'choir', 'drama',
    'writing', 'knitting', 'photography',
  ],
  nature: [
    'nature', 'green space', 'outdoors', 'outdoor', 'gardening', 'garden', 'allotment', 'park', 'parks', 'conservation',
    'woodland', 'green gym', 'growing',
  ],
  learning: [
    'learning', 'learn', 'course', 'courses', 'class', 'classes', 'adult education', 'english', 'esol', 'reading', 'maths',
    'library', 'welsh lessons',
  ],
  volunteering: [
    'volunteering', 'volunteer', 'volunteers', 'helping others', 'give back', 'time bank', 'timebank',
  ],
  sleep: [
    'sleep', 'sleeping', 'insomnia', 'tired', 'tiredness', 'fatigue',
  ],
  pain: [
    'pain', 'chronic pain', 'back pain', 'aches', 'pain management',
  ],
  dementia: [
    'dementia', 'memory', 'memory loss', 'alzheimers', 'forgetful', 'memory cafe', 'dementia friendly',
  ],
  'sensory-loss': [
    'sight loss', 'blind', 'visually impaired', 'partially sighted', 'hearing loss', 'deaf', 'hard of hearing', 'hearing aid',
    'bsl', 'sign language', 'sensory',
  ],
  'domestic-abuse': [
    'domestic abuse', 'domestic violence', 'abuse', 'abusive relationship', 'coercive control', 'refuge', 'unsafe at home',
  ],
  confidence: [
    'confidence', 'self-esteem', 'self esteem', 'shy', 'assertiveness', 'motivation',
  ],
};

/** The same needs' words in Welsh: a Welsh page says these, and not the English ones, under "also searching for". */
const SYNONYMS_CY: Readonly<Record<string, readonly string[]>> = {
  loneliness: [
    'unig', 'unigrwydd', 'cyfeillio', 'cwmni', 'cymdeithasol', 'bore coffi', 'clwb cinio', 'ffrindiau', 'sgwrs',
  ],
  'low-mood': [
    'iselder', 'gorbryder', 'pryder', 'lles', 'iechyd meddwl',
  ],
  'physical-activity': [
    'ymarfer corff', 'cerdded', 'chwaraeon', 'nofio', 'ioga', 'dawns', 'dawnsio', 'beicio', 'seiclo', 'campfa', 'ffitrwydd',
    'cadw’n heini', 'gweithgarwch corfforol', 'pêl-droed cerdded',
  ],
  weight: [
    'pwysau', 'colli pwysau',
  ],
  'long-term-conditions': [
    'cyflwr hirdymor', 'clefyd siwgr',
  ],
  carers: [
    'gofalwr', 'gofalwyr', 'gofalu',
  ],
  bereavement: [
    'profedigaeth', 'galar',
  ],
  money: [
    'arian', 'dyled', 'dyledion', 'biliau', 'costau byw',
  ],
  benefits: [
    'budd-daliadau', 'credyd cynhwysol',
  ],
  housing: [
    'tai', 'digartref', 'rhent',
  ],
  work: [
    'gwaith', 'swydd', 'swyddi', 'cyflogaeth', 'hyfforddiant', 'sgiliau',
  ],
  food: [
    'bwyd', 'banc bwyd', 'coginio', 'pantri', 'prydau bwyd', 'oergell gymunedol',
  ],
  digital: [
    'digidol', 'cyfrifiadur', 'rhyngrwyd', 'e-bost', 'ffôn clyfar', 'llechen',
  ],
  parenting: [
    'rhianta', 'rhieni', 'teulu', 'teuluoedd', 'plant', 'plentyn', 'babi', 'babanod', 'aros a chwarae', 'mamau', 'tadau',
  ],
  'alcohol-drugs': [
    'cyffuriau', 'yfed', 'caethiwed',
  ],
  'stop-smoking': [
    'ysmygu',
  ],
  arts: [
    'celf', 'celfyddydau', 'canu', 'cerddoriaeth', 'côr', 'crefft', 'crefftau', 'peintio', 'arlunio', 'gwau', 'ysgrifennu',
    'ffotograffiaeth', 'creadigol',
  ],
  nature: [
    'natur', 'garddio', 'gardd', 'awyr agored', 'parc', 'coetir', 'rhandir', 'tyfu', 'cadwraeth',
  ],
  learning: [
    'dysgu', 'cwrs', 'cyrsiau', 'dosbarth', 'dosbarthiadau', 'darllen', 'llyfrgell', 'addysg oedolion', 'gwersi cymraeg',
  ],
  volunteering: [
    'gwirfoddoli', 'gwirfoddolwr', 'gwirfoddolwyr',
  ],
  sleep: [
    'cwsg', 'blinder',
  ],
  pain: [
    'poen',
  ],
  dementia: [
    'cof', 'colli cof', 'caffi cof',
  ],
  'sensory-loss': [
    'golwg', 'byddar', 'clyw', 'dall',
  ],
  'domestic-abuse': [
    'cam-drin domestig', 'trais domestig',
  ],
  confidence: [
    'hyder', 'hunan-barch',
  ],
};

/** The default needs' synonyms, by need id (see `DEFAULT_NEEDS` for their labels): the English words, then the Welsh. */
export const NEED_SYNONYMS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(SYNONYMS_EN).map(([id, words]) => [id, [...words, ...(SYNONYMS_CY[id] ?? [])]]),
);

/** The built-in synonyms by language, so "also searching for" lists only the words of the page's language. */
const BUILT_IN_WORDS = {
  en: new Set(Object.values(SYNONYMS_EN).flat()),
  cy: new Set(Object.values(SYNONYMS_CY).flat()),
};

/**
 * Welsh words of the vocabulary that mean one of its English words: a Welsh page's "nofio"
 * puts the listings that say "swimming" first, as the English word does, before the rest of
 * what the need widens it to (most feeds are written in English only).
 */
const SAYS_IN_ENGLISH: Readonly<Record<string, string>> = {
  nofio: 'swimming', ioga: 'yoga', dawns: 'dance', dawnsio: 'dance', beicio: 'cycling', seiclo: 'cycling', campfa: 'gym',
  ffitrwydd: 'fitness', 'cadw’n heini': 'keep fit', cerdded: 'walking', 'pêl-droed cerdded': 'walking football',
  'bore coffi': 'coffee morning', 'clwb cinio': 'lunch club', 'banc bwyd': 'food bank', coginio: 'cooking', pantri: 'pantry',
  gwau: 'knitting', crefft: 'craft', crefftau: 'crafts', peintio: 'painting', arlunio: 'drawing', ysgrifennu: 'writing',
  ffotograffiaeth: 'photography', canu: 'singing', côr: 'choir', garddio: 'gardening', gardd: 'garden', rhandir: 'allotment',
  parc: 'park', coetir: 'woodland', llyfrgell: 'library', darllen: 'reading', 'caffi cof': 'memory cafe', babi: 'baby',
  'aros a chwarae': 'stay and play', 'e-bost': 'email', 'ffôn clyfar': 'smartphone', cyfrifiadur: 'computer', 'costau byw': 'cost of living',
};

/** A need vocabulary ready to match queries: entries by id, and every phrase a person might type. */
export interface Vocabulary extends NeedTable {
  /** Folded phrase, its words joined by one space and stop words left out, to need ids. */
  phrases: ReadonlyMap<string, string[]>;
  /** The longest phrase, in words, so matching a query knows how far to look. */
  longest: number;
}

const phraseOf = (value: string): string => terms(value).join(' ');
/** `SAYS_IN_ENGLISH` as phrases are matched: folded, stop words left out. */
const englishOf = new Map(Object.entries(SAYS_IN_ENGLISH).map(([cy, en]) => [phraseOf(cy), phraseOf(en)]));

/**
 * The default needs extended by a feed's own (`AtlasData.needs`), with every
 * synonym: see `buildNeedTable`, whose table this is with the built-in synonyms
 * first and the feed's after.
 */
export function buildVocabulary(extra: readonly NeedDefinition[] = []): Vocabulary {
  return vocabularyOf(buildNeedTable(extra));
}

/**
 * A default need's Welsh label added to its English one (`NEED_LABELS_CY`), unless
 * the feed relabelled the need: then its own label stands, as the feed wrote it.
 */
function withWelshLabel(entry: NeedEntry): NeedEntry {
  const cy = Object.prototype.hasOwnProperty.call(NEED_LABELS_CY, entry.id) ? NEED_LABELS_CY[entry.id] : undefined;
  const label = DEFAULT_NEEDS.find((n) => n.id === entry.id)?.label;
  return cy && typeof label === 'object' && entry.label === label ? { ...entry, label: { ...label, cy } } : entry;
}

/**
 * A need table (see `buildNeedTable`) with the built-in synonyms and the default
 * needs' Welsh labels added, and its phrases read.
 */
export function vocabularyOf(table: NeedTable): Vocabulary {
  const needs = new Map<string, NeedEntry>();
  const phrases = new Map<string, string[]>();
  let longest = 1;
  const addPhrase = (value: string, id: string): void => {
    const phrase = phraseOf(value);
    if (!phrase) return;
    const ids = phrases.get(phrase) ?? [];
    if (!ids.includes(id)) ids.push(id);
    phrases.set(phrase, ids);
    longest = Math.max(longest, phrase.split(' ').length);
  };
  for (const fromTable of table.needs.values()) {
    const own = withWelshLabel(fromTable);
    const builtIn = Object.prototype.hasOwnProperty.call(NEED_SYNONYMS, own.id) ? NEED_SYNONYMS[own.id]! : [];
    const entry: NeedEntry = { ...own, synonyms: [...new Set([...builtIn, ...own.synonyms])] };
    needs.set(entry.id, entry);
    addPhrase(entry.id.replace(/-/g, ' '), entry.id);
    const label = entry.label;
    if (typeof label === 'string') addPhrase(label, entry.id);
    else if (label && typeof label === 'object') for (const v of Object.values(label)) if (typeof v === 'string') addPhrase(v, entry.id);
    for (const s of entry.synonyms) addPhrase(s, entry.id);
  }
  return { needs, phrases, longest, byCategory: table.byCategory };
}

/** One part of a query: a plain word, or a run of words that named a need. */
export type QueryPart = { kind: 'word'; word: string } | { kind: 'need'; phrase: string; needs: string[]; says?: string };

export interface Expansion {
  parts: QueryPart[];
  /** Need ids the query named, in the order they were typed. */
  needs: string[];
  /**
   * What "also searching for" shows: each named need's label and the words it
   * adds in the query's language, leaving out what the person typed.
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
        const says = englishOf.get(phrase);
        parts.push({ kind: 'need', phrase, needs: ids, ...(says ? { says } : {}) });
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
  // A built-in word of the other language is searched for but not listed: a Welsh page says
  // Welsh words, an English page English ones. A publisher's own words are listed on both.
  const otherLanguage = lang.split('-')[0]?.toLowerCase() === 'cy' ? BUILT_IN_WORDS.en : BUILT_IN_WORDS.cy;
  for (const id of named) {
    const entry = vocabulary.needs.get(id);
    if (!entry) continue;
    const label = needLabel(entry, lang).toLowerCase();
    add(label);
    // A word the label already says ("isolation" after "loneliness and isolation") is not said again.
    const labelPhrase = ` ${phraseOf(label)} `;
    for (const s of entry.synonyms) if (!otherLanguage.has(s) && !labelPhrase.includes(` ${phraseOf(s)} `)) add(s);
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
