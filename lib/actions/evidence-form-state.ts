import { ForbiddenError } from "../authz/policy";
import { AppError } from "../errors";
import { EvidenceInputError, type EvidenceFormState, type EvidenceFormValues } from "../evidence/evidence-form-schema";

/**
 * The state a refused evidence form is shown again with: what was typed, the message and the
 * field errors. Errors that are not the user's to fix are rethrown, to be logged and shown as
 * the error page.
 */
export function refusedEvidenceForm(error: unknown, previous: EvidenceFormState, values: EvidenceFormValues): EvidenceFormState {
  const attempt = previous.attempt + 1;
  if (error instanceof EvidenceInputError) return { attempt, values, message: error.userMessage, fieldErrors: error.fieldErrors };
  if (error instanceof ForbiddenError || error instanceof AppError) return { attempt, values, message: error.userMessage, fieldErrors: {} };
  throw error;
}

export const noCentreMessage = "You are not acting as a candidate at a centre. Choose your candidate role with “Acting as” at the top of the page.";
