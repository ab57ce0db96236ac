import type { Prisma } from "../../generated/sqlite/client";
import { rangeRuleOf } from "./rules";

// How a criterion is read and shown wherever evidence is mapped to it: the mapping pages, the
// criteria search and the assessor's review all read the same fields in the same order.

/** A criterion with its group (for the method warnings) and its range items in the unit's order. */
export const criterionViewSelect = {
  id: true,
  ref: true,
  kind: true,
  text: true,
  position: true,
  rangeTitle: true,
  rangeRule: true,
  rangeMin: true,
  group: { select: { ref: true, title: true, assessmentMethods: true } },
  rangeItems: { select: { id: true, text: true }, orderBy: { position: "asc" } },
} satisfies Prisma.CriterionSelect;

type CriterionViewRow = Prisma.CriterionGetPayload<{ select: typeof criterionViewSelect }>;

export type CriterionSummary = {
  id: string;
  ref: string;
  kind: string;
  text: string;
  groupRef: string | null;
  groupTitle: string;
  rangeTitle: string | null;
  rangeRule: "all" | "atLeast" | null;
  rangeMin: number | null;
};

export function toCriterionSummary(c: Omit<CriterionViewRow, "position" | "rangeItems">): CriterionSummary {
  return {
    id: c.id,
    ref: c.ref,
    kind: c.kind,
    text: c.text,
    groupRef: c.group.ref,
    groupTitle: c.group.title,
    rangeTitle: c.rangeTitle,
    rangeRule: rangeRuleOf(c.rangeRule),
    rangeMin: c.rangeMin,
  };
}

/** The grouping of rows by enrolment (one group per unit), in first-seen order. */
export function groupOfEnrolment<G extends { enrolmentId: string }>(
  groups: G[],
  enrolmentId: string,
  create: () => G,
): G {
  let group = groups.find((g) => g.enrolmentId === enrolmentId);
  if (!group) {
    group = create();
    groups.push(group);
  }
  return group;
}
