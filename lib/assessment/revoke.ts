import { z } from "zod";

import { recordAudit } from "../audit";

import { authorize, type Actor } from "../authz/policy";

import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";

import { notify } from "../notify";

import { revokeUnitCredential } from "../credentials/revoke-unit-credential";

import { requireEnrolmentResource, requireSigningPassword, wrongPasswordRevokeMessage } from "./common";

import { confirmingPassword, recordId, requiredText } from "./input";
import { assessedEnrolmentSelect, reauthorizedEnrolment } from "./reauthorized-enrolment";
import { refreshEnrolmentCounters } from "../progress/enrolment-counters";

import { refreshMetTally } from "../progress/met-tally";

export const RevokeInput = z.object({
  kind: z.enum(["decision", "unitSignOff"], { error: "Say what to revoke. Reload the page and try again." }),
  id: recordId("record to revoke"),
  reason: requiredText("the reason for revoking", 2000),
  password: confirmingPassword("revoke"),
});
export type RevokeInput = z.input<typeof RevokeInput>;

export type Revoked = {
  kind: "decision" | "unitSignOff";
  id: string;
  /** The unit sign-off revoked with it, when a "met" decision of a completed unit was revoked. */
  alsoRevokedUnitSignOffId: string | null;
  enrolmentStatus: "ACTIVE" | "COMPLETED" | "WITHDRAWN";
};

function alreadyRevoked(kind: "decision" | "unitSignOff"): AppError {
  return new AppError(
    kind === "decision"
      ? "That decision has already been revoked. Reload the page to see the current decision."
      : "That unit sign-off has already been revoked. Reload the page.",
    "already revoked",
  );
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function revokeStandingSignOff(
  tx: Tx,
  enrolmentId: string,
  actorId: string,
  reason: string,
  now: Date,
): Promise<string | null> {
  const signOff = await tx.unitSignOff.findFirst({
    where: { enrolmentId, currentSlot: "current" },
    select: { id: true },
  });
  if (!signOff) return null;
  const revoked = await tx.unitSignOff.updateMany({
    where: { id: signOff.id, currentSlot: "current" },
    data: { currentSlot: null, revokedAt: now, revokedById: actorId, revokeReason: reason },
  });
  if (revoked.count !== 1) return null;
  await revokeUnitCredential(tx, { unitSignOffId: signOff.id, actorId, revokedAt: now, reason });
  return signOff.id;
}

/**
 * The assigned assessor or the enrolment's IQA revokes a criterion decision or a unit sign-off,
 * with a reason and their password (as for signing). The row is kept (currentSlot cleared, who, when and why recorded) so the
 * history stays. Revoking a unit sign-off, or a "met" decision of a signed-off unit, reopens
 * the unit: its sign-off is revoked and the enrolment is active again.
 */
export async function revoke(db: Db, actor: Actor, rawInput: RevokeInput, now: Date = new Date()): Promise<Revoked> {
  const input = parseInput(RevokeInput, rawInput);
  const owner =
    input.kind === "decision"
      ? await db.decision.findUnique({ where: { id: input.id }, select: { enrolmentId: true } })
      : await db.unitSignOff.findUnique({ where: { id: input.id }, select: { enrolmentId: true } });
  if (!owner)
    throw new AppError(
      input.kind === "decision" ? "That decision was not found." : "That unit sign-off was not found.",
      "revoke target not found",
    );
  authorize(actor, "decision.revoke", await requireEnrolmentResource(db, owner.enrolmentId), now);
  // Revoking undoes a signature, so it is confirmed like one: the same password check and lockout.
  await requireSigningPassword(
    db,
    actor.userId,
    input.password,
    wrongPasswordRevokeMessage,
    now,
    "nothing was revoked",
  );

  return db.$transaction((tx) => revokeInTransaction(tx, actor, input, owner.enrolmentId, now));
}

type ParsedRevokeInput = ReturnType<typeof RevokeInput.parse>;
type RevokedEnrolment = { id: string; status: Revoked["enrolmentStatus"]; centreId: string };
type Revocation = { currentSlot: null; revokedAt: Date; revokedById: string; revokeReason: string };
/** What one kind of revocation did: in words for the notification, and the row as it was for the audit. */
type RevokedRow = { what: string; before: Record<string, unknown>; alsoRevokedUnitSignOffId: string | null };

async function revokeInTransaction(
  tx: Tx,
  actor: Actor,
  input: ParsedRevokeInput,
  enrolmentId: string,
  now: Date,
): Promise<Revoked> {
  const enrolment = await reauthorizedEnrolment(tx, actor, "decision.revoke", enrolmentId, now, {
    ...assessedEnrolmentSelect,
    assessorId: true,
  });
  if (enrolment.status === "WITHDRAWN")
    throw new AppError("This enrolment has been withdrawn; its record is kept as it was and cannot be changed.");
  const unitCode = enrolment.unitVersion.unit.code;
  const revocation = { currentSlot: null, revokedAt: now, revokedById: actor.userId, revokeReason: input.reason };
  const { what, before, alsoRevokedUnitSignOffId } =
    input.kind === "decision"
      ? await revokeDecision(tx, input, enrolment, unitCode, revocation)
      : await revokeSignOff(tx, input, enrolment, unitCode, revocation);

  const reopens = input.kind === "unitSignOff" || alsoRevokedUnitSignOffId !== null;
  let enrolmentStatus = enrolment.status;
  if (reopens && enrolment.status === "COMPLETED") {
    await tx.enrolment.update({ where: { id: enrolment.id }, data: { status: "ACTIVE" } });
    enrolmentStatus = "ACTIVE";
  }

  await recordAudit(tx, {
    actorId: actor.userId,
    centreId: enrolment.centreId,
    action: input.kind === "decision" ? "decision.revoke" : "unit.signOffRevoke",
    entityType: input.kind === "decision" ? "Decision" : "UnitSignOff",
    entityId: input.id,
    before,
    after: {
      currentSlot: null,
      revokedAt: now.toISOString(),
      revokeReason: input.reason,
      ...(alsoRevokedUnitSignOffId ? { alsoRevokedUnitSignOffId } : {}),
      enrolmentStatus,
    },
  });
  const reopened = reopens ? ` ${unitCode} is in progress again until it is signed off once more.` : "";
  await notifyOfRevocation(tx, actor, input, enrolment, { what, unitCode, reopened });
  return { kind: input.kind, id: input.id, alsoRevokedUnitSignOffId, enrolmentStatus };
}

/** Revokes a standing decision; revoking a "met" also revokes the unit's standing sign-off. */
async function revokeDecision(
  tx: Tx,
  input: ParsedRevokeInput,
  enrolment: RevokedEnrolment,
  unitCode: string,
  revocation: Revocation,
): Promise<RevokedRow> {
  const decision = await tx.decision.findUnique({
    where: { id: input.id },
    select: {
      id: true,
      outcome: true,
      currentSlot: true,
      signedById: true,
      signedAt: true,
      criterion: { select: { ref: true } },
    },
  });
  if (!decision) throw new AppError("That decision was not found.");
  if (decision.currentSlot !== "current") throw alreadyRevoked("decision");
  const revoked = await tx.decision.updateMany({
    where: { id: decision.id, currentSlot: "current" },
    data: revocation,
  });
  if (revoked.count !== 1) throw alreadyRevoked("decision");
  await refreshEnrolmentCounters(tx, [enrolment.id]);
  if (decision.outcome === "MET") await refreshMetTally(tx, enrolment.centreId, decision.signedAt);
  const before = {
    currentSlot: "current",
    outcome: decision.outcome,
    signedById: decision.signedById,
    signedAt: decision.signedAt.toISOString(),
  };
  const what = `the decision on ${unitCode} ${decision.criterion.ref}`;
  const alsoRevokedUnitSignOffId =
    decision.outcome === "MET"
      ? await revokeStandingSignOff(
          tx,
          enrolment.id,
          revocation.revokedById,
          `Criterion ${decision.criterion.ref} decision revoked: ${input.reason}`,
          revocation.revokedAt,
        )
      : null;
  return { what, before, alsoRevokedUnitSignOffId };
}

async function revokeSignOff(
  tx: Tx,
  input: ParsedRevokeInput,
  enrolment: RevokedEnrolment,
  unitCode: string,
  revocation: Revocation,
): Promise<RevokedRow> {
  const signOff = await tx.unitSignOff.findUnique({
    where: { id: input.id },
    select: { id: true, currentSlot: true, assessorId: true, signedAt: true },
  });
  if (!signOff) throw new AppError("That unit sign-off was not found.");
  if (signOff.currentSlot !== "current") throw alreadyRevoked("unitSignOff");
  const revoked = await tx.unitSignOff.updateMany({
    where: { id: signOff.id, currentSlot: "current" },
    data: revocation,
  });
  if (revoked.count !== 1) throw alreadyRevoked("unitSignOff");
  await revokeUnitCredential(tx, {
    unitSignOffId: signOff.id,
    actorId: revocation.revokedById,
    revokedAt: revocation.revokedAt,
    reason: input.reason,
  });
  const before = {
    currentSlot: "current",
    assessorId: signOff.assessorId,
    signedAt: signOff.signedAt.toISOString(),
    enrolmentStatus: enrolment.status,
  };
  return { what: `the sign-off of ${unitCode}`, before, alsoRevokedUnitSignOffId: null };
}

/** Tells the candidate, and the assessor unless they revoked it themselves. */
async function notifyOfRevocation(
  tx: Tx,
  actor: Actor,
  input: ParsedRevokeInput,
  enrolment: { id: string; candidateId: string; assessorId: string | null },
  words: { what: string; unitCode: string; reopened: string },
): Promise<void> {
  const { what, unitCode, reopened } = words;
  const revoker = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  const recipients = [
    enrolment.candidateId,
    ...(enrolment.assessorId && enrolment.assessorId !== actor.userId ? [enrolment.assessorId] : []),
  ];
  await notify(
    tx,
    ...recipients.map((userId) => ({
      userId,
      kind: input.kind === "decision" ? ("decision.revoked" as const) : ("unit.signOffRevoked" as const),
      title:
        input.kind === "decision"
          ? `Decision revoked: ${what.replace("the decision on ", "")}`
          : `${unitCode} sign-off revoked`,
      body: `${revoker?.name ?? "Someone"} revoked ${what}. Reason: “${input.reason}”.${reopened}`,
      link:
        userId === enrolment.candidateId ? `/candidate/units/${enrolment.id}` : `/assessor/enrolments/${enrolment.id}`,
    })),
  );
}
