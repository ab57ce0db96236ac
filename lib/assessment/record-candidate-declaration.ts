import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, InputError, parseInput } from "../errors";

import { candidateDeclarationText } from "./candidate-declaration-text";

import { requireEnrolmentResource, when } from "./common";

import { recordId } from "./input";
import { reauthorizedEnrolment } from "./reauthorized-enrolment";

export const RecordCandidateDeclarationInput = z.object({
  enrolmentId: recordId("enrolment"),
  /** The candidate ticked the declaration. */
  confirmed: z.boolean().default(false),
});
export type RecordCandidateDeclarationInput = z.input<typeof RecordCandidateDeclarationInput>;

export type RecordedDeclaration = { enrolmentId: string; declaredAt: Date; declaration: string };

/**
 * The candidate's final declaration on their own enrolment that the portfolio is their own
 * work: one of the things unit sign-off waits for. Made once; the words are stored as shown.
 */
export async function recordCandidateDeclaration(
  db: Db,
  actor: Actor,
  rawInput: RecordCandidateDeclarationInput,
  now: Date = new Date(),
): Promise<RecordedDeclaration> {
  const input = parseInput(RecordCandidateDeclarationInput, rawInput);
  authorize(actor, "declaration.record", await requireEnrolmentResource(db, input.enrolmentId), now);
  if (!input.confirmed)
    throw InputError.forField("confirmed", "Tick the declaration to confirm the portfolio is your own work.");

  return db.$transaction(async (tx) => {
    const enrolment = await reauthorizedEnrolment(tx, actor, "declaration.record", input.enrolmentId, now, {
      id: true,
      status: true,
      centreId: true,
      candidateDeclaredAt: true,
      centre: { select: { timeZone: true } },
      unitVersion: { select: { unit: { select: { code: true } } } },
    });
    if (enrolment.status !== "ACTIVE")
      throw new AppError("This unit is no longer in progress, so there is nothing to declare.");
    if (enrolment.candidateDeclaredAt) {
      throw new AppError(
        `You already made your declaration for this unit on ${when(enrolment.candidateDeclaredAt, enrolment.centre.timeZone)}.`,
      );
    }
    const unitCode = enrolment.unitVersion.unit.code;
    const declaration = candidateDeclarationText(unitCode);
    const updated = await tx.enrolment.updateMany({
      where: { id: enrolment.id, candidateDeclaredAt: null, status: "ACTIVE" },
      data: { candidateDeclaredAt: now, candidateDeclaration: declaration },
    });
    if (updated.count !== 1) throw new AppError("Your declaration was already recorded. Reload the page.");
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: enrolment.centreId,
      action: "enrolment.candidateDeclare",
      entityType: "Enrolment",
      entityId: enrolment.id,
      before: { candidateDeclaredAt: null },
      after: { candidateDeclaredAt: now.toISOString(), candidateDeclaration: declaration },
    });
    return { enrolmentId: enrolment.id, declaredAt: now, declaration };
  });
}
