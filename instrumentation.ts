import type { Instrumentation } from "next";

// Runs once when the server starts: a bad configuration stops it with one clear line
// instead of failing on the first request.
export async function register() {
  // NEXT_RUNTIME is set by Next itself to pick the runtime (its documented pattern), not configuration.
  // eslint-disable-next-line no-restricted-syntax
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startRequestLogging, startUploadPatches, sweepAbandonedUploads } = await import("./instrumentation-node");
    // First, so that request logging, installed next around the same event, logs these too.
    startUploadPatches();
    startRequestLogging();
    await sweepAbandonedUploads();
    // Background jobs (lib/jobs; JOBS_WORKER=off for a web-only server). Not while `next build`
    // prerenders (Next sets NEXT_PHASE itself): only a serving process runs them.
    // eslint-disable-next-line no-restricted-syntax
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startJobWorker } = await import("./lib/jobs/runtime");
      startJobWorker({ sweepUploads: sweepAbandonedUploads });
    }
  }
}

/**
 * An error nothing caught while rendering a page, running a server action or a route handler:
 * logged as one JSON line with the request's id (Next shows the user its error page).
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  // eslint-disable-next-line no-restricted-syntax
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logUnexpected } = await import("./lib/ops/log");
  logUnexpected("request failed", error, {
    requestId: request.headers["x-request-id"],
    method: request.method,
    route: context.routePath,
    routeType: context.routeType,
    ...(context.routeType === "action" ? { serverAction: true } : {}),
  });
};
