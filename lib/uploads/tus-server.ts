import fs from "node:fs";
import stream from "node:stream";
import { FileStore } from "@tus/file-store";
import { Server, type Upload } from "@tus/server";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { uploadErrorResponse } from "../evidence/receive-upload";
import { logUnexpected, log } from "../ops/log";
import type { StorageProvider } from "../storage/storage-provider";
import { DbLocker, defaultLeaseTimings, type LeaseTimings } from "./db-locker";
import { finishUpload } from "./finish-upload";
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

export type TusUploads = {
  /** Answers one tus request (POST, HEAD, PATCH, DELETE, OPTIONS) for a signed-in actor. */
  handle(request: Request, actor: Actor): Promise<Response>;
};

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

/**
 * @tus/file-store, which hashes the bytes it stages while this process has seen every byte
 * before them, and whose removal of an upload (a cancel) also ends its session.
 */
class StagingStore extends FileStore {
  constructor(
    directory: string,
    private readonly db: Pick<Db, "uploadSession">,
    private readonly hashes: RunningHashes,
  ) {
    super({ directory });
  }

  override async write(readable: stream.Readable, id: string, offset: number): Promise<number> {
    const running = this.hashes.continueAt(id, offset);
    if (!running) return super.write(readable, id, offset);
    const hashing = new stream.Transform({
      transform(chunk: Buffer, _encoding, done) {
        running.hash.update(chunk);
        running.bytes += chunk.length;
        done(null, chunk);
      },
    });
    try {
      // pipeline, not pipe: an error in the request's stream must reach the file store's.
      const fileLength = await super.write(
        stream.pipeline(readable, hashing, () => {}),
        id,
        offset,
      );
      this.hashes.written(id, running, fileLength);
      return fileLength;
    } catch (error) {
      this.hashes.forget(id);
      throw error;
    }
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
  private readonly actors = new WeakMap<Request, Actor>();

  constructor(private readonly options: TusUploadsOptions) {
    this.locker = new DbLocker(options.db, options.lease ?? defaultLeaseTimings);
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
    const actor = this.actorOf(request);
    const session = await ownSession(db, actor, id);
    if (request.method === "PATCH") await assertMayContinue(db, actor, session);
    if (request.method === "HEAD") await this.reopenInterruptedFinish(session);
  }

  async create(request: Request, upload: Upload): Promise<{ metadata?: Upload["metadata"] }> {
    const { db, limits } = this.options;
    const newUpload = { id: upload.id, length: upload.size, metadata: upload.metadata };
    await openUploadSession(db, this.actorOf(request), newUpload, limits);
    return {};
  }

  /** Runs `work` holding the upload's lease, ignoring requests to let go (it is short, or must finish). */
  private async underLease<T>(id: string, work: () => Promise<T>): Promise<T> {
    const lease = this.locker.newLock(id);
    await lease.lock(new AbortController().signal, async () => {});
    try {
      return await work();
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
    await this.underLease(session.id, async () => {
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

  async finish(request: Request, upload: Upload) {
    const { db, stagingDir, storage, limits } = this.options;
    const actor = this.actorOf(request);
    const [stagedPath] = stagedFiles(stagingDir, upload.id);
    const file = await this.underLease(upload.id, async () => {
      try {
        const session = await ownSession(db, actor, upload.id);
        const sha256 = this.hashes.take(upload.id, Number(session.length));
        return await finishUpload({ db, actor, session, stagedPath, sha256, storage, quotaBytes: limits.quotaBytes });
      } catch (error) {
        // Refused or failed: the upload is over either way (the client must not resume a
        // complete file); its reservation and staged bytes go.
        await db.uploadSession.deleteMany({ where: { id: upload.id } });
        throw error;
      } finally {
        this.hashes.forget(upload.id);
        await removeStaged(stagingDir, upload.id);
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
    datastore: new StagingStore(options.stagingDir, options.db, hooks.hashes),
    locker: hooks.locker,
    // Location: /api/uploads/<id>; the client resolves it against the page's own origin, so
    // it holds behind any proxy without trusting Forwarded headers.
    relativeLocation: true,
    // Same origin only: no CORS headers for other sites.
    allowedOrigins: () => false,
    onIncomingRequest: (request, id) => hooks.incoming(request, id),
    onUploadCreate: (request, upload) => hooks.create(request, upload),
    onUploadFinish: (request, upload) => hooks.finish(request, upload),
    onResponseError: (_request, error) => (isTusError(error) ? undefined : refusal(error)),
  });
  return {
    handle: async (request, actor) =>
      (await answerFinished(options.db, request, actor)) ?? server.handleWeb(hooks.withActor(request, actor)),
  };
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
