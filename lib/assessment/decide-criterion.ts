import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, isUniqueViolation, parseInput } from "../errors";

import { notify } from "../notify";

import { nameOf, requireEnrolmentResource, requireSigningPassword, when, wrongPasswordMessage } from "./common";

import { recordId, signingPassword } from "./input";
import { countsTowardsMet, metReadiness } from "./met-shortfall";
import { assessedEnrolmentSelect, reauthorizedEnrolment } from "./reauthorized-enrolment";

import { decisionSignature, normaliseSnapshot } from "./signature";

import { refreshEnrolmentCounters } from "../progress/enrolment-counters";

import { refreshMetTally } from "../progress/met-tally";
import { requireActive } from "../enrolments/guards";

export { verifyDecisionSignature } from "./verify-decision-signature";

export const DecideCriterionInput = z.object({
  enrolmentId: recordId("enrolment"),
  criterionId: recordId("criterion"),
  outcome: z.enum(["MET", "NOT_YET_MET"], { error: "Choose “Sign as met” or “Not yet met”." }),
  password: signingPassword,
});
export type DecideCriterionInput = z.input<typeof DecideCriterionInput>;

export type SignedDecision = {
  id: string;
  outcome: "MET" | "NOT_YET_MET";
  signedAt: Date;
  signatureHash: string;
  evidenceCount: number;
};

async function alreadyDecided(
  db: Pick<Db, "decision" | "user" | "enrolment">,
  enrolmentId: string,
  criterionId: string,
): Promise<AppError> {
  const standing = await db.decision.findFirst({
    where: { enrolmentId, criterionId, currentSlot: "current" },
    select: {
      signedById: true,
      signedAt: true,
      outcome: true,
      enrolment: { select: { centre: { select: { timeZone: true } } } },
    },
  });
  if (!standing)
    return new AppError(
      "Someone else decided this criterion at the same moment. Reload the page to see the decision.",
      "decision race without a standing row",
    );
  const name = await nameOf(db, standing.signedById);
  const outcome = standing.outcome === "MET" ? "met" : "not yet met";
  return new AppError(
    `Already decided by ${name} at ${when(standing.signedAt, standing.enrolment.centre.timeZone)} (${outcome}). To change it, revoke that decision with a reason first.`,
    "criterion already decided",
  );
}

/**
 * The assigned assessor signs one criterion of one enrolment as met or not yet met, with their
 * password. "Met" needs accepted evidence whose range items satisfy the criterion's range
 * rule. The decision records what it rests on (each accepted evidence item and the hash of each
 * of its files) and a SHA-256 over all of that. At most one standing decision per criterion:
 * the unique index on currentSlot settles two assessors signing at once.
 */
export async function decideCriterion(
  db: Db,
  actor: Actor,
  rawInput: DecideCriterionInput,
  now: Date = new Date(),
): Promise<SignedDecision> {
  const input = parseInput(DecideCriterionInput, rawInput);
  authorize(actor, "criterion.signOff", await requireEnrolmentResource(db, input.enrolmentId), now);
  await requireSigningPassword(db, actor.userId, input.password, wrongPasswordMessage, now);

  try {
    return await db.$transaction((tx) => signDecision(tx, actor, input, now));
  } catch (error) {
    // Two signatures at once: the index let one in; say whose stands.
    if (isUniqueViolation(error, "Decision")) throw await alreadyDecided(db, input.enrolmentId, input.criterionId);
    throw error;
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type DecisionInput = ReturnType<typeof DecideCriterionInput.parse>;
type AssessedEnrolment = Awaited<ReturnType<typeof reauthorizedEnrolment<typeof assessedEnrolmentSelect>>>;

/** Inside the transaction: checks again, refuses what cannot be signed, then signs and tells the candidate. */
async function signDecision(tx: Tx, actor: Actor, input: DecisionInput, now: Date): Promise<SignedDecision> {
  const enrolment = await reauthorizedEnrolment(
    tx,
    actor,
    "criterion.signOff",
    input.enrolmentId,
    now,
    assessedEnrolmentSelect,
  );
  requireActive(enrolment.status, "sign criteria", "assessment");
  const criterion = await criterionOfEnrolment(tx, input.criterionId, enrolment.unitVersionId);
  const standing = await tx.decision.count({
    where: { enrolmentId: enrolment.id, criterionId: criterion.id, currentSlot: "current" },
  });
  if (standing > 0) throw await alreadyDecided(tx, enrolment.id, criterion.id);

  const accepted = await acceptedEvidenceOf(tx, enrolment, criterion.id);
  // The decision rests only on what counts (an observation once its candidate has confirmed it).
  const resting = accepted.filter((m) => countsTowardsMet(m.evidence));
  if (input.outcome === "MET") {
    const { shortfall } = metReadiness({
      ref: criterion.ref,
      rangeRule: criterion.rangeRule,
      rangeMin: criterion.rangeMin,
      rangeItemIds: criterion.rangeItems.map((r) => r.id),
      accepted: accepted.map((m) => ({ rangeItemIds: m.rangeItems.map((r) => r.rangeItemId), evidence: m.evidence })),
    });
    if (shortfall) throw new AppError(shortfall, "met refused: evidence or range short");
  }

  const evidenceSnapshot = normaliseSnapshot(
    resting.map((m) => ({
      evidenceId: m.evidenceId,
      mappingId: m.id,
      rangeItemIds: m.rangeItems.map((r) => r.rangeItemId),
      files: m.evidence.files,
    })),
  );
  const signed = {
    enrolmentId: enrolment.id,
    criterionId: criterion.id,
    outcome: input.outcome,
    signedById: actor.userId,
    signedAt: now,
    evidenceSnapshot,
  };
  const signatureHash = decisionSignature(signed);
  const decision = await tx.decision.create({
    data: { ...signed, centreId: enrolment.centreId, signatureHash, currentSlot: "current" },
    select: { id: true },
  });
  await refreshEnrolmentCounters(tx, [enrolment.id]);
  if (input.outcome === "MET") await refreshMetTally(tx, enrolment.centreId, now);
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: enrolment.centreId,
    action: "decision.sign",
    entityType: "Decision",
    entityId: decision.id,
    after: {
      enrolmentId: enrolment.id,
      criterionId: criterion.id,
      outcome: input.outcome,
      signedAt: now.toISOString(),
      evidenceSnapshot,
      signatureHash,
    },
  });
  await notifyCandidateOfDecision(tx, enrolment, criterion.ref, input.outcome);
  return {
    id: decision.id,
    outcome: input.outcome,
    signedAt: now,
    signatureHash,
    evidenceCount: evidenceSnapshot.length,
  };
}

/** The criterion, if it belongs to the unit version the enrolment is pinned to. */
async function criterionOfEnrolment(tx: Tx, criterionId: string, unitVersionId: string) {
  const criterion = await tx.criterion.findUnique({
    where: { id: criterionId },
    select: {
      id: true,
      ref: true,
      unitVersionId: true,
      rangeRule: true,
      rangeMin: true,
      rangeItems: { select: { id: true } },
    },
  });
  if (!criterion || criterion.unitVersionId !== unitVersionId) {
    throw new AppError(
      "That criterion is not part of the unit version this candidate is enrolled on. Reload the page and try again.",
      "criterion of another unit version",
    );
  }
  return criterion;
}

/** The accepted mappings a decision rests on: only the enrolled candidate's own evidence counts. */
async function acceptedEvidenceOf(tx: Tx, enrolment: AssessedEnrolment, criterionId: string) {
  const accepted = await tx.mapping.findMany({
    where: { enrolmentId: enrolment.id, criterionId, status: "ACCEPTED" },
    select: {
      id: true,
      evidenceId: true,
      rangeItems: { select: { rangeItemId: true } },
      evidence: {
        select: {
          candidateId: true,
          title: true,
          authorId: true,
          candidateResponse: true,
          files: { select: { id: true, sha256: true } },
        },
      },
    },
  });
  return accepted.filter((m) => m.evidence.candidateId === enrolment.candidateId);
}

async function notifyCandidateOfDecision(
  tx: Tx,
  enrolment: AssessedEnrolment,
  ref: string,
  outcome: SignedDecision["outcome"],
): Promise<void> {
  const unitCode = enrolment.unitVersion.unit.code;
  await notify(tx, {
    userId: enrolment.candidateId,
    kind: "decision.made",
    title: outcome === "MET" ? `${unitCode} ${ref} signed as met` : `${unitCode} ${ref}: not yet met`,
    body:
      outcome === "MET"
        ? `Your assessor signed criterion ${ref} of ${unitCode} as met.`
        : `Your assessor judged criterion ${ref} of ${unitCode} not yet met. Read their feedback on your evidence, then add or improve evidence for it.`,
    link: `/candidate/units/${enrolment.id}`,
  });
}
