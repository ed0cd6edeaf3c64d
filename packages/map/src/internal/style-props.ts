import { noChange } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties through the CSSOM (`element.style.setProperty`), never
 * as a `style` attribute. Lit's `styleMap` writes a `style` attribute on its first
 * render, which a Content-Security-Policy without `'unsafe-inline'` in `style-src`
 * blocks: every marker then sat at the map's top-left corner. CSSOM writes are not
 * governed by `style-src`, so the map works under a council's strict policy.
 *
 * Used in element position: `<button ${styleProps({ transform: '…' })}>`.
 */
class StyleProps extends Directive {
  #set = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('styleProps() goes on an element, not in an attribute');
  }

  override render(_props: Readonly<Record<string, string>>): unknown {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#set) {
      if (!(name in props)) {
        style.removeProperty(name);
        this.#set.delete(name);
      }
    }
    for (const [name, value] of Object.entries(props)) {
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
      this.#set.add(name);
    }
    return noChange;
  }
}

export const styleProps = directive(StyleProps);
