import { z } from "zod";
import { recordAudit } from "../audit";
import { can, ForbiddenError, type Actor, type EvidenceResource } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResources } from "../enrolments/enrolment-resource";
import { AppError } from "../errors";
import { notify } from "../notify";
import { parseAssessmentInput, recordId, requiredText } from "./input";

export const AddCommentInput = z.object({
  evidenceId: recordId("evidence"),
  body: requiredText("your comment", 5000),
});
export type AddCommentInput = z.input<typeof AddCommentInput>;

export type AddedComment = { id: string; evidenceId: string; round: number; createdAt: Date };

/**
 * Who may join the conversation on an evidence item, and who hears about it: its owner, and
 * the assessor and IQA of each of the owner's enrolments in that centre (through `qa.comment`
 * on each enrolment; being able to read the evidence is not enough).
 */
async function commentParties(db: Pick<Db, "evidence" | "enrolment" | "eqaShare">, actor: Actor, evidenceId: string, now: Date) {
  const evidence = await db.evidence.findUnique({ where: { id: evidenceId }, select: { centreId: true, candidateId: true } });
  if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
  const enrolments = await loadEnrolmentResources(db, { candidateId: evidence.candidateId, centreId: evidence.centreId });
  const asEvidence: EvidenceResource = { kind: "evidence", centreId: evidence.centreId, candidateId: evidence.candidateId, enrolments };
  const allowed = can(actor, "qa.comment", asEvidence, now) || enrolments.some((e) => can(actor, "qa.comment", e, now));
  const parties = new Set<string>([evidence.candidateId]);
  for (const e of enrolments) {
    if (e.assessorId) parties.add(e.assessorId);
    if (e.iqaId) parties.add(e.iqaId);
  }
  parties.delete(actor.userId);
  return { allowed, parties: [...parties], centreId: evidence.centreId, candidateId: evidence.candidateId };
}

/** Adds a comment to an evidence item's conversation, in the evidence's current round. */
export async function addComment(db: Db, actor: Actor, rawInput: AddCommentInput, now: Date = new Date()): Promise<AddedComment> {
  const input = parseAssessmentInput(AddCommentInput, rawInput);
  if (!(await commentParties(db, actor, input.evidenceId, now)).allowed) throw new ForbiddenError("qa.comment");

  return db.$transaction(async (tx) => {
    const { allowed, parties, centreId, candidateId } = await commentParties(tx, actor, input.evidenceId, now);
    if (!allowed) throw new ForbiddenError("qa.comment");
    const evidence = await tx.evidence.findUnique({ where: { id: input.evidenceId }, select: { id: true, title: true, round: true } });
    if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
    const comment = await tx.comment.create({
      data: { evidenceId: evidence.id, authorId: actor.userId, round: evidence.round, body: input.body, createdAt: now },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId,
      action: "comment.add",
      entityType: "Comment",
      entityId: comment.id,
      after: { evidenceId: evidence.id, round: evidence.round, body: input.body },
    });
    const author = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
    const excerpt = input.body.length > 200 ? `${input.body.slice(0, 200)}…` : input.body;
    await notify(
      tx,
      ...parties.map((userId) => ({
        userId,
        kind: "comment.added" as const,
        title: `New comment on “${evidence.title}”`,
        body: `${author?.name ?? "Someone"} wrote: ${excerpt}`,
        link: userId === candidateId ? `/candidate/evidence/${evidence.id}` : `/assessor/review/${evidence.id}`,
      })),
    );
    return { id: comment.id, evidenceId: evidence.id, round: evidence.round, createdAt: now };
  });
}
