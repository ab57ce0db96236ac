"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, InputField, TextAreaField } from "@/components/ui/field";
import { successClass } from "@/components/ui/styles";
import { submitTestimonyAction } from "@/lib/actions/witness-submit";
import { errorsFor, refusedText, valuesOf, type FormState } from "@/lib/forms/form-state";
import { MARKDOWN_MAX_CHARS } from "@/lib/markdown/limits";
import type { WitnessCriterion } from "@/lib/witness/find-request";
import { witnessConfirmation } from "@/lib/witness/signature";

const fieldIds = {
  observed: "observed",
  observedOn: "observedOn",
  criterionIds: "criteria",
  statedRelationship: "statedRelationship",
  occupationalCompetence: "occupationalCompetence",
  signedName: "signedName",
};

/** The witness's statement, signed by typing their name. A refused form keeps what was typed. */
export function TestimonyForm({
  token,
  witnessName,
  criteria,
}: {
  token: string;
  witnessName: string;
  criteria: WitnessCriterion[];
}) {
  const [state, action, pending] = useActionState(submitTestimonyAction, null);
  if (state?.ok)
    return (
      <p role="status" className={successClass}>
        {state.message}
      </p>
    );
  const typed = refusedText(state);
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="space-y-5" aria-label="Your testimony">
      <FormProblem state={state} fieldIds={fieldIds} />
      <input type="hidden" name="token" value={token} />
      <TextAreaField
        id={fieldIds.observed}
        name="observed"
        label="What you saw the candidate do"
        hint="In your own words: what they did, where, and how well. A blank line starts a new paragraph; start lines with - for a list."
        rows={8}
        maxLength={MARKDOWN_MAX_CHARS}
        defaultValue={typed?.observed}
        errors={errorsFor(state, "observed")}
      />
      <InputField
        id={fieldIds.observedOn}
        name="observedOn"
        type="date"
        label="When you saw it"
        hint="The date; if you saw it over a period, the last day."
        defaultValue={typed?.observedOn}
        errors={errorsFor(state, "observedOn")}
        controlClassName="max-w-xs"
      />
      <CriteriaTicks state={state} criteria={criteria} />
      <TextAreaField
        id={fieldIds.statedRelationship}
        name="statedRelationship"
        label="Your relationship to the candidate"
        hint="For example: I am their line manager and have worked with them for two years."
        rows={2}
        maxLength={500}
        defaultValue={typed?.statedRelationship}
        errors={errorsFor(state, "statedRelationship")}
      />
      <TextAreaField
        id={fieldIds.occupationalCompetence}
        name="occupationalCompetence"
        label="Your occupational competence"
        hint="Your job, and your experience of this kind of work."
        rows={3}
        maxLength={2000}
        defaultValue={typed?.occupationalCompetence}
        errors={errorsFor(state, "occupationalCompetence")}
      />
      <p className="max-w-xl">{witnessConfirmation}</p>
      <InputField
        id={fieldIds.signedName}
        name="signedName"
        label="Type your full name to sign"
        hint={`As the request gives it: ${witnessName}.`}
        autoComplete="name"
        defaultValue={typed?.signedName}
        errors={errorsFor(state, "signedName")}
      />
      <SubmitButton pending={pending} label="Sign and send your testimony" pendingLabel="Sending…" />
    </form>
  );
}

/** The criteria asked about, in the standard's own words, for the witness to tick. */
function CriteriaTicks({ state, criteria }: { state: FormState<unknown>; criteria: WitnessCriterion[] }) {
  const units = [...new Set(criteria.map((c) => `${c.unitCode} ${c.unitTitle}`))];
  return (
    <CheckboxGroup
      id={fieldIds.criterionIds}
      legend="The criteria your statement shows"
      hint={`Tick each one you saw the candidate meet. From ${units.join("; ")}.`}
      errors={errorsFor(state, "criterionIds")}
      name="criterionId"
      choices={criteria.map((c) => ({
        value: c.id,
        label: (
          <>
            <span className="font-semibold">
              {c.unitCode} {c.ref}
            </span>{" "}
            {c.text}
          </>
        ),
      }))}
      checked={new Set(valuesOf(state, "criterionId"))}
      itemIdPrefix="criterion"
    />
  );
}
