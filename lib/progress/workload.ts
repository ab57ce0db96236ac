import { Prisma } from "../../generated/sqlite/client";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import {
  isWholeCentre,
  scopeConditions,
  scopeOf,
  type EnrolmentScope,
  type ProgressContext,
  type ProgressFilters,
} from "./filters";
import { centreForDashboard, queryRows, toNullableNumber, toNumber, type CentreInfo } from "./measures";
import { epochMsSql } from "./rag";

// Each assessor's workload over the enrolments the filters select, as the assessor queue
// (lib/assessment/queue.ts) counts it: evidence waiting for review is evidence with a SUBMITTED
// mapping in an active enrolment assigned to them (not their own), counted once however many
// criteria it is mapped to; the oldest wait is from that evidence's submission. Decisions are
// those they signed in the last 30 days, whatever the outcome and even if revoked since.
// Candidates assigned are distinct candidates of their active enrolments.

export const DECISION_WINDOW_DAYS = 30;

export type AssessorWorkload = {
  assessor: { id: string; name: string; email: string };
  waitingEvidence: number;
  oldestWaitingSince: Date | null;
  decisionsLast30Days: number;
  candidatesAssigned: number;
  activeEnrolments: number;
};

export type Workload = { centre: CentreInfo; now: Date; assessors: AssessorWorkload[] };

type Row = {
  assessorId: string;
  name: string;
  email: string;
  waiting: unknown;
  oldestMs: unknown;
  decisions: unknown;
  candidates: unknown;
  enrolments: unknown;
};

export type WorkloadInput = { centreId: string } & ProgressFilters;

export function workloadSql(ctx: ProgressContext, scope: EnrolmentScope, since: Date): Prisma.Sql {
  const { centreId, assessorId } = scope;
  const where = scopeConditions(scope);
  return Prisma.sql`
    WITH "scoped" AS NOT MATERIALIZED (
      SELECT e."id" AS "id", e."assessorId" AS "assessorId", e."candidateId" AS "candidateId", e."status" AS "status"
      FROM "Enrolment" e WHERE ${where}),
    "waiting" AS (
      -- Each waiting item's submission time by its primary key: a join here led PostgreSQL to
      -- hash every evidence row of the centre (200,000 at scale) for the few thousand waiting.
      SELECT w."assessorId" AS "assessorId", COUNT(*) AS "waiting",
        MIN((SELECT ev."submittedAt" FROM "Evidence" ev WHERE ev."id" = w."evidenceId")) AS "oldest"
      FROM (SELECT DISTINCT s."assessorId" AS "assessorId", m."evidenceId" AS "evidenceId"
            FROM "Mapping" m JOIN "scoped" s ON s."id" = m."enrolmentId"
            WHERE m."status" = 'SUBMITTED' AND s."status" = 'ACTIVE' AND s."assessorId" IS NOT NULL AND s."candidateId" <> s."assessorId") w
      GROUP BY w."assessorId"),
    "decided" AS (
      -- The centre's decisions by their own centre and time (index-only); joined to the
      -- selected enrolments only when a filter selects some of them.
      SELECT d."signedById" AS "assessorId", COUNT(*) AS "decisions"
      FROM "Decision" d ${isWholeCentre(scope) ? Prisma.empty : Prisma.sql`JOIN "scoped" s ON s."id" = d."enrolmentId"`}
      WHERE d."centreId" = ${centreId} AND d."signedAt" >= ${since}
      GROUP BY d."signedById"),
    "assigned" AS (
      SELECT s."assessorId" AS "assessorId", COUNT(DISTINCT s."candidateId") AS "candidates", COUNT(*) AS "enrolments"
      FROM "scoped" s WHERE s."status" = 'ACTIVE' AND s."assessorId" IS NOT NULL
      GROUP BY s."assessorId"),
    "people" AS (
      SELECT "assessorId" FROM "assigned"
      UNION SELECT "assessorId" FROM "waiting"
      UNION SELECT "assessorId" FROM "decided"
      UNION SELECT ms."userId" AS "assessorId" FROM "Membership" ms
        WHERE ms."centreId" = ${centreId} AND ms."role" = 'ASSESSOR'
          ${assessorId ? Prisma.sql`AND ms."userId" = ${assessorId}` : Prisma.empty})
    SELECT p."assessorId" AS "assessorId", u."name" AS "name", u."email" AS "email",
      COALESCE(w."waiting", 0) AS "waiting", ${epochMsSql(ctx.provider, Prisma.sql`w."oldest"`)} AS "oldestMs",
      COALESCE(dd."decisions", 0) AS "decisions", COALESCE(a."candidates", 0) AS "candidates", COALESCE(a."enrolments", 0) AS "enrolments"
    FROM "people" p
      JOIN "User" u ON u."id" = p."assessorId"
      LEFT JOIN "waiting" w ON w."assessorId" = p."assessorId"
      LEFT JOIN "decided" dd ON dd."assessorId" = p."assessorId"
      LEFT JOIN "assigned" a ON a."assessorId" = p."assessorId"
    ${assessorId ? Prisma.sql`WHERE p."assessorId" = ${assessorId}` : Prisma.empty}
    ORDER BY COALESCE(w."waiting", 0) DESC, u."name" ASC, p."assessorId" ASC`;
}

export async function getWorkload(db: Db, actor: Actor, input: WorkloadInput, ctx: ProgressContext): Promise<Workload> {
  const now = ctx.now ?? new Date();
  const centre = await centreForDashboard(db, actor, input.centreId);
  const scope = scopeOf(
    centre.id,
    { unit: input.unit, assessor: input.assessor, cohort: input.cohort },
    centre.timeZone,
  );
  const since = new Date(now.getTime() - DECISION_WINDOW_DAYS * 86_400_000);

  const rows = await queryRows<Row>(db, ctx, workloadSql(ctx, scope, since));

  return {
    centre,
    now,
    assessors: rows.map((r) => {
      const oldest = toNullableNumber(r.oldestMs);
      return {
        assessor: { id: r.assessorId, name: r.name, email: r.email },
        waitingEvidence: toNumber(r.waiting),
        oldestWaitingSince: oldest === null ? null : new Date(oldest),
        decisionsLast30Days: toNumber(r.decisions),
        candidatesAssigned: toNumber(r.candidates),
        activeEnrolments: toNumber(r.enrolments),
      };
    }),
  };
}
