import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decodeState, encodeState, isStateParam, type FinderState } from '@community-atlas/core';

type Host = ReactiveControllerHost & { namespace: string };

/**
 * Mirrors a finder's state to the page's address, so a copied link reopens what was
 * on screen: reads it, writes it (push or replace), and hands Back and Forward to the
 * finder. Only this finder's parameters are touched (`open`, or `west.open` in
 * namespace `west`); the host page's and other finders' stay as they are.
 */
export class UrlSync implements ReactiveController {
  constructor(private readonly host: Host, private readonly onPopState: () => void) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  #param(name: string): string {
    return this.host.namespace ? `${this.host.namespace}.${name}` : name;
  }

  /** Whether the address has this finder's parameter. */
  has(name: string): boolean {
    return new URLSearchParams(location.search).has(this.#param(name));
  }

  read(): FinderState {
    return decodeState(new URLSearchParams(location.search), this.host.namespace);
  }

  /** `push` makes a step Back returns from; `replace` (typing, say) does not. */
  write(state: FinderState, mode: 'push' | 'replace', extra?: Record<string, unknown>): void {
    const { namespace } = this.host;
    const url = new URL(location.href);
    for (const key of [...url.searchParams.keys()]) if (isStateParam(key, namespace)) url.searchParams.delete(key);
    for (const [k, v] of encodeState(state, namespace)) url.searchParams.set(k, v);
    const next = { ...(history.state as object | null), ...extra };
    if (mode === 'replace') history.replaceState(next, '', url);
    else if (url.href !== location.href) history.pushState(next, '', url);
  }

  /** The address that opens a listing. */
  hrefFor(key: string): string {
    const url = new URL(location.href);
    url.searchParams.set(this.#param('open'), key);
    return url.href;
  }
}
