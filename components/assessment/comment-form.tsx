"use client";

import { useActionState } from "react";
import { addCommentAction } from "@/lib/actions/assessment-add-comment";
import { errorsFor, valueOf, type AssessmentFormState } from "@/lib/assessment/form-state";
import { FieldErrors, FormProblem } from "./form-parts";
import { inputClass, primaryButtonClass } from "./styles";

export function CommentForm({ evidenceId }: { evidenceId: string }) {
  const [state, action, pending] = useActionState<AssessmentFormState, FormData>(addCommentAction, null);
  const errors = errorsFor(state, "body");
  return (
    <form action={action} key={state?.attempt ?? 0} className="space-y-3">
      <FormProblem state={state} fieldIds={{ body: "comment-body" }} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <div>
        <label htmlFor="comment-body" className="block font-medium">
          Add a comment
        </label>
        <p id="comment-body-hint" className="text-sm text-slate-700">
          The candidate, their assessor and the internal quality assurer see it and are told about it.
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
