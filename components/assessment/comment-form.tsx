"use client";

import { useActionState } from "react";
import { addCommentAction } from "@/lib/actions/assessment-add-comment";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { FormProblem } from "./form-parts";

/** The page a comment form is on, and comes back to: the assessor's review page or the candidate's evidence page. */
export type CommentPage = "review" | "candidate";

const hints: Record<CommentPage, string> = {
  review: "The candidate, their assessor and the internal quality assurer see it and are told about it.",
  candidate: "Your assessor and your internal quality assurer see it and are told about it.",
};

export function CommentForm({ evidenceId, page }: { evidenceId: string; page: CommentPage }) {
  const [state, action, pending] = useActionState(addCommentAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-3">
      <FormProblem state={state} fieldIds={{ body: "comment-body" }} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="page" value={page} />
      <TextAreaField
        id="comment-body"
        name="body"
        label="Add a comment"
        hint={hints[page]}
        required
        maxLength={5000}
        defaultValue={valueOf(state, "body")}
        errors={errorsFor(state, "body")}
        className=""
      />
      <SubmitButton pending={pending} label="Add comment" pendingLabel="Adding…" />
    </form>
  );
}
