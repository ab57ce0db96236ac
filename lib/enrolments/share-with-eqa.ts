import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { addDays, calendarDateIn, startOfDayIn } from "../format/date";

import { dateProblem, eqaAccessDates } from "../format/date-bounds";

import { loadEnrolmentResource } from "./enrolment-resource";

import { enrolmentNotFound } from "./guards";

import { ShareWithEqaInput } from "./input";
import { holdsRole } from "./members";
import { InputError, parseInput } from "../errors";

export type EqaShareDto = {
  enrolmentId: string;
  eqa: { id: string; name: string; email: string };
  /** Access ends at this instant: the start of the day after the last day of access. */
  expiresAt: Date;
  renewed: boolean;
};

/**
 * Gives an external quality assurer of the centre read-only access to one enrolment until the
 * end of a day (in the centre's time zone), at most a year ahead. Sharing again with the same
 * person changes the end of their access rather than adding a second share.
 */
export async function shareWithEqa(
  db: Db,
  actor: Actor,
  rawInput: ShareWithEqaInput,
  now: Date = new Date(),
): Promise<EqaShareDto> {
  const input = parseInput(ShareWithEqaInput, rawInput);
  const resource = await loadEnrolmentResource(db, input.enrolmentId);
  if (!resource) throw enrolmentNotFound();
  authorize(actor, "enrolment.share", resource);

  return db.$transaction(async (tx) => {
    const fresh = await loadEnrolmentResource(tx, input.enrolmentId);
    if (!fresh) throw enrolmentNotFound();
    authorize(actor, "enrolment.share", fresh);
    const centre = await tx.centre.findUniqueOrThrow({ where: { id: fresh.centreId }, select: { timeZone: true } });

    // Checked here, not by the input schema: "today" is the centre's, known only once it is read.
    const problem = dateProblem(
      input.lastDay,
      eqaAccessDates(calendarDateIn(now, centre.timeZone)),
      "the last day of access",
      "2026-12-01",
    );
    if (problem) throw InputError.forField("lastDay", problem);
    if (!(await holdsRole(tx, fresh.centreId, "EQA", input.eqaUserId))) {
      throw InputError.forField(
        "eqaUserId",
        "The chosen person is not an external quality assurer of this centre. Choose one from the list.",
      );
    }
    const expiresAt = startOfDayIn(addDays(input.lastDay, 1), centre.timeZone);

    // visitId "": a share made by hand, as opposed to one written for an EQA visit.
    const key = { eqaUserId_enrolmentId_visitId: { eqaUserId: input.eqaUserId, enrolmentId: fresh.id, visitId: "" } };
    const previous = await tx.eqaShare.findUnique({ where: key, select: { expiresAt: true } });
    const share = await tx.eqaShare.upsert({
      where: key,
      create: {
        centreId: fresh.centreId,
        eqaUserId: input.eqaUserId,
        enrolmentId: fresh.id,
        sharedById: actor.userId,
        expiresAt,
      },
      update: { sharedById: actor.userId, expiresAt },
      select: { id: true, expiresAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: fresh.centreId,
      action: "enrolment.share",
      entityType: "Enrolment",
      entityId: fresh.id,
      before: previous ? { eqaUserId: input.eqaUserId, expiresAt: previous.expiresAt.toISOString() } : undefined,
      after: { eqaUserId: input.eqaUserId, expiresAt: expiresAt.toISOString(), shareId: share.id },
    });
    const eqa = await tx.user.findUniqueOrThrow({
      where: { id: input.eqaUserId },
      select: { id: true, name: true, email: true },
    });
    return { enrolmentId: fresh.id, eqa, expiresAt: share.expiresAt, renewed: previous !== null };
  });
}
