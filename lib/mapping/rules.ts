import type { MappingStatus } from "../../generated/sqlite/enums";
import { AppError, InputError } from "../errors";

// Rules shared by the mapping operations. Each operation checks them inside the transaction
// that writes, so a decision made by an assessor a moment earlier is always respected.

type StoredRequirement = { ref: string; text: string; checks: unknown };

function forbidsSimulation(checks: unknown): boolean {
  return (
    typeof checks === "object" && checks !== null && (checks as Record<string, unknown>).simulationAllowed === false
  );
}

/** The sentence of a requirement that speaks of simulation, or the whole text if none does. */
export function simulationSentence(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  return (sentences.find((s) => /imulat/i.test(s)) ?? text).trim();
}

/**
 * Why simulated evidence cannot be mapped to this unit version, quoting the unit's own words,
 * or null when none of its evidence requirements forbids simulation.
 */
export function simulationRefusal(unitCode: string, requirements: readonly StoredRequirement[]): string | null {
  const forbidding = requirements.find((r) => forbidsSimulation(r.checks));
  if (!forbidding) return null;
  return `This evidence is marked as simulated, and ${unitCode} does not accept simulated evidence. Its evidence requirement ${forbidding.ref} says: “${simulationSentence(forbidding.text)}” Use evidence from real work for this unit.`;
}

/**
 * The range items ticked (candidate claiming, assessor accepting), once each, if all are items of
 * the criterion's range; else an error on the form's range field.
 */
export function requireRangeItemsOf(
  criterion: { ref: string; rangeItemIds: readonly string[] },
  ticked: readonly string[],
): string[] {
  const own = new Set(criterion.rangeItemIds);
  const requested = [...new Set(ticked)];
  if (requested.some((id) => !own.has(id))) {
    throw InputError.forField(
      "rangeItemIds",
      `Some of the range items you ticked are not part of criterion ${criterion.ref}. Reload the page and tick the items again.`,
    );
  }
  return requested;
}

export const acceptedMappingCannotBeRemoved = "An assessor has accepted this mapping; it can no longer be removed.";
export const acceptedMappingCannotBeChanged =
  "An assessor has accepted this mapping; its range items can no longer be changed.";

/** Changing a referred mapping makes it a proposal again, to be submitted once more. */
export function statusAfterCandidateChange(status: MappingStatus): MappingStatus {
  return status === "REJECTED" ? "PROPOSED" : status;
}

export function requireActiveEnrolment(status: string, whatYouTried: string): void {
  if (status === "WITHDRAWN")
    throw new AppError(
      `You have been withdrawn from this unit, so you cannot ${whatYouTried}. Ask your centre admin if this is wrong.`,
    );
  if (status === "COMPLETED")
    throw new AppError(
      `This unit is completed, so you cannot ${whatYouTried}. Its record is kept as it was signed off.`,
    );
}

export function mappingNotFound(): AppError {
  return new AppError(
    "That mapping no longer exists. It may have been removed already; reload the page.",
    "mapping not found",
  );
}

/** The stored range rule as the range-coverage module reads it. */
export function rangeRuleOf(rule: string | null): "all" | "atLeast" | null {
  return rule === "all" || rule === "atLeast" ? rule : null;
}

type PlacedMapping = { enrolment: { unitVersion: { unit: { code: string } } }; criterion: { position: number } };

/** Orders an evidence item's mappings as its pages list them: by unit code, then criterion order. */
export function byUnitThenCriterion(a: PlacedMapping, b: PlacedMapping): number {
  return (
    a.enrolment.unitVersion.unit.code.localeCompare(b.enrolment.unitVersion.unit.code) ||
    a.criterion.position - b.criterion.position
  );
}
