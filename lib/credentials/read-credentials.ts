import { can, authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEnrolmentResource, loadEnrolmentResources } from "../enrolments/enrolment-resource";
import { NotFoundError } from "../errors";
import type { UnitCredential } from "./open-badge";
import { centreKeys } from "./signing-keys";
import { credentialUrls } from "./urls";

// Reading issued credentials: the holder's own (and a centre admin's view of the centre's), each
// through credential.read; the public page of one credential, which needs no sign-in because its
// holder shares the link, and shows only what the credential itself says plus its status.

export type CredentialListItem = {
  id: string;
  enrolmentId: string;
  name: string;
  issuerName: string;
  candidateName: string;
  issuedAt: Date;
  revokedAt: Date | null;
  keyId: string;
  /** The issuing centre's time zone, for showing its dates. */
  timeZone: string;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const credentialNotFound = () =>
  new NotFoundError(
    "That credential was not found. Check the link, or ask its holder for a new one.",
    "credential not found",
  );

const listSelect = {
  id: true,
  enrolmentId: true,
  json: true,
  issuedAt: true,
  revokedAt: true,
  keyId: true,
  unitSignOff: {
    select: {
      enrolment: { select: { candidate: { select: { name: true } }, centre: { select: { timeZone: true } } } },
    },
  },
} as const;

type ListRow = {
  id: string;
  enrolmentId: string;
  json: unknown;
  issuedAt: Date;
  revokedAt: Date | null;
  keyId: string;
  unitSignOff: { enrolment: { candidate: { name: string }; centre: { timeZone: string } } };
};

function listItem(row: ListRow): CredentialListItem {
  const json = row.json as UnitCredential;
  return {
    id: row.id,
    enrolmentId: row.enrolmentId,
    name: json.name,
    issuerName: json.issuer.name,
    candidateName: row.unitSignOff.enrolment.candidate.name,
    issuedAt: row.issuedAt,
    revokedAt: row.revokedAt,
    keyId: row.keyId,
    timeZone: row.unitSignOff.enrolment.centre.timeZone,
  };
}

/** Only the rows whose enrolment the actor may read credentials of. */
async function readable<R extends { enrolmentId: string }>(db: Db, actor: Actor, rows: R[], now: Date): Promise<R[]> {
  const ids = [...new Set(rows.map((r) => r.enrolmentId))];
  const resources = await loadEnrolmentResources(db, { id: { in: ids } });
  const allowed = new Set(resources.filter((r) => can(actor, "credential.read", r, now)).map((r) => r.id));
  return rows.filter((r) => allowed.has(r.enrolmentId));
}

/** The signed-in candidate's own credentials, newest first, revoked ones included (marked). */
export async function listOwnCredentials(db: Db, actor: Actor, now = new Date()): Promise<CredentialListItem[]> {
  const rows = await db.credential.findMany({
    where: { candidateId: actor.userId },
    select: listSelect,
    orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
  });
  return (await readable(db, actor, rows, now)).map(listItem);
}

/** The standing (not revoked) credential of an enrolment, if the actor may read it. */
export async function standingCredentialOf(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now = new Date(),
): Promise<{ id: string } | null> {
  const resource = await loadEnrolmentResource(db, enrolmentId);
  if (!resource || !can(actor, "credential.read", resource, now)) return null;
  return db.credential.findFirst({
    where: { enrolmentId, revokedAt: null },
    select: { id: true },
    orderBy: { issuedAt: "desc" },
  });
}

/** One credential for its holder's download; missing and not-yours alike are "not found". */
export async function readableCredential(db: Db, actor: Actor, id: string, now = new Date()) {
  const row = uuidPattern.test(id)
    ? await db.credential.findUnique({ where: { id }, select: { id: true, enrolmentId: true, jwt: true, json: true } })
    : null;
  const resource = row ? await loadEnrolmentResource(db, row.enrolmentId) : null;
  if (!row || !resource || !can(actor, "credential.read", resource, now)) throw credentialNotFound();
  return row;
}

export type PublicCredential = {
  id: string;
  name: string;
  description: string;
  criteria: string;
  issuerName: string;
  issuerUrl: string;
  recipientName: string;
  validFrom: string;
  revokedAt: Date | null;
  timeZone: string;
};

/** What the public page of a credential shows; a NotFoundError for any id that is not one. */
export async function publicCredential(db: Db, id: string): Promise<PublicCredential> {
  const row = uuidPattern.test(id) ? await db.credential.findUnique({ where: { id }, select: listSelect }) : null;
  if (!row) throw credentialNotFound();
  const json = row.json as unknown as UnitCredential;
  return {
    id: row.id,
    name: json.name,
    description: json.credentialSubject.achievement.description,
    criteria: json.credentialSubject.achievement.criteria.narrative,
    issuerName: json.issuer.name,
    issuerUrl: json.issuer.id,
    recipientName: row.unitSignOff.enrolment.candidate.name,
    validFrom: json.validFrom,
    revokedAt: row.revokedAt,
    timeZone: row.unitSignOff.enrolment.centre.timeZone,
  };
}

export type CentreCredentials = {
  keys: Array<{ id: string; kid: string; createdAt: Date; retiredAt: Date | null; signed: number }>;
  /** The most recent `shownCredentials`, newest first. */
  credentials: CredentialListItem[];
  total: number;
};

/** How many of a centre's credentials its admin page lists (the newest). */
export const shownCredentials = 200;

/** A centre admin's view: the centre's signing keys (current and retired) and what it issued. */
export async function centreCredentials(
  db: Db,
  actor: Actor,
  centreId: string,
  options: { baseUrl: string; now?: Date },
): Promise<CentreCredentials> {
  const now = options.now ?? new Date();
  authorize(actor, "credential.listIssued", { kind: "centre", centreId }, now);
  const [keys, counts, rows] = await Promise.all([
    centreKeys(db, centreId),
    db.credential.groupBy({ by: ["keyId"], where: { centreId }, _count: { _all: true } }),
    db.credential.findMany({
      where: { centreId },
      select: listSelect,
      orderBy: [{ issuedAt: "desc" }, { id: "asc" }],
      take: shownCredentials,
    }),
  ]);
  const signed = new Map(counts.map((c) => [c.keyId, c._count._all]));
  const urls = credentialUrls(options.baseUrl);
  return {
    keys: keys.map((k) => ({
      id: k.id,
      kid: urls.key(centreId, k.id),
      createdAt: k.createdAt,
      retiredAt: k.retiredAt,
      signed: signed.get(k.id) ?? 0,
    })),
    credentials: (await readable(db, actor, rows, now)).map(listItem),
    total: counts.reduce((sum, c) => sum + c._count._all, 0),
  };
}
