/**
 * `EngineCore`: the whole engine in one synchronous object, text search built
 * in, for the Web Worker, Node (`atlas build` writes `serializeIndex`) and the
 * benchmarks. The finder on the page never imports this module: it uses
 * `createEngine`, which loads text search, transfers' deadlines and the extras
 * (other sorts, distances, zero-result hints) only when they are needed.
 */
import type { AtlasData } from '../feed/normalised.js';
import { FilterCore } from './core.js';
import type { EngineOptions } from './core.js';
import { TextIndex } from './text.js';
import { extras } from './extras.js';
import { deadlineState } from '../transfer/deadline.js';
import { deadlineReader } from './deadlines.js';
import type { Suggestion } from './types.js';

/**
 * The whole engine, text search built in: filters, facets and sorting first,
 * then the text index, in one `prepare()`. For the worker, Node and benchmarks;
 * the page's `createEngine` loads the text part only when it is needed.
 */
export class EngineCore extends FilterCore {
  private readonly textIndex: TextIndex;

  constructor(data: AtlasData, options: EngineOptions = {}) {
    super(data, options);
    this.attachDeadlines(deadlineReader(deadlineState));
    this.attachExtras(extras);
    this.textIndex = new TextIndex(this, options.prebuiltIndex ?? this.readyIndex);
    this.attachText(this.textIndex);
  }

  /** Facets, sorting and the text index are all ready. */
  get ready(): boolean {
    return this.filtersReady && this.textIndex.built;
  }

  override *prepare(): Generator<void, void, void> {
    yield* super.prepare();
    yield* this.textIndex.build();
  }

  /**
   * Finds each need phrase's matches once (see `TextIndex.warm`): after
   * `prepare`, in slices, when nobody is waiting. `prepareAll` does it too.
   */
  warm(): Generator<void, void, void> {
    return this.textIndex.warm();
  }

  override prepareAll(): this {
    super.prepareAll();
    for (const _ of this.warm()) void _;
    return this;
  }

  /** Needs, categories and listing names for the search box, matching what has been typed so far. */
  suggest(prefix: string, limit?: number): Suggestion[] {
    return this.textIndex.suggest(prefix, limit);
  }

  /** The text index as JSON, with a fingerprint of the data it was built from. */
  serialize(): string {
    for (const _ of this.prepare()) void _;
    return this.textIndex.serialize();
  }
}

/** A prebuilt text index for `data`, to pass back as `options.prebuiltIndex` (what `atlas build` writes). */
export function serializeIndex(data: AtlasData, options: Omit<EngineOptions, 'prebuiltIndex'> = {}): string {
  return new EngineCore(data, options).serialize();
}
