import { AppError } from "../errors";
import type { EnrolmentStatus } from "./input";

export function enrolmentNotFound(): AppError {
  return new AppError("That enrolment was not found. It may have been removed; go back to the list of enrolments.", "enrolment not found");
}

/** Refuses a change to an enrolment that is no longer active, saying why in words. */
export function requireActive(status: EnrolmentStatus, whatYouTried: string): void {
  if (status === "WITHDRAWN") throw new AppError(`This enrolment has been withdrawn, so you cannot ${whatYouTried}. Its record is kept as it was.`);
  if (status === "COMPLETED") throw new AppError(`This enrolment is completed, so you cannot ${whatYouTried}. Its record is kept as it was.`);
}

export function changedMeanwhile(): AppError {
  return new AppError("Someone else changed this enrolment while you were working on it. Reload the page to see it as it is now, then try again.", "enrolment changed concurrently");
}
