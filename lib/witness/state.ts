import { z } from "zod";
import { formatDate } from "../format/date";
import { RequestedCriterion } from "./schemas";

// Where a witness request stands, in one place: the lists the candidate and the assessor read,
// the witness's link and the submission all decide it with `requestState`.

export type RequestState = "waiting" | "submitted" | "expired" | "revoked";

export function requestState(
  request: { submittedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): RequestState {
  if (request.submittedAt) return "submitted";
  if (request.revokedAt) return "revoked";
  if (request.expiresAt <= now) return "expired";
  return "waiting";
}

/** The state in words for the people who asked: "Waiting until 17 December 2026", "Submitted"... */
export function requestStateWords(
  request: { submittedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
  timeZone: string,
): string {
  switch (requestState(request, now)) {
    case "waiting":
      return `Waiting for the witness, until ${formatDate(request.expiresAt, timeZone)}`;
    case "submitted":
      return `Submitted on ${formatDate(request.submittedAt!, timeZone)}`;
    case "expired":
      return `Expired on ${formatDate(request.expiresAt, timeZone)} without a testimony`;
    case "revoked":
      return `Revoked on ${formatDate(request.revokedAt!, timeZone)}`;
  }
}

/** Why a witness's link cannot be used, in words for the witness: which state, and what to do. No data. */
export const linkMessages = {
  invalid:
    "This link is not valid. Check that you copied the whole link from the email. If it still does not work, contact the person who asked you for the testimony.",
  used: "This testimony has been submitted; thank you. The link works only once, so it cannot be used again. If you need to add to or correct what you wrote, contact the person who asked you for it.",
  expired:
    "This link has expired: a link for a witness testimony works for 14 days. If you would still like to give your testimony, contact the person who asked you for it and ask for a new link.",
  revoked:
    "This request for a testimony has been withdrawn, so the link no longer works. If you think this is a mistake, contact the person who asked you for it.",
} as const;

export type LinkRefusal = keyof typeof linkMessages;

/** The link state of a request that cannot take a testimony now (never "waiting"). */
export function linkRefusalOf(state: Exclude<RequestState, "waiting">): LinkRefusal {
  return state === "submitted" ? "used" : state;
}

/** The criteria a request asks about, as stored (a JSON column); malformed entries are dropped. */
export function requestedCriteria(value: unknown): RequestedCriterion[] {
  const parsed = z.array(RequestedCriterion).safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Why a testimony offers no change on the evidence page: it is the witness's signed words (lib/authz/policy.ts). */
export const testimonyLockedMessage =
  "This is a witness's signed testimony, so nobody can change, revise or delete it, or add files to it. Your assessor judges it as the witness signed it.";
