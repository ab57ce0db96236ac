import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";

import { notify } from "../notify";

import { requireEnrolmentResource } from "./common";

import { normaliseLineBreaks, recordId } from "./input";
import { replaceRangeItems } from "../mapping/replace-range-items";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";
import { requireRangeItemsOf } from "../mapping/rules";
import { requireActive } from "../enrolments/guards";

const feedbackLimit = 5000;
const feedbackTooLong = `Keep feedback to ${feedbackLimit.toLocaleString("en-GB")} characters or fewer.`;

export const ReviewMappingInput = z.discriminatedUnion("decision", [
  z.object({
    mappingId: recordId("mapping"),
    decision: z.literal("accept"),
    /** The range items the assessor accepts; left out, the candidate's claim stands. */
    rangeItemIds: z.array(recordId("range item")).max(500).optional(),
    feedback: z.string().overwrite(normaliseLineBreaks).trim().max(feedbackLimit, feedbackTooLong).optional(),
  }),
  z.object({
    mappingId: recordId("mapping"),
    decision: z.literal("reject"),
    // Line breaks as "\n" before the length is checked, as the browser counted it (input.ts).
    feedback: z
      .string({ error: "Write feedback saying what the candidate should change or add." })
      .overwrite(normaliseLineBreaks)
      .trim()
      .min(1, "Write feedback saying what the candidate should change or add.")
      .max(feedbackLimit, feedbackTooLong),
  }),
]);
export type ReviewMappingInput = z.input<typeof ReviewMappingInput>;

export type ReviewedMapping = {
  mappingId: string;
  status: "ACCEPTED" | "REJECTED";
  round: number;
  rangeItemIds: string[];
  /** True when this review left nothing awaiting review and something referred: the evidence went back to the candidate. */
  returnedToCandidate: boolean;
};

/**
 * The assigned assessor accepts a submitted mapping (optionally adjusting which range items it
 * covers) or refers it back with feedback. Every review is kept as a MappingReview of the
 * evidence's round. When nothing of the evidence is left awaiting review and something was
 * referred, the evidence goes back to the candidate to revise and submit again.
 */
export async function reviewMapping(
  db: Db,
  actor: Actor,
  rawInput: ReviewMappingInput,
  now: Date = new Date(),
): Promise<ReviewedMapping> {
  const input = parseInput(ReviewMappingInput, rawInput);
  const found = await db.mapping.findUnique({ where: { id: input.mappingId }, select: { enrolmentId: true } });
  if (!found)
    throw new AppError(
      "That mapping no longer exists. The candidate may have removed it; reload the page.",
      "mapping not found",
    );
  authorize(actor, "mapping.review", await requireEnrolmentResource(db, found.enrolmentId), now);

  return db.$transaction((tx) => reviewInTransaction(tx, actor, input, found.enrolmentId, now));
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function reviewInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof ReviewMappingInput.parse>,
  enrolmentId: string,
  now: Date,
): Promise<ReviewedMapping> {
  authorize(actor, "mapping.review", await requireEnrolmentResource(tx, enrolmentId), now);
  const mapping = await submittedMapping(tx, input.mappingId, enrolmentId);
  const claimed = mapping.rangeItems.map((r) => r.rangeItemId);
  let rangeItemIds = claimed;
  if (input.decision === "accept" && input.rangeItemIds) {
    rangeItemIds = requireRangeItemsOf(
      { ref: mapping.criterion.ref, rangeItemIds: mapping.criterion.rangeItems.map((r) => r.id) },
      input.rangeItemIds,
    );
    await replaceRangeItems(tx, mapping.id, rangeItemIds);
  }

  const status = input.decision === "accept" ? "ACCEPTED" : "REJECTED";
  const feedback = input.feedback && input.feedback.length > 0 ? input.feedback : null;
  const round = mapping.evidence.round;
  const acceptedItems = status === "ACCEPTED" ? rangeItemIds : [];
  await tx.mappingReview.create({
    data: {
      mappingId: mapping.id,
      evidenceId: mapping.evidence.id,
      criterionId: mapping.criterionId,
      enrolmentId: mapping.enrolmentId,
      round,
      status,
      feedback,
      rangeItemIds: acceptedItems,
      reviewerId: actor.userId,
      at: now,
    },
  });
  // Guarded on the status read above, so two reviews racing each other cannot both land.
  const updated = await tx.mapping.updateMany({
    where: { id: mapping.id, status: "SUBMITTED" },
    data: { status, feedback, reviewedById: actor.userId, reviewedAt: now },
  });
  if (updated.count !== 1)
    throw new AppError("Someone else reviewed this mapping at the same moment. Reload the page to see their review.");
  await refreshEnrolmentCounters(tx, [mapping.enrolmentId]);
  const returnedToCandidate = await returnIfNothingAwaits(tx, mapping.evidence.id, round);

  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: mapping.enrolment.centreId,
    action: status === "ACCEPTED" ? "mapping.accept" : "mapping.reject",
    entityType: "Mapping",
    entityId: mapping.id,
    before: { status: mapping.status, feedback: mapping.feedback, rangeItemIds: claimed },
    after: {
      status,
      feedback,
      rangeItemIds: acceptedItems,
      round,
      ...(returnedToCandidate
        ? { evidenceReturned: { evidenceId: mapping.evidence.id, submittedAt: null, round: round + 1 } }
        : {}),
    },
  });
  await notifyCandidateOfReview(tx, mapping, { status, feedback, returnedToCandidate });
  return { mappingId: mapping.id, status, round, rangeItemIds: acceptedItems, returnedToCandidate };
}

/** The mapping as it is now, if it is still the enrolled candidate's, on an open unit, and awaiting review. */
async function submittedMapping(tx: Tx, mappingId: string, enrolmentId: string) {
  const mapping = await tx.mapping.findUnique({
    where: { id: mappingId },
    select: {
      id: true,
      status: true,
      feedback: true,
      enrolmentId: true,
      criterionId: true,
      rangeItems: { select: { rangeItemId: true } },
      criterion: { select: { ref: true, rangeItems: { select: { id: true } } } },
      enrolment: {
        select: {
          status: true,
          centreId: true,
          candidateId: true,
          unitVersion: { select: { unit: { select: { code: true } } } },
        },
      },
      evidence: { select: { id: true, title: true, candidateId: true, round: true, submittedAt: true } },
    },
  });
  if (!mapping || mapping.enrolmentId !== enrolmentId)
    throw new AppError("That mapping no longer exists. The candidate may have removed it; reload the page.");
  if (mapping.evidence.candidateId !== mapping.enrolment.candidateId)
    throw new AppError("That evidence does not belong to this candidate.", "evidence and enrolment candidates differ");
  requireActive(mapping.enrolment.status, "review evidence for it", "assessment");
  if (mapping.status !== "SUBMITTED") {
    const why =
      mapping.status === "ACCEPTED"
        ? "it has already been accepted"
        : mapping.status === "REJECTED"
          ? "it has already been referred back to the candidate"
          : "the candidate has not submitted it (or has changed it since)";
    throw new AppError(`This mapping cannot be reviewed now: ${why}. Reload the page to see where it stands.`);
  }
  return mapping;
}

/**
 * Sends the evidence back to the candidate when nothing of it awaits review and something was
 * referred. Only units still in progress count: a signed-off or withdrawn unit's mappings can no
 * longer be reviewed or resubmitted, so they neither hold the evidence nor send it back.
 */
async function returnIfNothingAwaits(tx: Tx, evidenceId: string, round: number): Promise<boolean> {
  const [awaiting, referred] = await Promise.all([
    tx.mapping.count({ where: { evidenceId, status: "SUBMITTED", enrolment: { status: "ACTIVE" } } }),
    tx.mapping.count({ where: { evidenceId, status: "REJECTED", enrolment: { status: "ACTIVE" } } }),
  ]);
  const returnedToCandidate = awaiting === 0 && referred > 0;
  if (returnedToCandidate) {
    // The candidate's next submission is a new round: the round is counted up here, when the
    // evidence comes back, because submit-evidence.ts only sets submittedAt.
    await tx.evidence.update({ where: { id: evidenceId }, data: { submittedAt: null, round: round + 1 } });
  }
  return returnedToCandidate;
}

async function notifyCandidateOfReview(
  tx: Tx,
  mapping: Awaited<ReturnType<typeof submittedMapping>>,
  review: { status: "ACCEPTED" | "REJECTED"; feedback: string | null; returnedToCandidate: boolean },
): Promise<void> {
  const { status, feedback } = review;
  const unitCode = mapping.enrolment.unitVersion.unit.code;
  const subject = `“${mapping.evidence.title}” for ${unitCode} ${mapping.criterion.ref}`;
  const body =
    status === "ACCEPTED"
      ? `Your assessor accepted ${subject}.${feedback ? ` Their comment: ${feedback}` : ""}`
      : `Your assessor referred back ${subject}. Their feedback: ${feedback ?? ""}`;
  const returned = review.returnedToCandidate
    ? " Nothing of this evidence is waiting for review now, so it has been returned to you: revise it and submit it again."
    : "";
  await notify(tx, {
    userId: mapping.enrolment.candidateId,
    kind: "mapping.reviewed",
    title:
      status === "ACCEPTED"
        ? `Evidence accepted for ${unitCode} ${mapping.criterion.ref}`
        : `Evidence referred back for ${unitCode} ${mapping.criterion.ref}`,
    body: `${body}${returned}`,
    link: `/candidate/evidence/${mapping.evidence.id}`,
  });
}
