"use client";

import { useRouter } from "next/navigation";
import { useActionState, useId } from "react";
import { SubmitButton } from "@/components/ui/button";
import { focusWhenShown } from "@/components/a11y/focus-when-shown";
import { submitEvidenceAction } from "@/lib/actions/submission-submit-evidence";
import type { FormState } from "@/lib/forms/form-state";
import { evidenceDeclaration } from "@/lib/portfolio/declaration";
import type { SubmittedEvidence } from "@/lib/portfolio/submit-evidence";
import { ActionMessage } from "./action-message";
import { submittedStatusId } from "./focus-targets";

const words = {
  first: {
    explanation:
      "Your assessor sees this evidence and its mappings once you submit it. After that you cannot edit the evidence itself.",
    button: "Submit for assessment",
  },
  again: {
    explanation: "Your new and changed mappings go to your assessor when you submit again.",
    button: "Submit again for assessment",
  },
  resubmission: {
    explanation:
      "Your assessor has reviewed this evidence before. What you changed goes to them with every earlier round and its feedback, which stay in the review history.",
    button: "Resubmit for assessment",
  },
} as const;

/**
 * The declaration and the button that sends the evidence's mappings to the assessor. `kind`:
 * its first submission; submitting again before any review (new mappings join the round); or a
 * resubmission of evidence reviewed before, in round `round`. `simulated`: the evidence is
 * marked as simulated, so the declaration says so instead of "from real work activities".
 */
export function SubmitEvidenceForm({
  evidenceId,
  kind,
  round,
  simulated,
}: {
  evidenceId: string;
  kind: keyof typeof words;
  round: number;
  simulated: boolean;
}) {
  const router = useRouter();
  const id = useId();
  const [state, formAction, pending] = useActionState(
    async (previous: FormState<SubmittedEvidence>, formData: FormData) => {
      const result = await submitEvidenceAction(previous, formData);
      if (result?.ok) {
        // This form leaves the page once the evidence is submitted: focus goes to the line saying
        // it was, and a banner from an earlier step ("Evidence saved…") goes, as it no longer fits.
        focusWhenShown(submittedStatusId(evidenceId));
        if (new URLSearchParams(window.location.search).has("saved"))
          router.replace(window.location.pathname, { scroll: false });
      } else {
        focusWhenShown(`${id}-result`);
      }
      return result;
    },
    null,
  );
  const declarationError = state && !state.ok ? state.fieldErrors?.declaration?.[0] : undefined;
  return (
    // noValidate: an unticked declaration gets the page's own message below, not the browser's bubble.
    <form action={formAction} noValidate className="space-y-3" aria-describedby={`${id}-explain`}>
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <input type="hidden" name="declarationFor" value={simulated ? "simulated" : "realWork"} />
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
          aria-required="true"
          aria-invalid={declarationError ? true : undefined}
          aria-describedby={declarationError ? `${id}-declaration-error` : undefined}
          className="mt-1 h-4 w-4"
        />
        <label htmlFor={`${id}-declaration`}>{evidenceDeclaration(simulated)}</label>
      </div>
      {declarationError && (
        <p id={`${id}-declaration-error`} className="font-medium text-red-800">
          {declarationError}
        </p>
      )}
      <SubmitButton
        pending={pending}
        label={kind === "resubmission" ? `${words[kind].button} (round ${round})` : words[kind].button}
        pendingLabel="Submitting…"
      />
      <ActionMessage state={state} id={`${id}-result`} />
    </form>
  );
}
