import { Prisma } from "../../generated/sqlite/client";
import type { Db } from "../db/client";
import { providerOfClient } from "../db/provider";
import { queryRows } from "../progress/measures";
import { calendarDateIn } from "../format/date";
import type { CandidateDecision, SamplingStage } from "./sampler";

// The decisions an IQA can sample in a period (docs/decisions/0020): the standing decisions
// (Decision.currentSlot "current") signed in the period on enrolments of the centre whose IQA
// they are. Never their own work: not an enrolment they are the candidate of, nor a decision
// they signed themselves (someone who is both assessor and IQA). One SQL statement on both
// databases: the method is that of the first evidence the decision's snapshot names ("other"
// when it names none), the stage "summative" when the enrolment's unit has a standing sign-off.
// The JSON operators -> and ->> read the snapshot alike on PostgreSQL (jsonb) and SQLite (3.38+).

export type CaseloadScope = {
  centreId: string;
  iqaId: string;
  /** The first instant of the period, and the first after it. */
  from: Date;
  to: Date;
};

/**
 * Which decisions are an IQA's to sample, as SQL over "Decision" d and "Enrolment" e: those on
 * enrolments they quality-assure, never their own work (an enrolment they are the candidate of,
 * or a decision they signed). The sampler and the IQA report both filter by it.
 */
export function iqaOwnCaseload(iqaId: string): Prisma.Sql {
  return Prisma.sql`e."iqaId" = ${iqaId} AND e."candidateId" <> ${iqaId} AND d."signedById" <> ${iqaId}`;
}

/**
 * The decisions' FROM and WHERE, only those named when `decisionIds` is given; `withEvidence`
 * joins the first evidence of each (as "ev") for its method.
 */
function fromWhere(scope: CaseloadScope, options: { decisionIds?: string[]; withEvidence?: boolean } = {}): Prisma.Sql {
  const { decisionIds, withEvidence = false } = options;
  const named = decisionIds
    ? Prisma.sql`AND d."id" IN (${Prisma.join(decisionIds.length ? decisionIds : [""])})`
    : Prisma.empty;
  return Prisma.sql`
    FROM "Decision" d
    JOIN "Enrolment" e ON e."id" = d."enrolmentId"
    JOIN "UnitVersion" uv ON uv."id" = e."unitVersionId"
    JOIN "Unit" u ON u."id" = uv."unitId"
    ${withEvidence ? Prisma.sql`LEFT JOIN "Evidence" ev ON ev."id" = (d."evidenceSnapshot" -> 0 ->> 'evidenceId')` : Prisma.empty}
    WHERE d."centreId" = ${scope.centreId} AND d."currentSlot" = 'current'
      AND d."signedAt" >= ${scope.from} AND d."signedAt" < ${scope.to}
      AND e."centreId" = ${scope.centreId} AND ${iqaOwnCaseload(scope.iqaId)}
      ${named}`;
}

type Row = {
  decisionId: string;
  enrolmentId: string;
  criterionId: string;
  assessorId: string;
  candidateId: string;
  signedAt: Date | string;
  startDate: Date | string;
  unitCode: string;
  method: string;
  stage: string;
};

/** A caseload decision with what the sampler reads, its criterion, and when it was signed. */
export type CaseloadDecision = CandidateDecision & { criterionId: string; signedAt: Date };

function selectDecisions(scope: CaseloadScope, decisionIds?: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT d."id" AS "decisionId", d."enrolmentId" AS "enrolmentId", d."criterionId" AS "criterionId", d."signedById" AS "assessorId",
           e."candidateId" AS "candidateId", d."signedAt" AS "signedAt", e."startDate" AS "startDate",
           u."code" AS "unitCode", COALESCE(ev."method", 'other') AS "method",
           CASE WHEN EXISTS (SELECT 1 FROM "UnitSignOff" s WHERE s."enrolmentId" = d."enrolmentId" AND s."currentSlot" = 'current')
                THEN 'summative' ELSE 'interim' END AS "stage"
    ${fromWhere(scope, { decisionIds, withEvidence: true })}`;
}

/**
 * The caseload's decisions in the period, as the sampler reads them: the cohort is the month the
 * enrolment started in the centre's time zone. On PostgreSQL with its settings for large reads
 * (lib/progress/measures.ts): JIT compilation alone cost a year's caseload at 10,000 candidates
 * 190 ms of a 470 ms query.
 */
export async function caseloadDecisions(db: Db, scope: CaseloadScope, timeZone: string): Promise<CaseloadDecision[]> {
  const rows = await queryRows<Row>(db, { provider: providerOfClient(db) }, selectDecisions(scope));
  return toDecisions(rows, timeZone);
}

/** Those of the named decisions that are in the caseload: a small read, for use inside a transaction. */
export async function namedCaseloadDecisions(
  tx: Pick<Db, "$queryRaw">,
  scope: CaseloadScope,
  timeZone: string,
  decisionIds: string[],
): Promise<CaseloadDecision[]> {
  return toDecisions(await tx.$queryRaw<Row[]>(selectDecisions(scope, decisionIds)), timeZone);
}

/** An enrolment's cohort: the month it started, "YYYY-MM", in the centre's time zone. */
function cohortOf(startDate: Date, timeZone: string): string {
  return calendarDateIn(startDate, timeZone).slice(0, 7);
}

/** cohortOf for many rows: many share an enrolment and so a start date, whose month is worked out once. */
export function cohortReader(timeZone: string): (startDate: Date | string) => string {
  const months = new Map<number, string>();
  return (startDate) => {
    const start = new Date(startDate).getTime();
    let cohort = months.get(start);
    if (cohort === undefined) {
      cohort = cohortOf(new Date(start), timeZone);
      months.set(start, cohort);
    }
    return cohort;
  };
}

function toDecisions(rows: Row[], timeZone: string): CaseloadDecision[] {
  const cohortOfStart = cohortReader(timeZone);
  return rows.map((row) => ({
    decisionId: row.decisionId,
    enrolmentId: row.enrolmentId,
    criterionId: row.criterionId,
    assessorId: row.assessorId,
    candidateId: row.candidateId,
    unitCode: row.unitCode,
    method: row.method,
    stage: row.stage as SamplingStage,
    cohort: cohortOfStart(row.startDate),
    signedAt: new Date(row.signedAt),
  }));
}

/** The count of the same decisions, as one statement: the floor npm run bench measures proposing a sample against. */
export function countCaseloadSql(scope: CaseloadScope): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS "n" ${fromWhere(scope)}`;
}
