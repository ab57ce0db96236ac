import { ForbiddenError } from "../authz/policy";
import { AppError, type ActionResult } from "../errors";
import { EnrolmentInputError } from "./input";

/**
 * What an enrolment form's server action gives back: the outcome, what was typed (so a refused
 * form keeps it), and a count of attempts (so the form can be redrawn with those values).
 */
export type FormState = (ActionResult & { values?: Record<string, string>; attempt: number }) | null;

/** The text fields of a form, exactly as typed: what a refused form shows again. */
export function formValues<F extends string>(formData: FormData, fields: readonly F[]): Record<F, string> {
  const values = {} as Record<F, string>;
  for (const field of fields) {
    const value = formData.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}

export function succeeded(previous: FormState, message: string): FormState {
  return { ok: true, data: undefined, message, attempt: (previous?.attempt ?? 0) + 1 };
}

/** Turns a refusal into what the form shows; anything unexpected is logged, not shown. */
export function failed(previous: FormState, error: unknown, values: Record<string, string>): FormState {
  const attempt = (previous?.attempt ?? 0) + 1;
  if (error instanceof EnrolmentInputError) return { ok: false, message: error.userMessage, fieldErrors: error.fieldErrors, values, attempt };
  if (error instanceof ForbiddenError || error instanceof AppError) return { ok: false, message: error.userMessage, values, attempt };
  console.error("enrolment action failed", error);
  return { ok: false, message: "Something went wrong and nothing was saved. Try again; if it keeps happening, tell your centre.", values, attempt };
}

export function signedOut(previous: FormState, values: Record<string, string>): FormState {
  return { ok: false, message: "Your session has ended. Sign in again, then repeat what you were doing.", values, attempt: (previous?.attempt ?? 0) + 1 };
}
