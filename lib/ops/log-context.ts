import { AsyncLocalStorage } from "node:async_hooks";

/** What the logs know about the request being handled. Filled in as it becomes known. */
export type RequestContext = {
  requestId: string;
  /** The signed-in user's id (never their email), once the session has been read. */
  userId?: string;
  /** The route's pattern (e.g. /api/files/[id]), when a route handler names it. */
  route?: string;
};

// One store per process, on globalThis: Next bundles a module once per route and once for
// instrumentation, and every copy must see the context the HTTP server set.
const key = Symbol.for("competence-portfolio.request-context");
const holder = globalThis as { [key]?: AsyncLocalStorage<RequestContext> };
const store = (holder[key] ??= new AsyncLocalStorage<RequestContext>());

/** Runs `fn` (and everything it calls, awaits and schedules) as part of this request. */
export function runInRequest<T>(context: RequestContext, fn: () => T): T {
  return store.run(context, fn);
}

/** The request being handled, or undefined outside one (start-up, scripts, tests). */
export function currentRequest(): RequestContext | undefined {
  return store.getStore();
}

/** Records who is signed in for the request's log lines. */
export function noteRequestUser(userId: string): void {
  const context = store.getStore();
  if (context) context.userId = userId;
}

/** Records the route's pattern, for the completion line and the metrics' route label. */
export function noteRequestRoute(route: string): void {
  const context = store.getStore();
  if (context) context.route = route;
}
