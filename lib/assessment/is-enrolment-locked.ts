import type { Db } from "../db/client";

/**
 * Whether an enrolment's portfolio is locked because its unit has been signed off. Other
 * operations (evidence, mapping) call this before changing anything in the enrolment; revoking
 * the sign-off unlocks it.
 */
export async function isEnrolmentLocked(
  db: Pick<Db, "enrolment" | "unitSignOff">,
  enrolmentId: string,
): Promise<boolean> {
  const [enrolment, standingSignOffs] = await Promise.all([
    db.enrolment.findUnique({ where: { id: enrolmentId }, select: { status: true } }),
    db.unitSignOff.count({ where: { enrolmentId, currentSlot: "current" } }),
  ]);
  return enrolment?.status === "COMPLETED" || standingSignOffs > 0;
}
