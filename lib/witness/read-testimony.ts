import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { loadEvidenceResource } from "../evidence/evidence-resource";
import { mayMarkExpert } from "./mark-expert";

/** Who the witness is and what they signed, as the testimony's readers see it beside the evidence. */
export type WitnessTestimony = {
  witnessName: string;
  witnessEmail: string;
  witnessJobTitle: string;
  /** As the person who asked described it. */
  requestedRelationship: string;
  /** As the witness stated it when signing. */
  statedRelationship: string;
  occupationalCompetence: string;
  signedName: string;
  signedAt: Date;
  requestedByName: string;
  expert: { at: Date; byName: string } | null;
  /** The viewer is the assigned assessor and the witness is not marked yet. */
  canMarkExpert: boolean;
};

/** The witness details of a testimony, for anyone who may read the evidence; null for any other evidence. */
export async function getWitnessTestimony(
  db: Db,
  actor: Actor,
  evidenceId: string,
  now: Date = new Date(),
): Promise<WitnessTestimony | null> {
  const request = await db.witnessRequest.findUnique({
    where: { evidenceId },
    select: {
      witnessName: true,
      witnessEmail: true,
      witnessJobTitle: true,
      witnessRelationship: true,
      statedRelationship: true,
      occupationalCompetence: true,
      signedName: true,
      submittedAt: true,
      requestedById: true,
      expertMarkedAt: true,
      expertMarkedById: true,
    },
  });
  if (!request?.submittedAt) return null;
  authorize(actor, "evidence.read", await loadEvidenceResource(db, evidenceId), now);
  const people = await db.user.findMany({
    where: { id: { in: [request.requestedById, request.expertMarkedById].filter((id) => id !== null) } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? "";
  return {
    witnessName: request.witnessName,
    witnessEmail: request.witnessEmail,
    witnessJobTitle: request.witnessJobTitle,
    requestedRelationship: request.witnessRelationship,
    statedRelationship: request.statedRelationship ?? "",
    occupationalCompetence: request.occupationalCompetence ?? "",
    signedName: request.signedName ?? "",
    signedAt: request.submittedAt,
    requestedByName: nameOf(request.requestedById),
    expert: request.expertMarkedAt ? { at: request.expertMarkedAt, byName: nameOf(request.expertMarkedById) } : null,
    canMarkExpert: !request.expertMarkedAt && (await mayMarkExpert(db, actor, evidenceId, now)),
  };
}
