import { z } from "zod";
import { normaliseLineBreaks, recordId, requiredText } from "../assessment/input";
import { activityDateField, evidenceLimits } from "../evidence/evidence-form-schema";

// What an observation is made of, checked here for the form, a script and a test alike
// (docs/decisions/0015). The description has the evidence description's limit: both are Markdown
// shown on the same pages.

export const observationLimits = { title: evidenceLimits.title, location: 200, criteria: 200, comment: 5000 } as const;

/** "HH:MM" on a 24-hour clock, in the centre's time zone. */
const clockTime = (what: string) =>
  z
    .string({ error: `Enter the ${what}, for example 09:30.` })
    .trim()
    .min(1, `Enter the ${what}, for example 09:30.`)
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d$/,
      `Enter the ${what} as hours and minutes on a 24-hour clock, for example 14:05.`,
    );

/**
 * The records an assessor makes of a candidate with this form: an observation of real work, or a
 * professional discussion (a planned conversation, usually recorded, with an agenda and a summary).
 */
export const assessorRecordKinds = ["observation", "professionalDiscussion"] as const;
export type AssessorRecordKind = (typeof assessorRecordKinds)[number];

/** The details of an observation or discussion: what was watched or discussed, when and where. */
const ObservationDetails = z.object({
  title: requiredText("a title", observationLimits.title),
  activityDate: activityDateField,
  startTime: clockTime("start time"),
  endTime: clockTime("end time"),
  location: requiredText("where the observation took place", observationLimits.location),
  description: requiredText("what you observed", evidenceLimits.description),
  /** A discussion's questions or agenda (Markdown); an observation has none. */
  agenda: z
    .string()
    .overwrite(normaliseLineBreaks)
    .trim()
    .max(
      evidenceLimits.description,
      `Keep the agenda to ${evidenceLimits.description.toLocaleString("en-GB")} characters or fewer.`,
    )
    .default(""),
});

/** Zero-padded "HH:MM" strings compare as times do. */
function endAfterStart(value: { startTime: string; endTime: string }, ctx: z.RefinementCtx): void {
  if (value.endTime <= value.startTime)
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "The end time must be after the start time." });
}

export const ObservedCriterion = z.object({
  enrolmentId: recordId("enrolment"),
  criterionId: recordId("criterion"),
  rangeItemIds: z.array(recordId("range item")).max(500).default([]),
});

export const RecordObservationInput = ObservationDetails.extend({
  /** It was a simulation or role-play, not real work: a unit that forbids simulation refuses it. */
  simulated: z.boolean().default(false),
  /** The assessment plan's activity this record carries out, if any: it is marked done with it. */
  plannedActivityId: z.string().trim().max(100).optional(),
  kind: z
    .enum(assessorRecordKinds, { error: "Choose an observation or a professional discussion." })
    .default("observation"),
  criteria: z
    .array(ObservedCriterion)
    .min(1, "Choose at least one criterion you observed.")
    .max(observationLimits.criteria, `Choose at most ${observationLimits.criteria} criteria.`)
    .refine(
      (list) => new Set(list.map((c) => `${c.enrolmentId} ${c.criterionId}`)).size === list.length,
      "Each criterion may be chosen once.",
    ),
}).superRefine(endAfterStart);
/** As a form or script sends it: the kind is any string until parsed. */
export type RecordObservationInput = Omit<z.input<typeof RecordObservationInput>, "kind"> & { kind?: string };
export type RecordObservationData = z.output<typeof RecordObservationInput>;

export const UpdateObservationInput = ObservationDetails.extend({ evidenceId: recordId("observation") }).superRefine(
  endAfterStart,
);
export type UpdateObservationInput = z.input<typeof UpdateObservationInput>;

export const RespondToObservationInput = z
  .object({
    evidenceId: recordId("observation"),
    response: z.enum(["CONFIRMED", "DISPUTED"], {
      error: "Choose “This is an accurate record” or “I dispute this record”.",
    }),
    comment: z
      .string()
      .overwrite(normaliseLineBreaks)
      .trim()
      .max(
        observationLimits.comment,
        `Keep your comment to ${observationLimits.comment.toLocaleString("en-GB")} characters or fewer.`,
      )
      .default(""),
  })
  .superRefine((value, ctx) => {
    if (value.response === "DISPUTED" && value.comment === "")
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message: "Say what is wrong with the record, so your assessor can correct it.",
      });
  });
export type RespondToObservationInput = z.input<typeof RespondToObservationInput>;
