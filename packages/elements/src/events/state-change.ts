import type { FinderState } from '@community-atlas/core';

export interface AtlasStateChangeDetail {
  /** The parts of the finder state the user changed. */
  patch: Partial<FinderState>;
  /** `push` for a step the back button should undo (a filter, a listing); `replace` for typing. */
  history: 'push' | 'replace';
}

/** A part asks the finder to change its state; the finder runs the search and mirrors it to the URL. */
export class AtlasStateChangeEvent extends CustomEvent<AtlasStateChangeDetail> {
  static readonly eventName = 'atlas-state-change';
  constructor(detail: AtlasStateChangeDetail) {
    super(AtlasStateChangeEvent.eventName, { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface HTMLElementEventMap {
    'atlas-state-change': AtlasStateChangeEvent;
  }
}
