import type { Prisma } from "../../generated/sqlite/client";
import { can, openShareOf, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { enrolmentSummarySelect, pageWindow, toEnrolmentSummary, type EnrolmentSummary, type Paginated } from "./dto";
import { enrolmentResourceSelect, eqaShareFacts, openSharesOf, toEnrolmentResource } from "./enrolment-resource";
import { PAGE_SIZE } from "./input";
import { overdueCountsByEnrolment } from "../plans/read-plan";

export type WorkRole = "CANDIDATE" | "ASSESSOR" | "IQA" | "EQA";

export type RoleEnrolment = EnrolmentSummary & {
  /** For an EQA: when their access to this enrolment ends. */
  shareExpiresAt: Date | null;
  /**
   * Planned assessment activities past their day, neither done nor cancelled: counted for the
   * assessor's list only, the one that shows them (absent for the other roles).
   */
  overdueActivities?: number;
};

/**
 * The enrolments a person reaches through one of their roles: their own (candidate), those
 * they assess (assessor), those they quality-assure (IQA), or those shared with them and not
 * yet expired (EQA). Only centres where they hold that role count, so a role held in one
 * centre never opens another centre's data.
 */
export function roleScope(actor: Actor, role: WorkRole, now: Date): Prisma.EnrolmentWhereInput {
  const centreIds = [...new Set(actor.memberships.filter((m) => m.role === role).map((m) => m.centreId))];
  const inCentres = { centreId: { in: centreIds } };
  switch (role) {
    case "CANDIDATE":
      return { ...inCentres, candidateId: actor.userId };
    case "ASSESSOR":
      return { ...inCentres, assessorId: actor.userId, candidateId: { not: actor.userId } };
    case "IQA":
      return { ...inCentres, iqaId: actor.userId, candidateId: { not: actor.userId } };
    case "EQA":
      return { ...inCentres, eqaShares: { some: openSharesOf(actor.userId, now) } };
  }
}

export async function listRoleEnrolments(
  db: Db,
  actor: Actor,
  role: WorkRole,
  options: { page?: number } = {},
  now: Date = new Date(),
): Promise<Paginated<RoleEnrolment>> {
  const where = roleScope(actor, role, now);
  const total = await db.enrolment.count({ where });
  const { page, pageCount, skip } = pageWindow(options.page ?? 1, total, PAGE_SIZE);
  const rows = await db.enrolment.findMany({
    where,
    select: {
      ...enrolmentSummarySelect,
      ...enrolmentResourceSelect,
      eqaShares: { select: eqaShareFacts },
    },
    // Active first, then by planned end so the most pressing come first. The status enum sorts
    // the same way on both databases (declaration order and alphabetical order agree).
    orderBy: [{ status: "asc" }, { plannedEndDate: "asc" }, { candidate: { name: "asc" } }, { id: "asc" }],
    skip,
    take: PAGE_SIZE,
  });
  const items = rows.map((row) => {
    // The query mirrors the policy; if they ever disagree, fail loudly rather than show data.
    if (!can(actor, "enrolment.read", toEnrolmentResource(row), now)) {
      throw new Error(
        `role list for ${role} returned enrolment ${row.id}, which the policy does not let the actor read`,
      );
    }
    const share = role === "EQA" ? openShareOf(actor, row.eqaShares, now) : undefined;
    return { ...toEnrolmentSummary(row), shareExpiresAt: share?.expiresAt ?? null };
  });
  if (role !== "ASSESSOR") return { items, total, page, pageCount, pageSize: PAGE_SIZE };
  const overdue = await overdueCountsByEnrolment(
    db,
    items.map((item) => ({ id: item.id, timeZone: item.centre.timeZone })),
    now,
  );
  return {
    items: items.map((item) => ({ ...item, overdueActivities: overdue.get(item.id) ?? 0 })),
    total,
    page,
    pageCount,
    pageSize: PAGE_SIZE,
  };
}
