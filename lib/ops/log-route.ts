import { unstable_rethrow } from "next/navigation";
import { logUnexpected } from "./log";
import { failedMessage } from "./failed-message";
import { noteRequestRoute } from "./log-context";

/**
 * A route handler with its route pattern named for the logs and metrics, and an unexpected
 * error logged (with the request's id) and answered with a plain 500 instead of Next's page.
 */
export function withRouteLog<Context>(
  route: string,
  handler: (request: Request, context: Context) => Promise<Response> | Response,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    noteRequestRoute(route);
    try {
      return await handler(request, context);
    } catch (error) {
      unstable_rethrow(error); // redirect(), notFound() and Next's own signals are not failures
      logUnexpected("route handler failed", error, { method: request.method, route });
      return Response.json({ message: failedMessage }, { status: 500, headers: { "Cache-Control": "no-store" } });
    }
  };
}
