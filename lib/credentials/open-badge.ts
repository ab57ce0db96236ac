import schema from "./ob_v3p0_achievementcredential_schema.json";
import { identityHash } from "./identity-hash";
import type { UnitAchievement } from "./unit-achievement";
import type { CredentialUrls } from "./urls";

// The OpenBadgeCredential of a completed unit (Open Badges 3.0 on the VC Data Model 2.0), as the
// JSON that is signed; the proof is the VC-JWT around it (./vc-jwt.ts).

export const credentialContexts = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
] as const;

/** The schema the credential declares and the verifier checks: the copy shipped in this folder. */
export const achievementCredentialSchemaId: string = schema.$id;

export type StatusEntry = {
  id: string;
  type: "BitstringStatusListEntry";
  statusPurpose: "revocation";
  statusListIndex: string;
  statusListCredential: string;
};

export type UnitCredential = {
  "@context": typeof credentialContexts;
  id: string;
  type: ["VerifiableCredential", "OpenBadgeCredential"];
  issuer: { id: string; type: ["Profile"]; name: string };
  validFrom: string;
  name: string;
  credentialSubject: {
    id: string;
    type: ["AchievementSubject"];
    identifier: Array<{
      type: "IdentityObject";
      identityType: "emailAddress";
      hashed: true;
      salt: string;
      identityHash: string;
    }>;
    achievement: UnitAchievement;
  };
  credentialSchema: Array<{ id: string; type: "1EdTechJsonSchemaValidator2019" }>;
  credentialStatus: StatusEntry;
};

export type UnitCredentialFacts = {
  /** The Credential row's UUID: the credential is urn:uuid:<id>. */
  id: string;
  /** Another random UUID for the subject, so the subject's id says nothing about the person. */
  subjectId: string;
  centre: { id: string; name: string };
  email: string;
  salt: string;
  achievement: UnitAchievement;
  validFrom: Date;
  statusIndex: number;
};

/** A date as the credential writes it: UTC to the second, with Z. */
export function credentialDate(date: Date): string {
  return new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function statusEntry(urls: CredentialUrls, centreId: string, index: number): StatusEntry {
  const list = urls.statusList(centreId);
  return {
    id: `${list}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(index),
    statusListCredential: list,
  };
}

export function unitCredential(facts: UnitCredentialFacts, urls: CredentialUrls): UnitCredential {
  return {
    "@context": credentialContexts,
    id: `urn:uuid:${facts.id}`,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: urls.issuer(facts.centre.id), type: ["Profile"], name: facts.centre.name },
    validFrom: credentialDate(facts.validFrom),
    name: facts.achievement.name,
    credentialSubject: {
      id: `urn:uuid:${facts.subjectId}`,
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityType: "emailAddress",
          hashed: true,
          salt: facts.salt,
          identityHash: identityHash(facts.email, facts.salt),
        },
      ],
      achievement: facts.achievement,
    },
    credentialSchema: [{ id: achievementCredentialSchemaId, type: "1EdTechJsonSchemaValidator2019" }],
    credentialStatus: statusEntry(urls, facts.centre.id, facts.statusIndex),
  };
}
