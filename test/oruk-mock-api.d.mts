// Types for oruk-mock-api.mjs (plain JavaScript so that web-test-runner's config can load it).
type Json = Record<string, unknown>;
export function listItem(service: Json): Json;
export function servicesPage(services: Json[], page: number, perPage: number): Json & { contents: Json[] };
export function handle(
  path: string,
  search: string,
  answer: (response: { status: number; body: string }) => void,
  onClose?: (cancel: () => void) => void,
): boolean;
export function orukMockMiddleware(ctx: unknown, next: () => Promise<unknown>): Promise<unknown>;
