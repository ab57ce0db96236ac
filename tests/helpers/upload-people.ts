import { loadActor } from "@/lib/auth/actor";
import type { Actor } from "@/lib/authz/policy";
import type { Db } from "@/lib/db/client";
import { plannedPeriod } from "@/lib/enrolments/planned-period";

// The people the upload tests act as: a centre with a candidate enrolled on a unit (the first
// version loaded: import the standards first), their assessor, and another candidate.

export type UploadPeople = { centreId: string; candidate: Actor; otherCandidate: Actor; assessor: Actor };

async function actorOf(db: Db, userId: string): Promise<Actor> {
  const actor = await loadActor(db, userId);
  if (!actor) throw new Error("test user has no actor");
  return actor;
}

export async function seedUploadPeople(db: Db, centre: { slug: string; name: string }): Promise<UploadPeople> {
  const { id: centreId } = await db.centre.create({ data: centre });
  const user = async (email: string, role: "CANDIDATE" | "ASSESSOR") => {
    const created = await db.user.create({ data: { email, name: email } });
    await db.membership.create({ data: { userId: created.id, centreId, role } });
    return created.id;
  };
  const candidateId = await user("cand@example.org", "CANDIDATE");
  const otherCandidateId = await user("other@example.org", "CANDIDATE");
  const assessorId = await user("assessor@example.org", "ASSESSOR");
  const unitVersion = await db.unitVersion.findFirstOrThrow({ select: { id: true } });
  await db.enrolment.create({
    data: {
      centreId,
      candidateId,
      assessorId,
      unitVersionId: unitVersion.id,
      ...plannedPeriod(new Date("2026-01-05"), new Date("2026-12-18")),
    },
  });
  return {
    centreId,
    candidate: await actorOf(db, candidateId),
    otherCandidate: await actorOf(db, otherCandidateId),
    assessor: await actorOf(db, assessorId),
  };
}
