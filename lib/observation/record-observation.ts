import { writeAcceptedClaim } from "../assessment/accepted-claim";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authz/policy";
import { requireEnrolmentResource } from "../assessment/common";
import { reauthorizedEnrolment } from "../assessment/reauthorized-enrolment";
import type { Db } from "../db/client";
import { requireActive } from "../enrolments/guards";
import { AppError, InputError, parseInput } from "../errors";
import { completeActivityInTransaction } from "../plans/assessment-plan";
import { startOfDayIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { requireRangeItemsOf, simulationRefusal } from "../mapping/rules";
import { notify } from "../notify";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { RecordObservationInput, type AssessorRecordKind, type RecordObservationData } from "./input";
import { observationAuditSnapshot } from "./snapshot";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type RecordedObservation = { id: string; mappingIds: string[] };

const observedEnrolmentSelect = {
  id: true,
  status: true,
  centreId: true,
  candidateId: true,
  unitVersionId: true,
  unitVersion: {
    select: {
      number: true,
      unit: { select: { code: true } },
      requirements: { select: { ref: true, text: true, checks: true }, orderBy: { position: "asc" } },
    },
  },
} as const;

/**
 * The enrolment's assigned assessor records what they watched the candidate do as evidence in the
 * candidate's portfolio (docs/decisions/0019). Its mappings are accepted as it is made, each with
 * a review of round 1, so the decision, snapshot and history code treats them as any accepted
 * claim: the assessor needs no review round of their own record. It counts towards "met" once the
 * candidate confirms it (lib/assessment/met-shortfall.ts), so the candidate is told to answer it.
 */
export async function recordObservation(
  db: Db,
  actor: Actor,
  rawInput: RecordObservationInput,
  now: Date = new Date(),
): Promise<RecordedObservation> {
  const input = parseInput(RecordObservationInput, rawInput);
  for (const enrolmentId of enrolmentIdsOf(input))
    authorize(actor, "observation.record", await requireEnrolmentResource(db, enrolmentId), now);
  return db.$transaction((tx) => recordInTransaction(tx, actor, input, now));
}

function enrolmentIdsOf(input: RecordObservationData): string[] {
  return [...new Set(input.criteria.map((c) => c.enrolmentId))];
}

async function recordInTransaction(
  tx: Tx,
  actor: Actor,
  input: RecordObservationData,
  now: Date,
): Promise<RecordedObservation> {
  const enrolments = await observedEnrolments(tx, actor, input, now);
  const first = enrolments[0];
  if (!first) throw new AppError("Choose at least one criterion you observed.");
  const claims = await observedClaims(tx, input, enrolments);
  const centre = await tx.centre.findUnique({ where: { id: first.centreId }, select: { timeZone: true } });
  const evidence = await tx.evidence.create({
    data: {
      centreId: first.centreId,
      candidateId: first.candidateId,
      authorId: actor.userId,
      title: input.title,
      method: input.kind,
      activityDate: startOfDayIn(input.activityDate, timeZoneOf(centre)),
      startTime: input.startTime,
      endTime: input.endTime,
      location: input.location,
      description: input.description,
      agenda: input.agenda || null,
      simulated: input.simulated,
      submittedAt: now,
    },
  });
  const mappingIds: string[] = [];
  for (const claim of claims)
    mappingIds.push(await writeAcceptedClaim(tx, actor, { ...claim, evidence, source: "observation" }, now));
  await refreshEnrolmentCounters(
    tx,
    enrolments.map((e) => e.id),
  );
  if (input.plannedActivityId) {
    const activity = await tx.plannedActivity.findUnique({
      where: { id: input.plannedActivityId },
      select: { enrolmentId: true },
    });
    const enrolmentId = enrolments.find((e) => e.id === activity?.enrolmentId)?.id;
    if (!enrolmentId)
      throw InputError.forField(
        "plannedActivityId",
        "That planned activity is not on the plan of this unit. Choose another, or none.",
      );
    await completeActivityInTransaction(
      tx,
      actor,
      { activityId: input.plannedActivityId, enrolmentId, evidenceId: evidence.id },
      now,
    );
  }
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: first.centreId,
    action: "observation.record",
    entityType: "Evidence",
    entityId: evidence.id,
    after: { ...observationAuditSnapshot(evidence), candidateId: first.candidateId, criteria: claims },
  });
  await tellCandidate(tx, actor, evidence, input.kind);
  return { id: evidence.id, mappingIds };
}

/**
 * Each enrolment observed, checked again in the transaction (it may have been reassigned or
 * withdrawn since): the actor assesses it, it is active, and all are one candidate's in one centre.
 */
async function observedEnrolments(tx: Tx, actor: Actor, input: RecordObservationData, now: Date) {
  const enrolments = [];
  for (const enrolmentId of enrolmentIdsOf(input)) {
    const enrolment = await reauthorizedEnrolment(
      tx,
      actor,
      "observation.record",
      enrolmentId,
      now,
      observedEnrolmentSelect,
    );
    requireActive(enrolment.status, "record an observation for it", "assessment");
    // The unit's own rule on simulation holds for every method, an assessor's record included.
    const refusal = input.simulated
      ? simulationRefusal(enrolment.unitVersion.unit.code, enrolment.unitVersion.requirements)
      : null;
    if (refusal) throw InputError.forField("simulated", refusal);
    enrolments.push(enrolment);
  }
  const [first] = enrolments;
  if (first && enrolments.some((e) => e.candidateId !== first.candidateId || e.centreId !== first.centreId))
    throw new AppError(
      "An observation is of one candidate: choose criteria from that candidate's units only.",
      "observation across candidates",
    );
  return enrolments;
}

type ObservedEnrolment = Awaited<ReturnType<typeof observedEnrolments>>[number];
type Claim = { enrolmentId: string; criterionId: string; rangeItemIds: string[] };

/** The criteria observed, each of its enrolment's unit version, with range items of its own range. */
async function observedClaims(
  tx: Tx,
  input: RecordObservationData,
  enrolments: readonly ObservedEnrolment[],
): Promise<Claim[]> {
  const claims: Claim[] = [];
  for (const c of input.criteria) {
    const enrolment = enrolments.find((e) => e.id === c.enrolmentId);
    const criterion = await tx.criterion.findUnique({
      where: { id: c.criterionId },
      select: { id: true, ref: true, unitVersionId: true, rangeItems: { select: { id: true } } },
    });
    if (!enrolment || !criterion || criterion.unitVersionId !== enrolment.unitVersionId)
      throw new AppError(
        `That criterion is not part of the unit version this candidate is enrolled on${enrolment ? ` (${enrolment.unitVersion.unit.code} version ${enrolment.unitVersion.number})` : ""}. Reload the page and choose the criteria again.`,
        "observed criterion of another unit version",
      );
    const rangeItemIds = requireRangeItemsOf(
      { ref: criterion.ref, rangeItemIds: criterion.rangeItems.map((r) => r.id) },
      c.rangeItemIds,
    );
    claims.push({ enrolmentId: enrolment.id, criterionId: criterion.id, rangeItemIds });
  }
  return claims;
}

async function tellCandidate(
  tx: Tx,
  actor: Actor,
  evidence: { id: string; title: string; candidateId: string },
  kind: AssessorRecordKind,
): Promise<void> {
  const author = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  const what = kind === "observation" ? "an observation of your work" : "your professional discussion";
  await notify(tx, {
    userId: evidence.candidateId,
    kind: "observation.recorded",
    title: `Your assessor recorded ${kind === "observation" ? "an observation" : "a professional discussion"}; confirm it or dispute it`,
    body: `${author?.name ?? "Your assessor"} recorded ${what}, “${evidence.title}”. Read it, then confirm it is an accurate record or dispute it: it counts towards your units once you confirm it.`,
    link: `/candidate/evidence/${encodeURIComponent(evidence.id)}`,
  });
}
