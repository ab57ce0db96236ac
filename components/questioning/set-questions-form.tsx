"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup } from "@/components/ui/field";
import { setQuestionsAction } from "@/lib/actions/question-assess";
import { errorsFor, valuesOf } from "@/lib/forms/form-state";

type Settable = { id: string; text: string; criteria: { label: string }[] };

/** Sets questions from the bank for one candidate: each a checkbox with the criteria it covers. */
export function SetQuestionsForm({
  enrolmentId,
  questions,
  plannedActivity,
}: {
  enrolmentId: string;
  questions: Settable[];
  /** The plan's questioning activity these questions carry out (arriving from the plan), if any. */
  plannedActivity?: { id: string; label: string } | null;
}) {
  const [state, action, pending] = useActionState(setQuestionsAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-3" aria-labelledby="set-title">
      <FormProblem state={state} fieldIds={{ questionIds: "set-questions" }} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      {plannedActivity ? (
        <>
          <input type="hidden" name="plannedActivityId" value={plannedActivity.id} />
          <p>Setting these questions carries out the planned activity of {plannedActivity.label}: it is marked done.</p>
        </>
      ) : null}
      <CheckboxGroup
        id="set-questions"
        legend="Questions from the bank"
        hint="The candidate is told and answers in the app."
        errors={errorsFor(state, "questionIds")}
        name="questionIds"
        itemIdPrefix="set-question"
        checked={new Set(valuesOf(state, "questionIds"))}
        choices={questions.map((q) => ({
          value: q.id,
          label: (
            <>
              {q.text}{" "}
              <span className="text-sm text-slate-700">(covers {q.criteria.map((c) => c.label).join(", ")})</span>
            </>
          ),
        }))}
      />
      <SubmitButton pending={pending} label="Set these questions" pendingLabel="Setting…" />
    </form>
  );
}
