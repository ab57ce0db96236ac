import type { Db } from "../db/client";
import { listInWords } from "./common";
import { isCheckable } from "./requirement-checks";

// What still stands between an enrolment and unit sign-off. Read by sign-off-unit (inside its
// transaction) and by the enrolment page (to show the assessor before they try).

export type UnitOpenItems = {
  /** Criteria without a standing "met" decision, by reference, in the unit's order. */
  criteria: string[];
  /** Checkable evidence requirements without a confirmation, by reference. */
  requirements: string[];
  candidateDeclarationMissing: boolean;
  /** The standing decisions and confirmations the sign-off rests on (for its signature). */
  decisions: { criterionId: string; decisionId: string; signatureHash: string }[];
  confirmations: { requirementId: string; evidenceIds: string[] }[];
};

type Reader = Pick<Db, "criterion" | "decision" | "evidenceRequirement" | "requirementConfirmation">;

export async function unitOpenItems(
  db: Reader,
  enrolment: { id: string; unitVersionId: string; candidateDeclaredAt: Date | null },
): Promise<UnitOpenItems> {
  const [criteria, metDecisions, requirements, confirmations] = await Promise.all([
    db.criterion.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      select: { id: true, ref: true },
      orderBy: { position: "asc" },
    }),
    db.decision.findMany({
      where: { enrolmentId: enrolment.id, currentSlot: "current", outcome: "MET" },
      select: { id: true, criterionId: true, signatureHash: true },
    }),
    db.evidenceRequirement.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      select: { id: true, ref: true, checks: true },
      orderBy: { position: "asc" },
    }),
    db.requirementConfirmation.findMany({
      where: { enrolmentId: enrolment.id },
      select: { requirementId: true, evidenceIds: true },
    }),
  ]);
  const met = new Map(metDecisions.map((d) => [d.criterionId, d]));
  const confirmed = new Map(confirmations.map((c) => [c.requirementId, c]));
  const checkable = requirements.filter((r) => isCheckable(r.checks));
  return {
    criteria: criteria.filter((c) => !met.has(c.id)).map((c) => c.ref),
    requirements: checkable.filter((r) => !confirmed.has(r.id)).map((r) => r.ref),
    candidateDeclarationMissing: enrolment.candidateDeclaredAt === null,
    decisions: criteria.flatMap((c) => {
      const d = met.get(c.id);
      return d ? [{ criterionId: c.id, decisionId: d.id, signatureHash: d.signatureHash }] : [];
    }),
    confirmations: checkable.flatMap((r) => {
      const c = confirmed.get(r.id);
      return c
        ? [
            {
              requirementId: r.id,
              evidenceIds: Array.isArray(c.evidenceIds)
                ? c.evidenceIds.filter((id): id is string => typeof id === "string")
                : [],
            },
          ]
        : [];
    }),
  };
}

export function hasOpenItems(open: UnitOpenItems): boolean {
  return open.criteria.length > 0 || open.requirements.length > 0 || open.candidateDeclarationMissing;
}

/** Each open item as a sentence, for the page's list and the refusal message. */
export function describeOpenItems(open: UnitOpenItems): string[] {
  const lines: string[] = [];
  if (open.criteria.length > 0) {
    lines.push(
      `${open.criteria.length === 1 ? "Criterion" : "Criteria"} ${listInWords(open.criteria)} ${open.criteria.length === 1 ? "is" : "are"} not signed as met.`,
    );
  }
  if (open.requirements.length > 0) {
    lines.push(
      `Evidence ${open.requirements.length === 1 ? "requirement" : "requirements"} ${listInWords(open.requirements)} ${open.requirements.length === 1 ? "is" : "are"} not confirmed.`,
    );
  }
  if (open.candidateDeclarationMissing) lines.push("The candidate has not made their declaration yet.");
  return lines;
}
