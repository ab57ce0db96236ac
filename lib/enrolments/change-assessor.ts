import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { enrolmentSummarySelect, toEnrolmentSummary, type EnrolmentSummary } from "./dto";

import { loadEnrolmentResource } from "./enrolment-resource";

import { changedMeanwhile, enrolmentNotFound, requireActive } from "./guards";

import { ChangeAssessorInput } from "./input";
import { holdsRole } from "./members";
import { InputError, parseInput } from "../errors";

/** Hands an active enrolment to another assessor of its centre, keeping who had it before. */
export async function changeAssessor(db: Db, actor: Actor, rawInput: ChangeAssessorInput): Promise<EnrolmentSummary> {
  const input = parseInput(ChangeAssessorInput, rawInput);
  const resource = await loadEnrolmentResource(db, input.enrolmentId);
  if (!resource) throw enrolmentNotFound();
  authorize(actor, "enrolment.changeAssessor", resource);

  await db.$transaction(async (tx) => {
    // Re-checked against the enrolment as it is now, inside the transaction that changes it.
    const fresh = await loadEnrolmentResource(tx, input.enrolmentId);
    if (!fresh) throw enrolmentNotFound();
    authorize(actor, "enrolment.changeAssessor", fresh);
    const current = await tx.enrolment.findUniqueOrThrow({ where: { id: fresh.id }, select: { status: true } });
    requireActive(current.status, "change its assessor");
    if (fresh.assessorId === input.assessorId) {
      throw InputError.forField(
        "assessorId",
        "That person is already the assessor of this enrolment. Choose a different assessor.",
      );
    }
    if (!(await holdsRole(tx, fresh.centreId, "ASSESSOR", input.assessorId))) {
      throw InputError.forField(
        "assessorId",
        "The chosen person does not hold the assessor role at this centre. Choose an assessor of this centre.",
      );
    }
    if (input.assessorId === fresh.candidateId) {
      throw InputError.forField(
        "assessorId",
        "A candidate cannot assess their own enrolment. Choose another assessor.",
      );
    }

    // Conditional on the state just read, so two admins changing it at once cannot both succeed.
    const { count } = await tx.enrolment.updateMany({
      where: { id: fresh.id, status: "ACTIVE", assessorId: fresh.assessorId },
      data: { assessorId: input.assessorId },
    });
    if (count !== 1) throw changedMeanwhile();
    await tx.assessorChange.create({
      data: {
        enrolmentId: fresh.id,
        fromAssessorId: fresh.assessorId,
        toAssessorId: input.assessorId,
        changedById: actor.userId,
      },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: fresh.centreId,
      action: "enrolment.changeAssessor",
      entityType: "Enrolment",
      entityId: fresh.id,
      before: { assessorId: fresh.assessorId },
      after: { assessorId: input.assessorId },
    });
  });
  return toEnrolmentSummary(
    await db.enrolment.findUniqueOrThrow({ where: { id: input.enrolmentId }, select: enrolmentSummarySelect }),
  );
}
