import { z } from "zod";
import { recordId, normaliseLineBreaks } from "../assessment/input";
import { evidenceMethodIds } from "../evidence/methods";
import { isCalendarDate } from "../format/date";

// What the assessor types to plan an activity, checked at the boundary (a server action, a test
// or a script all meet the same rules).

export const planLimits = { place: 200, notes: 2000, criteria: 200 } as const;

export const PlanActivityInput = z.object({
  enrolmentId: recordId("enrolment"),
  method: z.enum(evidenceMethodIds, { error: "Choose how it will be assessed." }),
  criterionIds: z
    .array(recordId("criterion"), { error: "Tick the criteria this activity will cover." })
    .min(1, "Tick the criteria this activity will cover.")
    .max(planLimits.criteria, `Tick at most ${planLimits.criteria} criteria.`),
  plannedFor: z
    .string({ error: "Enter the date it is planned for." })
    .trim()
    .min(1, "Enter the date it is planned for.")
    .refine(isCalendarDate, "Enter a real date, for example 2027-03-01."),
  place: z
    .string()
    .trim()
    .max(planLimits.place, `Keep the place to ${planLimits.place} characters or fewer.`)
    .optional(),
  notes: z
    .string()
    .overwrite(normaliseLineBreaks)
    .trim()
    .max(planLimits.notes, `Keep the notes to ${planLimits.notes.toLocaleString("en-GB")} characters or fewer.`)
    .optional(),
});
/** As typed: the method is any string until parsed (a form sends whatever was chosen). */
export type PlanActivityInput = Omit<z.input<typeof PlanActivityInput>, "method"> & { method: string };

export const ActivityRef = z.object({ activityId: recordId("planned activity") });
export type ActivityRef = z.input<typeof ActivityRef>;
