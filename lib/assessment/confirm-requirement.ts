import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, InputError, isUniqueViolation, parseInput } from "../errors";

import { listInWords, requireEnrolmentResource } from "./common";

import { recordId } from "./input";
import { reauthorizedEnrolment } from "./reauthorized-enrolment";
import { requirementChecks } from "./requirement-checks";
import { requireActive } from "../enrolments/guards";

export const ConfirmRequirementInput = z.object({
  enrolmentId: recordId("enrolment"),
  requirementId: recordId("evidence requirement"),
  evidenceIds: z
    .array(recordId("evidence"), { error: "Tick the evidence that shows this requirement is met." })
    .min(1, "Tick the evidence that shows this requirement is met.")
    .max(200, "Tick at most 200 evidence items."),
  note: z.string().trim().max(2000, "Keep the note to 2,000 characters or fewer.").optional(),
});
export type ConfirmRequirementInput = z.input<typeof ConfirmRequirementInput>;

export type ConfirmedRequirement = { id: string; requirementRef: string; evidenceIds: string[]; replaced: boolean };

/**
 * The assigned assessor confirms that a unit-level evidence requirement is met for this
 * enrolment, naming the evidence that shows it. Each evidence item must be the candidate's own
 * with a mapping accepted in this enrolment; a requirement that forbids simulation accepts no
 * simulated evidence. Confirming again replaces the earlier confirmation (both are audited).
 */
export async function confirmRequirement(
  db: Db,
  actor: Actor,
  rawInput: ConfirmRequirementInput,
  now: Date = new Date(),
): Promise<ConfirmedRequirement> {
  const input = parseInput(ConfirmRequirementInput, rawInput);
  authorize(actor, "requirement.confirm", await requireEnrolmentResource(db, input.enrolmentId), now);

  try {
    return await db.$transaction((tx) => confirmInTransaction(tx, actor, input, now));
  } catch (error) {
    if (isUniqueViolation(error, "RequirementConfirmation")) {
      throw new AppError(
        "Someone confirmed this requirement at the same moment. Reload the page to see their confirmation.",
        "requirement confirmation race",
      );
    }
    throw error;
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function confirmInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof ConfirmRequirementInput.parse>,
  now: Date,
): Promise<ConfirmedRequirement> {
  const evidenceIds = [...new Set(input.evidenceIds)];
  const enrolment = await reauthorizedEnrolment(tx, actor, "requirement.confirm", input.enrolmentId, now, {
    id: true,
    status: true,
    centreId: true,
    candidateId: true,
    unitVersionId: true,
  });
  requireActive(enrolment.status, "confirm evidence requirements", "assessment");
  const requirement = await tx.evidenceRequirement.findUnique({
    where: { id: input.requirementId },
    select: { id: true, ref: true, unitVersionId: true, checks: true },
  });
  if (!requirement || requirement.unitVersionId !== enrolment.unitVersionId) {
    throw new AppError(
      "That evidence requirement is not part of the unit version this candidate is enrolled on. Reload the page and try again.",
      "requirement of another unit version",
    );
  }
  await requireEvidenceThatCanConfirm(tx, enrolment, requirement, evidenceIds);

  const key = { enrolmentId_requirementId: { enrolmentId: enrolment.id, requirementId: requirement.id } };
  const existing = await tx.requirementConfirmation.findUnique({
    where: key,
    select: { id: true, evidenceIds: true, note: true, confirmedById: true, at: true },
  });
  const data = {
    confirmedById: actor.userId,
    evidenceIds,
    note: input.note && input.note.length > 0 ? input.note : null,
    at: now,
  };
  const saved = existing
    ? await tx.requirementConfirmation.update({ where: { id: existing.id }, data, select: { id: true } })
    : await tx.requirementConfirmation.create({
        data: { ...data, enrolmentId: enrolment.id, requirementId: requirement.id },
        select: { id: true },
      });
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: enrolment.centreId,
    action: existing ? "requirement.reconfirm" : "requirement.confirm",
    entityType: "RequirementConfirmation",
    entityId: saved.id,
    before: existing
      ? {
          evidenceIds: existing.evidenceIds,
          note: existing.note,
          confirmedById: existing.confirmedById,
          at: existing.at.toISOString(),
        }
      : undefined,
    after: { enrolmentId: enrolment.id, requirementId: requirement.id, ...data, at: now.toISOString() },
  });
  return { id: saved.id, requirementRef: requirement.ref, evidenceIds, replaced: !!existing };
}

/**
 * Each ticked item must be the candidate's own with a mapping accepted in this enrolment, and a
 * requirement that forbids simulation accepts no simulated evidence.
 */
async function requireEvidenceThatCanConfirm(
  tx: Tx,
  enrolment: { id: string; candidateId: string },
  requirement: { ref: string; checks: Parameters<typeof requirementChecks>[0] },
  evidenceIds: string[],
): Promise<void> {
  const evidence = await tx.evidence.findMany({
    where: {
      id: { in: evidenceIds },
      candidateId: enrolment.candidateId,
      mappings: { some: { enrolmentId: enrolment.id, status: "ACCEPTED" } },
    },
    select: { id: true, title: true, simulated: true },
  });
  if (evidence.length !== evidenceIds.length) {
    throw InputError.forField(
      "evidenceIds",
      "Only this candidate's evidence with a mapping you have accepted in this unit can confirm a requirement. Reload the page and tick the evidence again.",
    );
  }
  if (requirementChecks(requirement.checks).simulationAllowed === false) {
    const simulated = evidence.filter((e) => e.simulated).map((e) => `“${e.title}”`);
    if (simulated.length > 0) {
      throw InputError.forField(
        "evidenceIds",
        `Requirement ${requirement.ref} does not allow simulation, and ${listInWords(simulated)} ${simulated.length === 1 ? "is" : "are"} marked as simulated. Untick ${simulated.length === 1 ? "it" : "them"}.`,
      );
    }
  }
}
