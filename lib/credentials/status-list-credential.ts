import type { Db } from "../db/client";
import { bitstringOf, encodeList, listBitsFor } from "./bitstring-status-list";
import { credentialDate } from "./open-badge";
import { currentSigningKey, signerOf } from "./signing-keys";
import { credentialUrls } from "./urls";
import { signVcJwt } from "./vc-jwt";

// A centre's revocation list as a BitstringStatusListCredential (VC-JWT), built from the
// credentials' revokedAt at each request and signed with the centre's current key. It is valid
// for a day, so a copy cannot be replayed for ever to hide a later revocation.

type Reader = Pick<Db, "credential" | "centreSigningKey">;

const listLifetimeMs = 86_400_000;

/** The centre's bitstring: one bit per issued credential, set when it is revoked. */
export async function centreStatusBits(db: Pick<Db, "credential">, centreId: string): Promise<Uint8Array> {
  const [revoked, highest] = await Promise.all([
    db.credential.findMany({ where: { centreId, revokedAt: { not: null } }, select: { statusIndex: true } }),
    db.credential.aggregate({ where: { centreId }, _max: { statusIndex: true } }),
  ]);
  return bitstringOf(
    revoked.map((c) => c.statusIndex),
    listBitsFor(highest._max.statusIndex ?? 0),
  );
}

export type StatusListCredential = {
  "@context": ["https://www.w3.org/ns/credentials/v2"];
  id: string;
  type: ["VerifiableCredential", "BitstringStatusListCredential"];
  issuer: string;
  validFrom: string;
  validUntil: string;
  credentialSubject: { id: string; type: "BitstringStatusList"; statusPurpose: "revocation"; encodedList: string };
};

export function statusListCredential(
  centreId: string,
  bits: Uint8Array,
  options: { baseUrl: string; now: Date },
): StatusListCredential {
  const urls = credentialUrls(options.baseUrl);
  const list = urls.statusList(centreId);
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: list,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: urls.issuer(centreId),
    validFrom: credentialDate(options.now),
    validUntil: credentialDate(new Date(options.now.getTime() + listLifetimeMs)),
    credentialSubject: {
      id: `${list}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList: encodeList(bits),
    },
  };
}

/**
 * The signed status list of a centre, or null when the centre has no signing key (it has issued
 * nothing, so there is no list; a public request never makes a key).
 */
export async function signedStatusList(
  db: Reader,
  centreId: string,
  options: { baseUrl: string; now: Date },
): Promise<string | null> {
  const key = await currentSigningKey(db, centreId);
  if (!key) return null;
  const signer = signerOf(key, options.baseUrl);
  return signVcJwt(statusListCredential(centreId, await centreStatusBits(db, centreId), options), signer);
}
