import { hashLinkToken, linkTokenPattern } from "../auth/link-token";
import type { Db } from "../db/client";
import { linkMessages, linkRefusalOf, requestedCriteria, requestState, type LinkRefusal } from "./state";

/** A criterion as the witness reads it: the unit's own words, verbatim. */
export type WitnessCriterion = { id: string; ref: string; text: string; unitCode: string; unitTitle: string };

/**
 * What a witness's link opens. Refused: only which state and what to do, nothing of the request.
 * Open: ONLY what the witness may see (who it is about, the centre, the criteria, their own name).
 */
export type WitnessLink =
  | { state: LinkRefusal; message: string }
  | {
      state: "open";
      candidateName: string;
      centreName: string;
      witnessName: string;
      criteria: WitnessCriterion[];
    };

type Reader = Pick<Db, "witnessRequest" | "centre" | "criterion">;

/** The request behind a token, with what a submission checks; null for a malformed or unknown token. */
export async function requestByToken(db: Pick<Db, "witnessRequest">, token: string) {
  if (!linkTokenPattern.test(token)) return null;
  return db.witnessRequest.findUnique({
    where: { tokenHash: hashLinkToken(token) },
    select: {
      id: true,
      centreId: true,
      candidateId: true,
      requestedById: true,
      witnessName: true,
      witnessEmail: true,
      criteria: true,
      expiresAt: true,
      revokedAt: true,
      submittedAt: true,
      candidate: { select: { name: true } },
    },
  });
}

/** Criteria by id, in the order given, each with its unit's code and title (the standard's own words). */
export async function criteriaByIds(db: Pick<Db, "criterion">, ids: readonly string[]): Promise<WitnessCriterion[]> {
  const rows = await db.criterion.findMany({
    where: { id: { in: [...ids] } },
    select: {
      id: true,
      ref: true,
      text: true,
      unitVersion: { select: { title: true, unit: { select: { code: true } } } },
    },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row
      ? [
          {
            id: row.id,
            ref: row.ref,
            text: row.text,
            unitCode: row.unitVersion.unit.code,
            unitTitle: row.unitVersion.title,
          },
        ]
      : [];
  });
}

/** The criteria a request asks about (its stored JSON), in the order it asked. */
export function criteriaAskedAbout(db: Pick<Db, "criterion">, stored: unknown): Promise<WitnessCriterion[]> {
  return criteriaByIds(
    db,
    requestedCriteria(stored).map((c) => c.criterionId),
  );
}

/** What the public page at /witness/<token> shows: the open request, or which state it is in. */
export async function findWitnessRequestByToken(
  db: Reader,
  token: string,
  now: Date = new Date(),
): Promise<WitnessLink> {
  const request = await requestByToken(db, token);
  if (!request) return { state: "invalid", message: linkMessages.invalid };
  const state = requestState(request, now);
  if (state !== "waiting") {
    const refusal = linkRefusalOf(state);
    return { state: refusal, message: linkMessages[refusal] };
  }
  const [centre, criteria] = await Promise.all([
    db.centre.findUnique({ where: { id: request.centreId }, select: { name: true } }),
    criteriaAskedAbout(db, request.criteria),
  ]);
  return {
    state: "open",
    candidateName: request.candidate.name,
    centreName: centre?.name ?? "",
    witnessName: request.witnessName,
    criteria,
  };
}
