import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { notify } from "../notify";
import { RespondToObservationInput } from "./input";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type ObservationResponse = { evidenceId: string; response: "CONFIRMED" | "DISPUTED"; commentId: string | null };

export const alreadyConfirmedMessage =
  "You have already confirmed this record as accurate, and a confirmation is final. If something in it is wrong, add a comment for your assessor.";

/**
 * The candidate answers a record their assessor made of them: it is accurate (CONFIRMED, final:
 * from then on it counts towards "met" and can no longer change), or they dispute it (DISPUTED,
 * with a comment on the evidence's thread, where the conversation goes on). A dispute may be
 * followed by a confirmation once the assessor has corrected the record.
 */
export async function respondToObservation(
  db: Db,
  actor: Actor,
  rawInput: RespondToObservationInput,
  now: Date = new Date(),
): Promise<ObservationResponse> {
  const input = parseInput(RespondToObservationInput, rawInput);
  authorize(actor, "evidence.respond", await loadEvidenceResource(db, input.evidenceId), now);

  return db.$transaction(async (tx) => {
    authorize(actor, "evidence.respond", await loadEvidenceResource(tx, input.evidenceId), now);
    const before = await tx.evidence.findUnique({
      where: { id: input.evidenceId },
      select: { id: true, title: true, round: true, centreId: true, authorId: true, candidateResponse: true },
    });
    if (!before) throw new AppError("That observation does not exist or has been removed.");
    if (before.candidateResponse === "CONFIRMED") throw new AppError(alreadyConfirmedMessage, "already confirmed");
    // Guarded on the answer read above, so two answers sent at once cannot both land.
    const { count } = await tx.evidence.updateMany({
      where: { id: before.id, candidateResponse: before.candidateResponse },
      data: { candidateResponse: input.response, candidateRespondedAt: now },
    });
    if (count !== 1)
      throw new AppError(
        "This record was answered or changed at the same moment. Reload the page to see it as it is now.",
      );
    const commentId = input.comment ? await threadComment(tx, actor, before, input.comment, now) : null;
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: before.centreId,
      action: "observation.respond",
      entityType: "Evidence",
      entityId: before.id,
      before: { candidateResponse: before.candidateResponse },
      after: { candidateResponse: input.response, respondedAt: now.toISOString(), commentId },
    });
    await tellAuthor(tx, actor, before, input.response, input.comment);
    return { evidenceId: before.id, response: input.response, commentId };
  });
}

/** The candidate's words go on the evidence's thread, in its round, so the assessor answers there. */
async function threadComment(
  tx: Tx,
  actor: Actor,
  evidence: { id: string; round: number },
  body: string,
  now: Date,
): Promise<string> {
  const comment = await tx.comment.create({
    data: { evidenceId: evidence.id, authorId: actor.userId, round: evidence.round, body, createdAt: now },
    select: { id: true },
  });
  return comment.id;
}

async function tellAuthor(
  tx: Tx,
  actor: Actor,
  evidence: { id: string; title: string; authorId: string | null },
  response: "CONFIRMED" | "DISPUTED",
  comment: string,
): Promise<void> {
  if (!evidence.authorId) return;
  const candidate = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  const who = candidate?.name ?? "The candidate";
  const excerpt = comment.length > 200 ? `${comment.slice(0, 200)}…` : comment;
  await notify(tx, {
    userId: evidence.authorId,
    kind: "observation.answered",
    title:
      response === "CONFIRMED"
        ? `${who} confirmed your observation “${evidence.title}”`
        : `${who} disputed your observation “${evidence.title}”`,
    body:
      response === "CONFIRMED"
        ? `${who} confirmed your observation “${evidence.title}” as an accurate record. It now counts towards their criteria.${excerpt ? ` Their comment: ${excerpt}` : ""}`
        : `${who} disputed your observation “${evidence.title}”: ${excerpt} Correct the record, or answer them in its comments.`,
    link: `/assessor/observations/${encodeURIComponent(evidence.id)}`,
  });
}
