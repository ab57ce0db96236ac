import type { Db } from "../db/client";
import { criterionLabel } from "./common";

// What the question bank page offers: the unit versions a bank can be kept for, and the
// criteria of one, in the unit's order with their verbatim words, to tick for a question.

export type BankUnit = { id: string; code: string; title: string; versionNumber: number };

/** Every unit version, by unit code, newest version first. */
export async function bankUnits(db: Pick<Db, "unitVersion">): Promise<BankUnit[]> {
  const rows = await db.unitVersion.findMany({
    select: { id: true, number: true, title: true, unit: { select: { code: true } } },
    orderBy: [{ unit: { code: "asc" } }, { number: "desc" }],
  });
  return rows.map((r) => ({ id: r.id, code: r.unit.code, title: r.title, versionNumber: r.number }));
}

export type BankCriterionGroup = {
  id: string;
  title: string;
  criteria: { id: string; label: string; text: string }[];
};

/** The unit version's criteria by group, in the unit's order. */
export async function bankCriteria(
  db: Pick<Db, "criterionGroup">,
  unitVersionId: string,
): Promise<BankCriterionGroup[]> {
  const groups = await db.criterionGroup.findMany({
    where: { unitVersionId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      ref: true,
      title: true,
      criteria: { select: { id: true, ref: true, kind: true, text: true }, orderBy: { position: "asc" } },
    },
  });
  return groups.map((g) => ({
    id: g.id,
    title: g.ref ? `${g.ref} ${g.title}` : g.title,
    criteria: g.criteria.map((c) => ({ id: c.id, label: criterionLabel(c), text: c.text })),
  }));
}
