import "server-only";
import { ForbiddenError } from "../authz/policy";
import type { AssessmentFormState, AssessmentFormValues } from "../assessment/form-state";
import { AssessmentInputError } from "../assessment/input";
import { AppError } from "../errors";

// Helpers shared by the assessment server actions (this file is not itself a "use server" module).

export function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export function texts(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((value): value is string => typeof value === "string");
}

/** Turns a refusal into what the form shows; anything unexpected is logged, not shown. */
export function failed(previous: AssessmentFormState, error: unknown, values: AssessmentFormValues): AssessmentFormState {
  const attempt = (previous?.attempt ?? 0) + 1;
  if (error instanceof AssessmentInputError) return { ok: false, message: error.userMessage, fieldErrors: error.fieldErrors, values, attempt };
  if (error instanceof ForbiddenError || error instanceof AppError) return { ok: false, message: error.userMessage, values, attempt };
  console.error("assessment action failed", error);
  return { ok: false, message: "Something went wrong and nothing was saved. Try again; if it keeps happening, tell your centre.", values, attempt };
}

export function signedOut(previous: AssessmentFormState, values: AssessmentFormValues): AssessmentFormState {
  return { ok: false, message: "Your session has ended. Sign in again, then repeat what you were doing.", values, attempt: (previous?.attempt ?? 0) + 1 };
}

/** A path segment from form input, safe inside a redirect address. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
