import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decodeState, encodeState, isStateParam, type FinderState } from '@community-atlas/core';

type Host = ReactiveControllerHost & { namespace: string };

/** The finders in the page now. */
const live = new Set<Host>();

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

  /**
   * Two finders without a namespace would read and write the same parameters (a search
   * in one would show in the other). The first to arrive keeps the plain names; each
   * later one takes the namespace `finder2`, `finder3`, … (the same on every load of the
   * page, as finders arrive in page order, so its links work) and says so in the console.
   */
  hostConnected(): void {
    const { host } = this;
    if (!host.namespace && [...live].some((other) => !other.namespace)) {
      let n = 2;
      while ([...live].some((other) => other.namespace === `finder${n}`)) n++;
      host.namespace = `finder${n}`;
      console.warn(`Community Atlas: another atlas-finder on this page has no namespace, so this one uses namespace "${host.namespace}" to keep its state apart in the address (${host.namespace}.q, ${host.namespace}.open, …). Set a namespace attribute on each finder to choose the names.`);
    }
    live.add(host);
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    live.delete(this.host);
    window.removeEventListener('popstate', this.onPopState);
  }

  #param(name: string): string {
    return this.host.namespace ? `${this.host.namespace}.${name}` : name;
  }

  /** Whether the address has this finder's parameter. */
  has(name: string): boolean {
    return new URLSearchParams(location.search).has(this.#param(name));
  }

  /** Whether the address holds none of this finder's state: it opens on the default state. */
  isDefault(): boolean {
    return ![...new URLSearchParams(location.search).keys()].some((key) => isStateParam(key, this.host.namespace));
  }

  /** Whether the address holds this finder's `name` and none of its other state. */
  isOnly(name: string): boolean {
    const keys = [...new URLSearchParams(location.search).keys()].filter((key) => isStateParam(key, this.host.namespace));
    return keys.length > 0 && keys.every((key) => key === this.#param(name));
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

  /** The address with this finder's `open` set to MARK, split at it: made once for each address (see hrefFor). */
  #hrefs?: { from: string; param: string; parts: string[] };

  /**
   * The address that opens a listing: the page's address with this finder's `open` set to
   * the key. Every results draw asks for one per card, and parsing the address each time
   * was a third of the results' draw on a slow phone: the address is parsed once for each
   * address the page has, and the key put in as the parameter's value would be written.
   */
  hrefFor(key: string): string {
    const param = this.#param('open');
    let hrefs = this.#hrefs;
    if (hrefs?.from !== location.href || hrefs.param !== param) {
      const url = new URL(location.href);
      url.searchParams.set(param, MARK);
      hrefs = this.#hrefs = { from: location.href, param, parts: url.href.split(MARK) };
    }
    const value = hrefs.parts.length === 2 ? formValue(key) : undefined;
    if (value === undefined) {
      const url = new URL(location.href);
      url.searchParams.set(param, key);
      return url.href;
    }
    return `${hrefs.parts[0]}${value}${hrefs.parts[1]}`;
  }
}

/** A value no address of the page holds, put where the key goes (letters and digits: written as it is). */
const MARK = 'atlasOpenKey0e5b';

/**
 * A parameter's value as URLSearchParams writes it (application/x-www-form-urlencoded): a
 * space as `+`, every byte but letters, digits and `*-._` percent-encoded. Undefined for a
 * string with a lone surrogate, which URLSearchParams writes as U+FFFD.
 */
function formValue(value: string): string | undefined {
  try {
    return encodeURIComponent(value).replace(/[!'()~]|%20/g, (c) => (c === '%20' ? '+' : `%${c.charCodeAt(0).toString(16).toUpperCase()}`));
  } catch {
    return undefined;
  }
}
