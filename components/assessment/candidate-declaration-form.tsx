"use client";

import { useActionState } from "react";
import { recordCandidateDeclarationAction } from "@/lib/actions/assessment-candidate-declaration";
import { candidateDeclarationText } from "@/lib/assessment/candidate-declaration-text";
import { FormProblem } from "./form-parts";
import { primaryButtonClass } from "@/components/ui/styles";

/**
 * The candidate's final declaration on one unit, for the candidate's unit page. Shows nothing
 * to fill in once it is made: the page shows the recorded declaration instead.
 */
export function CandidateDeclarationForm({ enrolmentId, unitCode }: { enrolmentId: string; unitCode: string }) {
  const [state, action, pending] = useActionState(recordCandidateDeclarationAction, null);
  const id = `declare-${enrolmentId}`;
  if (state?.ok) {
    return (
      <p role="status" className="rounded border border-green-800 bg-green-50 p-3 text-green-900">
        {state.message}
      </p>
    );
  }
  return (
    <form action={action} noValidate className="space-y-3" aria-label={`Declaration for ${unitCode}`}>
      <FormProblem state={state} fieldIds={{ confirmed: id }} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <div className="flex items-start gap-2">
        <input id={id} type="checkbox" name="confirmed" value="yes" required className="mt-1 h-5 w-5" />
        <label htmlFor={id}>{candidateDeclarationText(unitCode)}</label>
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Recording…" : "Make my declaration"}
      </button>
    </form>
  );
}
