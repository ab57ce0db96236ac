"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { Choice, FieldSet, TextAreaField } from "@/components/ui/field";
import { markAnswerAction } from "@/lib/actions/question-assess";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { questionLimits } from "@/lib/questioning/schemas";

/** Marks one waiting answer satisfactory or not yet; feedback is required for "not yet". */
export function MarkAnswerForm({
  enrolmentId,
  assignmentId,
  answerId,
  attempt,
}: {
  enrolmentId: string;
  assignmentId: string;
  answerId: string;
  attempt: number;
}) {
  const [state, action, pending] = useActionState(markAnswerAction, null);
  const prefix = `mark-${answerId}`;
  const chosen = valueOf(state, "mark");
  return (
    <form
      action={action}
      key={state?.submission ?? 0}
      noValidate
      className="space-y-3"
      aria-label={`Mark answer ${attempt}`}
    >
      <FormProblem state={state} fieldIds={{ mark: `${prefix}-mark`, feedback: `${prefix}-feedback` }} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="answerId" value={answerId} />
      <FieldSet
        id={`${prefix}-mark`}
        legend="Your mark"
        hint="A mark is final. A satisfactory answer becomes accepted evidence for the question's criteria."
        errors={errorsFor(state, "mark")}
      >
        <Choice
          id={`${prefix}-satisfactory`}
          type="radio"
          name="mark"
          value="SATISFACTORY"
          defaultChecked={chosen === "SATISFACTORY"}
          label="Satisfactory"
        />
        <Choice
          id={`${prefix}-not-yet`}
          type="radio"
          name="mark"
          value="NOT_YET"
          defaultChecked={chosen === "NOT_YET"}
          label="Not yet: the candidate answers again"
        />
      </FieldSet>
      <TextAreaField
        id={`${prefix}-feedback`}
        name="feedback"
        label="Feedback for the candidate"
        hint="Required for “Not yet”: say what the answer is missing."
        rows={3}
        maxLength={questionLimits.feedback}
        defaultValue={valueOf(state, "feedback")}
        errors={errorsFor(state, "feedback")}
        className=""
      />
      <SubmitButton pending={pending} label="Save mark" pendingLabel="Saving…" />
    </form>
  );
}
