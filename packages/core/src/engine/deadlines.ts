/**
 * Transfers' deadlines for the engine's time facts (the `deadline` facet and
 * sort), read with transfer/deadline.ts's `deadlineState`. Only data with
 * transfer listings needs them: `createEngine` loads this module with `import()`
 * for such data (see `hasTransferListings`), `EngineCore` (full.ts) attaches it at
 * once. `deadlineState` is handed in rather than imported, so the page fetches
 * this chunk and the transfer module's side by side, not one after the other.
 */
import type { DeadlineState } from '../transfer/deadline.js';
import type { AtlasListing } from '../feed/normalised.js';
import type { ReadDeadlines } from './core.js';

export const deadlineReader = (deadlineState: (listing: AtlasListing, now: Date) => DeadlineState): ReadDeadlines => (core, facts, now, today) => {
  const n = core.docs.length;
  const t = now.getTime();
  const { transfer } = core.columns;
  const nan = (): Float64Array => new Float64Array(n).fill(Number.NaN);
  const memo = (core.deadlineMemo ??= { day: nan(), past: new Uint8Array(n), state: new Uint8Array(n), at: nan() });
  const { deadline, deadlineAt, deadlineBits } = facts;
  const times = Number.isFinite(t) ? core.columns.deadlineTimes : undefined;
  for (let p = 0; p < n; p++) {
    if (!transfer[p]) continue;
    const closes = times ? times.closes[p]! : Number.NaN;
    if (!Number.isNaN(closes)) {
      // A ready feed's deadline as atlas build read it: deadlineState's answer with no date read.
      const s = times!.closed[p] || closes < t ? 4 : t >= times!.soon[p]! ? 2 : 1;
      deadline[p] = s;
      if (s !== 4) deadlineBits[0]![p >>> 5]! |= 1 << (p & 31);
      if (s === 2) deadlineBits[1]![p >>> 5]! |= 1 << (p & 31);
      deadlineAt[p] = closes;
      continue;
    }
    // A deadline's state changes only when a UK day begins or the deadline
    // passes (see deadlineState), so it is read again only then: reading
    // the date each minute for every transfer was most of this pass.
    const at = memo.at[p]!;
    if (!(memo.day[p] === today && (Number.isNaN(at) || at < t === (memo.past[p] === 1)))) {
      // A ready feed's columns hold what deadlineState reads of a transfer: its listing need not be read whole.
      const state = deadlineState((core.columns.deadlineOf?.[p] ?? core.docs[p]!.listing) as AtlasListing, now);
      memo.state[p] = state.state === 'open' ? 1 : state.state === 'closing-soon' ? 2 : state.state === 'closed' ? 4 : 0;
      memo.at[p] = state.deadline ? state.deadline.getTime() : Number.NaN;
      memo.past[p] = memo.at[p]! < t ? 1 : 0;
      memo.day[p] = today;
    }
    const s = memo.state[p]!;
    const bit = 1 << (p & 31);
    deadline[p] = s;
    if (s === 1 || s === 2) deadlineBits[0]![p >>> 5]! |= bit;
    if (s === 2) deadlineBits[1]![p >>> 5]! |= bit;
    deadlineAt[p] = memo.at[p]!;
  }
};
