import { authorize, can, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResource } from "../enrolments/enrolment-resource";
import { enrolmentNotFound } from "../enrolments/guards";
import { timeZoneOf } from "../format/time-zone";
import { criteriaByIds } from "./find-request";
import { requestedCriteria, requestState, requestStateWords, type RequestState } from "./state";

export type WitnessRequestRow = {
  id: string;
  witnessName: string;
  witnessEmail: string;
  witnessJobTitle: string;
  relationship: string;
  requestedByName: string;
  createdAt: Date;
  state: RequestState;
  /** "Waiting for the witness, until 17 December 2026", "Submitted on ...", "Expired on ...", "Revoked on ...". */
  stateWords: string;
  /** "1.2, 1.5": the criteria of this unit it asks about. */
  criterionRefs: string;
  evidenceId: string | null;
  canRevoke: boolean;
};

export type WitnessRequestsPage = {
  enrolment: { id: string; unitCode: string; unitTitle: string; candidateName: string; active: boolean };
  timeZone: string;
  requests: WitnessRequestRow[];
  /** The viewer may ask a witness about this unit now (the candidate or its assessor, unit in progress). */
  canRequest: boolean;
  /** The unit's criteria to choose from, in the standard's order, with the group each belongs to. */
  criteria: { id: string; ref: string; text: string; groupTitle: string }[];
};

async function enrolmentFacts(db: Db, enrolmentId: string) {
  const enrolment = await db.enrolment.findUnique({
    where: { id: enrolmentId },
    select: {
      id: true,
      status: true,
      centreId: true,
      candidateId: true,
      unitVersionId: true,
      candidate: { select: { name: true } },
      centre: { select: { timeZone: true } },
      unitVersion: { select: { title: true, unit: { select: { code: true } } } },
    },
  });
  if (!enrolment) throw enrolmentNotFound();
  return enrolment;
}

/** The witness requests about one enrolment (newest first), and what the viewer may do with them. */
export async function listWitnessRequests(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now: Date = new Date(),
): Promise<WitnessRequestsPage> {
  const resource = await loadEnrolmentResource(db, enrolmentId);
  if (!resource) throw enrolmentNotFound();
  authorize(actor, "enrolment.read", resource, now);
  const enrolment = await enrolmentFacts(db, enrolmentId);
  const asker = can(actor, "witness.request", resource, now);
  const [rows, criteria] = await Promise.all([
    db.witnessRequest.findMany({
      where: { candidateId: enrolment.candidateId, centreId: enrolment.centreId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        witnessName: true,
        witnessEmail: true,
        witnessJobTitle: true,
        witnessRelationship: true,
        requestedById: true,
        createdAt: true,
        criteria: true,
        expiresAt: true,
        revokedAt: true,
        submittedAt: true,
        evidenceId: true,
      },
    }),
    db.criterion.findMany({
      where: { unitVersionId: enrolment.unitVersionId },
      orderBy: [{ group: { position: "asc" } }, { position: "asc" }],
      select: { id: true, ref: true, text: true, group: { select: { title: true } } },
    }),
  ]);
  // A request may ask about several units; this page lists those that ask about this one.
  const here = rows.flatMap((row) => {
    const ids = requestedCriteria(row.criteria)
      .filter((c) => c.enrolmentId === enrolmentId)
      .map((c) => c.criterionId);
    return ids.length > 0 ? [{ row, ids }] : [];
  });
  const [askers, named] = await Promise.all([
    db.user.findMany({ where: { id: { in: here.map((h) => h.row.requestedById) } }, select: { id: true, name: true } }),
    criteriaByIds(db, [...new Set(here.flatMap((h) => h.ids))]),
  ]);
  const timeZone = timeZoneOf(enrolment.centre);
  const refOf = new Map(named.map((c) => [c.id, c.ref]));
  const active = enrolment.status === "ACTIVE";
  return {
    enrolment: {
      id: enrolment.id,
      unitCode: enrolment.unitVersion.unit.code,
      unitTitle: enrolment.unitVersion.title,
      candidateName: enrolment.candidate.name,
      active,
    },
    timeZone,
    canRequest: asker && active,
    criteria: criteria.map((c) => ({ id: c.id, ref: c.ref, text: c.text, groupTitle: c.group.title })),
    requests: here.map(({ row, ids }) => {
      const state = requestState(row, now);
      return {
        id: row.id,
        witnessName: row.witnessName,
        witnessEmail: row.witnessEmail,
        witnessJobTitle: row.witnessJobTitle,
        relationship: row.witnessRelationship,
        requestedByName: askers.find((a) => a.id === row.requestedById)?.name ?? "",
        createdAt: row.createdAt,
        state,
        stateWords: requestStateWords(row, now, timeZone),
        criterionRefs: ids.map((id) => refOf.get(id) ?? "").join(", "),
        evidenceId: row.evidenceId,
        canRevoke: state === "waiting" && can(actor, "witness.revoke", resource, now),
      };
    }),
  };
}
