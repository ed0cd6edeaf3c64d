/**
 * A part of the kit that loads on demand (its own chunk in the embed bundle). One
 * rule for every part: it is loaded once, and a load that fails (offline, a blocked
 * chunk) is forgotten, so the next need tries again. Every part is named in
 * ../on-demand.ts; elements ask for one with `AtlasElement.need`.
 */
export class OnDemand<M> {
  /** The module, once it has arrived (or an entry that bundles it has provided it). */
  module?: M;
  #loading?: Promise<M>;

  /** `what` names the part in the console when it cannot be loaded; `from` is its import. */
  constructor(readonly what: string, readonly from: () => Promise<M>) {}

  /** Starts the load, or joins the one under way. */
  load(): Promise<M> {
    return this.module ? Promise.resolve(this.module) : (this.#loading ??= this.from().then(
      (m) => (this.module = m),
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    ));
  }

  /** Says in the console that this part could not be loaded (a warning, unless the page loses something it asked for). */
  report(error: unknown, log = console.warn): void {
    log(`Community Atlas: ${this.what} could not be loaded`, error);
  }

  /** For an entry that has the module already (`define` bundles every part). */
  provide(module: M): void {
    this.module = module;
  }
}
