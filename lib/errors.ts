import type { z } from "zod";

// The app's one error hierarchy (docs/decisions/0015-form-and-error-pipeline.md). Every refusal
// a user can act on is an AppError: it carries a message safe to show, separate from what is
// logged, and the HTTP status a route answers with. Server actions turn them into form state
// (lib/actions/form-action.ts); anything that is not an AppError is a bug, logged and never shown.

/** Messages per form field, keyed by the input's field name ("form" for the input as a whole). */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  /** The HTTP status a route handler answers this refusal with. */
  readonly status: number = 400;

  constructor(
    readonly userMessage: string,
    logMessage?: string,
  ) {
    super(logMessage ?? userMessage);
  }
}

/** Input the user can correct: a summary message and the messages for each field at fault. */
export class InputError extends AppError {
  constructor(
    userMessage: string,
    readonly fieldErrors: FieldErrors = {},
    logMessage?: string,
  ) {
    super(userMessage, logMessage);
  }

  /** One field at fault, its message doubling as the summary. */
  static forField(field: string, message: string): InputError {
    return new InputError(message, { [field]: [message] });
  }

  /** Several fields at fault, summarised as `summaryOf` says. */
  static forFields(fieldErrors: FieldErrors): InputError {
    return new InputError(summaryOf(fieldErrors), fieldErrors);
  }
}

/** The policy (lib/authz/policy.ts) refused the actor; `authorize` says why in the user's words. */
export class ForbiddenError extends AppError {
  override readonly status = 403;
}

/** Not there, or not for this actor (which must look the same). */
export class NotFoundError extends AppError {
  override readonly status = 404;
}

/** The record is not in a state that allows this (locked evidence, a decision already signed). */
export class ConflictError extends AppError {
  override readonly status = 409;
}

/** A failed parse's messages by field (the first segment of each issue's path; "form" for the input as a whole). */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/** One problem: its own words; several: how many, so the user looks at each field. */
export function summaryOf(fieldErrors: FieldErrors): string {
  const fields = Object.values(fieldErrors).filter((messages) => messages.length > 0);
  const first = fields[0]?.[0];
  if (fields.length <= 1 && first) return first;
  return `There are problems with ${fields.length} answers. Correct them and try again.`;
}

/** The parsed input, or an InputError carrying a message for every field at fault. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw InputError.forFields(fieldErrorsOf(parsed.error));
}

/**
 * A unique index refused the row (Prisma's P2002). With the driver adapters both databases name
 * the model in `meta.modelName` (SQLite names the columns, PostgreSQL the index), so `modelName`,
 * when given, is what is compared.
 */
export function isUniqueViolation(error: unknown, modelName?: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: unknown };
  if (code !== "P2002") return false;
  if (modelName === undefined) return true;
  const model = typeof meta === "object" && meta !== null ? (meta as { modelName?: unknown }).modelName : undefined;
  return model === undefined || model === modelName;
}

/** What a server action returns to its form: success, or a message plus per-field errors. */
export type ActionResult<T = undefined> =
  { ok: true; data: T; message?: string } | { ok: false; message: string; fieldErrors?: FieldErrors };
