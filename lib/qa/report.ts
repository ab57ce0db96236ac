import { Prisma } from "../../generated/sqlite/client";
import type { SessionActor } from "../auth/actor";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { centreForRole } from "../enrolments/acting-centre";
import { methodLabel } from "../evidence/methods";
import { addDays, calendarDateIn, isCalendarDate, startOfDayIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { csvLine } from "../progress/csv";
import { actionStatusWord, isOverdue, namesOf, type QaActionStatus } from "./actions";
import { iqaOwnCaseload } from "./caseload";

// The IQA report for a period (docs/decisions/0020): how much of the sample was done, how often
// the IQA agreed with each assessor, the actions still open, and what the sample missed:
// assessors, units and methods with standing decisions signed in the period but no planned item.
// An IQA reads it over their own plans and the enrolments they quality-assure; a centre admin over
// every IQA's. Everything is counted in the database (grouped counts), never row by row.

export const REPORT_DEFAULT_DAYS = 90;
/** The open actions listed; more are counted. */
export const REPORT_ACTION_LIMIT = 200;

export type ReportScope = { centreId: string; wholeCentre: boolean };
export type ReportPeriod = { from: string; to: string };

export type AssessorRow = {
  assessorId: string;
  name: string;
  planned: number;
  sampled: number;
  agreed: number;
  actionRequired: number;
  /** agreed / sampled, as a whole percentage; null when nothing was sampled. */
  agreementRate: number | null;
};

export type ReportAction = {
  id: string;
  text: string;
  status: QaActionStatus;
  statusWord: string;
  overdue: boolean;
  dueDate: Date;
  assessorName: string;
  raisedByName: string;
  about: string;
  link: string | null;
};

export type IqaReport = {
  centreName: string;
  timeZone: string;
  period: ReportPeriod;
  wholeCentre: boolean;
  planCount: number;
  totals: Omit<AssessorRow, "assessorId" | "name">;
  assessors: AssessorRow[];
  actions: { open: number; overdue: number; list: ReportAction[] };
  gaps: {
    assessors: { id: string; name: string; decisions: number }[];
    units: { code: string; decisions: number }[];
    methods: { method: string; label: string; decisions: number }[];
  };
};

/**
 * Whose report the actor reads: an IQA (acting as one) their own; a centre admin (acting as one)
 * the whole centre's. Null when they act in neither role.
 */
export function reportScopeFor(actor: SessionActor): ReportScope | null {
  const iqa = centreForRole(actor, "IQA");
  if (iqa) return { centreId: iqa.centreId, wholeCentre: false };
  const admin = centreForRole(actor, "CENTRE_ADMIN");
  return admin ? { centreId: admin.centreId, wholeCentre: true } : null;
}

/** The period asked for in the address, or the last 90 days; with what was wrong with what was asked. */
export function readReportPeriod(
  params: { from?: string | null; to?: string | null },
  timeZone: string,
  now: Date = new Date(),
): { period: ReportPeriod; problems: string[] } {
  const today = calendarDateIn(now, timeZone);
  const problems: string[] = [];
  const pick = (value: string | null | undefined, fallback: string, label: string) => {
    const v = value?.trim() ?? "";
    if (!v) return fallback;
    if (isCalendarDate(v)) return v;
    problems.push(`“${label}” is not a real date (for example 2027-03-01)`);
    return fallback;
  };
  const to = pick(params.to, today, "To");
  const from = pick(params.from, addDays(to, -REPORT_DEFAULT_DAYS), "From");
  if (from > to) {
    problems.push("“From” is after “To”");
    return { period: { from: addDays(to, -REPORT_DEFAULT_DAYS), to }, problems };
  }
  return { period: { from, to }, problems };
}

function rate(agreed: number, sampled: number): number | null {
  return sampled === 0 ? null : Math.round((agreed / sampled) * 100);
}

/** The report for the period; refused unless the actor may read QA reports at the centre (and, for the whole centre, is its admin). */
export async function getIqaReport(
  db: Db,
  actor: Actor,
  scope: ReportScope,
  period: ReportPeriod,
  now: Date = new Date(),
): Promise<IqaReport> {
  const centreResource = { kind: "centre", centreId: scope.centreId } as const;
  authorize(actor, "qa.readReport", centreResource, now);
  // The whole centre's sample is the admins' to read: an IQA reads their own.
  if (scope.wholeCentre) authorize(actor, "centre.readDashboard", centreResource, now);
  const centre = await db.centre.findUniqueOrThrow({
    where: { id: scope.centreId },
    select: { name: true, timeZone: true },
  });
  const timeZone = timeZoneOf(centre);
  const start = startOfDayIn(period.from, timeZone);
  const end = startOfDayIn(addDays(period.to, 1), timeZone);
  const own = scope.wholeCentre ? null : actor.userId;

  const planWhere: Prisma.SamplingPlanWhereInput = {
    centreId: scope.centreId,
    periodStart: { lt: end },
    periodEnd: { gte: start },
    ...(own ? { iqaId: own } : {}),
  };
  const [planCount, itemGroups, decisions, actions] = await Promise.all([
    db.samplingPlan.count({ where: planWhere }),
    db.samplingItem.groupBy({
      by: ["assessorId", "unitCode", "method", "outcome"],
      where: { plan: planWhere },
      _count: { _all: true },
    }),
    standingDecisions(db, scope.centreId, own, start, end),
    openActions(db, scope.centreId, own, now),
  ]);

  const assessors = assessorRows(itemGroups);
  const gaps = coverageGaps(itemGroups, decisions);
  const names = await namesOf(db, [
    ...assessors.map((a) => a.assessorId),
    ...gaps.assessorIds.map((a) => a.id),
    ...actions.rows.flatMap((a) => [a.assessorId, a.raisedById]),
  ]);
  const name = (id: string | null) => (id ? (names.get(id) ?? "Unknown") : "The centre (an admin answers)");
  const totals = assessors.reduce(
    (t, a) => ({
      planned: t.planned + a.planned,
      sampled: t.sampled + a.sampled,
      agreed: t.agreed + a.agreed,
      actionRequired: t.actionRequired + a.actionRequired,
    }),
    { planned: 0, sampled: 0, agreed: 0, actionRequired: 0 },
  );
  return {
    centreName: centre.name,
    timeZone,
    period,
    wholeCentre: scope.wholeCentre,
    planCount,
    totals: { ...totals, agreementRate: rate(totals.agreed, totals.sampled) },
    assessors: assessors
      .map((a) => ({ ...a, name: name(a.assessorId) }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
    actions: { open: actions.open, overdue: actions.overdue, list: reportActions(actions.rows, name, now) },
    gaps: {
      assessors: gaps.assessorIds
        .map((a) => ({ ...a, name: name(a.id) }))
        .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
      units: gaps.units,
      methods: gaps.methods.map((m) => ({ ...m, label: methodLabel(m.method) })),
    },
  };
}

/** The report for the period the address asks for (the last 90 days by default), with what was wrong with what it asked. */
export async function readIqaReport(
  db: Db,
  actor: Actor,
  scope: ReportScope,
  params: { from?: string | null; to?: string | null },
  now: Date = new Date(),
): Promise<{ report: IqaReport; problems: string[] }> {
  authorize(actor, "qa.readReport", { kind: "centre", centreId: scope.centreId }, now);
  const centre = await db.centre.findUniqueOrThrow({ where: { id: scope.centreId }, select: { timeZone: true } });
  const { period, problems } = readReportPeriod(params, timeZoneOf(centre), now);
  return { report: await getIqaReport(db, actor, scope, period, now), problems };
}

type OpenActionRow = Awaited<ReturnType<typeof openActions>>["rows"][number];

function reportActions(rows: readonly OpenActionRow[], name: (id: string | null) => string, now: Date): ReportAction[] {
  return rows.map((a) => ({
    id: a.id,
    text: a.text,
    status: a.status === "responded" ? "responded" : "open",
    statusWord: actionStatusWord(a.status),
    overdue: isOverdue(a, now),
    dueDate: a.dueDate,
    assessorName: name(a.assessorId),
    raisedByName: name(a.raisedById),
    about: a.item
      ? `${a.item.unitCode} ${a.item.decision.criterion.ref}, ${a.item.decision.enrolment.candidate.name}`
      : a.visit
        ? `EQA visit: ${a.visit.title}`
        : "The centre",
    link: a.item ? `/iqa/plans/${encodeURIComponent(a.item.planId)}/items/${encodeURIComponent(a.item.id)}` : null,
  }));
}

type ItemGroup = {
  assessorId: string;
  unitCode: string;
  method: string;
  outcome: string | null;
  _count: { _all: number };
};

function assessorRows(groups: readonly ItemGroup[]): Omit<AssessorRow, "name">[] {
  const rows = new Map<string, Omit<AssessorRow, "name">>();
  for (const g of groups) {
    const row = rows.get(g.assessorId) ?? {
      assessorId: g.assessorId,
      planned: 0,
      sampled: 0,
      agreed: 0,
      actionRequired: 0,
      agreementRate: null,
    };
    const n = g._count._all;
    row.planned += n;
    if (g.outcome === "agreed") row.agreed += n;
    if (g.outcome === "action_required") row.actionRequired += n;
    row.sampled = row.agreed + row.actionRequired;
    row.agreementRate = rate(row.agreed, row.sampled);
    rows.set(g.assessorId, row);
  }
  return [...rows.values()];
}

type DecisionCount = { assessorId: string; unitCode: string; method: string; n: number };

/**
 * Standing decisions signed in [start, end), counted by signer, unit and method, as the sampler
 * reads them (lib/qa/caseload.ts): the method is that of the first evidence the decision's
 * snapshot names ("other" when it names none). An IQA's own: the enrolments they quality-assure,
 * never their own work (an enrolment they are the candidate of, or a decision they signed).
 */
async function standingDecisions(
  db: Db,
  centreId: string,
  iqaId: string | null,
  start: Date,
  end: Date,
): Promise<DecisionCount[]> {
  const scope = iqaId ? Prisma.sql`AND ${iqaOwnCaseload(iqaId)}` : Prisma.empty;
  const rows = await db.$queryRaw<{ assessorId: string; unitCode: string; method: string; n: number | bigint }[]>(
    Prisma.sql`
      SELECT d."signedById" AS "assessorId", u."code" AS "unitCode", COALESCE(ev."method", 'other') AS "method",
             COUNT(*) AS "n"
        FROM "Decision" d
        JOIN "Enrolment" e ON e."id" = d."enrolmentId"
        JOIN "UnitVersion" v ON v."id" = e."unitVersionId"
        JOIN "Unit" u ON u."id" = v."unitId"
        LEFT JOIN "Evidence" ev ON ev."id" = (d."evidenceSnapshot" -> 0 ->> 'evidenceId')
       WHERE d."centreId" = ${centreId} AND d."currentSlot" = 'current'
         AND d."signedAt" >= ${start} AND d."signedAt" < ${end} ${scope}
       GROUP BY d."signedById", u."code", COALESCE(ev."method", 'other')`,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

function coverageGaps(groups: readonly ItemGroup[], decisions: readonly DecisionCount[]) {
  const planned = {
    assessors: new Set(groups.map((g) => g.assessorId)),
    units: new Set(groups.map((g) => g.unitCode)),
    methods: new Set(groups.map((g) => g.method)),
  };
  const unplanned = (key: "assessorId" | "unitCode" | "method", seen: ReadonlySet<string>) => {
    const totals = new Map<string, number>();
    for (const d of decisions) if (!seen.has(d[key])) totals.set(d[key], (totals.get(d[key]) ?? 0) + d.n);
    return [...totals.entries()].map(([value, count]) => ({ value, decisions: count }));
  };
  return {
    assessorIds: unplanned("assessorId", planned.assessors).map((g) => ({ id: g.value, decisions: g.decisions })),
    units: unplanned("unitCode", planned.units)
      .map((g) => ({ code: g.value, decisions: g.decisions }))
      .sort((a, b) => a.code.localeCompare(b.code, "en-GB")),
    methods: unplanned("method", planned.methods)
      .map((g) => ({ method: g.value, decisions: g.decisions }))
      .sort((a, b) => b.decisions - a.decisions),
  };
}

async function openActions(db: Db, centreId: string, raisedById: string | null, now: Date) {
  const where: Prisma.QaActionWhereInput = {
    centreId,
    status: { not: "closed" },
    ...(raisedById ? { raisedById } : {}),
  };
  const [open, overdue, rows] = await Promise.all([
    db.qaAction.count({ where }),
    db.qaAction.count({ where: { ...where, dueDate: { lte: now } } }),
    db.qaAction.findMany({
      where,
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
      take: REPORT_ACTION_LIMIT,
      select: {
        id: true,
        text: true,
        status: true,
        dueDate: true,
        assessorId: true,
        raisedById: true,
        item: {
          select: {
            id: true,
            planId: true,
            unitCode: true,
            decision: {
              select: {
                criterion: { select: { ref: true } },
                enrolment: { select: { candidate: { select: { name: true } } } },
              },
            },
          },
        },
        visit: { select: { title: true } },
      },
    }),
  ]);
  return { open, overdue, rows };
}

// ---------------------------------------------------------------------------------------------
// CSV

export const reportCsvColumns = [
  "Section",
  "Name",
  "About",
  "Planned",
  "Sampled",
  "Agreed",
  "Action required",
  "Agreement rate (%)",
  "Standing decisions",
  "Status",
  "Due",
  "Detail",
] as const;

type CsvRow = Partial<Record<(typeof reportCsvColumns)[number], string | number | null>>;

function line(row: CsvRow): string {
  return csvLine(reportCsvColumns.map((c) => (row[c] === null || row[c] === undefined ? "" : String(row[c]))));
}

/** The report as CSV text: one row per figure, each row's section first; cells through the progress export's formula guard. */
export function reportCsv(report: IqaReport): string {
  const counts = (r: Omit<AssessorRow, "assessorId" | "name">) => ({
    Planned: r.planned,
    Sampled: r.sampled,
    Agreed: r.agreed,
    "Action required": r.actionRequired,
    "Agreement rate (%)": r.agreementRate,
  });
  const rows: CsvRow[] = [
    { Section: "Period", Name: `${report.period.from} to ${report.period.to}`, Detail: report.centreName },
    {
      Section: "Totals",
      Name: report.wholeCentre ? "Every IQA's plans" : "Your plans",
      ...counts(report.totals),
      Detail: `${report.planCount} plan${report.planCount === 1 ? "" : "s"}`,
    },
    ...report.assessors.map((a) => ({ Section: "Assessor", Name: a.name, ...counts(a) })),
    ...report.actions.list.map((a) => ({
      Section: "Open action",
      Name: a.assessorName,
      About: a.about,
      Status: a.overdue ? `${a.statusWord}, overdue` : a.statusWord,
      Due: calendarDateIn(a.dueDate, report.timeZone),
      Detail: a.text,
    })),
    ...report.gaps.assessors.map((g) => ({
      Section: "Gap: assessor",
      Name: g.name,
      "Standing decisions": g.decisions,
    })),
    ...report.gaps.units.map((g) => ({ Section: "Gap: unit", Name: g.code, "Standing decisions": g.decisions })),
    ...report.gaps.methods.map((g) => ({ Section: "Gap: method", Name: g.label, "Standing decisions": g.decisions })),
  ];
  return line(Object.fromEntries(reportCsvColumns.map((c) => [c, c]))) + rows.map(line).join("");
}
