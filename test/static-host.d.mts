// Types for static-host.mjs (plain JavaScript so that web-test-runner's config can load it).
export function staticHostMiddleware(ctx: unknown, next: () => Promise<unknown>): Promise<unknown>;
