import { Prisma } from "../../generated/sqlite/client";
import { containsIgnoringCase } from "../db/contains-sql";
import { authorize, type Actor, type Role } from "../authz/policy";
import type { Db } from "../db/client";
import { actingCentreId, type CentreActor } from "./acting-centre";
import { memberAtCentre, membershipFields } from "./membership";
import { PEOPLE_PAGE_SIZE, pageNumber, roleSchema, type PersonStatus } from "./schemas";

export type PersonRow = {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  status: PersonStatus;
  addedAt: string;
};

export type PeoplePage = {
  query: string;
  role: Role | null;
  people: PersonRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  centre: { id: string; name: string; timeZone: string };
};

/**
 * Members of the admin's centre, 25 a page, by name. The search matches every word against the
 * name or the email, whatever the case: written in SQL that means the same on SQLite and
 * PostgreSQL, because Prisma's `contains` is case-sensitive on PostgreSQL.
 */
export async function listPeople(db: Db, actor: CentreActor, filters: PeopleFilters = {}): Promise<PeoplePage> {
  return listPeopleAt(db, actor, actingCentreId(actor, "user.list"), filters);
}

export type PeopleFilters = {
  query?: string;
  role?: string | null;
  page?: unknown;
  /** Only people whose role here the centre has not ended (invited people included). */
  activeOnly?: boolean;
  /** Only people enrolled at this centre (on any unit, in any state). */
  enrolledOnly?: boolean;
  pageSize?: number;
};

/** listPeople at a centre the caller names (a page acting for the admin's centre-admin role). */
export async function listPeopleAt(
  db: Db,
  actor: Actor,
  centreId: string,
  filters: PeopleFilters = {},
): Promise<PeoplePage> {
  authorize(actor, "user.list", { kind: "centre", centreId });
  const pageSize = filters.pageSize ?? PEOPLE_PAGE_SIZE;

  const query = (filters.query ?? "").trim().slice(0, 200);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 10);
  const roleParsed = roleSchema.safeParse(filters.role);
  const role = roleParsed.success ? roleParsed.data : null;

  // The name this centre sees: the name it typed, until the person accepts (lib/people/membership.ts).
  // Searching and sorting use it too, so neither can reveal the name on an existing account.
  const shownName = Prisma.sql`LOWER(COALESCE((SELECT MAX(n."invitedName") FROM "Membership" n
    WHERE n."userId" = u."id" AND n."centreId" = ${centreId} AND n."awaitingAcceptance" = ${true}), u."name"))`;
  const conditions = [
    Prisma.sql`EXISTS (SELECT 1 FROM "Membership" m WHERE m."userId" = u."id" AND m."centreId" = ${centreId}${
      role ? Prisma.sql` AND CAST(m."role" AS TEXT) = ${role}` : Prisma.empty
    }${filters.activeOnly ? Prisma.sql` AND m."endedAt" IS NULL` : Prisma.empty})`,
    ...(filters.enrolledOnly
      ? [Prisma.sql`EXISTS (SELECT 1 FROM "Enrolment" e WHERE e."candidateId" = u."id" AND e."centreId" = ${centreId})`]
      : []),
    ...words.map((word) => containsIgnoringCase([shownName, Prisma.sql`u."email"`], word)),
  ];
  const where = Prisma.join(conditions, " AND ");

  const centre = await db.centre.findUniqueOrThrow({
    where: { id: centreId },
    select: { id: true, name: true, timeZone: true },
  });
  const [countRow] = await db.$queryRaw<
    { total: number | bigint }[]
  >`SELECT COUNT(*) AS "total" FROM "User" u WHERE ${where}`;
  const total = Number(countRow?.total ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pageNumber(filters.page), pageCount);
  const base = { query, role, total, page, pageCount, pageSize, centre };
  if (total === 0) return { ...base, people: [] };

  const idRows = await db.$queryRaw<{ id: string }[]>`
    SELECT u."id" AS "id" FROM "User" u
    WHERE ${where}
    ORDER BY ${shownName}, u."email", u."id"
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const ids = idRows.map((row) => row.id);
  const users = await db.user.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      name: true,
      email: true,
      memberships: { where: { centreId }, select: membershipFields },
    },
  });
  const byId = new Map(users.map((user) => [user.id, user]));
  const people = ids.flatMap((id): PersonRow[] => {
    const user = byId.get(id);
    if (!user) return [];
    const here = memberAtCentre(user, user.memberships);
    return [
      {
        id: user.id,
        name: here.name,
        email: user.email,
        roles: here.roles,
        status: here.status,
        addedAt: here.addedAt.toISOString(),
      },
    ];
  });
  return { ...base, people };
}
