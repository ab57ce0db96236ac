import type { Role } from "../authz/policy";
import { sortRoles, type PersonStatus } from "./schemas";

// How a centre's membership rows read (docs/decisions/0009-membership-lifecycle.md). A role
// gives its powers only once the person has accepted that centre's invitation, and until the
// centre's admin ends it. The account itself belongs to no centre.

/** Prisma filter for roles that give their powers now. */
export const effectiveMembership = { awaitingAcceptance: false, endedAt: null } as const;

/** Prisma filter for memberships the centre still has (invited or active, not deactivated). */
export const currentMembership = { endedAt: null } as const;

export type MembershipRow = {
  role: Role | string;
  createdAt: Date;
  awaitingAcceptance: boolean;
  endedAt: Date | null;
  invitedName: string | null;
};

/** The fields of a membership row the people pages read. */
export const membershipFields = {
  role: true,
  createdAt: true,
  awaitingAcceptance: true,
  endedAt: true,
  invitedName: true,
} as const;

/** The person as one centre sees them, from that centre's rows only. */
export function memberAtCentre(user: { name: string }, rows: ReadonlyArray<MembershipRow>) {
  const ended = rows.length > 0 && rows.every((m) => m.endedAt);
  const awaiting = rows.some((m) => m.awaitingAcceptance);
  const status: PersonStatus = ended ? "deactivated" : awaiting ? "invited" : "active";
  // Until they accept, the centre sees the name it typed, never the account's own name.
  const invitedName = rows.find((m) => m.invitedName)?.invitedName;
  const endedAt = ended
    ? rows.reduce<Date | null>((last, m) => (m.endedAt && (!last || m.endedAt > last) ? m.endedAt : last), null)
    : null;
  const addedAt =
    rows.reduce<Date | null>((first, m) => (!first || m.createdAt < first ? m.createdAt : first), null) ?? new Date(0);
  return {
    name: awaiting && invitedName ? invitedName : user.name,
    roles: sortRoles(rows.map((m) => m.role as Role)),
    status,
    awaiting,
    endedAt,
    addedAt,
  };
}
