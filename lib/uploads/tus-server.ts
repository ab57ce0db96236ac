import fs from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { FileStore } from "@tus/file-store";
import { ERRORS, Server, type Upload } from "@tus/server";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { uploadErrorResponse } from "../evidence/receive-upload";
import { logUnexpected, log } from "../ops/log";
import type { StorageProvider } from "../storage/storage-provider";
import { DbLocker, defaultLeaseTimings, type LeaseTimings } from "./db-locker";
import { finishUpload } from "./finish-upload";
import { appendStaged } from "./append-staged";
import { RunningHashes } from "./running-hashes";
import { removeStaged, stagedFiles, uploadIdPattern } from "./staging";
import {
  assertMayContinue,
  finishedUploadLength,
  openUploadSession,
  ownSession,
  uploadNotFound,
  type UploadLimits,
  type UploadSessionRow,
} from "./upload-sessions";

export const uploadsPath = "/api/uploads";

export type TusUploadsOptions = {
  db: Db;
  /** Where uploads are staged until complete; every server must see the same directory. */
  stagingDir: string;
  storage: StorageProvider;
  limits: UploadLimits;
  lease?: LeaseTimings;
};

/** A PATCH, from a route handler's Request or straight from Node's request (lib/uploads/node-route.ts). */
export type PatchInput = {
  /** The path after /api/uploads/. */
  id: string;
  header(name: "tus-resumable" | "upload-offset" | "upload-length" | "content-type" | "content-length"): string | null;
  body: Readable;
  /** Aborted when the client has gone away. */
  signal: AbortSignal;
};

/** An answer to a tus request, as status, headers and body. */
export type TusReply = { status: number; headers: Record<string, string>; body: string };

export type TusUploads = {
  /** Answers one tus request (POST, HEAD, PATCH, DELETE, OPTIONS) for a signed-in actor. */
  handle(request: Request, actor: Actor): Promise<Response>;
  /** Answers a PATCH (more bytes of an upload) for a signed-in actor. */
  patch(input: PatchInput, actor: Actor): Promise<TusReply>;
};

const tusResumable = { "Tus-Resumable": "1.0.0", "Cache-Control": "no-store" };

function reply(status: number, body = "", headers: Record<string, string> = {}): TusReply {
  return { status, body: status === 204 ? "" : body, headers: { ...tusResumable, ...headers } };
}

/** The same header checks tus makes before its PATCH handler runs, or undefined if they pass. */
function badPatchHeaders(input: PatchInput): TusReply | undefined {
  if (!input.header("tus-resumable")) return reply(412, "Tus-Resumable Required\n");
  if (input.header("content-type") !== "application/offset+octet-stream") return reply(400, "Invalid content-type\n");
  if (!/^\d+$/.test(input.header("upload-offset") ?? "")) return reply(400, "Invalid upload-offset\n");
  if (input.header("upload-length") !== null) return reply(400, "Invalid upload-length\n");
  return undefined;
}

/** A refusal tus sends as it is: the status, and a body the browser shows as the message. */
function refusal(error: unknown): { status_code: number; body: string } {
  const { status, message } = uploadErrorResponse(error);
  if (status >= 500) logUnexpected("resumable upload failed", error);
  else log.info({ status, reason: message }, "resumable upload refused");
  return { status_code: status, body: JSON.stringify({ message }) };
}

/** tus's own protocol errors are plain objects with a status; anything else is ours. */
function isTusError(error: unknown): boolean {
  return !(error instanceof Error) && typeof (error as { status_code?: unknown }).status_code === "number";
}

/** @tus/file-store, whose removal of an upload (a cancel) also ends its session and its running hash. */
class StagingStore extends FileStore {
  constructor(
    directory: string,
    private readonly db: Pick<Db, "uploadSession">,
    private readonly hashes: RunningHashes,
  ) {
    super({ directory });
  }

  override async remove(id: string): Promise<void> {
    this.hashes.forget(id);
    try {
      await super.remove(id);
    } finally {
      await this.db.uploadSession.deleteMany({ where: { id } });
    }
  }
}

// FileStore's constructor makes its directory in an fs callback that throws on failure, which
// would crash the process; createTusUploads makes it first, synchronously, so it is skipped.
Object.defineProperty(StagingStore.prototype, "checkOrCreateDirectory", { value: () => {} });

/** What tus's hooks do, with what they share: the database, the staging directory, the lease. */
class UploadHooks {
  readonly locker: DbLocker;
  readonly hashes = new RunningHashes();
  readonly store: StagingStore;
  private readonly actors = new WeakMap<Request, Actor>();

  constructor(private readonly options: TusUploadsOptions) {
    this.locker = new DbLocker(options.db, options.lease ?? defaultLeaseTimings);
    this.store = new StagingStore(options.stagingDir, options.db, this.hashes);
  }

  /** The route resolves the actor before tus sees the request; the hooks read it here. */
  withActor(request: Request, actor: Actor): Request {
    this.actors.set(request, actor);
    return request;
  }

  actorOf(request: Request): Actor {
    const actor = this.actors.get(request);
    if (!actor) throw new Error("tus request handled without an actor");
    return actor;
  }

  async incoming(request: Request, id: string): Promise<void> {
    if (request.method === "POST" || request.method === "OPTIONS") return;
    const { db } = this.options;
    const session = await ownSession(db, this.actorOf(request), id);
    if (request.method === "HEAD") await this.reopenInterruptedFinish(session);
  }

  /**
   * More bytes of an upload: tus's PATCH (its checks, its answers), with the bytes written by
   * appendStaged. Once they are all in, the finish runs and its answer is the PATCH's.
   */
  async patch(input: PatchInput, actor: Actor): Promise<TusReply> {
    const refused = badPatchHeaders(input);
    if (refused) return refused;
    const { db, stagingDir } = this.options;
    const offset = Number(input.header("upload-offset"));
    try {
      if (!uploadIdPattern.test(input.id)) throw ERRORS.FILE_NOT_FOUND;
      const session = await ownSession(db, actor, input.id);
      await assertMayContinue(db, actor, session);
      const length = await this.underLease(input.id, input.signal, async (stop) => {
        const upload = await this.store.getUpload(input.id);
        if (upload.offset !== offset) throw ERRORS.INVALID_OFFSET;
        const maxBytes = Number(session.length) - offset;
        const declared = input.header("content-length");
        if (declared !== null && Number(declared) > maxBytes) throw ERRORS.ERR_SIZE_EXCEEDED;
        const running = this.hashes.continueAt(input.id, offset);
        const [path] = stagedFiles(stagingDir, input.id);
        try {
          const written = await appendStaged({ path, offset, body: input.body, maxBytes, running, stop });
          if (running) this.hashes.written(input.id, running, written);
          return written;
        } catch (error) {
          this.hashes.forget(input.id);
          throw error;
        }
      });
      if (length === Number(session.length)) {
        const finished = await this.finish(actor, input.id);
        // Upload-Offset too: tus clients read it from every PATCH's answer, the finish's included.
        return reply(finished.status_code, finished.body, { ...finished.headers, "Upload-Offset": String(length) });
      }
      return reply(204, "", { "Upload-Offset": String(length) });
    } catch (error) {
      const { status_code, body } = isTusError(error)
        ? (error as { status_code: number; body: string })
        : refusal(error);
      return reply(status_code, body);
    }
  }

  async create(request: Request, upload: Upload): Promise<{ metadata?: Upload["metadata"] }> {
    const { db, limits } = this.options;
    const newUpload = { id: upload.id, length: upload.size, metadata: upload.metadata };
    await openUploadSession(db, this.actorOf(request), newUpload, limits);
    return {};
  }

  /**
   * Runs `work` holding the upload's lease. Another request asking for it aborts `stop` (a PATCH
   * then ends its write early); short work and the finish, which must complete, ignore it.
   */
  private async underLease<T>(id: string, signal: AbortSignal, work: (stop: AbortSignal) => Promise<T>): Promise<T> {
    const lease = this.locker.newLock(id);
    const stop = new AbortController();
    await lease.lock(signal, async () => stop.abort());
    try {
      return await work(stop.signal);
    } finally {
      await lease.unlock();
    }
  }

  /**
   * A session whose bytes are all staged, with no finish running, is one whose finish was cut
   * off (a crash or restart). tus would answer HEAD with the full offset and the client would
   * call it done with no file recorded; giving up the last byte makes it send that byte again,
   * and the finish then runs in a request the client waits on.
   */
  private async reopenInterruptedFinish(session: UploadSessionRow): Promise<void> {
    const [file] = stagedFiles(this.options.stagingDir, session.id);
    await this.underLease(session.id, new AbortController().signal, async () => {
      const size = await fs.promises.stat(file).then(
        (s) => s.size,
        () => -1,
      );
      if (size > 0 && size === Number(session.length)) await fs.promises.truncate(file, size - 1);
      if (size === -1) {
        // Its bytes never made it to the staging directory (a crash just after the session
        // began): nothing to resume, and its reservation goes now rather than at the sweep.
        await this.options.db.uploadSession.deleteMany({ where: { id: session.id } });
        throw uploadNotFound();
      }
    });
  }

  async finish(actor: Actor, id: string) {
    const { db, stagingDir, storage, limits } = this.options;
    const [stagedPath] = stagedFiles(stagingDir, id);
    const file = await this.underLease(id, new AbortController().signal, async () => {
      try {
        const session = await ownSession(db, actor, id);
        const sha256 = this.hashes.take(id, Number(session.length));
        return await finishUpload({ db, actor, session, stagedPath, sha256, storage, quotaBytes: limits.quotaBytes });
      } catch (error) {
        // Refused or failed: the upload is over either way (the client must not resume a
        // complete file); its reservation and staged bytes go.
        await db.uploadSession.deleteMany({ where: { id } });
        throw error;
      } finally {
        this.hashes.forget(id);
        await removeStaged(stagingDir, id);
      }
    });
    log.info({ evidenceId: file.evidenceId, fileId: file.id, bytes: file.size }, "resumable upload stored");
    return { status_code: 200, headers: { "Content-Type": "application/json" }, body: JSON.stringify(file) };
  }
}

/**
 * The tus server for evidence files (docs/decisions/0025-resumable-uploads.md): uploads are
 * staged with @tus/file-store in a directory the servers share, one request at a time per
 * upload through a lease in the database, and each has an UploadSession row that holds its
 * reservation of the allowance and its owner. Once all bytes are in, the file is checked and
 * handed to the StorageProvider like a one-request upload; until then there is no row and no
 * object. Every hook throws UploadError (or the policy's errors), answered by onResponseError.
 */
export function createTusUploads(options: TusUploadsOptions): TusUploads {
  const hooks = new UploadHooks(options);
  // Synchronously, so a directory that cannot be made fails here (see StagingStore).
  fs.mkdirSync(options.stagingDir, { recursive: true });
  const server = new Server({
    path: uploadsPath,
    datastore: hooks.store,
    locker: hooks.locker,
    // Location: /api/uploads/<id>; the client resolves it against the page's own origin, so
    // it holds behind any proxy without trusting Forwarded headers.
    relativeLocation: true,
    // Same origin only: no CORS headers for other sites.
    allowedOrigins: () => false,
    onIncomingRequest: (request, id) => hooks.incoming(request, id),
    onUploadCreate: (request, upload) => hooks.create(request, upload),
    // Only for a POST carrying the whole file (creation-with-upload); PATCHes finish in hooks.patch.
    onUploadFinish: (request, upload) => hooks.finish(hooks.actorOf(request), upload.id),
    onResponseError: (_request, error) => (isTusError(error) ? undefined : refusal(error)),
  });
  return {
    handle: async (request, actor) => {
      if (request.method === "PATCH") return asResponse(await hooks.patch(patchOf(request), actor));
      return (await answerFinished(options.db, request, actor)) ?? server.handleWeb(hooks.withActor(request, actor));
    },
    patch: (input, actor) => hooks.patch(input, actor),
  };
}

/** A route handler's PATCH as a PatchInput (the route is used by `next dev` and the tests). */
function patchOf(request: Request): PatchInput {
  return {
    id: new URL(request.url).pathname.slice(uploadsPath.length + 1),
    header: (name) => request.headers.get(name),
    // The DOM and node:stream/web ReadableStream types differ only on paper.
    body: request.body ? Readable.fromWeb(request.body as unknown as NodeWebReadableStream) : Readable.from([]),
    signal: request.signal,
  };
}

function asResponse({ status, headers, body }: TusReply): Response {
  return new Response(status === 204 ? null : body, { status, headers });
}

/**
 * HEAD of an upload already recorded as a file: complete (Upload-Offset = Upload-Length). tus
 * has forgotten it, and would answer 404, on which a client that missed the finish's answer (a
 * dropped connection, a reload) starts the upload again and records the file twice.
 */
async function answerFinished(db: Db, request: Request, actor: Actor): Promise<Response | undefined> {
  if (request.method !== "HEAD") return undefined;
  const id = new URL(request.url).pathname.slice(uploadsPath.length + 1);
  if (!uploadIdPattern.test(id)) return undefined;
  const length = await finishedUploadLength(db, actor, id);
  if (length === undefined) return undefined;
  return new Response(null, {
    status: 200,
    headers: {
      "Tus-Resumable": "1.0.0",
      "Upload-Offset": String(length),
      "Upload-Length": String(length),
      "Cache-Control": "no-store",
    },
  });
}
