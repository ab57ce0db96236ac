import { z } from "zod";
import { recordId } from "../assessment/input";
import { addDays, calendarDateIn, startOfDayIn } from "../format/date";
import { boundedDate, enrolmentDates } from "../format/date-bounds";

// What an IQA types to propose a sampling plan, and to change one, checked at the boundary (the
// form, a test or a script meet the same rules). docs/decisions/0020.

export const planLimits = { title: 200 } as const;

/** The largest seed: SamplingPlan.seed is a 32-bit integer. */
export const SEED_MAX = 2_147_483_647;

/**
 * Items are due this many days after the period's last day: a plan over a period that has just
 * ended leaves a month to sample it, and one over a period long past is overdue at once.
 */
export const SAMPLE_WITHIN_DAYS = 30;

const seedMessage = `Enter the seed as a whole number from 0 to ${SEED_MAX.toLocaleString("en-GB")}, or leave it blank to have one picked.`;

export const ProposeSampleInput = z
  .object({
    centreId: recordId("centre"),
    title: z
      .string({ error: "Enter a title for the plan." })
      .trim()
      .min(1, "Enter a title for the plan.")
      .max(planLimits.title, `Keep the title to ${planLimits.title} characters or fewer.`),
    firstDay: boundedDate({
      name: "the first day",
      missing: "Enter the first day of the period.",
      range: enrolmentDates,
    }),
    lastDay: boundedDate({ name: "the last day", missing: "Enter the last day of the period.", range: enrolmentDates }),
    seed: z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const text = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : "";
        if (value === undefined || value === null || text === "") return null;
        const seed = Number(text);
        if (/^\d+$/.test(text) && Number.isSafeInteger(seed) && seed <= SEED_MAX) return seed;
        ctx.addIssue({ code: "custom", message: seedMessage });
        return z.NEVER;
      }),
  })
  .superRefine((input, ctx) => {
    if (input.lastDay < input.firstDay)
      ctx.addIssue({ code: "custom", path: ["lastDay"], message: "The last day must be on or after the first day." });
  });
export type ProposeSampleInput = z.input<typeof ProposeSampleInput>;

export const PlanDecisionInput = z.object({ planId: recordId("plan"), decisionId: recordId("decision") });
export type PlanDecisionInput = z.input<typeof PlanDecisionInput>;

export const PlanItemInput = z.object({ planId: recordId("plan"), itemId: recordId("item") });
export type PlanItemInput = z.input<typeof PlanItemInput>;

/** A period of whole days in the centre's time zone: its first instant and the first instant after it. */
export function periodOf(firstDay: string, lastDay: string, timeZone: string): { from: Date; to: Date } {
  return { from: startOfDayIn(firstDay, timeZone), to: startOfDayIn(addDays(lastDay, 1), timeZone) };
}

/** The period's last day, from the instant after it. */
export function lastDayOf(periodEnd: Date, timeZone: string): string {
  return calendarDateIn(new Date(periodEnd.getTime() - 1), timeZone);
}

/** When a plan's items are due: the end of the day SAMPLE_WITHIN_DAYS after the period's last day. */
export function dueDateOf(periodEnd: Date, timeZone: string): Date {
  return startOfDayIn(addDays(lastDayOf(periodEnd, timeZone), SAMPLE_WITHIN_DAYS + 1), timeZone);
}
