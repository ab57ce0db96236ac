"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { InputField, Options, SelectField } from "@/components/ui/field";
import { addRecordingMarkerAction, removeRecordingMarkerAction } from "@/lib/actions/recording-marker";
import { errorsFor, valueOf } from "@/lib/forms/form-state";

/** The author marks a moment of the recording as covering one of the record's criteria. */
export function AddMarkerForm({
  evidenceId,
  criteria,
}: {
  evidenceId: string;
  criteria: { criterionId: string; unitCode: string; ref: string; text: string }[];
}) {
  const [state, action, pending] = useActionState(addRecordingMarkerAction, null);
  return (
    <form
      action={action}
      key={state?.submission ?? 0}
      noValidate
      className="max-w-xl space-y-3"
      aria-label="Mark a moment of the recording"
    >
      <FormProblem state={state} fieldIds={{ criterionId: "marker-criterion", at: "marker-at", note: "marker-note" }} />
      <input type="hidden" name="evidenceId" value={evidenceId} />
      <InputField
        id="marker-at"
        name="at"
        label="Where in the recording"
        hint="Minutes and seconds, for example 12:30, or 1:02:03 past the hour."
        defaultValue={valueOf(state, "at")}
        errors={errorsFor(state, "at")}
        controlClassName="max-w-[10rem]"
      />
      <SelectField
        id="marker-criterion"
        name="criterionId"
        label="Criterion it covers"
        defaultValue={valueOf(state, "criterionId")}
        errors={errorsFor(state, "criterionId")}
      >
        <Options
          emptyLabel="Choose a criterion"
          emptyDisabled
          choices={criteria.map((c) => ({ value: c.criterionId, label: `${c.unitCode} ${c.ref} ${c.text}` }))}
        />
      </SelectField>
      <InputField
        id="marker-note"
        name="note"
        label="Note (optional)"
        maxLength={500}
        defaultValue={valueOf(state, "note")}
        errors={errorsFor(state, "note")}
      />
      <SubmitButton pending={pending} label="Mark this moment" pendingLabel="Marking…" />
    </form>
  );
}

export function RemoveMarkerForm({ markerId, at }: { markerId: string; at: string }) {
  const [state, action, pending] = useActionState(removeRecordingMarkerAction, null);
  return (
    <form action={action} aria-label={`Remove the marker at ${at}`}>
      <FormProblem state={state} />
      <input type="hidden" name="markerId" value={markerId} />
      <SubmitButton
        pending={pending}
        label={`Remove the marker at ${at}`}
        pendingLabel="Removing…"
        variant="secondary"
      />
    </form>
  );
}
