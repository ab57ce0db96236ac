import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { startOfDayIn } from "../format/date";
import { enrolmentSummarySelect, toEnrolmentSummary, type EnrolmentSummary } from "./dto";
import { CreateEnrolmentInput, EnrolmentInputError, parseInput } from "./input";
import { holdsRole } from "./members";
import { plannedPeriod } from "./planned-period";

/**
 * Enrols a candidate of the admin's centre on the latest version of a unit, with an assessor
 * and an internal quality assurer of the same centre. The version is pinned: a later import
 * of new text does not change what this enrolment is assessed against.
 */
export async function createEnrolment(db: Db, actor: Actor, rawInput: CreateEnrolmentInput): Promise<EnrolmentSummary> {
  const input = parseInput(CreateEnrolmentInput, rawInput);
  authorize(actor, "enrolment.create", { kind: "centre", centreId: input.centreId });

  const createdId = await db.$transaction(async (tx) => {
    const centre = await tx.centre.findUnique({ where: { id: input.centreId }, select: { id: true, timeZone: true } });
    if (!centre) throw new AppError("That centre no longer exists. Reload the page and try again.", `centre ${input.centreId} not found`);

    const fieldErrors: Record<string, string[]> = {};
    // One after another: a transaction has one connection, and PostgreSQL's driver queues
    // rather than runs concurrent queries on it.
    const isCandidate = await holdsRole(tx, centre.id, "CANDIDATE", input.candidateId);
    const isAssessor = await holdsRole(tx, centre.id, "ASSESSOR", input.assessorId);
    const isIqa = await holdsRole(tx, centre.id, "IQA", input.iqaId);
    if (!isCandidate) fieldErrors.candidateId = ["The chosen person is not a candidate at this centre. Choose someone who holds the candidate role here."];
    if (!isAssessor) fieldErrors.assessorId = ["The chosen assessor does not hold the assessor role at this centre. Choose an assessor of this centre."];
    else if (input.assessorId === input.candidateId) fieldErrors.assessorId = ["A candidate cannot assess their own enrolment. Choose another assessor."];
    if (!isIqa) fieldErrors.iqaId = ["The chosen internal quality assurer does not hold the IQA role at this centre. Choose an IQA of this centre."];
    else if (input.iqaId === input.candidateId) fieldErrors.iqaId = ["A candidate cannot quality-assure their own enrolment. Choose another IQA."];

    const unit = await tx.unit.findUnique({
      where: { code: input.unitCode },
      select: { id: true, code: true, versions: { select: { id: true, number: true }, orderBy: { number: "desc" }, take: 1 } },
    });
    const latest = unit?.versions[0];
    if (!unit || !latest) fieldErrors.unitCode = ["That unit is not in the catalogue. Choose a unit from the list."];

    if (unit && isCandidate) {
      const active = await tx.enrolment.findFirst({
        where: { centreId: centre.id, candidateId: input.candidateId, status: "ACTIVE", unitVersion: { unitId: unit.id } },
        select: { id: true },
      });
      if (active) fieldErrors.unitCode = [`This candidate already has an active enrolment on ${unit.code}. Withdraw it first if they are starting again.`];
    }

    const problems = Object.keys(fieldErrors).length;
    if (problems > 0 || !latest) {
      const first = Object.values(fieldErrors)[0]?.[0];
      throw new EnrolmentInputError(problems === 1 && first ? first : `There are problems with ${problems} answers. Correct them and try again.`, fieldErrors);
    }

    const created = await tx.enrolment.create({
      data: {
        centreId: centre.id,
        candidateId: input.candidateId,
        unitVersionId: latest.id,
        assessorId: input.assessorId,
        iqaId: input.iqaId,
        ...plannedPeriod(startOfDayIn(input.startDate, centre.timeZone), startOfDayIn(input.plannedEndDate, centre.timeZone)),
      },
      select: { id: true, startDate: true, plannedEndDate: true },
    });
    await tx.assessorChange.create({
      data: { enrolmentId: created.id, fromAssessorId: null, toAssessorId: input.assessorId, changedById: actor.userId },
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: centre.id,
      action: "enrolment.create",
      entityType: "Enrolment",
      entityId: created.id,
      after: {
        candidateId: input.candidateId,
        unitCode: input.unitCode,
        unitVersionId: latest.id,
        unitVersionNumber: latest.number,
        assessorId: input.assessorId,
        iqaId: input.iqaId,
        startDate: created.startDate.toISOString(),
        plannedEndDate: created.plannedEndDate.toISOString(),
      },
    });
    return created.id;
  });
  return toEnrolmentSummary(await db.enrolment.findUniqueOrThrow({ where: { id: createdId }, select: enrolmentSummarySelect }));
}
