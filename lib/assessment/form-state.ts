// What an assessment form's server action gives back to the form: a refusal with messages per
// field, what was typed (never a password), and a count of attempts so the form can be redrawn
// with those values. Success redirects, so it needs no state. Plain data, safe for client code.

export type AssessmentFormValues = Record<string, string | string[]>;

export type AssessmentFormState = { ok: false; message: string; fieldErrors?: Record<string, string[]>; values: AssessmentFormValues; attempt: number } | null;

export function errorsFor(state: AssessmentFormState, field: string): string[] | undefined {
  return state?.fieldErrors?.[field];
}

export function valueOf(state: AssessmentFormState, field: string, fallback = ""): string {
  const value = state?.values[field];
  return typeof value === "string" ? value : fallback;
}

export function valuesOf(state: AssessmentFormState, field: string, fallback: readonly string[] = []): string[] {
  const value = state?.values[field];
  return Array.isArray(value) ? value : [...fallback];
}
