import type { FormState } from "../forms/form-state";
import { asText, asTicked, readForm, type FormFields } from "../forms/read-form";
import { MARKDOWN_MAX_CHARS } from "../markdown/limits";

// The evidence form's values, limits and field reader, without zod: the form's client component
// imports these on every evidence page, and loads the rules themselves (evidence-form-schema.ts,
// which needs zod) only when the candidate presses Save (issue 15, page weight).

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

/** Today's date in UTC, "YYYY-MM-DD": activity dates are compared as calendar dates in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whether the four workplace document fields must be filled in. */
export function needsWorkplaceDocument(values: Pick<EvidenceFormValues, "method" | "isWorkplaceDocument">): boolean {
  return values.method === "workplaceDocument" || values.isWorkplaceDocument;
}

export type EvidenceFieldErrors = Partial<Record<EvidenceField, string[]>>;

/** Reads the form's fields; a missing field reads as empty, a ticked checkbox as true. */
export function evidenceFormValuesFrom(form: FormData | FormFields): EvidenceFormValues {
  const fields = form instanceof FormData ? readForm(form) : form;
  const text = (name: EvidenceField) => asText(fields[name]);
  const ticked = (name: EvidenceField) => asTicked(fields[name]);
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

/** What the evidence form's server actions give back to the form (lib/forms/form-state.ts). */
export type EvidenceFormState = FormState<string, EvidenceFormValues>;
