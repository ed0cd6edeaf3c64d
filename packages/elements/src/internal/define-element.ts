/**
 * Registers a tag, warning rather than throwing when it is already taken: two
 * copies of the kit on one council page (a CMS block and a footer widget) must
 * not break the page.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor) console.warn(`Community Atlas: <${tag}> is already defined; this copy of the kit uses the one already there.`);
    return;
  }
  customElements.define(tag, ctor);
}
