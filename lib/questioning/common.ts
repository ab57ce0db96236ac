import type { Db } from "../db/client";
import { AppError, NotFoundError } from "../errors";

// Small rules the questioning operations share.

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** A question's criteria as stored (a JSON array of ids); anything else reads as none. */
export function criterionIdsOf(stored: unknown): string[] {
  return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === "string") : [];
}

/** "Knowledge 3" for INSCS042's knowledge statements (whose refs repeat the performance criteria's), "4.1" otherwise. */
export function criterionLabel(criterion: { ref: string; kind: string }): string {
  return criterion.kind === "knowledge" && /^\d+$/.test(criterion.ref) ? `Knowledge ${criterion.ref}` : criterion.ref;
}

/** The question's text cut to `max` characters at a word, with an ellipsis when cut. */
export function truncated(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine.length <= max) return oneLine;
  const cut = oneLine.slice(0, max - 1);
  const atWord = cut.lastIndexOf(" ") > max / 2 ? cut.slice(0, cut.lastIndexOf(" ")) : cut;
  return `${atWord}…`;
}

export const questionNotFound = () =>
  new NotFoundError(
    "That question was not found. It may have been removed; reload the page.",
    "question not found or of another centre",
  );

/** Where an assignment stands, from its outcome and its latest answer. */
export type AssignmentState = "unanswered" | "waiting" | "notYet" | "satisfactory";

export function assignmentState(outcome: string | null, latest: { mark: string | null } | undefined): AssignmentState {
  if (outcome === "SATISFACTORY") return "satisfactory";
  if (!latest) return "unanswered";
  if (latest.mark === null) return "waiting";
  return "notYet";
}

/** Refuses an answer (draft or submission) while one waits for marking or once satisfactory. */
export function requireAnswerable(state: AssignmentState): void {
  if (state === "waiting")
    throw new AppError(
      "Your answer is waiting for your assessor to mark it, so you cannot change or add to it now. You will be told when it is marked.",
      "answer while one awaits marking",
    );
  if (state === "satisfactory")
    throw new AppError(
      "Your assessor marked your answer to this question satisfactory, so it needs no other answer.",
      "answer after satisfactory",
    );
}

/** The assignment's answers, oldest first, as every reader lists them. */
export const answersInOrder = { orderBy: { attempt: "asc" } } as const;
