"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { updateObservationAction } from "@/lib/actions/observation-update";
import type { AssessorRecordKind } from "@/lib/observation/input";
import {
  ObservationDetailsFields,
  observationFieldIds,
  type ObservationDetailValues,
} from "./observation-details-fields";

/** Its author corrects an observation's details while the candidate has not confirmed it. */
export function CorrectObservationForm({
  evidenceId,
  initial,
  timeZone,
  kind,
}: {
  evidenceId: string;
  initial: ObservationDetailValues;
  timeZone: string;
  kind: AssessorRecordKind;
}) {
  const [state, action, pending] = useActionState(updateObservationAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="max-w-3xl space-y-5">
      <FormProblem state={state} fieldIds={observationFieldIds("correct")} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <ObservationDetailsFields state={state} prefix="correct" timeZone={timeZone} initial={initial} kind={kind} />
      <SubmitButton pending={pending} label="Save the correction" pendingLabel="Saving…" />
    </form>
  );
}
