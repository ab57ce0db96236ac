import { z } from "zod";
import { fieldErrorsOf, parseInput, summaryOf } from "../errors";
import { evidenceLimits, needsWorkplaceDocument, todayUtc, type EvidenceFieldErrors } from "./evidence-form-values";
import { evidenceMethodIds } from "./methods";

export * from "./evidence-form-values";

// The evidence form's rules, in one place: the form checks them before sending, and the domain
// operations check them again, because a server action is a public endpoint.

export const WorkplaceDocument = z.object({
  what: z.string(),
  whereKept: z.string(),
  heldBy: z.string(),
  relevance: z.string(),
});
export type WorkplaceDocument = z.infer<typeof WorkplaceDocument>;

const calendarDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealCalendarDate(value: string): boolean {
  const match = calendarDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const requiredText = (missing: string, max: number, tooLong: string) =>
  z.string().trim().min(1, missing).max(max, tooLong);

const workplaceFields = {
  workplaceWhat: { missing: "Say what the document is.", name: "what the document is" },
  workplaceWhereKept: { missing: "Say where the document is kept.", name: "where it is kept" },
  workplaceHeldBy: { missing: "Say who holds the document.", name: "who holds it" },
  workplaceRelevance: { missing: "Say how the document is relevant to your units.", name: "how it is relevant" },
} as const;

/** The date of the activity: a real calendar date, "YYYY-MM-DD", not in the future (an observation's too). */
export const activityDateField = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === "") ctx.addIssue({ code: "custom", message: "Enter the date of the activity." });
    else if (!isRealCalendarDate(value))
      ctx.addIssue({ code: "custom", message: "Enter a real date, for example 2026-03-01." });
    else if (value > todayUtc())
      ctx.addIssue({ code: "custom", message: "The activity date cannot be in the future." });
  });

export const evidenceFormSchema = z
  .object({
    title: requiredText(
      "Enter a title.",
      evidenceLimits.title,
      `The title must be ${evidenceLimits.title} characters or fewer.`,
    ),
    method: z.enum(evidenceMethodIds, { error: "Choose the method: how this evidence was produced." }),
    activityDate: activityDateField,
    description: requiredText(
      "Describe the evidence: what you did and what it shows.",
      evidenceLimits.description,
      `The description must be ${evidenceLimits.description.toLocaleString("en-GB")} characters or fewer.`,
    ),
    simulated: z.boolean(),
    isWorkplaceDocument: z.boolean(),
    workplaceWhat: z.string().trim(),
    workplaceWhereKept: z.string().trim(),
    workplaceHeldBy: z.string().trim(),
    workplaceRelevance: z.string().trim(),
  })
  .superRefine((values, ctx) => {
    if (!needsWorkplaceDocument(values)) return;
    for (const [field, text] of Object.entries(workplaceFields) as [
      keyof typeof workplaceFields,
      (typeof workplaceFields)[keyof typeof workplaceFields],
    ][]) {
      const value = values[field];
      if (value === "") ctx.addIssue({ code: "custom", path: [field], message: text.missing });
      else if (value.length > evidenceLimits[field]) {
        ctx.addIssue({
          code: "custom",
          path: [field],
          message: `Keep ${text.name} to ${evidenceLimits[field]} characters or fewer.`,
        });
      }
    }
  })
  .transform((values) => ({
    title: values.title,
    method: values.method,
    activityDate: values.activityDate,
    description: values.description,
    simulated: values.simulated,
    workplaceDocument: needsWorkplaceDocument(values)
      ? {
          what: values.workplaceWhat,
          whereKept: values.workplaceWhereKept,
          heldBy: values.workplaceHeldBy,
          relevance: values.workplaceRelevance,
        }
      : null,
  }));

/** Valid evidence: the activity date as a calendar date, "YYYY-MM-DD". */
export type EvidenceInput = z.output<typeof evidenceFormSchema>;

export type EvidenceParseResult =
  { ok: true; data: EvidenceInput } | { ok: false; message: string; fieldErrors: EvidenceFieldErrors };

export function parseEvidenceForm(values: unknown): EvidenceParseResult {
  const parsed = evidenceFormSchema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = fieldErrorsOf(parsed.error);
  return { ok: false, fieldErrors, message: summaryOf(fieldErrors) };
}

/** The valid input, or an InputError carrying the field errors. */
export function parseEvidenceInput(values: unknown): EvidenceInput {
  return parseInput(evidenceFormSchema, values);
}
