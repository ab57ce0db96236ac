import type { Metadata } from "next";
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

/**
 * The `generateMetadata` of a page named by an id: `title` once `load` (the page's own loader,
 * wrapped in React's `cache` so the page reuses what it read) finds a record the viewer may
 * see, else the 404's title. A static `metadata` title would not do: Next streams a page's
 * metadata beside it, so the 404 page for a hidden record sometimes carried the page's title
 * and sometimes not, unlike the 404 for a missing one.
 */
export function titleOnceFound<P>(title: string, load: (params: P) => Promise<unknown>) {
  return async ({ params }: { params: Promise<P> }): Promise<Metadata> => {
    await load(await params);
    return { title };
  };
}
