import { recordAudit } from "../audit";
import type { Db } from "../db/client";
import { AppError, InputError, parseInput } from "../errors";
import { formatDateTime, startOfDayIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { notify } from "../notify";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { criteriaByIds, requestByToken } from "./find-request";
import { SubmitTestimonyInput } from "./schemas";
import { signatureMatches, signatureMismatchMessage, witnessDeclaration } from "./signature";
import { linkMessages, linkRefusalOf, requestedCriteria, requestState } from "./state";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Request = NonNullable<Awaited<ReturnType<typeof requestByToken>>>;
type Input = ReturnType<typeof SubmitTestimonyInput.parse>;

/** The request behind the token if it still takes a testimony; otherwise the refusal that says which state it is in. */
async function openRequest(db: Pick<Db, "witnessRequest">, token: string, now: Date): Promise<Request> {
  const request = await requestByToken(db, token);
  if (!request) throw new AppError(linkMessages.invalid, "witness link: unknown token");
  const state = requestState(request, now);
  if (state !== "waiting") throw new AppError(linkMessages[linkRefusalOf(state)], `witness link: ${state}`);
  return request;
}

/** The ticked criteria with their enrolments: only those asked about, on units still in progress. */
async function tickedCriteria(tx: Tx, request: Request, input: Input) {
  const asked = new Map(requestedCriteria(request.criteria).map((c) => [c.criterionId, c]));
  const ticked = input.criterionIds.map((id) => asked.get(id));
  if (ticked.some((c) => c === undefined)) {
    const message = "Tick only the criteria listed on this page.";
    throw new InputError(message, { criterionIds: [message] });
  }
  const chosen = ticked.filter((c) => c !== undefined);
  const enrolments = await tx.enrolment.findMany({
    where: { id: { in: [...new Set(chosen.map((c) => c.enrolmentId))] }, candidateId: request.candidateId },
    select: { id: true, status: true, assessorId: true },
  });
  const active = new Set(enrolments.filter((e) => e.status === "ACTIVE").map((e) => e.id));
  if (chosen.some((c) => !active.has(c.enrolmentId)))
    throw new AppError(
      "The candidate is no longer working on the unit of a criterion you ticked, so it cannot take a testimony. Untick it, or contact the person who asked you for the testimony.",
    );
  return { chosen, assessorIds: [...new Set(enrolments.flatMap((e) => (e.assessorId ? [e.assessorId] : [])))] };
}

/**
 * The witness signs and sends their testimony, once. The link is taken atomically (an update
 * guarded on "not submitted, not revoked, not expired"): of two submissions only one lands, and
 * the other is told which state the link is in. The testimony becomes evidence of the candidate
 * (method witnessTestimony, nobody may change it: lib/authz/policy.ts), with one SUBMITTED
 * mapping per ticked criterion, so it waits in the assessor's review queue like any submission.
 */
export async function submitTestimony(
  db: Db,
  token: string,
  rawInput: unknown,
  now: Date = new Date(),
): Promise<{ evidenceId: string }> {
  // Which state the link is in comes first: a used link says so, whatever the form holds.
  await openRequest(db, token, now);
  const input = parseInput(SubmitTestimonyInput, rawInput);

  return db.$transaction(async (tx) => {
    const request = await openRequest(tx, token, now);
    if (!signatureMatches(input.signedName, request.witnessName)) {
      const message = signatureMismatchMessage(request.witnessName);
      throw new InputError(message, { signedName: [message] });
    }
    const { chosen, assessorIds } = await tickedCriteria(tx, request, input);
    const claimed = await tx.witnessRequest.updateMany({
      where: { id: request.id, submittedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: {
        submittedAt: now,
        statedRelationship: input.statedRelationship,
        occupationalCompetence: input.occupationalCompetence,
        signedName: input.signedName,
      },
    });
    if (claimed.count !== 1) {
      // Submitted or revoked since it was read: say which.
      await openRequest(tx, token, now);
      throw new AppError(linkMessages.used, "witness link taken meanwhile");
    }
    const evidenceId = await recordEvidence(tx, request, input, chosen, now);
    await tellAssessorsAndCandidate(tx, request, { evidenceId, assessorIds, criterionIds: input.criterionIds });
    await recordAudit(tx, {
      actorId: null,
      centreId: request.centreId,
      action: "witness.submit",
      entityType: "WitnessRequest",
      entityId: request.id,
      before: { submittedAt: null },
      after: {
        by: "witness",
        evidenceId,
        criteria: chosen,
        statedRelationship: input.statedRelationship,
        occupationalCompetence: input.occupationalCompetence,
        signedName: input.signedName,
        submittedAt: now.toISOString(),
      },
      at: now,
    });
    return { evidenceId };
  });
}

/** The evidence the testimony becomes, its submitted mappings, and the request's link to it. */
async function recordEvidence(
  tx: Tx,
  request: Request,
  input: Input,
  chosen: { enrolmentId: string; criterionId: string }[],
  now: Date,
): Promise<string> {
  const timeZone = timeZoneOf(
    await tx.centre.findUnique({ where: { id: request.centreId }, select: { timeZone: true } }),
  );
  const evidence = await tx.evidence.create({
    data: {
      centreId: request.centreId,
      candidateId: request.candidateId,
      title: `Witness testimony from ${request.witnessName}`,
      method: "witnessTestimony",
      activityDate: startOfDayIn(input.observedOn, timeZone),
      description: input.observed,
      submittedAt: now,
      declaration: witnessDeclaration(input.signedName, `${formatDateTime(now, timeZone)} (${timeZone})`),
      createdAt: now,
    },
    select: { id: true },
  });
  await tx.mapping.createMany({
    data: chosen.map((c) => ({ evidenceId: evidence.id, ...c, status: "SUBMITTED" as const })),
  });
  await tx.witnessRequest.update({ where: { id: request.id }, data: { evidenceId: evidence.id } });
  await refreshEnrolmentCounters(tx, [...new Set(chosen.map((c) => c.enrolmentId))]);
  return evidence.id;
}

async function tellAssessorsAndCandidate(
  tx: Tx,
  request: Request,
  sent: { evidenceId: string; assessorIds: string[]; criterionIds: string[] },
): Promise<void> {
  const criteria = await criteriaByIds(tx, sent.criterionIds);
  const which = criteria.map((c) => `${c.unitCode} ${c.ref}`).join(", ");
  const candidate = request.candidate.name;
  await notify(
    tx,
    ...sent.assessorIds.map((userId) => ({
      userId,
      kind: "evidence.submitted" as const,
      title: `Witness testimony for ${candidate}`,
      body: `${request.witnessName} has sent a signed witness testimony about ${candidate} for ${which}. It is in your review queue: judge it as you would any evidence.`,
      link: `/assessor/review/${sent.evidenceId}`,
    })),
    {
      userId: request.candidateId,
      kind: "evidence.submitted",
      title: "Your witness has sent their testimony",
      body: `${request.witnessName} has sent their witness testimony for ${which}. Your assessor will review it.`,
      link: `/candidate/evidence/${sent.evidenceId}`,
    },
  );
}
