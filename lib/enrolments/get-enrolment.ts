import { authorize, can, shareWindowState, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentSummarySelect, toEnrolmentSummary, type EnrolmentSummary, type PersonRef } from "./dto";
import { loadEnrolmentResource } from "./enrolment-resource";
import { enrolmentNotFound } from "./guards";

export type AssessorChangeDto = { at: Date; from: PersonRef | null; to: PersonRef | null; changedBy: PersonRef | null };
export type ShareDto = {
  id: string;
  eqa: { id: string; name: string; email: string };
  /** Set for a visit's share, which opens on the visit's first day; a hand-made share is open at once. */
  startsAt: Date | null;
  expiresAt: Date;
  sharedBy: PersonRef | null;
  /** Written by arranging an EQA visit rather than by sharing this enrolment by hand. */
  fromVisit: boolean;
  state: ReturnType<typeof shareWindowState>;
};

export type EnrolmentDetail = EnrolmentSummary & {
  withdrawnReason: string | null;
  /** The newest version of the unit, when it is newer than the pinned one. */
  newerVersionNumber: number | null;
  assessorHistory: AssessorChangeDto[];
  /** Visible only to those who may share: the EQA shares, current and expired. */
  shares: ShareDto[] | null;
  allowed: { changeAssessor: boolean; withdraw: boolean; share: boolean };
};

type ShareRow = {
  id: string;
  visitId: string;
  startsAt: Date | null;
  expiresAt: Date;
  eqaUser: ShareDto["eqa"];
};

function toShareDto(share: ShareRow, sharedBy: PersonRef | null, now: Date): ShareDto {
  return {
    id: share.id,
    eqa: share.eqaUser,
    startsAt: share.startsAt,
    expiresAt: share.expiresAt,
    sharedBy,
    fromVisit: share.visitId !== "",
    state: shareWindowState(share, now),
  };
}

/** One enrolment with its assessor history and EQA shares, for whoever may read it. */
export async function getEnrolment(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now: Date = new Date(),
): Promise<EnrolmentDetail> {
  const resource = await loadEnrolmentResource(db, enrolmentId);
  if (!resource) throw enrolmentNotFound();
  authorize(actor, "enrolment.read", resource, now);
  const allowed = {
    changeAssessor: can(actor, "enrolment.changeAssessor", resource, now),
    withdraw: can(actor, "enrolment.withdraw", resource, now),
    share: can(actor, "enrolment.share", resource, now),
  };

  const row = await db.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: {
      ...enrolmentSummarySelect,
      withdrawnReason: true,
      unitVersion: {
        select: {
          number: true,
          title: true,
          unit: {
            select: { code: true, versions: { select: { number: true }, orderBy: { number: "desc" }, take: 1 } },
          },
        },
      },
      assessorChanges: {
        select: { at: true, fromAssessorId: true, toAssessorId: true, changedById: true },
        orderBy: [{ at: "asc" }, { id: "asc" }],
      },
      eqaShares: {
        select: {
          id: true,
          visitId: true,
          startsAt: true,
          expiresAt: true,
          sharedById: true,
          eqaUser: { select: { id: true, name: true, email: true } },
        },
        orderBy: { expiresAt: "desc" },
      },
    },
  });

  const peopleIds = new Set<string>();
  for (const change of row.assessorChanges) {
    for (const id of [change.fromAssessorId, change.toAssessorId, change.changedById]) if (id) peopleIds.add(id);
  }
  if (allowed.share) for (const share of row.eqaShares) if (share.sharedById) peopleIds.add(share.sharedById);
  const people = new Map(
    (await db.user.findMany({ where: { id: { in: [...peopleIds] } }, select: { id: true, name: true } })).map((u) => [
      u.id,
      { id: u.id, name: u.name },
    ]),
  );
  const person = (id: string | null): PersonRef | null =>
    id ? (people.get(id) ?? { id, name: "Removed user" }) : null;

  const latest = row.unitVersion.unit.versions[0]?.number ?? row.unitVersion.number;
  return {
    ...toEnrolmentSummary(row),
    withdrawnReason: row.withdrawnReason,
    newerVersionNumber: latest > row.unitVersion.number ? latest : null,
    assessorHistory: row.assessorChanges.map((c) => ({
      at: c.at,
      from: person(c.fromAssessorId),
      to: person(c.toAssessorId),
      changedBy: person(c.changedById),
    })),
    shares: allowed.share ? row.eqaShares.map((s) => toShareDto(s, person(s.sharedById), now)) : null,
    allowed,
  };
}
