import { z } from "zod";
import { recordAudit } from "../audit";
import { normaliseLineBreaks, recordId } from "../assessment/input";
import { reauthorizedEnrolment } from "../assessment/reauthorized-enrolment";
import { authorize, type Actor } from "../authz/policy";
import type { Db } from "../db/client";
import { ConflictError, InputError, parseInput } from "../errors";
import { calendarDateIn, formatDate, isCalendarDate, startOfDayIn } from "../format/date";
import { timeZoneOf } from "../format/time-zone";
import { notify } from "../notify";
import { actionTextLimit } from "./actions";
import { itemNotFound, outcomeLockedMessage, planResource } from "./item-review";

// The IQA records the outcome of a sampled decision (docs/decisions/0020): agreed, or an action
// for the assessor with a date it is due by. One transaction re-checks that the actor is the
// plan's IQA and the enrolment's IQA, writes the outcome (and the action), audits it and tells the
// assessor. An outcome can be recorded again, replacing the first, until its action is answered:
// from then on the action's thread is where the work goes on.

export const sampleOutcomes = ["agreed", "action_required"] as const;
export type SampleOutcome = (typeof sampleOutcomes)[number];

export const RecordOutcomeInput = z
  .object({
    itemId: recordId("sampled item"),
    outcome: z.enum(sampleOutcomes, { error: "Choose “Agreed” or “Action required”." }),
    feedback: z
      .string()
      .overwrite(normaliseLineBreaks)
      .trim()
      .max(actionTextLimit, `Keep the feedback to ${actionTextLimit.toLocaleString("en-GB")} characters or fewer.`)
      .optional()
      .default(""),
    dueDate: z.string().trim().optional().default(""),
  })
  .superRefine((input, ctx) => {
    if (input.outcome !== "action_required") return;
    if (!input.feedback)
      ctx.addIssue({
        code: "custom",
        path: ["feedback"],
        message: "Write the feedback: what the assessor must do. It becomes the action they respond to.",
      });
    if (!input.dueDate)
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Enter the date the action is due by." });
    else if (!isCalendarDate(input.dueDate))
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: "Enter a real date, for example 2027-03-01." });
  });
/** As typed: the outcome is any string until parsed (a form sends whatever was chosen). */
export type RecordOutcomeInput = Omit<z.input<typeof RecordOutcomeInput>, "outcome"> & { outcome: string };

export type OutcomeRecorded = {
  itemId: string;
  planId: string;
  outcome: SampleOutcome;
  /** The action the assessor must respond to, for "action required". */
  actionId: string | null;
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const outcomeItemSelect = {
  id: true,
  planId: true,
  enrolmentId: true,
  assessorId: true,
  unitCode: true,
  sampledAt: true,
  outcome: true,
  feedback: true,
  plan: { select: { centreId: true, iqaId: true } },
  decision: { select: { criterion: { select: { ref: true } } } },
  actions: { select: { id: true, _count: { select: { entries: true } } }, orderBy: { createdAt: "asc" as const } },
};

/** The plan's IQA, assigned to the enrolment, records (or changes) the outcome of one sampled decision. */
export async function recordOutcome(
  db: Db,
  actor: Actor,
  rawInput: RecordOutcomeInput,
  now: Date = new Date(),
): Promise<OutcomeRecorded> {
  const input = parseInput(RecordOutcomeInput, rawInput);
  return db.$transaction(async (tx) => {
    const item = await tx.samplingItem.findUnique({ where: { id: input.itemId }, select: outcomeItemSelect });
    if (!item) throw itemNotFound();
    authorize(actor, "qa.editPlan", planResource(item.plan), now);
    const enrolment = await reauthorizedEnrolment(tx, actor, "qa.sample", item.enrolmentId, now, {
      id: true,
      centreId: true,
      centre: { select: { timeZone: true } },
      candidate: { select: { name: true } },
    });
    if (enrolment.centreId !== item.plan.centreId) throw itemNotFound();
    if (item.actions.some((a) => a._count.entries > 0)) throw new ConflictError(outcomeLockedMessage);

    const timeZone = timeZoneOf(enrolment.centre);
    const due = input.outcome === "action_required" ? dueDateOf(input.dueDate, timeZone, now) : null;
    const feedback = input.feedback || null;
    await tx.samplingItem.update({
      where: { id: item.id },
      data: { sampledAt: now, sampledById: actor.userId, outcome: input.outcome, feedback },
    });
    const actionId = await replaceAction(tx, actor, item, due, feedback);
    await recordAudit(tx, {
      actorId: actor.userId,
      centreId: item.plan.centreId,
      action: "qa.outcomeRecorded",
      entityType: "SamplingItem",
      entityId: item.id,
      before: item.sampledAt
        ? {
            outcome: item.outcome,
            feedback: item.feedback,
            sampledAt: item.sampledAt.toISOString(),
            actionIds: item.actions.map((a) => a.id),
          }
        : undefined,
      after: {
        outcome: input.outcome,
        feedback,
        sampledAt: now.toISOString(),
        actionId,
        dueDate: due?.toISOString() ?? null,
      },
      at: now,
    });
    await notifyAssessor(tx, actor, { item, enrolment, outcome: input.outcome, feedback, due, timeZone, actionId });
    return { itemId: item.id, planId: item.planId, outcome: input.outcome, actionId };
  });
}

/** The calendar date typed, as the instant its day begins at the centre; refused when before today there. */
function dueDateOf(day: string, timeZone: string, now: Date): Date {
  if (day < calendarDateIn(now, timeZone))
    throw InputError.forField("dueDate", "The action cannot be due before today. Enter today or a later date.");
  return startOfDayIn(day, timeZone);
}

type OutcomeItem = {
  id: string;
  assessorId: string;
  plan: { centreId: string };
  actions: { id: string }[];
};

/**
 * The item's action after the new outcome: none for "agreed" (an unanswered action of an earlier
 * outcome goes), else the earlier unanswered action rewritten, or a new one. Returns its id.
 */
async function replaceAction(
  tx: Tx,
  actor: Actor,
  item: OutcomeItem,
  due: Date | null,
  feedback: string | null,
): Promise<string | null> {
  const [kept, ...extra] = item.actions;
  const drop = due ? extra : item.actions;
  if (drop.length > 0) await tx.qaAction.deleteMany({ where: { id: { in: drop.map((a) => a.id) } } });
  if (!due || !feedback) return null;
  const fields = { text: feedback, dueDate: due, raisedById: actor.userId, assessorId: item.assessorId };
  if (kept) {
    await tx.qaAction.update({ where: { id: kept.id }, data: { ...fields, status: "open", closedAt: null } });
    return kept.id;
  }
  const created = await tx.qaAction.create({
    data: { ...fields, centreId: item.plan.centreId, itemId: item.id },
    select: { id: true },
  });
  return created.id;
}

async function notifyAssessor(
  tx: Tx,
  actor: Actor,
  facts: {
    item: { assessorId: string; enrolmentId: string; unitCode: string; decision: { criterion: { ref: string } } };
    enrolment: { candidate: { name: string } };
    outcome: SampleOutcome;
    feedback: string | null;
    due: Date | null;
    timeZone: string;
    actionId: string | null;
  },
): Promise<void> {
  const { item, enrolment, outcome, feedback, due, timeZone, actionId } = facts;
  if (item.assessorId === actor.userId) return;
  const iqa = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
  const what = `${item.unitCode} ${item.decision.criterion.ref}`;
  const sampled = `${iqa?.name ?? "Your IQA"} sampled your decision on ${enrolment.candidate.name}'s ${what}`;
  if (outcome === "action_required" && actionId && due) {
    await notify(tx, {
      userId: item.assessorId,
      kind: "qa.actionRaised",
      title: `QA action on ${what}, due by ${formatDate(due, timeZone)}`,
      body: `${sampled} and set an action for you: “${feedback ?? ""}”. Respond to it by ${formatDate(due, timeZone)}.`,
      link: `/assessor/qa-actions/${encodeURIComponent(actionId)}`,
    });
    return;
  }
  await notify(tx, {
    userId: item.assessorId,
    kind: "qa.sampled",
    title: `Sampled and agreed: ${what}`,
    body: `${sampled} and agreed with it.${feedback ? ` Feedback: “${feedback}”.` : ""}`,
    link: `/assessor/enrolments/${encodeURIComponent(item.enrolmentId)}`,
  });
}
