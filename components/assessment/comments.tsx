import { Time } from "@/components/assessment/page-parts";
import type { CommentThread } from "@/lib/assessment/comment-thread";
import { formatDateTime } from "@/lib/format/date";
import { CommentForm, type CommentPage } from "./comment-form";

/**
 * The comments on one evidence item, round by round, oldest first, with the form to add one for
 * those who may. Shared by the assessor's review page and the candidate's evidence page; `page`
 * says which, so the words fit the reader and the form comes back to the same page.
 */
export function EvidenceComments({ thread, page }: { thread: CommentThread; page: CommentPage }) {
  const rounds = [...new Set(thread.comments.map((c) => c.round))].sort((a, b) => a - b);
  return (
    <section id="comments" aria-labelledby="comments-title" className="max-w-3xl space-y-4">
      <h2 id="comments-title" className="text-xl font-semibold">
        Comments
      </h2>
      {thread.comments.length === 0 ? (
        <p className="text-slate-700">No comments yet.</p>
      ) : (
        <p className="text-slate-700">
          {page === "candidate"
            ? "Between you, your assessor and your internal quality assurer, oldest first. Comments from earlier rounds stay here."
            : "Between the candidate, their assessor and the internal quality assurer, oldest first. Comments from earlier rounds stay here."}
        </p>
      )}
      {rounds.map((round) => (
        <div key={round} className="space-y-2">
          <h3 className="font-semibold">Round {round}</h3>
          <ol className="space-y-2">
            {thread.comments
              .filter((c) => c.round === round)
              .map((c) => (
                <li key={c.id} className="rounded border border-slate-200 bg-white p-3">
                  <p className="text-sm text-slate-700">
                    <span className="font-medium text-slate-900">{c.authorName}</span>
                    {c.authorRole ? ` (${c.authorRole.toLowerCase()})` : ""} ·{" "}
                    <Time date={c.createdAt}>{formatDateTime(c.createdAt, thread.timeZone)}</Time>
                  </p>
                  <p className="whitespace-pre-wrap break-words">{c.body}</p>
                </li>
              ))}
          </ol>
        </div>
      ))}
      {thread.canComment ? (
        <CommentForm evidenceId={thread.evidenceId} page={page} />
      ) : (
        <p className="text-sm text-slate-700">
          Only the candidate, their assessor and their internal quality assurer can add comments.
        </p>
      )}
    </section>
  );
}
