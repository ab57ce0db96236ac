import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResource } from "../enrolments/enrolment-resource";
import { NotFoundError } from "../errors";
import { authorizedVisit } from "../qa/visits";

// Which enrolments an evidence pack holds, and whether the actor may have it (policy action
// pack.download on the visit, the sampling plan or the enrolment). A record the actor may not
// see answers NotFoundError, exactly as a missing one (route: 404, as the file routes do); a
// refusal the actor can act on (their visit's days are over, an EQA asking for a portfolio's own
// pack) is the policy's ForbiddenError (route: 403 with its words). Nothing is written either way.

export const packKinds = ["visit", "samplingPlan", "enrolment"] as const;
export type PackKind = (typeof packKinds)[number];

export type PackRequest = { kind: PackKind; id: string };

export type PackScope = {
  kind: PackKind;
  id: string;
  title: string;
  centreId: string;
  enrolmentIds: string[];
  /**
   * "submitted": only evidence submitted for assessment in each enrolment, as an EQA sees it
   * (policy evidenceSight); "whole": every claim, drafts included, as its readers see it.
   */
  sight: "submitted" | "whole";
  /** A visit's days, for the manifest. */
  window?: { startsAt: Date; endsAt: Date };
};

const notFound = (what: string) =>
  new NotFoundError(
    `That ${what} was not found, or its evidence pack is not yours to download.`,
    `pack: ${what} hidden or missing`,
  );

async function visitScope(db: Db, actor: Actor, visitId: string, now: Date): Promise<PackScope> {
  const visit = await authorizedVisit(db, actor, visitId, "pack.download", now);
  const shares = await db.eqaShare.findMany({ where: { visitId: visit.id }, select: { enrolmentId: true } });
  return {
    kind: "visit",
    id: visit.id,
    title: visit.title,
    centreId: visit.centreId,
    enrolmentIds: [...new Set(shares.map((s) => s.enrolmentId))].sort(),
    sight: "submitted",
    window: { startsAt: visit.startsAt, endsAt: visit.endsAt },
  };
}

async function planScope(db: Db, actor: Actor, planId: string, now: Date): Promise<PackScope> {
  const plan = await db.samplingPlan.findUnique({
    where: { id: planId },
    select: { id: true, centreId: true, iqaId: true, title: true },
  });
  if (!plan) throw notFound("sampling plan");
  const resource = { kind: "samplingPlan" as const, centreId: plan.centreId, iqaId: plan.iqaId };
  if (!can(actor, "pack.download", resource, now)) throw notFound("sampling plan");
  const items = await db.samplingItem.findMany({ where: { planId: plan.id }, select: { enrolmentId: true } });
  const enrolments = await db.enrolment.findMany({
    where: { centreId: plan.centreId, id: { in: [...new Set(items.map((i) => i.enrolmentId))] } },
    select: { id: true },
  });
  return {
    kind: "samplingPlan",
    id: plan.id,
    title: plan.title,
    centreId: plan.centreId,
    enrolmentIds: enrolments.map((e) => e.id).sort(),
    sight: "whole",
  };
}

async function enrolmentScope(db: Db, actor: Actor, enrolmentId: string, now: Date): Promise<PackScope> {
  const resource = await loadEnrolmentResource(db, enrolmentId);
  if (!resource || !can(actor, "enrolment.read", resource, now)) throw notFound("portfolio");
  authorize(actor, "pack.download", resource, now);
  const row = await db.enrolment.findUniqueOrThrow({
    where: { id: resource.id },
    select: { candidate: { select: { name: true } }, unitVersion: { select: { unit: { select: { code: true } } } } },
  });
  return {
    kind: "enrolment",
    id: resource.id,
    title: `${row.candidate.name}: ${row.unitVersion.unit.code}`,
    centreId: resource.centreId,
    enrolmentIds: [resource.id],
    sight: "whole",
  };
}

/** The pack's scope if the actor may download it; throws NotFoundError or ForbiddenError otherwise. */
export function resolvePackScope(
  db: Db,
  actor: Actor,
  request: PackRequest,
  now: Date = new Date(),
): Promise<PackScope> {
  switch (request.kind) {
    case "visit":
      return visitScope(db, actor, request.id, now);
    case "samplingPlan":
      return planScope(db, actor, request.id, now);
    case "enrolment":
      return enrolmentScope(db, actor, request.id, now);
  }
}
