import { z } from "zod";
import { AppError } from "../errors";
import { MARKDOWN_MAX_CHARS } from "../markdown/limits";
import { evidenceMethodIds } from "./methods";

// The evidence form's rules, in one place: the form checks them before sending, and the domain
// operations check them again, because a server action is a public endpoint.

export const evidenceLimits = {
  title: 200,
  description: MARKDOWN_MAX_CHARS,
  workplaceWhat: 500,
  workplaceWhereKept: 500,
  workplaceHeldBy: 200,
  workplaceRelevance: 2_000,
} as const;

/** What the form sends: every field as typed, so a refused form can be shown again unchanged. */
export type EvidenceFormValues = {
  title: string;
  method: string;
  activityDate: string;
  description: string;
  simulated: boolean;
  isWorkplaceDocument: boolean;
  workplaceWhat: string;
  workplaceWhereKept: string;
  workplaceHeldBy: string;
  workplaceRelevance: string;
};

export type EvidenceField = keyof EvidenceFormValues;

export const emptyEvidenceFormValues: EvidenceFormValues = {
  title: "",
  method: "",
  activityDate: "",
  description: "",
  simulated: false,
  isWorkplaceDocument: false,
  workplaceWhat: "",
  workplaceWhereKept: "",
  workplaceHeldBy: "",
  workplaceRelevance: "",
};

export const WorkplaceDocument = z.object({
  what: z.string(),
  whereKept: z.string(),
  heldBy: z.string(),
  relevance: z.string(),
});
export type WorkplaceDocument = z.infer<typeof WorkplaceDocument>;

/** Today's date in UTC, "YYYY-MM-DD": activity dates are compared as calendar dates in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

const calendarDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealCalendarDate(value: string): boolean {
  const match = calendarDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const requiredText = (missing: string, max: number, tooLong: string) =>
  z.string().trim().min(1, missing).max(max, tooLong);

const workplaceFields = {
  workplaceWhat: { missing: "Say what the document is.", name: "what the document is" },
  workplaceWhereKept: { missing: "Say where the document is kept.", name: "where it is kept" },
  workplaceHeldBy: { missing: "Say who holds the document.", name: "who holds it" },
  workplaceRelevance: { missing: "Say how the document is relevant to your units.", name: "how it is relevant" },
} as const;

/** Whether the four workplace document fields must be filled in. */
export function needsWorkplaceDocument(values: Pick<EvidenceFormValues, "method" | "isWorkplaceDocument">): boolean {
  return values.method === "workplaceDocument" || values.isWorkplaceDocument;
}

export const evidenceFormSchema = z
  .object({
    title: requiredText("Enter a title.", evidenceLimits.title, `The title must be ${evidenceLimits.title} characters or fewer.`),
    method: z.enum(evidenceMethodIds, { error: "Choose the method: how this evidence was produced." }),
    activityDate: z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        if (value === "") ctx.addIssue({ code: "custom", message: "Enter the date of the activity." });
        else if (!isRealCalendarDate(value)) ctx.addIssue({ code: "custom", message: "Enter a real date, for example 2026-03-01." });
        else if (value > todayUtc()) ctx.addIssue({ code: "custom", message: "The activity date cannot be in the future." });
      }),
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
    for (const [field, text] of Object.entries(workplaceFields) as [keyof typeof workplaceFields, (typeof workplaceFields)[keyof typeof workplaceFields]][]) {
      const value = values[field];
      if (value === "") ctx.addIssue({ code: "custom", path: [field], message: text.missing });
      else if (value.length > evidenceLimits[field]) {
        ctx.addIssue({ code: "custom", path: [field], message: `Keep ${text.name} to ${evidenceLimits[field]} characters or fewer.` });
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
      ? { what: values.workplaceWhat, whereKept: values.workplaceWhereKept, heldBy: values.workplaceHeldBy, relevance: values.workplaceRelevance }
      : null,
  }));

/** Valid evidence: the activity date as a calendar date, "YYYY-MM-DD". */
export type EvidenceInput = z.output<typeof evidenceFormSchema>;

export type EvidenceFieldErrors = Partial<Record<EvidenceField, string[]>>;

export type EvidenceParseResult = { ok: true; data: EvidenceInput } | { ok: false; message: string; fieldErrors: EvidenceFieldErrors };

export function parseEvidenceForm(values: unknown): EvidenceParseResult {
  const parsed = evidenceFormSchema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors: EvidenceFieldErrors = {};
  const otherErrors: string[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === "string" && field in emptyEvidenceFormValues) (fieldErrors[field as EvidenceField] ??= []).push(issue.message);
    else otherErrors.push(issue.message);
  }
  const count = Object.keys(fieldErrors).length + otherErrors.length;
  const first = Object.values(fieldErrors)[0]?.[0] ?? otherErrors[0];
  return { ok: false, fieldErrors, message: count === 1 && first ? first : `There are problems with ${count} answers. Correct them and try again.` };
}

/** Reads the form's fields; a missing field reads as empty, a ticked checkbox as true. */
export function evidenceFormValuesFrom(formData: FormData): EvidenceFormValues {
  const text = (name: EvidenceField) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  const ticked = (name: EvidenceField) => formData.get(name) === "on" || formData.get(name) === "true";
  return {
    title: text("title"),
    method: text("method"),
    activityDate: text("activityDate"),
    description: text("description"),
    simulated: ticked("simulated"),
    isWorkplaceDocument: ticked("isWorkplaceDocument"),
    workplaceWhat: text("workplaceWhat"),
    workplaceWhereKept: text("workplaceWhereKept"),
    workplaceHeldBy: text("workplaceHeldBy"),
    workplaceRelevance: text("workplaceRelevance"),
  };
}

/** Refused evidence input: a message for the form and the errors of each field. */
export class EvidenceInputError extends AppError {
  constructor(
    message: string,
    readonly fieldErrors: EvidenceFieldErrors,
  ) {
    super(message, `invalid evidence input: ${Object.keys(fieldErrors).join(", ")}`);
  }
}

/** The valid input, or an EvidenceInputError carrying the field errors. */
export function parseEvidenceInput(values: unknown): EvidenceInput {
  const result = parseEvidenceForm(values);
  if (!result.ok) throw new EvidenceInputError(result.message, result.fieldErrors);
  return result.data;
}

/** What the evidence form's server actions give back to the form when they refuse it. */
export type EvidenceFormState = {
  /** Increases with every refusal, so the form is redrawn with what was sent. */
  attempt: number;
  values: EvidenceFormValues;
  message: string | null;
  fieldErrors: EvidenceFieldErrors;
};
