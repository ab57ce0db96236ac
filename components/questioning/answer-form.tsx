"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { TextAreaField } from "@/components/ui/field";
import { primaryButtonClass, secondaryButtonClass } from "@/components/ui/styles";
import { answerQuestionAction } from "@/lib/actions/question-answer";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { answerDeclaration, questionLimits } from "@/lib/questioning/schemas";

/** The candidate's answer to one question: saved as a draft, or submitted for marking. */
export function AnswerForm({
  enrolmentId,
  assignmentId,
  draft,
  again,
}: {
  enrolmentId: string;
  assignmentId: string;
  draft: string | null;
  /** An earlier answer was marked "not yet". */
  again: boolean;
}) {
  const [state, action, pending] = useActionState(answerQuestionAction, null);
  const prefix = `answer-${assignmentId}`;
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-3" aria-label="Your answer">
      <FormProblem state={state} fieldIds={{ text: `${prefix}-text` }} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <TextAreaField
        id={`${prefix}-text`}
        name="text"
        label={again ? "Your new answer" : "Your answer"}
        hint={`Save a draft as often as you like; only you see it. Submitting sends it to your assessor and confirms: “${answerDeclaration}”.`}
        rows={6}
        maxLength={questionLimits.answer}
        defaultValue={valueOf(state, "text", draft ?? "")}
        errors={errorsFor(state, "text")}
        className=""
      />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="intent" value="draft" disabled={pending} className={secondaryButtonClass}>
          Save draft
        </button>
        <button type="submit" name="intent" value="submit" disabled={pending} className={primaryButtonClass}>
          Submit answer
        </button>
        {pending ? (
          <span role="status" className="self-center text-sm">
            Saving…
          </span>
        ) : null}
      </div>
    </form>
  );
}
