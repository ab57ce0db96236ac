import { Prisma } from "../../generated/sqlite/client";
import { can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentResourceSelect, toEnrolmentResource } from "../enrolments/enrolment-resource";

export type EnrolmentProgress = {
  enrolmentId: string;
  status: string;
  unitCode: string;
  unitTitle: string;
  versionNumber: number;
  startDate: Date;
  plannedEndDate: Date;
  timeZone: string;
  /** Criteria of the pinned unit version. */
  total: number;
  /** Criteria with a standing MET decision. */
  met: number;
  /** Criteria not met that have at least one mapping, whatever its status. */
  evidenced: number;
  /** Criteria neither met nor evidenced. */
  none: number;
  /** Mappings proposed but not yet submitted. */
  proposedMappings: number;
  /** Mappings an assessor referred back. */
  referredMappings: number;
};

type CountRow = {
  enrolmentId: string;
  total: number | bigint;
  met: number | bigint;
  evidenced: number | bigint;
  proposed: number | bigint;
  referred: number | bigint;
};

/**
 * Progress on each of a candidate's enrolments that the actor may read: criteria met,
 * evidenced and with nothing yet, counted in the database. Two queries, however many
 * enrolments and criteria.
 */
export async function getEnrolmentProgress(
  db: Db,
  actor: Actor,
  candidateId: string,
  now: Date = new Date(),
): Promise<EnrolmentProgress[]> {
  const enrolments = (
    await db.enrolment.findMany({
      where: { candidateId },
      orderBy: [{ startDate: "asc" }, { id: "asc" }],
      select: {
        ...enrolmentResourceSelect,
        status: true,
        startDate: true,
        plannedEndDate: true,
        centre: { select: { timeZone: true } },
        unitVersion: { select: { title: true, number: true, unit: { select: { code: true } } } },
      },
    })
  ).filter((e) => can(actor, "enrolment.read", toEnrolmentResource(e), now));
  if (enrolments.length === 0) return [];

  const rows = await db.$queryRaw<CountRow[]>`
    SELECT e."id" AS "enrolmentId",
      (SELECT COUNT(*) FROM "Criterion" c WHERE c."unitVersionId" = e."unitVersionId") AS "total",
      (SELECT COUNT(*) FROM "Decision" d
        WHERE d."enrolmentId" = e."id" AND d."currentSlot" = 'current' AND d."outcome" = 'MET') AS "met",
      (SELECT COUNT(DISTINCT m."criterionId") FROM "Mapping" m
        WHERE m."enrolmentId" = e."id"
          AND NOT EXISTS (SELECT 1 FROM "Decision" d
            WHERE d."enrolmentId" = m."enrolmentId" AND d."criterionId" = m."criterionId"
              AND d."currentSlot" = 'current' AND d."outcome" = 'MET')) AS "evidenced",
      (SELECT COUNT(*) FROM "Mapping" m WHERE m."enrolmentId" = e."id" AND m."status" = 'PROPOSED') AS "proposed",
      (SELECT COUNT(*) FROM "Mapping" m WHERE m."enrolmentId" = e."id" AND m."status" = 'REJECTED') AS "referred"
    FROM "Enrolment" e
    WHERE e."id" IN (${Prisma.join(enrolments.map((e) => e.id))})`;
  const countsOf = new Map(rows.map((r) => [r.enrolmentId, r]));

  const statusOrder: Record<string, number> = { ACTIVE: 0, COMPLETED: 1, WITHDRAWN: 2 };
  return enrolments
    .map((e) => {
      const row = countsOf.get(e.id);
      const total = Number(row?.total ?? 0);
      const met = Number(row?.met ?? 0);
      const evidenced = Number(row?.evidenced ?? 0);
      return {
        enrolmentId: e.id,
        status: e.status,
        unitCode: e.unitVersion.unit.code,
        unitTitle: e.unitVersion.title,
        versionNumber: e.unitVersion.number,
        startDate: e.startDate,
        plannedEndDate: e.plannedEndDate,
        timeZone: e.centre.timeZone,
        total,
        met,
        evidenced,
        none: Math.max(0, total - met - evidenced),
        proposedMappings: Number(row?.proposed ?? 0),
        referredMappings: Number(row?.referred ?? 0),
      };
    })
    .sort((a, b) => (statusOrder[a.status] ?? 3) - (statusOrder[b.status] ?? 3));
}
