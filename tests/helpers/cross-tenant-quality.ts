import type { Db } from "@/lib/db/client";

// Quality assurance on the cross-tenant target (Cara's CS34): Iris (Northgate's IQA) has a plan
// sampling Asha's decision, not yet sampled, and an open action for Asha from an earlier item;
// an EQA visit for Northgate's EQA over Cara's CS34 that ended yesterday (so the EQA attacker is
// out of its window), and one for today held by nobody the suite signs in as. Written directly:
// the rows are what the QA operations would write, and the suite calls those operations.

const day = 86_400_000;

export async function qualityFixture(
  db: Db,
  ids: { centreId: string; enrolmentId: string; decisionId: string; asha: string; nadia: string; eqa: string },
) {
  const iris = await db.user.findUniqueOrThrow({ where: { email: "iqa@northgate.example" }, select: { id: true } });
  const now = Date.now();
  const plan = await db.samplingPlan.create({
    data: {
      centreId: ids.centreId,
      iqaId: iris.id,
      title: "Cross-tenant plan",
      periodStart: new Date(now - 90 * day),
      periodEnd: new Date(now + 30 * day),
      seed: 7,
    },
  });
  const item = await db.samplingItem.create({
    data: {
      planId: plan.id,
      decisionId: ids.decisionId,
      enrolmentId: ids.enrolmentId,
      assessorId: ids.asha,
      unitCode: "CS34",
      method: "observation",
      stage: "interim",
      dueDate: new Date(now + 30 * day),
    },
  });
  const action = await db.qaAction.create({
    data: {
      centreId: ids.centreId,
      itemId: item.id,
      assessorId: ids.asha,
      raisedById: iris.id,
      text: "Record who witnessed the briefing.",
      dueDate: new Date(now + 14 * day),
    },
  });
  const pastVisit = await db.eqaVisit.create({
    data: {
      centreId: ids.centreId,
      eqaUserId: ids.eqa,
      title: "Last month's visit",
      startsAt: new Date(now - 3 * day),
      endsAt: new Date(now - day),
      scopeKind: "candidates",
      scope: [],
      createdById: ids.nadia,
    },
  });
  await db.eqaShare.create({
    data: {
      centreId: ids.centreId,
      eqaUserId: ids.eqa,
      enrolmentId: ids.enrolmentId,
      visitId: pastVisit.id,
      sharedById: ids.nadia,
      startsAt: pastVisit.startsAt,
      expiresAt: pastVisit.endsAt,
    },
  });
  return { iqa: iris.id, plan: plan.id, item: item.id, action: action.id, pastVisit: pastVisit.id };
}
