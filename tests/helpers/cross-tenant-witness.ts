import type { SessionActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { requestTestimony } from "@/lib/witness/request-testimony";
import { submitTestimony } from "@/lib/witness/submit-testimony";

// Witness testimony in the cross-tenant target (Cara's CS34): a request still waiting for its
// witness (to revoke), and one answered, whose testimony is evidence waiting for review (to mark
// its witness expert).

export async function witnessFixture(
  db: Db,
  cara: SessionActor,
  enrolmentId: string,
  criterionId: string,
  baseUrl: string,
) {
  const ask = (witnessName: string) =>
    requestTestimony(
      db,
      cara,
      {
        criteria: [{ enrolmentId, criterionId }],
        witnessName,
        witnessEmail: "manager@shop.example",
        witnessJobTitle: "Store manager",
        witnessRelationship: "line manager",
      },
      { baseUrl },
    );
  const waiting = await ask("Wendy Waiting");
  const answered = await ask("Anna Answered");
  const { evidenceId } = await submitTestimony(db, answered.link.split("/witness/")[1]!, {
    observed: "I saw Cara run the team briefing.",
    observedOn: "2026-01-20",
    criterionIds: [criterionId],
    statedRelationship: "Her line manager",
    occupationalCompetence: "Store manager for nine years.",
    signedName: "Anna Answered",
  });
  return { waitingRequest: waiting.requestId, testimony: evidenceId };
}
