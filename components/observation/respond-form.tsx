"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { Choice, FieldSet, TextAreaField } from "@/components/ui/field";
import { respondToObservationAction } from "@/lib/actions/observation-respond";
import { errorsFor, valueOf } from "@/lib/forms/form-state";

/**
 * The candidate's answer to an observation of them: accurate (final), or disputed with what is
 * wrong (required then), which goes on the evidence's comments for the assessor to answer.
 */
export function RespondToObservationForm({ evidenceId }: { evidenceId: string }) {
  const [state, action, pending] = useActionState(respondToObservationAction, null);
  const chosen = valueOf(state, "response");
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="max-w-3xl space-y-4">
      <FormProblem state={state} fieldIds={{ response: "response-confirmed", comment: "response-comment" }} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <FieldSet
        id="response"
        legend="Is this an accurate record of what you did?"
        hint="Confirming is final: the record then counts towards your criteria and can no longer be changed."
        errors={errorsFor(state, "response")}
      >
        <Choice
          type="radio"
          id="response-confirmed"
          name="response"
          value="CONFIRMED"
          defaultChecked={chosen === "CONFIRMED"}
          label="This is an accurate record"
        />
        <Choice
          type="radio"
          id="response-disputed"
          name="response"
          value="DISPUTED"
          defaultChecked={chosen === "DISPUTED"}
          label="I dispute this record"
        />
      </FieldSet>
      <TextAreaField
        id="response-comment"
        name="comment"
        label="Your comment"
        hint="Needed if you dispute the record: say what is wrong, so your assessor can correct it. It is added to the comments below."
        maxLength={5000}
        defaultValue={valueOf(state, "comment")}
        errors={errorsFor(state, "comment")}
      />
      <SubmitButton pending={pending} label="Send your answer" pendingLabel="Sending…" />
    </form>
  );
}
