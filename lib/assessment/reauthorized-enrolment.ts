import type { Prisma } from "../../generated/sqlite/client";
import { authorize, type Action, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { requireEnrolmentResource } from "./common";

/** What an assessment write reads about the enrolment it changes, at the least. */
export const assessedEnrolmentSelect = {
  id: true,
  status: true,
  centreId: true,
  candidateId: true,
  unitVersionId: true,
  unitVersion: { select: { unit: { select: { code: true } } } },
} satisfies Prisma.EnrolmentSelect;

/**
 * Inside a write's transaction: checks `action` again against the enrolment as it is now (it may
 * have been reassigned, withdrawn or unshared since the check made before the transaction), then
 * reads the enrolment's `select`ed fields for the write.
 */
export async function reauthorizedEnrolment<S extends Prisma.EnrolmentSelect>(
  tx: Pick<Db, "enrolment" | "eqaShare">,
  actor: Actor,
  action: Action,
  enrolmentId: string,
  now: Date,
  select: S,
): Promise<Prisma.EnrolmentGetPayload<{ select: S }>> {
  authorize(actor, action, await requireEnrolmentResource(tx, enrolmentId), now);
  const enrolment = await tx.enrolment.findUnique({ where: { id: enrolmentId }, select });
  if (!enrolment) throw new AppError("That enrolment was not found.");
  return enrolment as Prisma.EnrolmentGetPayload<{ select: S }>;
}
