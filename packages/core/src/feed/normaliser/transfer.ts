/** A transfer's details (asset type, status, stages, tenure, terms, money, dates, documents) and an asset of community value's. */
import { TRANSFER_ASSET_TYPES, TRANSFER_STATUSES, type AcvDetails, type StageDefinition, type TransferDetails, type TransferDocument } from '../types.js';
import { ACV_STATUSES, LONG_LENGTH, MAX_LEASE_YEARS, MAX_PRICE, NAME_LENGTH, SUMMARY_LENGTH, TENURES, TERMS } from '../rules.js';
import { type Checker, describeValue, isObject, thousands } from './checker.js';
import { DEFAULT_TRANSFER_STAGES } from '../stages.js';

export function readTransfer(c: Checker, raw: unknown, path: string, stageLists: Record<string, StageDefinition[]>): TransferDetails | undefined {
  if (!isObject(raw)) {
    c.wrongType(path, 'transfer', 'an object with "assetType" and "status"', raw);
    return undefined;
  }
  // "other" is an honest answer for a type that is missing or not in the list.
  let assetType = c.oneOf(raw.assetType, TRANSFER_ASSET_TYPES, `${path}.assetType`, 'assetType', 'shown as "other"');
  if (!assetType) {
    if (raw.assetType === undefined) {
      c.warn('missing-value', `${path}.assetType`, `one of ${TRANSFER_ASSET_TYPES.join(', ')}`, undefined, 'the transfer has no assetType', 'shown as "other"');
    }
    assetType = 'other';
  }
  const stagesRaw = raw.stages;
  // Checked once the stages are read: they decide what an unknown status is shown as.
  let status = (TRANSFER_STATUSES as readonly unknown[]).includes(raw.status) ? (raw.status as TransferDetails['status']) : undefined;
  const out: TransferDetails = { assetType, status: status ?? 'proposed' };

  let stageList: readonly { id: string }[] = stageLists.default ?? DEFAULT_TRANSFER_STAGES;
  if (raw.stageList !== undefined) {
    const listId = c.string(raw.stageList, `${path}.stageList`, 'stageList');
    // Own lists only: "constructor" or "toString" must not find what every object inherits.
    if (listId && Object.hasOwn(stageLists, listId)) {
      out.stageList = listId;
      stageList = stageLists[listId]!;
    } else if (listId) {
      c.warn('unknown-stage-list', `${path}.stageList`, `a stage list in the feed's transferStages (${Object.keys(stageLists).join(', ') || 'none defined'})`, listId, `stage list "${listId}" is not defined in transferStages`, 'the default stages used');
    }
  }
  const stageIds = stageList.map((s) => s.id);
  if (stagesRaw !== undefined && stagesRaw !== null) {
    if (!Array.isArray(stagesRaw)) {
      c.wrongType(`${path}.stages`, 'stages', 'a list of {"id", "date"}', stagesRaw);
    } else {
      const stages: NonNullable<TransferDetails['stages']> = [];
      stagesRaw.forEach((stage, i) => {
        const stagePath = `${path}.stages[${i}]`;
        const id = isObject(stage) ? c.string(stage.id, `${stagePath}.id`, 'stage id') : typeof stage === 'string' ? stage : undefined;
        if (!id || !stageIds.includes(id)) {
          c.warn('unknown-stage', `${stagePath}.id`, `one of ${stageIds.join(', ')}`, isObject(stage) ? stage.id : stage, `stage ${describeValue(id ?? stage)} is not in the stage list`, 'stage dropped');
          return;
        }
        const entry: { id: string; date?: string } = { id };
        const date = isObject(stage) ? c.date(stage.date, `${stagePath}.date`, 'the stage date', true) : undefined;
        if (date) entry.date = date;
        stages.push(entry);
      });
      if (stages.length) out.stages = stages;
    }
  }
  if (raw.currentStage !== undefined && raw.currentStage !== null) {
    const current = c.string(raw.currentStage, `${path}.currentStage`, 'currentStage');
    if (current && stageIds.includes(current)) out.currentStage = current;
    else if (current) c.warn('unknown-stage', `${path}.currentStage`, `one of ${stageIds.join(', ')}`, current, `current stage "${current}" is not in the stage list`, 'current stage dropped');
  }
  if (status === undefined) {
    // A missing status is common in spreadsheets; "completed" in the stages says
    // enough to show it as transferred, otherwise it is shown as only proposed.
    status = out.stages?.some((s) => s.id === 'completed') || out.currentStage === 'completed' ? 'transferred' : 'proposed';
    const expected = `one of ${TRANSFER_STATUSES.join(', ')}`;
    if (raw.status === undefined || raw.status === null) c.warn('missing-value', `${path}.status`, expected, undefined, 'the transfer has no status', `shown as "${status}"`);
    else c.warn('unknown-value', `${path}.status`, expected, raw.status, `status should be ${expected}, not ${describeValue(raw.status)}`, `shown as "${status}"`);
    out.status = status;
  }

  if (raw.tenure !== undefined && raw.tenure !== null) {
    const t = raw.tenure;
    if (!isObject(t)) {
      c.wrongType(`${path}.tenure`, 'tenure', 'an object ({"type": "leasehold", "years": 25})', t);
    } else {
      const type = c.oneOf(t.type, TENURES, `${path}.tenure.type`, 'tenure type') as 'freehold' | 'leasehold' | 'licence' | undefined;
      const years = c.number(t.years, `${path}.tenure.years`, 'the lease length', { min: 0, max: MAX_LEASE_YEARS, expected: `a number of years from 0 to ${MAX_LEASE_YEARS}` });
      if (type) {
        out.tenure = { type };
        if (years !== undefined) out.tenure.years = years;
        if (type === 'leasehold' && years === undefined) {
          c.warn('lease-length-missing', `${path}.tenure.years`, 'the length of the lease in years', t.years, 'a leasehold transfer does not say how long the lease is', 'shown without a length');
        }
      }
    }
  }
  const terms = c.oneOf(raw.terms, TERMS, `${path}.terms`, 'terms') as TransferDetails['terms'];
  if (terms) out.terms = terms;

  let priceNotes = c.text(raw.priceNotes, `${path}.priceNotes`, 'priceNotes', SUMMARY_LENGTH);
  const toNotes = (words: string): string => {
    if (priceNotes === undefined) {
      priceNotes = words;
      return 'moved to priceNotes';
    }
    if (typeof priceNotes === 'string' && !priceNotes.includes(words)) {
      priceNotes = `${priceNotes}; ${words}`;
      return 'added to priceNotes';
    }
    return 'dropped (priceNotes already says it)';
  };
  const money = { min: 0, max: MAX_PRICE, expected: `a number of pounds from 0 to ${thousands(MAX_PRICE)}` };
  const guidePrice = c.number(raw.guidePrice, `${path}.guidePrice`, 'guidePrice', money, toNotes);
  if (guidePrice !== undefined) out.guidePrice = guidePrice;
  const guideRent = c.number(raw.guideRent, `${path}.guideRent`, 'guideRent', money, toNotes);
  if (guideRent !== undefined) out.guideRent = guideRent;
  if (priceNotes !== undefined) out.priceNotes = priceNotes;
  const area = { min: 0, expected: 'a number, 0 or more' };
  const floor = c.number(raw.floorAreaSqm, `${path}.floorAreaSqm`, 'floorAreaSqm', area);
  if (floor !== undefined) out.floorAreaSqm = floor;
  const site = c.number(raw.siteAreaHa, `${path}.siteAreaHa`, 'siteAreaHa', area);
  if (site !== undefined) out.siteAreaHa = site;
  for (const key of ['condition', 'currentUse', 'currentUsers', 'reason', 'restrictions', 'planning'] as const) {
    const value = c.text(raw[key], `${path}.${key}`, key, LONG_LENGTH);
    if (value) out[key] = value;
  }

  if (raw.dates !== undefined && raw.dates !== null) {
    if (!isObject(raw.dates)) {
      c.wrongType(`${path}.dates`, 'dates', 'an object of dates', raw.dates);
    } else {
      const dates: NonNullable<TransferDetails['dates']> = {};
      for (const key of ['noticePublished', 'informationSession', 'eoiDeadline', 'decision'] as const) {
        const value = c.date(raw.dates[key], `${path}.dates.${key}`, key, true);
        if (value) dates[key] = value;
      }
      if (dates.noticePublished && dates.eoiDeadline && dates.eoiDeadline.slice(0, 10) < dates.noticePublished.slice(0, 10)) {
        c.warn(
          'deadline-before-notice',
          `${path}.dates.eoiDeadline`,
          `a deadline after the notice was published (${dates.noticePublished})`,
          dates.eoiDeadline,
          `the expression-of-interest deadline ${dates.eoiDeadline} is before the notice date ${dates.noticePublished}`,
          'both dates kept as written',
        );
      }
      if (Object.keys(dates).length) out.dates = dates;
    }
  }
  if (raw.documents !== undefined && raw.documents !== null) {
    if (!Array.isArray(raw.documents)) {
      c.wrongType(`${path}.documents`, 'documents', 'a list of {"title", "url"}', raw.documents);
    } else {
      const documents: TransferDocument[] = [];
      raw.documents.forEach((doc, i) => {
        const docPath = `${path}.documents[${i}]`;
        if (!isObject(doc)) return c.wrongType(docPath, 'a document', 'an object with "title" and "url"', doc);
        const url = c.url(doc.url, `${docPath}.url`, 'the document url');
        if (!url) {
          if (doc.url === undefined) c.warn('missing-value', `${docPath}.url`, 'a link to the document', undefined, 'a document has no url', 'document dropped');
          return;
        }
        const title = c.text(doc.title, `${docPath}.title`, 'the document title', NAME_LENGTH) ?? url;
        const d: TransferDocument = { title, url };
        const type = c.string(doc.type, `${docPath}.type`, 'the document type');
        if (type) d.type = type;
        const size = c.number(doc.sizeBytes, `${docPath}.sizeBytes`, 'sizeBytes', { min: 0, expected: 'a size in bytes, 0 or more' });
        if (size !== undefined) d.sizeBytes = size;
        documents.push(d);
      });
      if (documents.length) out.documents = documents;
    }
  }
  const eoi = c.url(raw.expressionOfInterestUrl, `${path}.expressionOfInterestUrl`, 'expressionOfInterestUrl');
  if (eoi) out.expressionOfInterestUrl = eoi;
  return out;
}

export function readAcv(c: Checker, raw: unknown, path: string): AcvDetails | undefined {
  if (!isObject(raw)) {
    c.wrongType(path, 'acv', 'an object with "status"', raw);
    return undefined;
  }
  const dates: Partial<AcvDetails> = {};
  for (const key of ['nominatedOn', 'listedOn', 'expiresOn', 'disposalNotifiedOn'] as const) {
    const value = c.date(raw[key], `${path}.${key}`, key);
    if (value) dates[key] = value;
  }
  let status = (ACV_STATUSES as readonly unknown[]).includes(raw.status) ? (raw.status as AcvDetails['status']) : undefined;
  if (!status) {
    const expected = `one of ${ACV_STATUSES.join(', ')}`;
    const code = raw.status === undefined || raw.status === null ? 'missing-value' : 'unknown-value';
    const what = code === 'missing-value' ? 'the asset of community value details have no status' : `the acv status should be ${expected}, not ${describeValue(raw.status)}`;
    const guess = dates.listedOn ? 'listed' : dates.nominatedOn ? 'nominated' : undefined;
    if (!guess) {
      c.warn(code, `${path}.status`, expected, raw.status, `${what}, and no dates`, 'acv details dropped');
      return undefined;
    }
    c.warn(code, `${path}.status`, expected, raw.status, what, `shown as "${guess}" from its dates`);
    status = guess;
  }
  const out: AcvDetails = { status, ...dates };
  const by = c.string(raw.nominatedBy, `${path}.nominatedBy`, 'nominatedBy', NAME_LENGTH);
  if (by) out.nominatedBy = by;
  return out;
}
