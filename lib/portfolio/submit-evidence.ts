import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, InputError, parseInput } from "../errors";

import { loadEvidenceResource } from "../evidence/evidence-resource";

import { declarationMissingMessage, evidenceDeclaration } from "./declaration";

import { refreshEnrolmentCounters } from "../progress/enrolment-counters";

export const SubmitEvidenceInput = z.object({
  evidenceId: z.string({ error: "The evidence is missing. Reload the page and try again." }).trim().min(1).max(100),
  /** The candidate ticked the declaration. */
  declarationConfirmed: z.boolean().default(false),
  /** Whether the declaration the candidate ticked was the one for simulated evidence; checked against the evidence when given. */
  declaredSimulated: z.boolean().optional(),
});
export type SubmitEvidenceInput = z.input<typeof SubmitEvidenceInput>;

export type SubmittedEvidence = {
  evidenceId: string;
  submittedAt: Date;
  submittedMappings: number;
  enrolmentIds: string[];
};

/**
 * The candidate submits an evidence item for assessment with their declaration. Its proposed
 * and referred mappings go to the assessor; from then on the candidate cannot edit the
 * evidence itself. Submitting again later sends new or changed mappings.
 */
export async function submitEvidence(
  db: Db,
  actor: Actor,
  rawInput: SubmitEvidenceInput,
  now: Date = new Date(),
): Promise<SubmittedEvidence> {
  const input = parseInput(SubmitEvidenceInput, rawInput);
  authorize(actor, "mapping.propose", await loadEvidenceResource(db, input.evidenceId), now);

  return db.$transaction(async (tx) => {
    const evidence = await tx.evidence.findUnique({
      where: { id: input.evidenceId },
      select: { id: true, centreId: true, candidateId: true, submittedAt: true, declaration: true, simulated: true },
    });
    if (!evidence || evidence.candidateId !== actor.userId)
      throw new AppError("That evidence does not exist or has been removed.");
    // The words depend on what the evidence is (real work or simulated), so they are read here.
    const declaration = evidenceDeclaration(evidence.simulated);
    if (!input.declarationConfirmed) {
      const message = declarationMissingMessage(evidence.simulated);
      throw new InputError(message, { declaration: [message] });
    }
    if (input.declaredSimulated !== undefined && input.declaredSimulated !== evidence.simulated) {
      // Changed in another tab since the page was shown: the ticked words no longer fit it.
      const message =
        "Whether this evidence is simulated has changed since the page was shown. Reload the page, read the declaration again and tick it.";
      throw new InputError(message, { declaration: [message] });
    }
    const mappings = await tx.mapping.findMany({
      where: { evidenceId: evidence.id },
      select: { id: true, status: true, enrolmentId: true, enrolment: { select: { status: true } } },
    });
    if (mappings.length === 0) {
      throw new AppError(
        "Map this evidence to at least one criterion before you submit it. Use “Map to criteria” to find the criteria it proves.",
      );
    }
    const toSubmit = mappings.filter(
      (m) => (m.status === "PROPOSED" || m.status === "REJECTED") && m.enrolment.status === "ACTIVE",
    );
    if (toSubmit.length === 0) {
      throw new AppError(
        evidence.submittedAt
          ? "This evidence has already been submitted and nothing has changed since. Map it to another criterion, or wait for your assessor's review."
          : "None of this evidence's mappings are on a unit you are still working on, so there is nothing to submit.",
      );
    }

    await tx.mapping.updateMany({ where: { id: { in: toSubmit.map((m) => m.id) } }, data: { status: "SUBMITTED" } });
    await refreshEnrolmentCounters(
      tx,
      toSubmit.map((m) => m.enrolmentId),
    );
    await tx.evidence.update({ where: { id: evidence.id }, data: { submittedAt: now, declaration } });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: evidence.centreId,
      action: "evidence.submit",
      entityType: "Evidence",
      entityId: evidence.id,
      before: {
        submittedAt: evidence.submittedAt?.toISOString() ?? null,
        mappings: toSubmit.map((m) => ({ id: m.id, status: m.status })),
      },
      after: {
        submittedAt: now.toISOString(),
        declaration,
        mappings: toSubmit.map((m) => ({ id: m.id, status: "SUBMITTED" })),
      },
    });
    return {
      evidenceId: evidence.id,
      submittedAt: now,
      submittedMappings: toSubmit.length,
      enrolmentIds: [...new Set(toSubmit.map((m) => m.enrolmentId))],
    };
  });
}
