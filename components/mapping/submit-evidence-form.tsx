"use client";

import { useActionState, useId } from "react";
import { submitEvidenceAction } from "@/lib/actions/submission-submit-evidence";
import { evidenceDeclaration } from "@/lib/portfolio/declaration";
import { ActionMessage } from "./action-message";

const words = {
  first: {
    explanation: "Your assessor sees this evidence and its mappings once you submit it. After that you cannot edit the evidence itself.",
    button: "Submit for assessment",
  },
  again: { explanation: "Your new and changed mappings go to your assessor when you submit again.", button: "Submit again for assessment" },
  resubmission: {
    explanation: "Your assessor has reviewed this evidence before. What you changed goes to them with every earlier round and its feedback, which stay in the review history.",
    button: "Resubmit for assessment",
  },
} as const;

/**
 * The declaration and the button that sends the evidence's mappings to the assessor. `kind`:
 * its first submission; submitting again before any review (new mappings join the round); or a
 * resubmission of evidence reviewed before, in round `round`.
 */
export function SubmitEvidenceForm({ evidenceId, kind, round }: { evidenceId: string; kind: keyof typeof words; round: number }) {
  const [state, formAction, pending] = useActionState(submitEvidenceAction, null);
  const id = useId();
  const declarationError = state && !state.ok ? state.fieldErrors?.declaration?.[0] : undefined;
  return (
    <form action={formAction} className="space-y-3" aria-describedby={`${id}-explain`}>
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <p id={`${id}-explain`}>
        {kind === "resubmission" ? (
          <>
            <span className="font-semibold">This is a resubmission (round {round}).</span>{" "}
          </>
        ) : null}
        {words[kind].explanation}
      </p>
      <div className="flex items-start gap-2">
        <input
          id={`${id}-declaration`}
          type="checkbox"
          name="declaration"
          value="yes"
          required
          aria-invalid={declarationError ? true : undefined}
          aria-describedby={declarationError ? `${id}-declaration-error` : undefined}
          className="mt-1 h-4 w-4"
        />
        <label htmlFor={`${id}-declaration`}>{evidenceDeclaration}</label>
      </div>
      {declarationError && (
        <p id={`${id}-declaration-error`} className="font-medium text-red-800">
          {declarationError}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800 disabled:opacity-70">
        {pending ? "Submitting…" : kind === "resubmission" ? `${words[kind].button} (round ${round})` : words[kind].button}
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
