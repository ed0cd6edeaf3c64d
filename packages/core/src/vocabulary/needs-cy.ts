/**
 * The default needs' Welsh labels, by need id (their English ones are in
 * `DEFAULT_NEEDS`, needs.ts). They live apart so that an English page never
 * downloads them: the finder's first chunk carries only English. The Welsh
 * strings (loaded before a Welsh page's first render) name the need filter and
 * chips with them, and text search (`vocabularyOf`) adds them to the labels of
 * the default needs a feed has not relabelled, for suggestions and matching.
 */
export const NEED_LABELS_CY: Readonly<Record<string, string>> = {
  loneliness: 'Unigrwydd ac arwahanrwydd',
  'low-mood': 'Hwyliau isel a gorbryder',
  'physical-activity': 'Gweithgarwch corfforol',
  weight: 'Pwysau iach',
  'long-term-conditions': 'Cyflyrau iechyd hirdymor',
  carers: 'Gofalu am rywun',
  bereavement: 'Profedigaeth a cholled',
  money: 'Arian a dyled',
  benefits: 'Cyngor ar fudd-daliadau',
  housing: 'Tai',
  work: 'Gwaith a sgiliau',
  food: 'Bwyd',
  digital: 'Sgiliau digidol',
  parenting: 'Rhianta a theulu',
  'alcohol-drugs': 'Alcohol a chyffuriau',
  'stop-smoking': 'Rhoi’r gorau i ysmygu',
  arts: 'Celfyddydau a chreadigrwydd',
  nature: 'Natur a mannau gwyrdd',
  learning: 'Dysgu',
  volunteering: 'Gwirfoddoli',
  sleep: 'Cwsg',
  pain: 'Byw gyda phoen',
  dementia: 'Dementia a’r cof',
  'sensory-loss': 'Colli golwg a chlyw',
  'domestic-abuse': 'Cymorth cam-drin domestig',
  confidence: 'Hyder a hunan-barch',
};

