import { authorize, type Actor, type Role } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { listPeopleAt } from "../people/list-people";

export type PersonOption = { id: string; name: string; email: string };
export type UnitOption = { code: string; title: string; versionNumber: number };

export type EnrolmentOptions = {
  centre: { id: string; name: string; timeZone: string };
  candidates: PersonOption[];
  assessors: PersonOption[];
  iqas: PersonOption[];
  eqas: PersonOption[];
  /** Every unit with its latest version: the one a new enrolment is pinned to. */
  units: UnitOption[];
};

type PersonRole = Extract<Role, "CANDIDATE" | "ASSESSOR" | "IQA" | "EQA">;
const everyone: readonly PersonRole[] = ["CANDIDATE", "ASSESSOR", "IQA", "EQA"];

/**
 * The people and units an admin chooses from when enrolling, filtering and sharing. `roles`
 * limits the people loaded to those a page offers (the others come back empty): the enrolment
 * list's filters need assessors only, and reading a 10,000-candidate centre's candidates on
 * every view of it cost more than the rest of the page.
 */
export async function getEnrolmentOptions(
  db: Db,
  actor: Actor,
  centreId: string,
  roles: readonly PersonRole[] = everyone,
): Promise<EnrolmentOptions> {
  authorize(actor, "user.list", { kind: "centre", centreId });
  const centre = await db.centre.findUnique({
    where: { id: centreId },
    select: { id: true, name: true, timeZone: true },
  });
  if (!centre) throw new AppError("That centre no longer exists.", `centre ${centreId} not found`);

  const [memberships, units] = await Promise.all([
    db.membership.findMany({
      where: { centreId, role: { in: [...roles] }, endedAt: null },
      select: {
        role: true,
        awaitingAcceptance: true,
        invitedName: true,
        user: { select: { id: true, name: true, email: true } },
      },
      orderBy: [{ user: { name: "asc" } }, { user: { email: "asc" } }],
    }),
    db.unit.findMany({
      select: { code: true, versions: { select: { number: true, title: true }, orderBy: { number: "desc" }, take: 1 } },
      orderBy: { code: "asc" },
    }),
  ]);
  // Until a person accepts, the centre sees the name it typed (docs/decisions/0009-membership-lifecycle.md).
  const holding = (role: Role) =>
    memberships
      .filter((m) => m.role === role)
      .map((m) => ({
        id: m.user.id,
        name: (m.awaitingAcceptance && m.invitedName) || m.user.name,
        email: m.user.email,
      }));
  return {
    centre,
    candidates: holding("CANDIDATE"),
    assessors: holding("ASSESSOR"),
    iqas: holding("IQA"),
    eqas: holding("EQA"),
    units: units.flatMap((u) => {
      const latest = u.versions[0];
      return latest ? [{ code: u.code, title: latest.title, versionNumber: latest.number }] : [];
    }),
  };
}

/**
 * How many candidates the enrolment and visit forms list at once. A centre may have thousands:
 * a form lists the first matches by name and the admin types part of a name or email for others.
 */
export const CANDIDATES_LISTED = 50;

export type CandidateMatches = {
  /** The search as used (trimmed, at most 200 characters). */
  query: string;
  /** How many of the centre's candidates match, of which `candidates` are the first. */
  matching: number;
  candidates: PersonOption[];
};

/**
 * The centre's candidates an admin can choose (roles not ended, invited ones included) whose
 * name or email contains every word of `query`, ignoring case, by name: the people list's
 * search (lib/people/list-people.ts), so both find the same people. `enrolledOnly` keeps those
 * with an enrolment at the centre (an EQA visit covers candidates' enrolments).
 */
export async function findCandidates(
  db: Db,
  actor: Actor,
  centreId: string,
  query: string,
  { enrolledOnly = false }: { enrolledOnly?: boolean } = {},
): Promise<CandidateMatches> {
  const found = await listPeopleAt(db, actor, centreId, {
    query,
    role: "CANDIDATE",
    activeOnly: true,
    enrolledOnly,
    pageSize: CANDIDATES_LISTED,
  });
  return {
    query: found.query,
    matching: found.total,
    candidates: found.people.map(({ id, name, email }) => ({ id, name, email })),
  };
}
