import crypto from "node:crypto";
import zlib from "node:zlib";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionActor } from "@/lib/auth/actor";
import type { UnitCredential } from "@/lib/credentials/open-badge";
import officialSchema from "../fixtures/ob_v3p0_achievementcredential_schema.json";
import { useMigratedDb } from "../helpers/test-db";

// Open Badges 3.0 credentials against a real database: issued by the unit sign-off and only by
// it, signed as VC-JWT with the centre's key, checked by the verifier (proof, claims, schema,
// status, dates), revoked through the status list when the sign-off is revoked, and still
// verifiable after the centre rotates its key. The oracles are independent of the code under
// test where they can be: 1EdTech's schema from tests/fixtures (not the product's copy), jose
// verifying with the key taken from the published JWKS, zlib reading the status list.

vi.mock("server-only", () => ({}));

const state = useMigratedDb();
const baseUrl = "https://portfolio.test";
const password = "demo-password-2026";

// The app reads its configuration once, when lib/env is first imported: the modules are loaded
// in beforeAll, once the test database exists and DATABASE_URL names it (the routes use lib/db).
type Modules = Awaited<ReturnType<typeof loadModules>>;
let app: Modules;
async function loadModules() {
  return {
    env: (await import("@/lib/env")).env,
    seedDemo: (await import("@/lib/demo/seed")).seedDemo,
    importStandards: (await import("@/lib/standards/import")).importStandards,
    loadActor: (await import("@/lib/auth/actor")).loadActor,
    signOffUnit: (await import("@/lib/assessment/sign-off-unit")).signOffUnit,
    revoke: (await import("@/lib/assessment/revoke")).revoke,
    recordCandidateDeclaration: (await import("@/lib/assessment/record-candidate-declaration"))
      .recordCandidateDeclaration,
    issueUnitCredential: (await import("@/lib/credentials/issue-unit-credential")).issueUnitCredential,
    verifyCredential: (await import("@/lib/credentials/verify-credential")).verifyCredential,
    rotateSigningKey: (await import("@/lib/credentials/rotate-signing-key")).rotateSigningKey,
    centreCredentials: (await import("@/lib/credentials/read-credentials")).centreCredentials,
    signingKeys: await import("@/lib/credentials/signing-keys"),
    openPrivateKey: (await import("@/lib/credentials/private-key-box")).openPrivateKey,
    keyEncryptionKey: (await import("@/lib/credentials/key-secret")).keyEncryptionKey,
    findCaseItem: (await import("@/lib/standards/case/store")).findCaseItem,
    jwksRoute: (await import("@/app/issuers/[centreId]/jwks/route")).GET,
    keyRoute: (await import("@/app/issuers/[centreId]/keys/[keyId]/route")).GET,
    profileRoute: (await import("@/app/issuers/[centreId]/route")).GET,
    statusRoute: (await import("@/app/issuers/[centreId]/status/route")).GET,
    verifyRoute: (await import("@/app/api/credentials/verify/route")).POST,
  };
}

const savedEnv = { ...process.env };
const ids = { centre: "", cara: "", cs34: "" };
const actors: Record<string, SessionActor> = {};
const as = (key: "cara" | "asha" | "iris" | "nadia") => actors[key] as SessionActor;

const validate = addFormats(new Ajv2019({ allErrors: true, strictTuples: false })).compile(officialSchema);

beforeAll(async () => {
  Object.assign(process.env, { DATABASE_URL: state.url, NEXTAUTH_URL: baseUrl });
  delete process.env.CREDENTIAL_KEY_SECRET;
  app = await loadModules();
  expect(app.env.DATABASE_URL, "lib/env was loaded before the test database was made").toBe(state.url);
  expect((await app.importStandards(state.db)).errors).toEqual([]);
  await app.seedDemo(state.db);
  for (const [key, email] of [
    ["cara", "candidate@northgate.example"],
    ["asha", "assessor@northgate.example"],
    ["iris", "iqa@northgate.example"],
    ["nadia", "admin@northgate.example"],
  ] as const) {
    const user = await state.db.user.findUniqueOrThrow({ where: { email } });
    actors[key] = (await app.loadActor(state.db, user.id)) as SessionActor;
  }
  ids.cara = as("cara").userId;
  ids.centre = (await state.db.centre.findUniqueOrThrow({ where: { slug: "northgate" } })).id;
  ids.cs34 = (
    await state.db.enrolment.findFirstOrThrow({
      where: { candidateId: ids.cara, unitVersion: { unit: { code: "CS34" } } },
    })
  ).id;
}, 120_000);

afterAll(() => {
  process.env = savedEnv;
});

/** Every criterion of CS34 decided "met" directly (as tests/integration/assessment.test.ts does), but `leaveOut`. */
async function decideAllMet(leaveOut: string[] = []) {
  const enrolment = await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.cs34 } });
  const decided = await state.db.decision.findMany({
    where: { enrolmentId: ids.cs34, currentSlot: "current" },
    select: { criterionId: true },
  });
  const criteria = await state.db.criterion.findMany({ where: { unitVersionId: enrolment.unitVersionId } });
  await state.db.decision.createMany({
    data: criteria
      .filter((c) => !leaveOut.includes(c.ref) && !decided.some((d) => d.criterionId === c.id))
      .map((c) => ({
        centreId: ids.centre,
        enrolmentId: ids.cs34,
        criterionId: c.id,
        outcome: "MET" as const,
        signedById: as("asha").userId,
        evidenceSnapshot: [],
        signatureHash: "direct",
      })),
  });
}

const signOff = (actor = as("asha"), pass = password) =>
  app.signOffUnit(state.db, actor, { enrolmentId: ids.cs34, declaration: "All criteria met at work.", password: pass });

const verify = (text: string, now = new Date()) => app.verifyCredential(state.db, text, { baseUrl, now });

async function refusal(promise: Promise<unknown>): Promise<{ userMessage?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { userMessage?: string; message: string };
  }
  throw new Error("expected a refusal, but it succeeded");
}

const routeParams = <P>(params: P) => ({ params: Promise.resolve(params) });

/** The centre's keys as its JWKS route publishes them. */
async function publishedJwks(): Promise<Array<JWK & { kid: string }>> {
  const answer = await app.jwksRoute(
    new Request(`${baseUrl}/issuers/${ids.centre}/jwks`),
    routeParams({ centreId: ids.centre }),
  );
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { keys: Array<JWK & { kid: string }> }).keys;
}

/** Verifies a VC-JWT with jose and the published key its kid names: an oracle apart from lib/credentials. */
async function verifiedByJwks(jwt: string): Promise<Record<string, unknown>> {
  const { kid } = decodeProtectedHeader(jwt);
  const jwk = (await publishedJwks()).find((k) => k.kid === kid);
  if (!jwk) throw new Error(`kid ${kid} is not in the published JWKS`);
  const { payload } = await compactVerify(jwt, await importJWK(jwk, "EdDSA"), { algorithms: ["EdDSA"] });
  return JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
}

/** One character of a string changed, at `at`, to another character of the same alphabet. */
const changeOneCharacter = (text: string, at: number) =>
  `${text.slice(0, at)}${text[at] === "A" ? "B" : "A"}${text.slice(at + 1)}`;

const credentials = () => state.db.credential.findMany({ orderBy: { statusIndex: "asc" } });

describe("issuing on completion", () => {
  it("issues nothing before the unit is signed off, nor when a sign-off is refused", async () => {
    await decideAllMet();
    // Refused: the candidate has not declared yet.
    expect((await refusal(signOff())).userMessage).toContain("The candidate has not made their declaration yet.");
    await app.recordCandidateDeclaration(state.db, as("cara"), { enrolmentId: ids.cs34, confirmed: true });
    // Refused: wrong password. Refused: not the assessor.
    expect((await refusal(signOff(as("asha"), "not the password"))).userMessage).toContain("was not accepted");
    await refusal(signOff(as("iris")));
    expect(await state.db.unitSignOff.count()).toBe(0);
    expect(await state.db.credential.count()).toBe(0);
  });

  it("issues exactly one credential when the sign-off completes, valid against 1EdTech's published schema", async () => {
    const signed = await signOff();
    const issued = await credentials();
    expect(issued).toHaveLength(1);
    const [credential] = issued;
    if (!credential) throw new Error("no credential");
    expect(credential).toMatchObject({
      unitSignOffId: signed.id,
      enrolmentId: ids.cs34,
      candidateId: ids.cara,
      centreId: ids.centre,
      statusIndex: 0,
      revokedAt: null,
    });
    expect(credential.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const valid = validate(credential.json);
    expect(validate.errors ?? [], "the stored credential fails the official schema").toEqual([]);
    expect(valid).toBe(true);
    // The signed payload is the same credential, and passes the same schema.
    const payload = await verifiedByJwks(credential.jwt);
    expect(validate(payload)).toBe(true);
    expect(decodeJwt(credential.jwt)).toMatchObject(credential.json as object);
  });

  it("describes the unit, the centre and the candidate as Open Badges 3.0 says", async () => {
    const credential = (await credentials())[0];
    const json = credential?.json as unknown as UnitCredential;
    const signOffRow = await state.db.unitSignOff.findFirstOrThrow({ where: { enrolmentId: ids.cs34 } });
    expect(json["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(json.id).toBe(`urn:uuid:${credential?.id}`);
    expect(json.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(json.issuer).toEqual({
      id: `${baseUrl}/issuers/${ids.centre}`,
      type: ["Profile"],
      name: "Northgate Training Centre",
    });
    expect(Date.parse(json.validFrom)).toBe(Math.floor(signOffRow.signedAt.getTime() / 1000) * 1000);
    expect(json.validFrom).toMatch(/Z$/);
    const subject = json.credentialSubject;
    expect(subject.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(subject.id).not.toContain(ids.cara);
    const [identity] = subject.identifier;
    if (!identity) throw new Error("no identifier");
    const expectedHash = crypto
      .createHash("sha256")
      .update(`candidate@northgate.example${identity.salt}`)
      .digest("hex");
    expect(identity).toEqual({
      type: "IdentityObject",
      identityType: "emailAddress",
      hashed: true,
      salt: identity.salt,
      identityHash: `sha256$${expectedHash}`,
    });
    expect(JSON.stringify(json)).not.toContain("candidate@northgate.example");
    expect(subject.achievement).toMatchObject({
      type: ["Achievement"],
      achievementType: "Competency",
      name: "CS34 Manage customer service operations",
      criteria: { narrative: expect.stringContaining("- 1.5 evaluate sources of information") },
    });
    expect(json.credentialStatus).toEqual({
      id: `${baseUrl}/issuers/${ids.centre}/status#0`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "0",
      statusListCredential: `${baseUrl}/issuers/${ids.centre}/status`,
    });
    expect(json.credentialSchema).toEqual([{ id: officialSchema.$id, type: "1EdTechJsonSchemaValidator2019" }]);
  });

  it("aligns the achievement to the unit's CASE document and criteria, as this app's CASE endpoints publish them", async () => {
    const json = (await credentials())[0]?.json as unknown as UnitCredential;
    const alignment = json.credentialSubject.achievement.alignment;
    const criteria = await state.db.criterion.count({
      where: { unitVersion: { enrolments: { some: { id: ids.cs34 } } } },
    });
    expect(alignment).toHaveLength(1 + criteria);
    const [document, ...items] = alignment;
    expect(document?.targetUrl).toMatch(new RegExp(`^${baseUrl}/ims/case/v1p0/CFDocuments/[0-9a-f-]{36}$`));
    for (const item of items) {
      expect(item.targetType).toBe("CFItem");
      const identifier = item.targetUrl?.split("/").pop() ?? "";
      const published = await app.findCaseItem(state.db, identifier, baseUrl);
      expect(published, `${item.targetUrl} is not a CFItem of the CASE endpoint`).not.toBeNull();
      expect(published).toMatchObject({ uri: item.targetUrl, fullStatement: item.targetName });
      expect(published?.CFDocumentURI?.uri).toBe(document?.targetUrl);
    }
  });

  it("signs a VC-JWT with EdDSA: alg, kid and typ only, and the JWT claims repeat the credential", async () => {
    const { jwt, json } = (await credentials())[0] ?? { jwt: "", json: {} };
    const header = decodeProtectedHeader(jwt);
    expect(Object.keys(header).sort()).toEqual(["alg", "kid", "typ"]);
    expect(header).toMatchObject({ alg: "EdDSA", typ: "JWT" });
    expect(header.kid).toMatch(new RegExp(`^${baseUrl}/issuers/${ids.centre}/keys/[0-9a-f-]{36}$`));
    const credential = json as unknown as UnitCredential;
    const claims = decodeJwt(jwt);
    expect(claims.iss).toBe(credential.issuer.id);
    expect(claims.jti).toBe(credential.id);
    expect(claims.sub).toBe(credential.credentialSubject.id);
    expect(claims.nbf).toBe(Date.parse(credential.validFrom) / 1000);
    // The kid dereferences to the public key.
    const keyId = String(header.kid).split("/").pop() ?? "";
    const answer = await app.keyRoute(new Request(String(header.kid)), routeParams({ centreId: ids.centre, keyId }));
    expect(await answer.json()).toMatchObject({
      kty: "OKP",
      crv: "Ed25519",
      kid: header.kid,
      alg: "EdDSA",
      use: "sig",
    });
  });

  it("is once per completion: a second credential for the same sign-off is refused", async () => {
    const [credential] = await credentials();
    const signOffRow = await state.db.unitSignOff.findUniqueOrThrow({ where: { id: credential?.unitSignOffId } });
    await refusal(
      state.db.$transaction((tx) =>
        app.issueUnitCredential(tx, {
          unitSignOffId: signOffRow.id,
          enrolmentId: ids.cs34,
          signedAt: signOffRow.signedAt,
          actorId: as("asha").userId,
        }),
      ),
    );
    expect(await state.db.credential.count()).toBe(1);
  });
});

describe("verification", () => {
  it("finds the issued credential valid, as the .jwt and as its JSON", async () => {
    const [credential] = await credentials();
    expect(await verify(credential?.jwt ?? "")).toMatchObject({ result: "valid" });
    expect(await verify(JSON.stringify(credential?.json))).toMatchObject({ result: "valid" });
  });

  it("says tampered when one character of the signed credential changes", async () => {
    const jwt = (await credentials())[0]?.jwt ?? "";
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    // One character of the payload as sent...
    expect(await verify(`${header}.${changeOneCharacter(payload, 40)}.${signature}`)).toMatchObject({
      result: "tampered",
    });
    // ...one character of its content, the rest still well-formed JSON...
    const content = Buffer.from(payload, "base64url").toString("utf8").replace("CS34 Manage", "CS35 Manage");
    const edited = `${header}.${Buffer.from(content).toString("base64url")}.${signature}`;
    expect(await verify(edited)).toMatchObject({ result: "tampered" });
    // ...one character of the signature, or of the JSON form.
    expect(await verify(`${header}.${payload}.${changeOneCharacter(signature, 10)}`)).toMatchObject({
      result: "tampered",
    });
    const json = JSON.stringify((await credentials())[0]?.json).replace("CS34 Manage", "CS35 Manage");
    expect(await verify(json)).toMatchObject({ result: "tampered" });
  });

  it("says unknown-issuer for a key that is not one of this app's issuers', and fetches nothing", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");
    const { privateKey } = crypto.generateKeyPairSync("ed25519");
    const json = (await credentials())[0]?.json as Record<string, unknown>;
    for (const kid of [
      "https://evil.example/keys/1",
      `${baseUrl}/issuers/${ids.centre}/keys/00000000-0000-4000-8000-000000000000`,
    ]) {
      const forged = await new SignJWT(json).setProtectedHeader({ alg: "EdDSA", kid, typ: "JWT" }).sign(privateKey);
      const answer = await verify(forged);
      expect(answer.result).toBe("unknown-issuer");
      expect(answer.reason).toContain(kid);
    }
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });

  it("says malformed for text that is not a credential, invalid-schema and expired for signed ones that are not valid", async () => {
    expect(await verify("hello")).toMatchObject({ result: "malformed" });
    expect(await verify("{ not json")).toMatchObject({ result: "malformed" });
    expect(await verify("")).toMatchObject({ result: "malformed" });
    const key = await app.signingKeys.currentSigningKey(state.db, ids.centre);
    if (!key) throw new Error("no key");
    const signer = app.signingKeys.signerOf(key, baseUrl);
    const json = (await credentials())[0]?.json as unknown as UnitCredential;
    const sign = (credential: UnitCredential & { validUntil?: string }) =>
      new SignJWT({
        ...credential,
        iss: credential.issuer.id,
        jti: credential.id,
        sub: credential.credentialSubject.id,
        nbf: Date.parse(credential.validFrom) / 1000,
        ...(credential.validUntil ? { exp: Date.parse(credential.validUntil) / 1000 } : {}),
      })
        .setProtectedHeader({ alg: "EdDSA", kid: signer.kid, typ: "JWT" })
        .sign(signer.privateKey);
    const noAchievement = {
      ...json,
      credentialSubject: { ...json.credentialSubject, achievement: undefined },
    } as unknown as UnitCredential;
    expect(await verify(await sign(noAchievement))).toMatchObject({ result: "invalid-schema" });
    const lapsed = { ...json, validUntil: "2020-01-01T00:00:00Z", validFrom: "2019-01-01T00:00:00Z" };
    expect(await verify(await sign(lapsed))).toMatchObject({ result: "expired" });
  });

  it("answers the same through POST /api/credentials/verify", async () => {
    const jwt = (await credentials())[0]?.jwt ?? "";
    const post = (body: string) =>
      app.verifyRoute(new Request(`${baseUrl}/api/credentials/verify`, { method: "POST", body }), {});
    const answer = await post(JSON.stringify({ credential: jwt }));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ result: "valid", reason: expect.any(String) });
    const bad = await post("not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ result: "malformed" });
  });
});

describe("keys", () => {
  it("stores the private key encrypted, never as the key itself", async () => {
    const [key] = await state.db.centreSigningKey.findMany({ where: { centreId: ids.centre } });
    if (!key) throw new Error("no key");
    expect(key.privateKeyEnc).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    const der = app.openPrivateKey(key.privateKeyEnc, key.id, app.keyEncryptionKey());
    const privateKey = crypto.createPrivateKey({ key: der, format: "der", type: "pkcs8" });
    // What the box holds is the private half of the published key...
    expect(crypto.createPublicKey(privateKey).export({ format: "jwk" }).x).toBe((key.publicJwk as { x: string }).x);
    // ...and the stored text shows it in no encoding.
    const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    for (const plain of [der.toString("base64"), der.toString("base64url"), der.toString("hex"), pem])
      expect(key.privateKeyEnc).not.toContain(plain.replace(/-----[^-]+-----|\n/g, "").slice(16, 48));
  });

  it("refuses to sign with a wrong CREDENTIAL_KEY_SECRET, saying so, and then signs nothing off", async () => {
    // Reopen the unit so it can be signed off again.
    const standing = await state.db.unitSignOff.findFirstOrThrow({ where: { currentSlot: "current" } });
    await app.revoke(state.db, as("iris"), { kind: "unitSignOff", id: standing.id, reason: "Re-checked", password });
    const before = { signOffs: await state.db.unitSignOff.count(), credentials: await state.db.credential.count() };
    app.env.CREDENTIAL_KEY_SECRET = "a-different-secret-that-is-long-enough-0123";
    try {
      const error = await refusal(signOff());
      expect(error.userMessage).toContain("CREDENTIAL_KEY_SECRET is not the secret it was stored with");
      expect(error.userMessage).toContain("Nothing was signed");
      const status = await app.statusRoute(
        new Request(`${baseUrl}/issuers/${ids.centre}/status`),
        routeParams({ centreId: ids.centre }),
      );
      expect(status.status).toBe(503);
    } finally {
      app.env.CREDENTIAL_KEY_SECRET = undefined;
    }
    expect(await state.db.unitSignOff.count()).toBe(before.signOffs);
    expect(await state.db.credential.count()).toBe(before.credentials);
    expect((await state.db.enrolment.findUniqueOrThrow({ where: { id: ids.cs34 } })).status).toBe("ACTIVE");
  });

  it("refuses to sign in production without CREDENTIAL_KEY_SECRET", async () => {
    const nodeEnv = app.env.NODE_ENV;
    app.env.NODE_ENV = "production";
    try {
      expect((await refusal(signOff())).userMessage).toContain("CREDENTIAL_KEY_SECRET is not set");
    } finally {
      app.env.NODE_ENV = nodeEnv;
    }
    expect(await state.db.unitSignOff.count({ where: { currentSlot: "current" } })).toBe(0);
  });

  it("shows the centre's issued credentials and keys to its admins only, by a read permission of their own", async () => {
    for (const who of ["asha", "iris", "cara"] as const) {
      const refused = await refusal(app.centreCredentials(state.db, as(who), ids.centre, { baseUrl }));
      expect(refused.message).toMatch(/forbidden.*credential\.listIssued/);
    }
    const listed = await app.centreCredentials(state.db, as("nadia"), ids.centre, { baseUrl });
    expect(listed.total).toBe((await credentials()).length);
    expect(listed.keys.length).toBeGreaterThan(0);
  });

  it("lets only a centre admin rotate the key; earlier credentials still verify, new ones use the new kid, the JWKS lists both", async () => {
    const before = (await credentials())[0];
    const oldKid = decodeProtectedHeader(before?.jwt ?? "").kid;
    const assessorTry = await refusal(app.rotateSigningKey(state.db, as("asha"), ids.centre));
    expect(assessorTry.message).toMatch(/forbidden/);
    const rotated = await app.rotateSigningKey(state.db, as("nadia"), ids.centre);
    expect(rotated.kid).not.toBe(oldKid);
    const kids = (await publishedJwks()).map((k) => k.kid);
    expect(kids).toEqual([oldKid, rotated.kid]);
    const keys = await state.db.centreSigningKey.findMany({
      where: { centreId: ids.centre },
      orderBy: { createdAt: "asc" },
    });
    expect(keys.map((k) => k.retiredAt === null)).toEqual([false, true]);

    // The first credential was revoked with its sign-off above; it still verifies as signed (revoked, not tampered).
    expect(await verify(before?.jwt ?? "")).toMatchObject({ result: "revoked" });
    await signOff();
    const after = (await credentials())[1];
    expect(after?.statusIndex).toBe(1);
    expect(decodeProtectedHeader(after?.jwt ?? "").kid).toBe(rotated.kid);
    expect(await verify(after?.jwt ?? "")).toMatchObject({ result: "valid" });
    await verifiedByJwks(after?.jwt ?? "");
    await verifiedByJwks(before?.jwt ?? "");
  });
});

describe("revocation", () => {
  it("revokes the credential with the sign-off, and the published status list has its bit set", async () => {
    const [first, second] = await credentials();
    expect(first?.revokedAt).not.toBeNull();
    expect(second?.revokedAt).toBeNull();
    const answer = await app.statusRoute(
      new Request(`${baseUrl}/issuers/${ids.centre}/status`),
      routeParams({ centreId: ids.centre }),
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/vc+jwt");
    const list = await verifiedByJwks(await answer.text());
    expect(list).toMatchObject({
      id: `${baseUrl}/issuers/${ids.centre}/status`,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: `${baseUrl}/issuers/${ids.centre}`,
      credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation" },
    });
    const encoded = (list.credentialSubject as { encodedList: string }).encodedList;
    expect(encoded.startsWith("u")).toBe(true);
    const bits = zlib.gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
    expect(bits.length).toBe(16_384);
    // Index 0 (the first credential) is the left-most bit; index 1 (standing) is clear.
    expect(bits[0]).toBe(0b1000_0000);
    expect(bits.subarray(1).every((b) => b === 0)).toBe(true);
  });

  it("flips verification to revoked when the sign-off is revoked through a 'met' decision of the unit", async () => {
    const second = (await credentials())[1];
    expect(await verify(second?.jwt ?? "")).toMatchObject({ result: "valid" });
    const decision = await state.db.decision.findFirstOrThrow({
      where: { enrolmentId: ids.cs34, currentSlot: "current", outcome: "MET" },
    });
    const revoked = await app.revoke(state.db, as("asha"), {
      kind: "decision",
      id: decision.id,
      reason: "The evidence was not the candidate's own.",
      password,
    });
    expect(revoked.alsoRevokedUnitSignOffId).toBe(second?.unitSignOffId);
    const answer = await verify(second?.jwt ?? "");
    expect(answer.result).toBe("revoked");
    expect(answer.reason).toContain("revoked");
    expect(await state.db.auditEvent.count({ where: { action: "credential.revoke" } })).toBe(2);
    expect(await state.db.auditEvent.count({ where: { action: "credential.issue" } })).toBe(2);
  });

  it("publishes the issuer's profile for its credentials, and nothing for a centre that has issued none", async () => {
    const profile = await app.profileRoute(
      new Request(`${baseUrl}/issuers/${ids.centre}`),
      routeParams({ centreId: ids.centre }),
    );
    expect(await profile.json()).toMatchObject({
      id: `${baseUrl}/issuers/${ids.centre}`,
      type: ["Profile"],
      name: "Northgate Training Centre",
    });
    const other = (await state.db.centre.findUniqueOrThrow({ where: { slug: "riverside" } })).id;
    for (const route of [app.profileRoute, app.jwksRoute, app.statusRoute]) {
      const answer = await route(new Request(`${baseUrl}/issuers/${other}`), routeParams({ centreId: other }));
      expect(answer.status).toBe(404);
    }
    expect(await state.db.centreSigningKey.count({ where: { centreId: other } })).toBe(0);
  });
});
