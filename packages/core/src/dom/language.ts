/**
 * The interface language of a kit element: its own `lang` (the property, which a
 * kit element may hold without reflecting it), else the closest non-empty `lang`
 * attribute up the tree, crossing shadow roots to their hosts (an `<atlas-map>`
 * inside a finder on a Welsh page is Welsh), else English. The kit speaks English
 * and Welsh; any other language gets English. Both the elements and the map use it.
 */
export function interfaceLanguage(el: HTMLElement): 'en' | 'cy' {
  let value = el.lang;
  let node: Element | null = el;
  while (!value && node) {
    const parent: Element | null = node.parentElement;
    if (parent) node = parent;
    else {
      const root = node.getRootNode();
      node = root instanceof ShadowRoot ? root.host : null;
    }
    value = node?.getAttribute('lang') ?? '';
  }
  return value.toLowerCase().startsWith('cy') ? 'cy' : 'en';
}
