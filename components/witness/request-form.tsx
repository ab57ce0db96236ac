"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, InputField } from "@/components/ui/field";
import { successClass } from "@/components/ui/styles";
import { requestTestimonyAction } from "@/lib/actions/witness-request";
import { errorsFor, refusedText, valuesOf } from "@/lib/forms/form-state";

const fieldIds = {
  criteria: "witness-criteria",
  witnessName: "witness-name",
  witnessEmail: "witness-email",
  witnessJobTitle: "witness-job-title",
  witnessRelationship: "witness-relationship",
};

/** Ask a workplace witness about criteria of one unit; the link is mailed to them, never shown here. */
export function WitnessRequestForm({
  enrolmentId,
  criteria,
}: {
  enrolmentId: string;
  criteria: { id: string; ref: string; text: string }[];
}) {
  const [state, action, pending] = useActionState(requestTestimonyAction, null);
  // After a refusal the form keeps what was typed; after success it starts empty for the next witness.
  const typed = refusedText(state);
  const refused = state && !state.ok ? state : null;
  return (
    <form
      action={action}
      key={state?.submission ?? 0}
      noValidate
      className="space-y-4"
      aria-label="Ask a workplace witness"
    >
      {state?.ok ? (
        <p role="status" className={successClass}>
          {state.message}
        </p>
      ) : null}
      <FormProblem state={state} fieldIds={fieldIds} />
      <input type="hidden" name="enrolmentId" value={enrolmentId} />
      <CheckboxGroup
        id={fieldIds.criteria}
        legend="The criteria the witness has seen the candidate meet"
        hint="The witness reads these words and ticks those their statement shows."
        errors={errorsFor(state, "criteria")}
        name="criterionId"
        choices={criteria.map((c) => ({
          value: c.id,
          label: (
            <>
              <span className="font-semibold">{c.ref}</span> {c.text}
            </>
          ),
        }))}
        checked={new Set(refused ? valuesOf(refused, "criterionId") : [])}
        itemIdPrefix="witness-criterion"
      />
      <InputField
        id={fieldIds.witnessName}
        name="witnessName"
        label="Witness's full name"
        hint="They sign by typing this name, so spell it as they do."
        defaultValue={typed?.witnessName}
        errors={errorsFor(state, "witnessName")}
      />
      <InputField
        id={fieldIds.witnessEmail}
        name="witnessEmail"
        type="email"
        label="Witness's email address"
        hint="The link to give the testimony goes only to this address."
        defaultValue={typed?.witnessEmail}
        errors={errorsFor(state, "witnessEmail")}
      />
      <InputField
        id={fieldIds.witnessJobTitle}
        name="witnessJobTitle"
        label="Witness's job title"
        defaultValue={typed?.witnessJobTitle}
        errors={errorsFor(state, "witnessJobTitle")}
      />
      <InputField
        id={fieldIds.witnessRelationship}
        name="witnessRelationship"
        label="How the witness knows the candidate"
        hint="For example: line manager, team leader, a customer."
        defaultValue={typed?.witnessRelationship}
        errors={errorsFor(state, "witnessRelationship")}
      />
      <SubmitButton pending={pending} label="Send the request" pendingLabel="Sending…" />
    </form>
  );
}
