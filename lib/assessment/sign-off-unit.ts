import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, isUniqueViolation, parseInput } from "../errors";

import { notify } from "../notify";

import { issueUnitCredential } from "../credentials/issue-unit-credential";

import { nameOf, requireEnrolmentResource, requireSigningPassword, when, wrongPasswordSignOffMessage } from "./common";

import { recordId, requiredText, signingPassword } from "./input";
import { assessedEnrolmentSelect, reauthorizedEnrolment } from "./reauthorized-enrolment";
import { unitSignOffSignature } from "./signature";

import { describeOpenItems, hasOpenItems, unitOpenItems } from "./unit-open-items";
import { timeZoneOf } from "../format/time-zone";

export { isEnrolmentLocked } from "./is-enrolment-locked";

export const SignOffUnitInput = z.object({
  enrolmentId: recordId("enrolment"),
  declaration: requiredText("your declaration as assessor", 5000),
  password: signingPassword,
});
export type SignOffUnitInput = z.input<typeof SignOffUnitInput>;

export type UnitSignedOff = { id: string; signedAt: Date; signatureHash: string };

async function alreadySignedOff(
  db: Pick<Db, "unitSignOff" | "user" | "centre">,
  enrolmentId: string,
  centreId: string,
): Promise<AppError> {
  const standing = await db.unitSignOff.findFirst({
    where: { enrolmentId, currentSlot: "current" },
    select: { assessorId: true, signedAt: true },
  });
  if (!standing)
    return new AppError(
      "This unit is not open for sign-off now. Reload the page to see where it stands.",
      "sign-off race without a standing row",
    );
  const centre = await db.centre.findUnique({ where: { id: centreId }, select: { timeZone: true } });
  return new AppError(
    `This unit was already signed off by ${await nameOf(db, standing.assessorId)} at ${when(standing.signedAt, timeZoneOf(centre))}.`,
    "unit already signed off",
  );
}

/**
 * The assigned assessor signs the unit off, with a declaration and their password, once every
 * criterion of the pinned version has a standing "met" decision, every checkable evidence
 * requirement is confirmed and the candidate has declared. The enrolment is then completed and
 * its portfolio locked. Otherwise the refusal lists what is still open.
 */
export async function signOffUnit(
  db: Db,
  actor: Actor,
  rawInput: SignOffUnitInput,
  now: Date = new Date(),
): Promise<UnitSignedOff> {
  const input = parseInput(SignOffUnitInput, rawInput);
  const resource = await requireEnrolmentResource(db, input.enrolmentId);
  authorize(actor, "unit.signOff", resource, now);
  await requireSigningPassword(db, actor.userId, input.password, wrongPasswordSignOffMessage, now);

  try {
    return await db.$transaction((tx) => signOffInTransaction(tx, actor, input, now));
  } catch (error) {
    if (isUniqueViolation(error, "UnitSignOff")) throw await alreadySignedOff(db, resource.id, resource.centreId);
    throw error;
  }
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Inside the transaction: checks again, refuses while anything is open, then signs, completes and locks. */
async function signOffInTransaction(
  tx: Tx,
  actor: Actor,
  input: ReturnType<typeof SignOffUnitInput.parse>,
  now: Date,
): Promise<UnitSignedOff> {
  const enrolment = await reauthorizedEnrolment(tx, actor, "unit.signOff", input.enrolmentId, now, {
    ...assessedEnrolmentSelect,
    candidateDeclaredAt: true,
    candidateDeclaration: true,
  });
  if (enrolment.status === "WITHDRAWN")
    throw new AppError("This enrolment has been withdrawn, so its unit cannot be signed off.");
  const standing = await tx.unitSignOff.count({ where: { enrolmentId: enrolment.id, currentSlot: "current" } });
  if (standing > 0 || enrolment.status === "COMPLETED")
    throw await alreadySignedOff(tx, enrolment.id, enrolment.centreId);

  const open = await unitOpenItems(tx, enrolment);
  if (hasOpenItems(open) || !enrolment.candidateDeclaredAt) {
    throw new AppError(
      `The unit cannot be signed off yet. Still open: ${describeOpenItems(open).join(" ")}`,
      "unit sign-off refused: open items",
    );
  }

  const signed = {
    enrolmentId: enrolment.id,
    assessorId: actor.userId,
    signedAt: now,
    assessorDeclaration: input.declaration,
    candidateDeclaredAt: enrolment.candidateDeclaredAt,
    candidateDeclaration: enrolment.candidateDeclaration ?? "",
    decisions: open.decisions,
    confirmations: open.confirmations,
  };
  const signatureHash = unitSignOffSignature(signed);
  const signOff = await tx.unitSignOff.create({
    data: {
      enrolmentId: enrolment.id,
      assessorId: actor.userId,
      assessorDeclaration: input.declaration,
      signedAt: now,
      signatureHash,
      currentSlot: "current",
    },
    select: { id: true },
  });
  const completed = await tx.enrolment.updateMany({
    where: { id: enrolment.id, status: "ACTIVE" },
    data: { status: "COMPLETED" },
  });
  if (completed.count !== 1)
    throw new AppError("This unit changed while you were signing it off. Reload the page and check it again.");
  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: enrolment.centreId,
    action: "unit.signOff",
    entityType: "UnitSignOff",
    entityId: signOff.id,
    before: { enrolmentStatus: "ACTIVE" },
    after: {
      enrolmentId: enrolment.id,
      enrolmentStatus: "COMPLETED",
      assessorDeclaration: input.declaration,
      signedAt: now.toISOString(),
      decisions: open.decisions,
      confirmations: open.confirmations,
      signatureHash,
    },
  });
  await notifyCandidateOfSignOff(tx, enrolment);
  // The candidate's Open Badge, in this transaction: no sign-off without its credential, nor the reverse.
  await issueUnitCredential(tx, {
    unitSignOffId: signOff.id,
    enrolmentId: enrolment.id,
    signedAt: now,
    actorId: actor.userId,
  });
  return { id: signOff.id, signedAt: now, signatureHash };
}

async function notifyCandidateOfSignOff(
  tx: Tx,
  enrolment: { id: string; candidateId: string; unitVersion: { unit: { code: string } } },
): Promise<void> {
  const unitCode = enrolment.unitVersion.unit.code;
  await notify(tx, {
    userId: enrolment.candidateId,
    kind: "unit.signedOff",
    title: `${unitCode} signed off`,
    body: `Your assessor has signed off ${unitCode}: every criterion and evidence requirement is met. Well done. Your portfolio for this unit is now locked.`,
    link: `/candidate/units/${enrolment.id}`,
  });
}
