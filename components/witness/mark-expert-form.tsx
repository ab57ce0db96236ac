"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { hintClass } from "@/components/ui/styles";
import { markExpertWitnessAction } from "@/lib/actions/witness-mark-expert";

/** The assessor's judgement that the witness is occupationally competent in the area. */
export function MarkExpertForm({ evidenceId }: { evidenceId: string }) {
  const [state, action, pending] = useActionState(markExpertWitnessAction, null);
  return (
    <form action={action} className="space-y-2" aria-label="Mark as expert witness">
      <FormProblem state={state} />
      <p className={hintClass}>
        Mark the witness as an expert witness if, from their job and experience, you judge them occupationally competent
        in this area. It is recorded with your name and cannot be undone.
      </p>
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <SubmitButton pending={pending} label="Mark as expert witness" pendingLabel="Marking…" variant="secondary" />
    </form>
  );
}
