import type { z } from "zod";
import { AppError, fieldErrorsOf } from "../errors";

/** Input that failed validation, with messages per field for the form to show beside each. */
export class InvalidInputError extends AppError {
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    userMessage = "Some of what you entered needs changing. Check the messages beside the fields.",
  ) {
    super(userMessage);
  }
}

/** Someone or something that is not there, or not in the actor's centre (which looks the same). */
export class NotFoundError extends AppError {}

export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InvalidInputError(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** A unique constraint refused a row: usually two admins adding the same person at once. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
