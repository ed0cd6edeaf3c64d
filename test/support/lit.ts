// The Lit elements of a page or of one element, through shadow roots: what the test
// helpers that wait (settle.ts) and the timeout watchdog (testing.ts) look at.

export type Updatable = Element & { updateComplete?: Promise<unknown>; isUpdatePending?: boolean; hasUpdated?: boolean };

/** Every Lit element at or under `root`, through shadow roots. */
export function litElements(root: Element): Updatable[] {
  const found: Updatable[] = [];
  const visit = (el: Element): void => {
    if ('updateComplete' in el) found.push(el as Updatable);
    for (const child of el.shadowRoot ? [...el.shadowRoot.children, ...el.children] : el.children) visit(child);
  };
  visit(root);
  return found;
}
