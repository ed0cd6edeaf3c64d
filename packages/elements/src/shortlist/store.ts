/**
 * The prescriber's shortlist: listing keys in the order the prescriber chose.
 *
 * Kept in localStorage per page and feed, so a link worker who reloads mid-
 * appointment keeps the list, and two finders (or two feeds) never share one.
 * Only listing keys are stored: nothing about the person. When storage throws
 * (blocked by privacy settings, full, or a sandboxed iframe) the list lives in
 * memory for the rest of the visit instead of failing.
 */
export type ShortlistAction = 'add' | 'remove' | 'move' | 'clear' | 'restore' | 'prune';

export interface ShortlistChange {
  /** `full`: an add was refused because the list holds MAX_SHORTLIST already (nothing changed). */
  action: ShortlistAction | 'full';
  keys: readonly string[];
  /** The listing added, removed or moved. */
  key?: string;
}

type Listener = (change: ShortlistChange) => void;

/** More than a prescriber would ever hand over, but a bound so a bad stored value cannot grow without limit. */
export const MAX_SHORTLIST = 200;

export function shortlistStorageKey(pathname: string, src: string, namespace = ''): string {
  return `atlas-shortlist:${pathname}:${namespace}:${src}`;
}

export class ShortlistStore {
  #keys: string[] = [];
  #listeners = new Set<Listener>();
  #storage: Storage | undefined;
  #storageKey: string;
  /** What `clear` removed, so it can be undone. */
  #cleared: string[] = [];
  #pruned = 0;

  constructor(storageKey: string, storage?: Storage) {
    this.#storageKey = storageKey;
    try {
      // Reading window.localStorage itself throws when storage is blocked.
      this.#storage = storage ?? window.localStorage;
      const raw = this.#storage.getItem(storageKey);
      const parsed: unknown = raw ? JSON.parse(raw) : [];
      if (Array.isArray(parsed)) this.#keys = [...new Set(parsed.filter((k): k is string => typeof k === 'string' && k.length > 0))].slice(0, MAX_SHORTLIST);
    } catch {
      this.#storage = undefined;
    }
  }

  get keys(): readonly string[] {
    return this.#keys;
  }

  get size(): number {
    return this.#keys.length;
  }

  /** False when the list lives only in memory (storage blocked or full). */
  get persistent(): boolean {
    return !!this.#storage;
  }

  /** Whether `clear` can be undone. */
  get canRestore(): boolean {
    return this.#cleared.length > 0 && this.#keys.length === 0;
  }

  /** How many stored options were taken off because the feed no longer has them (until the list is cleared). */
  get pruned(): number {
    return this.#keys.length ? this.#pruned : 0;
  }

  /** No room for another option. */
  get full(): boolean {
    return this.#keys.length >= MAX_SHORTLIST;
  }

  has(key: string): boolean {
    return this.#keys.includes(key);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** False when the list is full: listeners hear `full`, so the refusal is said, never silent. */
  add(key: string): boolean {
    if (this.has(key)) return true;
    if (this.full) {
      for (const listener of this.#listeners) listener({ action: 'full', keys: this.#keys, key });
      return false;
    }
    this.#cleared = [];
    this.#commit([...this.#keys, key], { action: 'add', key });
    return true;
  }

  /**
   * Takes off the listings the feed no longer has (a stored list from last week, a
   * listing withdrawn since), so counts, print and links are of what is shown.
   * Returns how many went.
   */
  prune(known: (key: string) => boolean): number {
    const kept = this.#keys.filter(known);
    const gone = this.#keys.length - kept.length;
    this.#pruned += gone;
    if (gone) this.#commit(kept, { action: 'prune' });
    return gone;
  }

  remove(key: string): void {
    if (!this.has(key)) return;
    this.#commit(this.#keys.filter((k) => k !== key), { action: 'remove', key });
  }

  toggle(key: string): void {
    if (this.has(key)) this.remove(key);
    else this.add(key);
  }

  /** Moves a listing one place up (-1) or down (+1). */
  move(key: string, by: -1 | 1): void {
    const from = this.#keys.indexOf(key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= this.#keys.length) return;
    const next = [...this.#keys];
    [next[from], next[to]] = [next[to]!, next[from]!];
    this.#commit(next, { action: 'move', key });
  }

  clear(): void {
    if (!this.#keys.length) return;
    this.#cleared = this.#keys;
    this.#commit([], { action: 'clear' });
  }

  /** Undoes the last `clear`. */
  restore(): void {
    if (!this.canRestore) return;
    const keys = this.#cleared;
    this.#cleared = [];
    this.#commit(keys, { action: 'restore' });
  }

  #commit(keys: string[], change: Omit<ShortlistChange, 'keys'>): void {
    this.#keys = keys;
    if (this.#storage) {
      try {
        if (keys.length) this.#storage.setItem(this.#storageKey, JSON.stringify(keys));
        else this.#storage.removeItem(this.#storageKey);
      } catch {
        // Full or revoked mid-visit: carry on in memory.
        this.#storage = undefined;
      }
    }
    for (const listener of this.#listeners) listener({ ...change, keys });
  }
}
