import { z } from "zod";

import { recordAudit } from "../audit";

import { forbidden, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";

import { loadEvidenceWithEnrolments } from "../evidence/evidence-resource";

import { notify } from "../notify";

import { commentParties, mayComment } from "./comment-thread";

import { recordId, requiredText } from "./input";

export const AddCommentInput = z.object({
  evidenceId: recordId("evidence"),
  body: requiredText("your comment", 5000),
});
export type AddCommentInput = z.input<typeof AddCommentInput>;

export type AddedComment = { id: string; evidenceId: string; round: number; createdAt: Date };

/** Where a notification of a comment takes each party: the candidate to their evidence page, the others to the review page. */
function commentLink(evidenceId: string, forCandidate: boolean): string {
  return `${forCandidate ? "/candidate/evidence" : "/assessor/review"}/${encodeURIComponent(evidenceId)}#comments`;
}

/**
 * Adds a comment to an evidence item's conversation, in the evidence's current round, and tells
 * everyone else in it (comment-thread.ts says who may join in and who hears about it).
 */
export async function addComment(
  db: Db,
  actor: Actor,
  rawInput: AddCommentInput,
  now: Date = new Date(),
): Promise<AddedComment> {
  const input = parseInput(AddCommentInput, rawInput);
  if (!mayComment(actor, await loadEvidenceWithEnrolments(db, input.evidenceId), now)) throw forbidden("qa.comment");

  return db.$transaction(async (tx) => {
    const reach = await loadEvidenceWithEnrolments(tx, input.evidenceId);
    if (!mayComment(actor, reach, now)) throw forbidden("qa.comment");
    const { centreId, candidateId } = reach;
    const parties = commentParties(reach).filter((userId) => userId !== actor.userId);
    const evidence = await tx.evidence.findUnique({
      where: { id: input.evidenceId },
      select: { id: true, title: true, round: true },
    });
    if (!evidence) throw new AppError("That evidence does not exist or has been removed.");
    const comment = await tx.comment.create({
      data: {
        evidenceId: evidence.id,
        authorId: actor.userId,
        round: evidence.round,
        body: input.body,
        createdAt: now,
      },
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
        link: commentLink(evidence.id, userId === candidateId),
      })),
    );
    return { id: comment.id, evidenceId: evidence.id, round: evidence.round, createdAt: now };
  });
}
