import { notFound } from "next/navigation";
import { AppError } from "../errors";
import { ForbiddenError } from "./policy";

// A page whose address names one record (an enrolment, a person, a piece of evidence) answers
// a record the viewer may not see exactly as one that does not exist: Next's 404 page. Were the
// first a refusal ("not yours") and the second a 404, anyone signed in could try ids and learn
// which exist, in their own centre or another. Pages whose address names no record keep their
// refusals, which say what to do; so does a refusal that does not depend on the id (e.g. "choose
// your candidate role"). Route handlers keep the same rule with their own 404 body.

/** Whether `error` means "not there, or not for you", which both answer 404. */
export function isHiddenOrMissing(error: unknown): boolean {
  return error instanceof ForbiddenError || error instanceof AppError;
}

/** What `load` reads, or the 404 page if the record is missing or the viewer may not see it. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (isHiddenOrMissing(error)) notFound();
    throw error;
  }
}
