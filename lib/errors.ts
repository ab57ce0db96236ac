import type { z } from "zod";

// Errors carry a message safe to show the user, separate from what is logged.
export class AppError extends Error {
  constructor(
    readonly userMessage: string,
    logMessage?: string,
  ) {
    super(logMessage ?? userMessage);
  }
}

/** What a server action returns to its form: success, or a message plus per-field errors. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

/** A failed parse's messages by field (the first segment of each issue's path; "form" for the input as a whole), for a form to show beside each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}
