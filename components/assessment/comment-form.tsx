"use client";

import { useActionState } from "react";
import { addCommentAction } from "@/lib/actions/assessment-add-comment";
import { errorsFor, valueOf, type AssessmentFormState } from "@/lib/assessment/form-state";
import { FieldErrors, FormProblem } from "./form-parts";
import { inputClass, primaryButtonClass } from "./styles";

/** The page a comment form is on, and comes back to: the assessor's review page or the candidate's evidence page. */
export type CommentPage = "review" | "candidate";

const hints: Record<CommentPage, string> = {
  review: "The candidate, their assessor and the internal quality assurer see it and are told about it.",
  candidate: "Your assessor and your internal quality assurer see it and are told about it.",
};

export function CommentForm({ evidenceId, page }: { evidenceId: string; page: CommentPage }) {
  const [state, action, pending] = useActionState<AssessmentFormState, FormData>(addCommentAction, null);
  const errors = errorsFor(state, "body");
  return (
    <form action={action} key={state?.attempt ?? 0} noValidate className="space-y-3">
      <FormProblem state={state} fieldIds={{ body: "comment-body" }} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="page" value={page} />
      <div>
        <label htmlFor="comment-body" className="block font-medium">
          Add a comment
        </label>
        <p id="comment-body-hint" className="text-sm text-slate-700">
          {hints[page]}
        </p>
        <textarea
          id="comment-body"
          name="body"
          rows={3}
          required
          maxLength={5000}
          defaultValue={valueOf(state, "body")}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "comment-body-hint comment-body-error" : "comment-body-hint"}
          className={inputClass}
        />
        <FieldErrors id="comment-body-error" errors={errors} />
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Adding…" : "Add comment"}
      </button>
    </form>
  );
}
