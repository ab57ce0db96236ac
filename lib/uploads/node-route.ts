import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { actorFromCookies } from "../auth/actor-from-cookies";
import type { Db } from "../db/client";
import { failedMessage } from "../ops/failed-message";
import { logUnexpected } from "../ops/log";
import { noteRequestRoute, noteRequestUser } from "../ops/log-context";
import { uploadsPath, type TusReply, type TusUploads } from "./tus-server";

// The bytes of resumable uploads on Node's own streams (docs/decisions/0028-upload-bytes-on-node-streams.md):
// a PATCH to /api/uploads/<id> is answered here, from the HTTP server's "request" event, before
// Next turns the request into a web Request whose body is a web stream. Everything else, the
// other tus requests included, goes on to Next. Same checks, same answers, same code
// (TusUploads.patch) as the route handler, which still answers PATCHes under `next dev`.

export const uploadsRoute = "/api/uploads/[[...path]]";

/** The answer to a tus request without a session. */
export const signedOut = {
  status: 401,
  body: { message: "Your session has ended. Sign in again, then add the file." },
  headers: { "Cache-Control": "no-store", "Tus-Resumable": "1.0.0" },
};

export type UploadPatchDeps = { db: () => Db; uploads: () => TusUploads; secret: string };

export function isUploadPatch(req: IncomingMessage): boolean {
  return req.method === "PATCH" && (req.url ?? "").startsWith(`${uploadsPath}/`);
}

function send(res: ServerResponse, { status, headers, body }: TusReply): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Answers one PATCH of a resumable upload, with the request itself as the body's stream. */
export async function answerUploadPatch(
  req: IncomingMessage,
  res: ServerResponse,
  deps: UploadPatchDeps,
): Promise<void> {
  noteRequestRoute(uploadsRoute);
  try {
    const actor = await actorFromCookies(deps.db(), req.headers.cookie, deps.secret);
    if (!actor) {
      send(res, {
        ...signedOut,
        body: JSON.stringify(signedOut.body),
        headers: { ...signedOut.headers, "Content-Type": "application/json" },
      });
      return;
    }
    noteRequestUser(actor.userId);
    const gone = new AbortController();
    res.once("close", () => gone.abort());
    const pathname = (req.url ?? "").split("?")[0] ?? "";
    const reply = await deps.uploads().patch(
      {
        id: pathname.slice(uploadsPath.length + 1),
        header: (name) => header(req, name),
        body: req,
        signal: gone.signal,
      },
      actor,
    );
    send(res, reply);
  } catch (error) {
    logUnexpected("route handler failed", error, { method: "PATCH", route: uploadsRoute });
    send(res, {
      status: 500,
      headers: { "Cache-Control": "no-store", "Content-Type": "application/json" },
      body: JSON.stringify({ message: failedMessage }),
    });
  }
}

const installed = Symbol.for("competence-portfolio.upload-patches");

/**
 * Answers upload PATCHes on every Node HTTP server in this process before its own listeners
 * (instrumentation.ts calls it once at start-up, before request logging wraps the same event,
 * so these requests are logged and counted like any other).
 */
export function installUploadPatches(deps: UploadPatchDeps): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: boolean };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    const [req, res] = args as [IncomingMessage, ServerResponse];
    if (event !== "request" || !isUploadPatch(req)) return emit.call(this, event, ...args);
    void answerUploadPatch(req, res, deps);
    return true;
  } as typeof proto.emit;
}
