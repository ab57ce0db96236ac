import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "pino";
import { runInRequest, type RequestContext } from "./log-context";
import { requestIdFrom, requestIdHeader } from "./log-request-id";
import { buildRoutePatterns, routeMatcher } from "./log-route-pattern";
import { recordHttpRequest } from "./metrics";

// Every HTTP request the server answers: a request id (the caller's X-Request-Id when
// well-formed, else a new one) set on the request for Next and proxy.ts to pass on and on the
// response, a context that every log line written while handling it reads (lib/ops/log-context.ts),
// and, when it ends, one completion line and the request metrics.

export type RequestLogOptions = {
  logger: Logger;
  /** The route pattern of a path (raw paths carry ids and tokens). */
  routeOf: (pathname: string) => string;
};

/** Polled by load balancers and Prometheus every few seconds: their lines only at debug level. */
const polled = new Set(["/api/health", "/api/ready", "/api/metrics", "/_next/static", "/_next/image"]);

function logCompletion(
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
  started: bigint,
  options: RequestLogOptions,
) {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  const route = context.route ?? options.routeOf(pathname);
  const method = req.method ?? "GET";
  const status = res.statusCode;
  recordHttpRequest({ method, route, status, seconds });
  const line = {
    method,
    route,
    status,
    durationMs: Math.round(seconds * 10_000) / 10,
    ...(req.headers["next-action"] ? { serverAction: true } : {}),
    // The client went away before the whole answer was sent (a cancelled upload, a closed tab).
    ...(res.writableFinished ? {} : { aborted: true }),
  };
  const level = status >= 500 ? "error" : polled.has(route) ? "debug" : "info";
  runInRequest(context, () => options.logger[level](line, "request completed"));
}

/** Handles one request (`handle`) inside its logging context. */
export function inRequestContext<T>(
  req: IncomingMessage,
  res: ServerResponse,
  options: RequestLogOptions,
  handle: () => T,
): T {
  const incoming = req.headers[requestIdHeader];
  const requestId = requestIdFrom(Array.isArray(incoming) ? incoming[0] : incoming);
  req.headers[requestIdHeader] = requestId;
  res.setHeader("X-Request-Id", requestId);
  const context: RequestContext = { requestId };
  const started = process.hrtime.bigint();
  // "close" comes after the last byte is sent, and also when the client goes away first.
  res.once("close", () => logCompletion(req, res, context, started, options));
  return runInRequest(context, handle);
}

const installed = Symbol.for("competence-portfolio.request-logging");

/**
 * Wraps every Node HTTP server's "request" event in this process (instrumentation.ts calls it
 * once at start-up; Next has no hook that sees each request from arrival to last byte).
 */
export function installRequestLogging(logger: Logger): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  let routeOf: ((pathname: string) => string) | undefined;
  const options: RequestLogOptions = {
    logger,
    routeOf: (pathname) => (routeOf ??= routeMatcher(buildRoutePatterns()))(pathname),
  };
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== "request") return emit.call(this, event, ...args);
    const [req, res] = args as [IncomingMessage, ServerResponse];
    return inRequestContext(req, res, options, () => emit.call(this, event, req, res));
  } as typeof proto.emit;
}
