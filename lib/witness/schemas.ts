import { z } from "zod";
import { activityDateField, evidenceLimits } from "../evidence/evidence-form-schema";
import { emailSchema, nameSchema } from "../people/schemas";

// The inputs of the witness testimony operations (lib/witness/*): the request an assessor or a
// candidate sends, and the testimony the witness signs. The domain functions parse what they
// are given with these, so a server action, a script and a test meet the same rules.

/** How long a witness's link works: long enough for a busy line manager, short enough to go stale. */
export const WITNESS_LINK_VALID_DAYS = 14;

export const witnessLimits = { jobTitle: 200, relationship: 500, competence: 2_000, criteria: 50 } as const;

const recordId = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(100, missing);

const requiredText = (missing: string, max: number, what: string) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Keep ${what} to ${max.toLocaleString("en-GB")} characters or fewer.`);

/** One criterion of one of the candidate's enrolments, as a request asks about it. */
export const RequestedCriterion = z.object({
  enrolmentId: recordId("The unit is missing. Reload the page and try again."),
  criterionId: recordId("The criterion is missing. Reload the page and try again."),
});
export type RequestedCriterion = z.infer<typeof RequestedCriterion>;

const noCriteria = "Tick at least one criterion the witness has seen the candidate meet.";

export const RequestTestimonyInput = z.object({
  criteria: z
    .array(RequestedCriterion, { error: noCriteria })
    .min(1, noCriteria)
    .max(witnessLimits.criteria, `Ask about ${witnessLimits.criteria} criteria or fewer in one request.`)
    // The same criterion ticked twice is asked about once.
    .transform((list) => [...new Map(list.map((c) => [`${c.enrolmentId}/${c.criterionId}`, c])).values()]),
  witnessName: nameSchema,
  witnessEmail: emailSchema,
  witnessJobTitle: requiredText("Enter the witness's job title.", witnessLimits.jobTitle, "the job title"),
  witnessRelationship: requiredText(
    "Say how the witness knows the candidate, for example “line manager”.",
    witnessLimits.relationship,
    "the relationship",
  ),
});
export type RequestTestimonyInput = z.input<typeof RequestTestimonyInput>;

export const RevokeTestimonyRequestInput = z.object({
  requestId: recordId("The request is missing. Reload the page and try again."),
});

export const MarkExpertWitnessInput = z.object({
  evidenceId: recordId("The testimony is missing. Reload the page and try again."),
});

export const SubmitTestimonyInput = z.object({
  observed: requiredText("Describe what you saw the candidate do.", evidenceLimits.description, "what you saw"),
  // The evidence form's own rule for the activity date: a real calendar date, not in the future.
  observedOn: activityDateField,
  /** The criteria the witness ticks: a subset of those the request asks about. */
  criterionIds: z
    .array(z.string().trim().min(1).max(100), { error: "Tick the criteria your statement shows." })
    .max(witnessLimits.criteria, "Tick the criteria your statement shows.")
    .transform((ids) => [...new Set(ids)])
    .refine((ids) => ids.length > 0, "Tick at least one criterion your statement shows."),
  statedRelationship: requiredText(
    "Say how you know the candidate, for example “I am their line manager”.",
    witnessLimits.relationship,
    "your relationship to the candidate",
  ),
  occupationalCompetence: requiredText(
    "Say what your job is and what experience you have of this kind of work.",
    witnessLimits.competence,
    "your job and experience",
  ),
  signedName: requiredText("Type your full name to sign your testimony.", 200, "your name"),
});
export type SubmitTestimonyInput = z.input<typeof SubmitTestimonyInput>;
