import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { enrolmentSummarySelect, toEnrolmentSummary, type EnrolmentSummary } from "./dto";

import { loadEnrolmentResource } from "./enrolment-resource";

import { changedMeanwhile, enrolmentNotFound, requireActive } from "./guards";

import { WithdrawEnrolmentInput } from "./input";
import { parseInput } from "../errors";

/**
 * Withdraws an active enrolment with a reason. Nothing is deleted: evidence, decisions and
 * history stay, and the enrolment stays readable to everyone who could read it before.
 */
export async function withdrawEnrolment(
  db: Db,
  actor: Actor,
  rawInput: WithdrawEnrolmentInput,
  now: Date = new Date(),
): Promise<EnrolmentSummary> {
  const input = parseInput(WithdrawEnrolmentInput, rawInput);
  const resource = await loadEnrolmentResource(db, input.enrolmentId);
  if (!resource) throw enrolmentNotFound();
  authorize(actor, "enrolment.withdraw", resource);

  await db.$transaction(async (tx) => {
    // Re-checked against the enrolment as it is now, inside the transaction that changes it.
    const fresh = await loadEnrolmentResource(tx, input.enrolmentId);
    if (!fresh) throw enrolmentNotFound();
    authorize(actor, "enrolment.withdraw", fresh);
    const current = await tx.enrolment.findUniqueOrThrow({ where: { id: fresh.id }, select: { status: true } });
    requireActive(current.status, "withdraw it");

    // Conditional on the state just read, so two admins withdrawing it at once cannot both succeed.
    const { count } = await tx.enrolment.updateMany({
      where: { id: fresh.id, status: "ACTIVE" },
      data: { status: "WITHDRAWN", withdrawnAt: now, withdrawnReason: input.reason },
    });
    if (count !== 1) throw changedMeanwhile();
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: fresh.centreId,
      action: "enrolment.withdraw",
      entityType: "Enrolment",
      entityId: fresh.id,
      before: { status: current.status },
      after: { status: "WITHDRAWN", withdrawnAt: now.toISOString(), withdrawnReason: input.reason },
    });
  });
  return toEnrolmentSummary(
    await db.enrolment.findUniqueOrThrow({ where: { id: input.enrolmentId }, select: enrolmentSummarySelect }),
  );
}
