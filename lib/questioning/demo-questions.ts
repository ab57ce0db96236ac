import type { Db } from "../db/client";

// A couple of questions in Northgate's bank for the demo, on CU782's knowledge outcome (4), so
// an assessor trying the app finds something to set. Idempotent: a question with the same text
// in the same bank is left alone.

const demoQuestions = [
  {
    unit: "CU782",
    text: "What should a plan for customer service operations include, and how do you develop one?",
    refs: ["4.1"],
    guidance:
      "Look for: objectives linked to the service offer, staff and other resources, budget, timescales, how the plan is monitored, and who agrees it.",
  },
  {
    unit: "CU782",
    text: "Describe two contingencies that may occur during customer service operations and how you would deal with each.",
    refs: ["4.3"],
    guidance:
      "Two realistic contingencies (staff absence, system failure, a surge in demand) each with a proportionate response.",
  },
];

/** Adds the demo questions that are not there yet; returns how many it added. */
export async function seedDemoQuestions(db: Db, centreId: string, authorId: string): Promise<number> {
  let created = 0;
  for (const q of demoQuestions) {
    const version = await db.unitVersion.findFirst({ where: { unit: { code: q.unit } }, orderBy: { number: "desc" } });
    if (!version) continue;
    const exists = await db.question.findFirst({ where: { centreId, unitVersionId: version.id, text: q.text } });
    if (exists) continue;
    const criteria = await db.criterion.findMany({
      where: { unitVersionId: version.id, ref: { in: q.refs } },
      select: { id: true },
    });
    if (criteria.length !== q.refs.length) continue;
    await db.question.create({
      data: {
        centreId,
        unitVersionId: version.id,
        text: q.text,
        criterionIds: criteria.map((c) => c.id),
        guidance: q.guidance,
        createdById: authorId,
      },
    });
    created++;
  }
  return created;
}
