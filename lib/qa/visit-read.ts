import { authorize, can, type Actor } from "../authz/policy";
import { findCandidates, type CandidateMatches } from "../enrolments/enrolment-options";
import type { Db } from "../db/client";
import { pageWindow, type Paginated, type PersonRef } from "../enrolments/dto";
import { timeZoneOf } from "../format/time-zone";
import { authorizedVisit, type VisitRow } from "./visits";

// What the visit pages read (lib/qa/visits.ts writes): the admin's paged list, the EQA's list,
// and one visit with its scope, findings and actions.

export const VISIT_PAGE_SIZE = 20;

export type VisitState = "upcoming" | "open" | "ended" | "cancelled";

export const visitStateLabels: Record<VisitState, string> = {
  upcoming: "Upcoming",
  open: "Open now",
  ended: "Ended",
  cancelled: "Cancelled",
};

export function visitState(visit: { startsAt: Date; endsAt: Date; cancelledAt: Date | null }, now: Date): VisitState {
  if (visit.cancelledAt) return "cancelled";
  if (now < visit.startsAt) return "upcoming";
  return now < visit.endsAt ? "open" : "ended";
}

export type VisitSummary = {
  id: string;
  title: string;
  centre: { id: string; name: string; timeZone: string };
  eqa: PersonRef;
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
  state: VisitState;
  scopeKind: string;
  portfolios: number;
  findingCount: number;
};

const summarySelect = {
  id: true,
  title: true,
  startsAt: true,
  endsAt: true,
  cancelledAt: true,
  scopeKind: true,
  eqaUserId: true,
  centre: { select: { id: true, name: true, timeZone: true } },
  _count: { select: { findings: true } },
} as const;

type SummaryRow = {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  cancelledAt: Date | null;
  scopeKind: string;
  eqaUserId: string;
  centre: { id: string; name: string; timeZone: string };
  _count: { findings: number };
};

async function summaries(db: Pick<Db, "user" | "eqaShare">, rows: SummaryRow[], now: Date): Promise<VisitSummary[]> {
  const ids = rows.map((r) => r.id);
  const [people, shares] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.eqaUserId))] } },
      select: { id: true, name: true },
    }),
    ids.length ? db.eqaShare.groupBy({ by: ["visitId"], where: { visitId: { in: ids } }, _count: { _all: true } }) : [],
  ]);
  const names = new Map(people.map((p) => [p.id, p.name]));
  const counts = new Map(shares.map((s) => [s.visitId, s._count._all]));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    centre: { ...r.centre, timeZone: timeZoneOf(r.centre) },
    eqa: { id: r.eqaUserId, name: names.get(r.eqaUserId) ?? "Removed user" },
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    cancelledAt: r.cancelledAt,
    state: visitState(r, now),
    scopeKind: r.scopeKind,
    portfolios: counts.get(r.id) ?? 0,
    findingCount: r._count.findings,
  }));
}

/** A centre's visits for its admins, latest first, 20 a page. */
export async function listCentreVisits(
  db: Db,
  actor: Actor,
  input: { centreId: string; page?: number },
  now: Date = new Date(),
): Promise<Paginated<VisitSummary>> {
  authorize(actor, "visit.manage", { kind: "centre", centreId: input.centreId });
  const where = { centreId: input.centreId };
  const total = await db.eqaVisit.count({ where });
  const { page, pageCount, skip } = pageWindow(input.page ?? 1, total, VISIT_PAGE_SIZE);
  const rows = await db.eqaVisit.findMany({
    where,
    select: summarySelect,
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    skip,
    take: VISIT_PAGE_SIZE,
  });
  return { items: await summaries(db, rows, now), total, page, pageCount, pageSize: VISIT_PAGE_SIZE };
}

/**
 * The EQA's visits at every centre where they hold the role: open ones (which they may enter),
 * and the rest, upcoming or past, listed for their dates only. The latest 400, newest first.
 */
export async function listEqaVisits(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<{ open: VisitSummary[]; others: VisitSummary[] }> {
  const centreIds = actor.memberships.filter((m) => m.role === "EQA").map((m) => m.centreId);
  if (centreIds.length === 0) return { open: [], others: [] };
  const rows = await db.eqaVisit.findMany({
    where: { eqaUserId: actor.userId, centreId: { in: centreIds } },
    select: summarySelect,
    orderBy: [{ startsAt: "desc" }, { id: "asc" }],
    take: 400,
  });
  const all = await summaries(db, rows, now);
  const open = all.filter((v) => v.state === "open" && can(actor, "visit.read", visitResourceOf(v), now));
  return { open, others: all.filter((v) => !open.includes(v)) };
}

function visitResourceOf(v: VisitSummary) {
  return {
    kind: "visit" as const,
    centreId: v.centre.id,
    eqaUserId: v.eqa.id,
    startsAt: v.startsAt,
    endsAt: v.endsAt,
    cancelled: v.cancelledAt !== null,
  };
}

export type ScopeEnrolment = {
  id: string;
  candidate: PersonRef;
  unit: { code: string; title: string; versionNumber: number };
  status: string;
  assessor: PersonRef | null;
};

export type VisitFinding = { id: string; text: string; author: PersonRef; createdAt: Date };

export type VisitAction = {
  id: string;
  text: string;
  dueDate: Date;
  status: string;
  assessor: PersonRef | null;
  raisedBy: PersonRef;
  createdAt: Date;
};

export type VisitView = VisitSummary & {
  createdBy: PersonRef;
  createdAt: Date;
  /** What the scope was chosen as: unit codes, candidates' names, or the plan's title. */
  scopeWords: string[];
  enrolments: ScopeEnrolment[];
  findings: VisitFinding[];
  actions: VisitAction[];
  allowed: { manage: boolean; recordFinding: boolean; downloadPack: boolean };
  /** The centre's assessors, for a finding's action (only when the viewer may record one). */
  assessors: PersonRef[];
};

/** One visit for its EQA (inside its days) or the centre's admins. */
export async function getVisit(db: Db, actor: Actor, visitId: string, now: Date = new Date()): Promise<VisitView> {
  const visit = await authorizedVisit(db, actor, visitId, "visit.read", now);
  const row = await db.eqaVisit.findUniqueOrThrow({ where: { id: visit.id }, select: summarySelect });
  const [summary] = await summaries(db, [row], now);
  const allowed = {
    manage: can(actor, "visit.manage", visit, now),
    recordFinding: can(actor, "visit.recordFinding", visit, now),
    downloadPack: can(actor, "pack.download", visit, now),
  };
  const [enrolments, findings, actions, scopeWords, assessors] = await Promise.all([
    scopeEnrolments(db, visit.id),
    db.eqaFinding.findMany({ where: { visitId: visit.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.qaAction.findMany({ where: { visitId: visit.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    describeScope(db, visit),
    allowed.recordFinding ? centreAssessors(db, visit.centreId) : Promise.resolve([]),
  ]);
  const person = await people(db, [
    visit.createdById,
    ...findings.map((f) => f.authorId),
    ...actions.flatMap((a) => [a.raisedById, a.assessorId ?? ""]),
  ]);
  return {
    ...(summary as VisitSummary),
    createdBy: person(visit.createdById),
    createdAt: visit.createdAt,
    scopeWords,
    enrolments,
    findings: findings.map((f) => ({ id: f.id, text: f.text, author: person(f.authorId), createdAt: f.createdAt })),
    actions: actions.map((a) => ({
      id: a.id,
      text: a.text,
      dueDate: a.dueDate,
      status: a.status,
      assessor: a.assessorId ? person(a.assessorId) : null,
      raisedBy: person(a.raisedById),
      createdAt: a.createdAt,
    })),
    allowed,
    assessors,
  };
}

async function people(db: Pick<Db, "user">, ids: string[]): Promise<(id: string) => PersonRef> {
  const wanted = [...new Set(ids.filter(Boolean))];
  const rows = wanted.length
    ? await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
    : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (id) => ({ id, name: names.get(id) ?? "Removed user" });
}

/** The enrolments the visit opened (its shares), by candidate then unit. */
export async function scopeEnrolments(
  db: Pick<Db, "eqaShare" | "enrolment">,
  visitId: string,
): Promise<ScopeEnrolment[]> {
  const shares = await db.eqaShare.findMany({ where: { visitId }, select: { enrolmentId: true } });
  const rows = await db.enrolment.findMany({
    where: { id: { in: shares.map((s) => s.enrolmentId) } },
    select: {
      id: true,
      status: true,
      candidate: { select: { id: true, name: true } },
      assessor: { select: { id: true, name: true } },
      unitVersion: { select: { number: true, title: true, unit: { select: { code: true } } } },
    },
  });
  return rows
    .map((r) => ({
      id: r.id,
      status: r.status,
      candidate: r.candidate,
      assessor: r.assessor,
      unit: { code: r.unitVersion.unit.code, title: r.unitVersion.title, versionNumber: r.unitVersion.number },
    }))
    .sort(
      (a, b) =>
        a.candidate.name.localeCompare(b.candidate.name) ||
        a.unit.code.localeCompare(b.unit.code) ||
        (a.id < b.id ? -1 : 1),
    );
}

function scopeList(scope: unknown): string[] {
  return Array.isArray(scope) ? scope.filter((v): v is string => typeof v === "string") : [];
}

async function describeScope(db: Pick<Db, "user" | "samplingPlan">, visit: VisitRow): Promise<string[]> {
  const values = scopeList(visit.scope);
  if (visit.scopeKind === "units") return values;
  if (visit.scopeKind === "candidates") {
    const person = await people(db, values);
    return values.map((id) => person(id).name);
  }
  const plans = await db.samplingPlan.findMany({ where: { id: { in: values } }, select: { title: true } });
  return plans.length ? plans.map((p) => p.title) : ["A sampling plan that has since been removed"];
}

async function centreAssessors(db: Pick<Db, "membership">, centreId: string): Promise<PersonRef[]> {
  const rows = await db.membership.findMany({
    where: { centreId, role: "ASSESSOR", endedAt: null, awaitingAcceptance: false },
    select: { user: { select: { id: true, name: true } } },
    orderBy: [{ user: { name: "asc" } }, { user: { id: "asc" } }],
  });
  return rows.map((r) => r.user);
}

export type VisitFormOptions = {
  centre: { id: string; name: string; timeZone: string };
  eqas: (PersonRef & { email: string })[];
  /** Units someone at the centre is enrolled on. */
  units: { code: string; title: string }[];
  /** The first candidates enrolled at the centre by name; the form's picker asks for others. */
  candidates: CandidateMatches;
  plans: { id: string; title: string; iqaName: string; items: number }[];
};

/** What the admin chooses from when arranging a visit. */
export async function getVisitFormOptions(db: Db, actor: Actor, centreId: string): Promise<VisitFormOptions> {
  authorize(actor, "visit.manage", { kind: "centre", centreId });
  const [centre, memberships, units, plans, candidates] = await Promise.all([
    db.centre.findUniqueOrThrow({ where: { id: centreId }, select: { id: true, name: true, timeZone: true } }),
    db.membership.findMany({
      where: { centreId, role: "EQA", endedAt: null, awaitingAcceptance: false },
      select: { user: { select: { id: true, name: true, email: true } } },
      orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
    }),
    db.unit.findMany({
      where: { versions: { some: { enrolments: { some: { centreId } } } } },
      select: { code: true, versions: { select: { title: true }, orderBy: { number: "desc" }, take: 1 } },
      orderBy: { code: "asc" },
    }),
    db.samplingPlan.findMany({
      where: { centreId },
      select: { id: true, title: true, iqaId: true, _count: { select: { items: true } } },
      orderBy: [{ periodStart: "desc" }, { id: "asc" }],
      take: 200,
    }),
    // Searched, not all loaded: a centre may have thousands of candidates.
    findCandidates(db, actor, centreId, "", { enrolledOnly: true }),
  ]);
  const person = await people(
    db,
    plans.map((p) => p.iqaId),
  );
  return {
    centre,
    eqas: memberships.map((m) => m.user),
    units: units.map((u) => ({ code: u.code, title: u.versions[0]?.title ?? "" })),
    candidates,
    plans: plans.map((p) => ({ id: p.id, title: p.title, iqaName: person(p.iqaId).name, items: p._count.items })),
  };
}
