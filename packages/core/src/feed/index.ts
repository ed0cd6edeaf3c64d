export { normaliseFeed, describeValue, type NormaliseOptions } from './normalise.js';
export { TEXT_LIMITS } from './rules.js';
export { mergeFeeds } from './merge.js';
export { readFeedJson, type JsonReadResult } from './parse.js';
export { parseFeedText, loadFeeds, readFetchedFeed, combineFeeds } from './load.js';
export { fetchFeed, feedFailure, FeedLoadError, type FeedLoadFailure, type FetchedFeed, type LoadOptions } from './fetch.js';
export { feedbackHref, suggestHref, feedbackPage, feedbackDate, checkedOverAYearAgo, type FeedbackContext, type FeedbackLabels } from './report.js';
export { normalisePostcode } from './postcode.js';
export { text, isSafeUrl, slugify, isIsoDate, isIsoDateOrDateTime, isClockTime, SAFE_URL_SCHEMES } from './values.js';
