import type { Role } from "../authz/policy";
import type { Db } from "../db/client";

type Reader = Pick<Db, "membership">;

/** Which of the given people hold the role in the centre and have not been deactivated. */
export async function holdersOf(
  db: Reader,
  centreId: string,
  role: Role,
  userIds: ReadonlyArray<string>,
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.membership.findMany({
    where: { centreId, role, userId: { in: [...new Set(userIds)] }, endedAt: null },
    select: { userId: true },
  });
  return new Set(rows.map((r) => r.userId));
}

export async function holdsRole(db: Reader, centreId: string, role: Role, userId: string): Promise<boolean> {
  return (await holdersOf(db, centreId, role, [userId])).has(userId);
}
