import crypto from "node:crypto";
import type { Prisma } from "../../generated/sqlite/client";
import { recordAudit } from "../audit";
import type { Db } from "../db/client";
import { AppError, isUniqueViolation } from "../errors";
import { UnitFile } from "../standards/schema";
import { achievementCredentialProblems } from "./achievement-credential-schema";
import { newSalt } from "./identity-hash";
import { unitCredential } from "./open-badge";
import { signerOf, signingKeyFor } from "./signing-keys";
import { unitAchievement } from "./unit-achievement";
import { credentialBaseUrl, credentialUrls } from "./urls";
import { signVcJwt } from "./vc-jwt";

// Issuing the Open Badge of a unit sign-off, inside the sign-off's own transaction: the sign-off
// and its credential are written together or not at all (docs/decisions/0021-credentials.md).

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type IssueUnitCredentialInput = {
  unitSignOffId: string;
  enrolmentId: string;
  /** The sign-off's time: the credential's validFrom. */
  signedAt: Date;
  /** Who signed off, for the audit. */
  actorId: string;
};

export type IssuedCredential = { id: string; keyId: string; statusIndex: number };

async function enrolmentFacts(tx: Tx, enrolmentId: string) {
  return tx.enrolment.findUniqueOrThrow({
    where: { id: enrolmentId },
    select: {
      centreId: true,
      candidateId: true,
      centre: { select: { name: true } },
      candidate: { select: { email: true } },
      unitVersion: { select: { number: true, document: true } },
    },
  });
}

/**
 * The next free bit of the centre's status list. max + 1 is safe under concurrency because the
 * caller's transaction already holds the centre's audit chain lock (recordAudit of the sign-off),
 * which serialises the centre's writers on PostgreSQL; SQLite has one writer at a time.
 */
async function nextStatusIndex(tx: Tx, centreId: string): Promise<number> {
  const { _max } = await tx.credential.aggregate({ where: { centreId }, _max: { statusIndex: true } });
  return _max.statusIndex === null ? 0 : _max.statusIndex + 1;
}

/**
 * Signs and stores the OpenBadgeCredential of a completed unit, once per sign-off. Throws (and so
 * rolls the sign-off back) when it cannot sign: CREDENTIAL_KEY_SECRET missing or wrong says so.
 */
export async function issueUnitCredential(tx: Tx, input: IssueUnitCredentialInput): Promise<IssuedCredential> {
  const enrolment = await enrolmentFacts(tx, input.enrolmentId);
  const baseUrl = credentialBaseUrl();
  const urls = credentialUrls(baseUrl);
  const signer = signerOf(await signingKeyFor(tx, enrolment.centreId, input.signedAt), baseUrl);
  const unit = UnitFile.parse(enrolment.unitVersion.document);
  const id = crypto.randomUUID();
  const statusIndex = await nextStatusIndex(tx, enrolment.centreId);
  const credential = unitCredential(
    {
      id,
      subjectId: crypto.randomUUID(),
      centre: { id: enrolment.centreId, name: enrolment.centre.name },
      email: enrolment.candidate.email,
      salt: newSalt(),
      achievement: unitAchievement(unit, enrolment.unitVersion.number, { baseUrl }),
      validFrom: input.signedAt,
      statusIndex,
    },
    urls,
  );
  // Never hand out a credential the published schema rejects: that is a bug here, not the user's.
  const problems = achievementCredentialProblems(credential);
  if (problems.length > 0) throw new Error(`issued credential fails the OB 3.0 schema: ${problems.join("; ")}`);
  const jwt = await signVcJwt(credential, signer);
  try {
    await tx.credential.create({
      data: {
        id,
        centreId: enrolment.centreId,
        enrolmentId: input.enrolmentId,
        candidateId: enrolment.candidateId,
        unitSignOffId: input.unitSignOffId,
        keyId: signer.keyId,
        statusIndex,
        json: credential as unknown as Prisma.InputJsonValue,
        jwt,
        issuedAt: input.signedAt,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error, "Credential"))
      throw new AppError(
        "Another credential of this centre was being issued at the same moment, so nothing was signed off. Sign off again.",
        "credential status index taken concurrently",
      );
    throw error;
  }
  await recordAudit(tx, {
    actorId: input.actorId,
    centreId: enrolment.centreId,
    action: "credential.issue",
    entityType: "Credential",
    entityId: id,
    after: { unitSignOffId: input.unitSignOffId, enrolmentId: input.enrolmentId, keyId: signer.keyId, statusIndex },
  });
  return { id, keyId: signer.keyId, statusIndex };
}
