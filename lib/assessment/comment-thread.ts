import { authorize, can, type Actor } from "../authz/policy";
import { roleLabels } from "../authz/labels";
import type { Db } from "../db/client";
import { loadEvidenceWithEnrolments, type EvidenceWithEnrolments } from "../evidence/evidence-resource";
import { timeZoneOf } from "../format/time-zone";

// The comments on one evidence item between the candidate, their assessor and their IQA, every
// round of them (docs/decisions/0005-submission-rounds.md). The assessor's review page
// (get-review.ts) and the candidate's evidence page read them here; add-comment.ts asks here who
// may join in and who hears about it.

export type CommentEntry = {
  id: string;
  /** The evidence's round when the comment was written. */
  round: number;
  authorName: string;
  /** The author's part in the owner's portfolio now, in words ("Assessor"), or "" if they have none. */
  authorRole: string;
  body: string;
  createdAt: Date;
};

export type CommentThread = {
  evidenceId: string;
  timeZone: string;
  /** Oldest first. */
  comments: CommentEntry[];
  /** Whether the viewer may add a comment. */
  canComment: boolean;
};

/**
 * Whether the actor may comment: the owner, or the assessor or IQA of one of the owner's
 * enrolments in the evidence's centre (`qa.comment` on the evidence or on such an enrolment;
 * being able to read the evidence is not enough).
 */
export function mayComment(actor: Actor, evidence: EvidenceWithEnrolments, now: Date = new Date()): boolean {
  return can(actor, "qa.comment", evidence, now) || evidence.enrolments.some((e) => can(actor, "qa.comment", e, now));
}

/** Everyone who takes part in the conversation: the owner, and the assessor and IQA of each of their enrolments. */
export function commentParties(evidence: EvidenceWithEnrolments): string[] {
  const parties = new Set<string>([evidence.candidateId]);
  for (const e of evidence.enrolments) {
    if (e.assessorId) parties.add(e.assessorId);
    if (e.iqaId) parties.add(e.iqaId);
  }
  return [...parties];
}

function roleInPortfolio(evidence: EvidenceWithEnrolments, userId: string): string {
  if (userId === evidence.candidateId) return roleLabels.CANDIDATE;
  if (evidence.enrolments.some((e) => e.assessorId === userId)) return roleLabels.ASSESSOR;
  if (evidence.enrolments.some((e) => e.iqaId === userId)) return roleLabels.IQA;
  return "";
}

/**
 * The thread, for a caller that has already authorized `evidence.read` on `evidence` (as the
 * review page's query does with the same facts). `onlyBy`: the authors whose comments the
 * viewer may see, when not everyone's (an EQA's, get-review.ts).
 */
export async function readCommentThread(
  db: Pick<Db, "comment" | "user">,
  actor: Actor,
  evidence: EvidenceWithEnrolments,
  timeZone: string,
  now: Date = new Date(),
  onlyBy?: readonly string[],
): Promise<CommentThread> {
  const rows = await db.comment.findMany({
    where: { evidenceId: evidence.id, ...(onlyBy ? { authorId: { in: [...onlyBy] } } : {}) },
    select: { id: true, round: true, authorId: true, body: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const authorIds = [...new Set(rows.map((c) => c.authorId))];
  const names = new Map(
    authorIds.length > 0
      ? (await db.user.findMany({ where: { id: { in: authorIds } }, select: { id: true, name: true } })).map(
          (u) => [u.id, u.name] as const,
        )
      : [],
  );
  return {
    evidenceId: evidence.id,
    timeZone,
    comments: rows.map((c) => ({
      id: c.id,
      round: c.round,
      authorName: names.get(c.authorId) ?? "Unknown",
      authorRole: roleInPortfolio(evidence, c.authorId),
      body: c.body,
      createdAt: c.createdAt,
    })),
    canComment: mayComment(actor, evidence, now),
  };
}

/**
 * The comments on one evidence item, oldest first, for anyone who may read the evidence (its
 * owner, their assessor and IQA, a shared EQA, a centre admin), and whether they may add one.
 * Throws ForbiddenError for anyone else, and a 404-style AppError for evidence that is not there.
 */
export async function getCommentThread(
  db: Db,
  actor: Actor,
  evidenceId: string,
  now: Date = new Date(),
): Promise<CommentThread> {
  const evidence = await loadEvidenceWithEnrolments(db, evidenceId);
  authorize(actor, "evidence.read", evidence, now);
  const centre = await db.centre.findUnique({ where: { id: evidence.centreId }, select: { timeZone: true } });
  return readCommentThread(db, actor, evidence, timeZoneOf(centre), now);
}
