"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { retireQuestionAction } from "@/lib/actions/question-bank";

/** Retires one question of the bank: it is not set again, and keeps the answers given to it. */
export function RetireQuestionForm({ unitVersionId, questionId }: { unitVersionId: string; questionId: string }) {
  const [state, action, pending] = useActionState(retireQuestionAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} className="space-y-2">
      <FormProblem state={state} />
      <input type="hidden" name="unitVersionId" value={unitVersionId} />
      <input type="hidden" name="questionId" value={questionId} />
      <SubmitButton pending={pending} label="Retire this question" pendingLabel="Retiring…" variant="secondary" />
    </form>
  );
}
