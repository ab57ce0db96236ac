import type { Prisma } from "../../generated/sqlite/client";
import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { describeWait } from "./waited";
import { DEFAULT_TIME_ZONE } from "../format/time-zone";

// The assessor's queue: evidence with mappings waiting for review in enrolments assigned to
// them, oldest submission first. The query mirrors the policy's "assigned assessor" reach:
// an assessor role in the enrolment's centre, assigned, and not their own portfolio.

export const QUEUE_PAGE_SIZE = 20;

export type QueueFilters = { unitCode?: string | null; candidateId?: string | null; page?: number };

export type QueueItem = {
  evidenceId: string;
  title: string;
  candidate: { id: string; name: string };
  /** Units (codes) with mappings of this evidence waiting for this assessor. */
  units: string[];
  waitingMappings: number;
  submittedAt: Date;
  /** The time zone of the evidence's centre, for showing the date. */
  timeZone: string;
  waited: string;
  round: number;
};

export type Queue = {
  items: QueueItem[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** Choices for the filters: the assessor's candidates and units with anything waiting. */
  filterOptions: { units: string[]; candidates: { id: string; name: string }[] };
};

function assignedToActor(actor: Actor): Prisma.EnrolmentWhereInput {
  const centreIds = [...new Set(actor.memberships.filter((m) => m.role === "ASSESSOR").map((m) => m.centreId))];
  return {
    centreId: { in: centreIds },
    assessorId: actor.userId,
    candidateId: { not: actor.userId },
    status: "ACTIVE",
  };
}

function waitingMapping(actor: Actor, unitCode?: string | null): Prisma.MappingWhereInput {
  return {
    status: "SUBMITTED",
    enrolment: { ...assignedToActor(actor), ...(unitCode ? { unitVersion: { unit: { code: unitCode } } } : {}) },
  };
}

function queueWhere(actor: Actor, filters: QueueFilters): Prisma.EvidenceWhereInput {
  return {
    submittedAt: { not: null },
    mappings: { some: waitingMapping(actor, filters.unitCode) },
    ...(filters.candidateId ? { candidateId: filters.candidateId } : {}),
  };
}

export async function listQueue(
  db: Db,
  actor: Actor,
  filters: QueueFilters = {},
  now: Date = new Date(),
): Promise<Queue> {
  const where = queueWhere(actor, filters);
  const total = await db.evidence.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(filters.page ?? 1) || 1), pageCount);
  const [rows, enrolments, centres] = await Promise.all([
    db.evidence.findMany({
      where,
      select: {
        id: true,
        title: true,
        submittedAt: true,
        round: true,
        candidate: { select: { id: true, name: true } },
        centreId: true,
        mappings: {
          where: waitingMapping(actor, filters.unitCode),
          select: { enrolment: { select: { unitVersion: { select: { unit: { select: { code: true } } } } } } },
        },
      },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
    }),
    db.enrolment.findMany({
      where: { ...assignedToActor(actor), mappings: { some: { status: "SUBMITTED" } } },
      select: {
        candidate: { select: { id: true, name: true } },
        unitVersion: { select: { unit: { select: { code: true } } } },
      },
    }),
    db.centre.findMany({
      where: { id: { in: [...new Set(actor.memberships.map((m) => m.centreId))] } },
      select: { id: true, timeZone: true },
    }),
  ]);
  const timeZones = new Map(centres.map((c) => [c.id, c.timeZone]));
  const items = rows.map((row) => {
    const submittedAt = row.submittedAt ?? now;
    return {
      evidenceId: row.id,
      title: row.title,
      candidate: row.candidate,
      units: [...new Set(row.mappings.map((m) => m.enrolment.unitVersion.unit.code))].sort(),
      waitingMappings: row.mappings.length,
      submittedAt,
      timeZone: timeZones.get(row.centreId) ?? DEFAULT_TIME_ZONE,
      waited: describeWait(submittedAt, now),
      round: row.round,
    };
  });
  const candidates = new Map(enrolments.map((e) => [e.candidate.id, e.candidate]));
  return {
    items,
    total,
    page,
    pageCount,
    pageSize: QUEUE_PAGE_SIZE,
    filterOptions: {
      units: [...new Set(enrolments.map((e) => e.unitVersion.unit.code))].sort(),
      candidates: [...candidates.values()].sort((a, b) => a.name.localeCompare(b.name)),
    },
  };
}

/** How many evidence items wait for this assessor: one aggregate query, for the navigation badge. */
export function queueCount(db: Db, actor: Actor): Promise<number> {
  return db.evidence.count({ where: queueWhere(actor, {}) });
}
