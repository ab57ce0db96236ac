import crypto from "node:crypto";
import { ERRORS, type Lock, type Locker, type RequestRelease } from "@tus/server";
import type { Db } from "../db/client";

export type LeaseTimings = {
  /** How long a lease holds without renewal: how long others wait after its server died. */
  leaseMs: number;
  /** How often the holder renews its lease and looks for a request to let go. */
  renewEveryMs: number;
  /** How often a waiting request tries again. */
  retryEveryMs: number;
  /** How long a request waits for the lease before giving up (tus answers 500, clients retry). */
  acquireTimeoutMs: number;
};

export const defaultLeaseTimings: LeaseTimings = {
  leaseMs: 10_000,
  renewEveryMs: 1_000,
  retryEveryMs: 200,
  acquireTimeoutMs: 30_000,
};

type SessionTable = Pick<Db, "uploadSession">;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * One request at a time per upload, across every server sharing the database: a lease on the
 * upload's UploadSession row (lockToken, lockedUntil), renewed while its request runs. A second
 * request asks the holder to let go (releaseRequested), as tus's in-process MemoryLocker does: a
 * client that reconnects after a dropped connection takes over from its own stale request. A
 * holder that died (SIGKILL, power) stops renewing, and its lease runs out after `leaseMs`.
 * An upload with no session row has nothing to guard: its requests are refused before they
 * write (lib/uploads/tus-server.ts), so the lock is then granted at once.
 * docs/decisions/0025-resumable-uploads.md.
 */
export class DbLocker implements Locker {
  constructor(
    private readonly db: SessionTable,
    private readonly timings: LeaseTimings = defaultLeaseTimings,
  ) {}

  newLock(id: string): Lock {
    return new DbLease(this.db, id, this.timings);
  }
}

class DbLease implements Lock {
  private readonly token = crypto.randomBytes(16).toString("hex");
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SessionTable,
    private readonly id: string,
    private readonly timings: LeaseTimings,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.timings.acquireTimeoutMs;
    for (;;) {
      const outcome = await this.tryTake();
      if (outcome !== "held elsewhere") {
        if (outcome === "taken") this.keepRenewing(requestRelease);
        return;
      }
      await this.askHolderToLetGo();
      if (signal.aborted || Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      await sleep(this.timings.retryEveryMs, signal);
    }
  }

  async unlock(): Promise<void> {
    clearInterval(this.renewal);
    this.renewal = undefined;
    await this.db.uploadSession.updateMany({
      where: { id: this.id, lockToken: this.token },
      data: { lockToken: null, lockedUntil: null, releaseRequested: false },
    });
  }

  private async tryTake(): Promise<"taken" | "no session" | "held elsewhere"> {
    const now = new Date();
    const { count } = await this.db.uploadSession.updateMany({
      where: { id: this.id, OR: [{ lockToken: null }, { lockedUntil: { lt: now } }] },
      data: {
        lockToken: this.token,
        lockedUntil: new Date(now.getTime() + this.timings.leaseMs),
        releaseRequested: false,
        touchedAt: now,
      },
    });
    if (count === 1) return "taken";
    const exists = await this.db.uploadSession.count({ where: { id: this.id } });
    return exists === 0 ? "no session" : "held elsewhere";
  }

  private async askHolderToLetGo(): Promise<void> {
    await this.db.uploadSession.updateMany({
      where: { id: this.id, lockToken: { not: null }, releaseRequested: false },
      data: { releaseRequested: true },
    });
  }

  /** Renews the lease, and passes a request to let go on to tus (which ends this request). */
  private keepRenewing(requestRelease: RequestRelease): void {
    let asked = false;
    this.renewal = setInterval(() => {
      void this.renew()
        .then(async (releaseRequested) => {
          if (releaseRequested && !asked) {
            asked = true;
            await requestRelease();
          }
        })
        .catch(() => {
          // A failed renewal only shortens the lease; the next one tries again.
        });
    }, this.timings.renewEveryMs);
    this.renewal.unref();
  }

  private async renew(): Promise<boolean> {
    const now = Date.now();
    await this.db.uploadSession.updateMany({
      where: { id: this.id, lockToken: this.token },
      data: { lockedUntil: new Date(now + this.timings.leaseMs), touchedAt: new Date(now) },
    });
    const row = await this.db.uploadSession.findFirst({
      where: { id: this.id, lockToken: this.token },
      select: { releaseRequested: true },
    });
    return row?.releaseRequested ?? false;
  }
}
