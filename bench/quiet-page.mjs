// A page for benchmarks, without the work an automation library adds to the page it drives.
/**
 * A page opened and driven over the DevTools protocol directly rather than as
 * a Playwright page: Playwright turns on DevTools' network domain for its
 * pages, which keeps a copy of every response body on the page's main thread
 * (for a 15 MB feed a task of a quarter of a second that no resident's browser
 * runs). Only Runtime is used here, which watches nothing. `run(name, ...args)`
 * calls `window[name](...args)` and resolves with its result as JSON; `evaluate`
 * gives an expression's value, `send` any protocol command to the page. It
 * resolves once `ready` (an expression) holds.
 * `isolated` opens it in a browser context of its own (an empty cache), and
 * `before(send)` runs protocol commands on its session before it loads.
 */
export async function quietPage(browser, url, { ready = "typeof window.benchLoad === 'function'", isolated = false, before } = {}) {
  const cdp = await browser.newBrowserCDPSession();
  // `isolated`: a browser context of its own, so an empty cache, as on a first visit.
  const { browserContextId } = isolated ? await cdp.send('Target.createBrowserContext') : {};
  const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', ...(browserContextId ? { browserContextId } : {}) });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  // In front from the start: a page behind another is a background tab, its timers held back and its long tasks not reported.
  await cdp.send('Target.activateTarget', { targetId });
  let id = 0;
  const waiting = new Map();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const m = JSON.parse(event.message);
    if (m.id !== undefined) {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w.reject(new Error(m.error.message));
      else w.resolve(m.result);
    } else if (m.method === 'Runtime.exceptionThrown') {
      console.error(`page error: ${m.params.exceptionDetails.exception?.description ?? m.params.exceptionDetails.text}`);
    } else if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning'].includes(m.params.type)) {
      console.error(`page ${m.params.type}: ${m.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    }
  });
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    waiting.set(++id, { resolve, reject });
    void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
  });
  await send('Runtime.enable');
  // `before(send)`: set-up over the same session before the page loads (emulation, scripts run at document start).
  if (before) await before(send);
  await send('Page.navigate', { url });
  const evaluate = async (expression) => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  };
  for (let i = 0; !(await evaluate(ready)); i++) {
    if (i > 1200) throw new Error(`the bench page did not load: ${ready} never held`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    evaluate,
    // Brought to the front first: a page behind another is a background tab, its timers held back and its long tasks not reported.
    run: async (name, ...args) => {
      await cdp.send('Target.activateTarget', { targetId });
      return evaluate(`window[${JSON.stringify(name)}](...${JSON.stringify(args)})`);
    },
    /** A DevTools protocol command to the page (Input.dispatchKeyEvent, Profiler.start…). */
    send,
    close: async () => {
      await cdp.send('Target.closeTarget', { targetId });
      if (browserContextId) await cdp.send('Target.disposeBrowserContext', { browserContextId });
    },
  };
}
