import { Prisma } from "../../generated/sqlite/client";
import { authorize, evidenceSight, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { requireEnrolmentResource } from "../assessment/common";
import { evidenceMethods, methodLabel } from "../evidence/methods";

/** How many claims on one enrolment rest on evidence of one method, by where they stand. */
export type MethodMixRow = {
  method: string;
  label: string;
  accepted: number;
  waiting: number;
  referred: number;
  /** Claims not yet submitted; always 0 for a reader who does not see drafts (an EQA). */
  drafts: number;
  /** Criteria with at least one accepted claim by this method. */
  criteriaAccepted: number;
};

type CountRow = { method: string; status: string; claims: number | bigint; criteria: number | bigint };

const vocabularyOrder = new Map<string, number>(evidenceMethods.map((m, i) => [m.id, i]));

/**
 * The method mix of one enrolment: for each evidence method used, how many claims are accepted,
 * waiting, referred back or still drafts. Counted in the database in one grouped query, so an
 * assessor sees at a glance whether a unit rests on observation alone or on a spread of methods.
 */
export async function getMethodMix(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now = new Date(),
): Promise<MethodMixRow[]> {
  const resource = await requireEnrolmentResource(db, enrolmentId);
  authorize(actor, "enrolment.read", resource, now);
  // An EQA reads only what was submitted; drafts stay the candidate's business (as in the gap view).
  const seesDrafts = evidenceSight(
    actor,
    { kind: "evidence", centreId: resource.centreId, candidateId: resource.candidateId, enrolments: [resource] },
    now,
  ).whole;

  const rows = await db.$queryRaw<CountRow[]>(Prisma.sql`
    SELECT e."method" AS method, m."status" AS status,
           COUNT(*) AS claims, COUNT(DISTINCT m."criterionId") AS criteria
      FROM "Mapping" m JOIN "Evidence" e ON e."id" = m."evidenceId"
     WHERE m."enrolmentId" = ${enrolmentId}
     GROUP BY e."method", m."status"`);

  const byMethod = new Map<string, MethodMixRow>();
  for (const row of rows) {
    const mix = byMethod.get(row.method) ?? emptyRow(row.method);
    const claims = Number(row.claims);
    if (row.status === "ACCEPTED") {
      mix.accepted += claims;
      mix.criteriaAccepted += Number(row.criteria);
    } else if (row.status === "SUBMITTED") mix.waiting += claims;
    else if (row.status === "REJECTED") mix.referred += claims;
    else if (seesDrafts) mix.drafts += claims;
    byMethod.set(row.method, mix);
  }
  return [...byMethod.values()]
    .filter((row) => row.accepted + row.waiting + row.referred + row.drafts > 0)
    .sort((a, b) => (vocabularyOrder.get(a.method) ?? 99) - (vocabularyOrder.get(b.method) ?? 99));
}

function emptyRow(method: string): MethodMixRow {
  return { method, label: methodLabel(method), accepted: 0, waiting: 0, referred: 0, drafts: 0, criteriaAccepted: 0 };
}
