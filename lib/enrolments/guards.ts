import { AppError } from "../errors";
import type { EnrolmentStatus } from "./input";

/** Not there, or not for this actor; `backTo` says where to go from here (which list they came from). */
export function enrolmentNotFound(backTo = "the list of enrolments"): AppError {
  return new AppError(
    `That enrolment was not found. It may have been removed; go back to ${backTo}.`,
    "enrolment not found",
  );
}

/**
 * Refuses a change to an enrolment that is no longer active, saying why in words. In assessment
 * work a completed enrolment is a signed-off unit, which revoking the sign-off reopens.
 */
export function requireActive(
  status: EnrolmentStatus | string,
  whatYouTried: string,
  work: "administration" | "assessment" = "administration",
): void {
  if (status === "WITHDRAWN")
    throw new AppError(
      `This enrolment has been withdrawn, so you cannot ${whatYouTried}. Its record is kept as it was.`,
    );
  if (status === "COMPLETED")
    throw new AppError(
      work === "assessment"
        ? `This unit has been signed off, so you cannot ${whatYouTried}. To reopen it, revoke the unit sign-off with a reason first.`
        : `This enrolment is completed, so you cannot ${whatYouTried}. Its record is kept as it was.`,
    );
}

export function changedMeanwhile(): AppError {
  return new AppError(
    "Someone else changed this enrolment while you were working on it. Reload the page to see it as it is now, then try again.",
    "enrolment changed concurrently",
  );
}
