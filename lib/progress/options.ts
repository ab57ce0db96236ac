import type { Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { addDays, startOfDayIn } from "../format/date";
import { enrolmentDates } from "../format/date-bounds";
import { cohortMonths } from "./filters";
import { centreForDashboard } from "./measures";

// The choices of the progress filters: units, the centre's assessors (and anyone still
// assigned to one of its enrolments), and the months in which its enrolments started.

export type ProgressOptions = {
  units: { code: string; title: string }[];
  assessors: { id: string; name: string }[];
  cohorts: string[];
};

export async function getProgressOptions(
  db: Db,
  actor: Actor,
  centreId: string,
  now: Date = new Date(),
): Promise<ProgressOptions> {
  const centre = await centreForDashboard(db, actor, centreId);
  // Start dates outside the bounds (stored before they existed) are left out of the cohorts, so
  // one mistyped 9999-12-30 cannot fill the list with empty months; "any start month" still counts them.
  const bounds = enrolmentDates(now);
  const started = {
    gte: startOfDayIn(bounds.earliest, centre.timeZone),
    lt: startOfDayIn(addDays(bounds.latest, 1), centre.timeZone),
  };
  const [units, assigned, range] = await Promise.all([
    db.unit.findMany({
      select: { code: true, versions: { select: { title: true }, orderBy: { number: "desc" }, take: 1 } },
      orderBy: { code: "asc" },
    }),
    db.enrolment.groupBy({ by: ["assessorId"], where: { centreId, assessorId: { not: null } } }),
    db.enrolment.aggregate({
      where: { centreId, startDate: started },
      _min: { startDate: true },
      _max: { startDate: true },
    }),
  ]);
  const assignedIds = assigned.flatMap((row) => (row.assessorId ? [row.assessorId] : []));
  const assessors = await db.user.findMany({
    where: { OR: [{ memberships: { some: { centreId, role: "ASSESSOR" } } }, { id: { in: assignedIds } }] },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return {
    units: units.map((u) => ({ code: u.code, title: u.versions[0]?.title ?? u.code })),
    assessors,
    cohorts: cohortMonths(range._min.startDate, range._max.startDate, centre.timeZone, now),
  };
}
