// A local Open Referral UK 3.0 API for the browser tests, answering as the profile's
// OpenAPI description (schema/openapi.json) says:
//   GET /services?page=N&per_page=M  a `Page` whose `contents` hold only each service's
//                                    one-to-one fields (compiled/service_list.json);
//   GET /services/{id}               the full record (compiled/service.json), with its
//                                    locations, schedules, taxonomy, cost options, contacts;
//   an unknown id                    404.
// web-test-runner.config.mjs serves it under /oruk-api/NAME/, NAME chosen by each test so
// that tests running side by side keep their own state and request log. NAME's first word
// says how the API behaves:
//   ok-…    answers at once;
//   held-…  holds full-record answers until /oruk-api/NAME/_release (a slow API);
//   down-…  answers full records 503 until /oruk-api/NAME/_heal (an API that is down).
// /oruk-api/NAME/_log answers { pages, details, mostAtOnce, waiting, cancelled }.
// The services are what `atlas export oruk` wrote for 30 demo listings
// (test/fixtures/oruk/api-services.json); packages/cli/test/oruk-mock-api.test.ts checks
// these answers against the official schemas.
import { readFileSync } from 'node:fs';

const SERVICES = JSON.parse(readFileSync(new URL('./fixtures/oruk/api-services.json', import.meta.url), 'utf8'));

/** The one-to-one fields of a service and of its organisation: compiled/service_list.json's properties. */
const LIST_FIELDS = ['id', 'organization_id', 'name', 'description', 'url', 'email', 'status', 'fees', 'accreditations', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'alert', 'last_modified', 'organization'];
const ORGANIZATION_FIELDS = ['id', 'name', 'description', 'email', 'website', 'logo', 'uri', 'parent_organization_id'];

const pick = (record, fields) => Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));

/** A service as a list page carries it. */
export function listItem(service) {
  const item = pick(service, LIST_FIELDS);
  if (service.organization) item.organization = pick(service.organization, ORGANIZATION_FIELDS);
  return item;
}

/** A page of `/services`, in the OpenAPI `Page` shape. */
export function servicesPage(services, page, perPage) {
  const totalPages = Math.max(1, Math.ceil(services.length / perPage));
  const contents = services.slice((page - 1) * perPage, page * perPage).map(listItem);
  return {
    total_items: services.length,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: services.length === 0,
    contents,
  };
}

/** One API's state: what it has been asked, and what it is holding. */
function newApi(name) {
  return {
    behaviour: name.split('-')[0],
    log: { pages: [], details: [], mostAtOnce: 0, waiting: 0, cancelled: [] },
    inFlight: 0,
    held: [],
  };
}

const apis = new Map();

/**
 * The answer to one request, or undefined when the path is not the mock's. `answer` is
 * called with { status, body } once the API decides to answer (at once, or on release);
 * `onClose` registers what to do if the browser gives up first (a cancelled fetch).
 */
export function handle(path, search, answer, onClose = () => {}) {
  const m = /^\/oruk-api\/([\w-]+)(\/.*)?$/.exec(path);
  if (!m) return false;
  const name = m[1];
  const rest = m[2] ?? '/';
  if (!apis.has(name)) apis.set(name, newApi(name));
  const api = apis.get(name);
  const json = (status, body) => answer({ status, body: JSON.stringify(body) });

  if (rest === '/_log') return json(200, { ...api.log, waiting: api.held.length }), true;
  if (rest === '/_release') {
    api.behaviour = 'ok';
    for (const go of api.held.splice(0)) go();
    return json(200, { released: true }), true;
  }
  if (rest === '/_heal') return (api.behaviour = 'ok'), json(200, { healed: true }), true;

  if (rest === '/services' || rest === '/services/') {
    const params = new URLSearchParams(search);
    const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
    const perPage = Math.max(1, Number(params.get('per_page') ?? 50) || 50);
    api.log.pages.push(page);
    return json(200, servicesPage(SERVICES, page, perPage)), true;
  }
  const detail = /^\/services\/([^/]+)$/.exec(rest);
  if (detail) {
    const id = decodeURIComponent(detail[1]);
    api.log.details.push(id);
    api.inFlight++;
    api.log.mostAtOnce = Math.max(api.log.mostAtOnce, api.inFlight);
    let done = false;
    const reply = () => {
      if (done) return;
      done = true;
      api.inFlight--;
      if (api.behaviour === 'down') return json(503, { message: 'Service unavailable' });
      const service = SERVICES.find((s) => s.id === id);
      return service ? json(200, service) : json(404, { message: `No service ${id}` });
    };
    onClose(() => {
      if (done) return;
      done = true;
      api.inFlight--;
      api.log.cancelled.push(id);
      const i = api.held.indexOf(reply);
      if (i >= 0) api.held.splice(i, 1);
    });
    if (api.behaviour === 'held') {
      api.held.push(reply);
      // A test that never releases fails on its own assertion rather than hanging the run.
      setTimeout(reply, 30_000).unref?.();
    } else reply();
    return true;
  }
  json(404, { message: 'Not found' });
  return true;
}

/** The same API as web-test-runner (Koa) middleware. */
export function orukMockMiddleware(ctx, next) {
  if (!ctx.path.startsWith('/oruk-api/')) return next();
  // Read from another origin, as a council's API is: it must allow that (CORS), as the README says.
  ctx.set('Access-Control-Allow-Origin', '*');
  return new Promise((resolve) => {
    let finished = false;
    handle(
      ctx.path,
      ctx.querystring,
      ({ status, body }) => {
        if (finished) return;
        finished = true;
        ctx.status = status;
        ctx.type = 'application/json';
        ctx.body = body;
        resolve();
      },
      // The response closing before it was written: the browser gave up (an aborted fetch closes its connection).
      (cancel) => ctx.res.on('close', () => {
        if (!finished && !ctx.res.writableEnded) {
          cancel();
          finished = true;
          resolve();
        }
      }),
    );
  });
}
