/**
 * The bytes each candidate's uploads hold while they stream, so that uploads running at the
 * same time cannot together write more than the allowance has left: each is stopped as soon
 * as it and the others would pass it, not once it has all arrived and is being recorded.
 *
 * PER PROCESS: this is this server process's memory. Uploads handled by another process or
 * instance are not seen here, so there an upload may still be refused only when it is
 * recorded (the re-check in that transaction is what keeps the allowance; this only stops
 * early). It serves the one-request upload (POST /api/evidence/[id]/files) only: resumable
 * uploads reserve their whole length in the UploadSession table, shared by every server and
 * kept across restarts, and the one-request upload's re-check counts those reservations too
 * (docs/decisions/0025-resumable-uploads.md).
 */

type Candidate = {
  uploads: Set<UploadInFlight>;
  /** A running total of the bytes of uploads that went on to be recorded; see recordedBefore. */
  recorded: number;
};

const candidates = new Map<string, Candidate>();

export class UploadInFlight {
  private held = 0;
  private active = true;
  /** `candidate.recorded` when this began: files recorded since are not in its `used` figure. */
  private recordedBefore: number;

  constructor(
    private readonly candidate: Candidate,
    private readonly onEmpty: () => void,
  ) {
    this.recordedBefore = candidate.recorded;
    candidate.uploads.add(this);
  }

  /**
   * Bytes the candidate's other uploads take from the allowance that a figure read from the
   * database just before this began does not show: those still streaming, and those recorded
   * since.
   */
  othersBytes(): number {
    let sum = this.candidate.recorded - this.recordedBefore;
    for (const upload of this.candidate.uploads) if (upload !== this) sum += upload.held;
    return sum;
  }

  /** Holds `bytes` for this upload: its declared length up front, then what it has written. */
  hold(bytes: number): void {
    if (this.active) this.held = Math.max(this.held, bytes);
  }

  /**
   * Called just before the file's row is written: from then on other uploads count it as
   * recorded (the database may already show it to one starting now, which is then counted
   * once, not twice). Returns the undo for when the row is not written after all.
   */
  recording(): () => void {
    const { candidate, held: bytes } = this;
    this.end();
    const mark = candidate.recorded;
    candidate.recorded += bytes;
    return () => {
      candidate.recorded -= bytes;
      // Those that began since counted these bytes in their starting point; take them out there too.
      for (const upload of candidate.uploads) if (upload.recordedBefore > mark) upload.recordedBefore -= bytes;
    };
  }

  /** Lets go of what this upload held; once is enough, more is harmless. */
  end(): void {
    if (!this.active) return;
    this.active = false;
    this.candidate.uploads.delete(this);
    if (this.candidate.uploads.size === 0) this.onEmpty();
  }
}

/**
 * Starts counting an upload of the candidate's. Call it straight after reading how much of
 * the allowance the candidate's recorded files use (no await between), and `end()` it in a
 * finally.
 */
export function beginUpload(candidateId: string): UploadInFlight {
  const candidate = candidates.get(candidateId) ?? { uploads: new Set(), recorded: 0 };
  candidates.set(candidateId, candidate);
  return new UploadInFlight(candidate, () => {
    // Nobody left to compare `recorded` against; the next upload reads the database afresh.
    if (candidates.get(candidateId) === candidate) candidates.delete(candidateId);
  });
}
