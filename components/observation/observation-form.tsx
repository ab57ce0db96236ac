"use client";

import { useActionState } from "react";
import { FormProblem } from "@/components/assessment/form-parts";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxField, Choice, FieldSet, Options, SelectField } from "@/components/ui/field";
import { panelClass } from "@/components/ui/styles";
import { recordObservationAction } from "@/lib/actions/observation-record";
import { errorsFor, valueOf, valuesOf, type FormState } from "@/lib/forms/form-state";
import { dateLabel } from "@/lib/format/date-bounds";
import { rangeItemValue } from "@/lib/observation/form-criteria";
import type { ObservationFormChoices } from "@/lib/observation/get-observation";
import type { AssessorRecordKind } from "@/lib/observation/input";
import { ObservationDetailsFields, observationFieldIds } from "./observation-details-fields";

const criteriaId = "observation-criteria";

/**
 * Records an observation of one enrolment: its details, then the criteria observed with their
 * range items, word for word. A refused form comes back with everything as it was typed and ticked.
 */
export function ObservationForm({
  choices,
  kind = "observation",
  activityId = "",
}: {
  choices: ObservationFormChoices;
  kind?: AssessorRecordKind;
  /** The planned activity to preselect (arriving from the plan). */
  activityId?: string;
}) {
  const [state, action, pending] = useActionState(recordObservationAction, null);
  return (
    <form action={action} key={state?.submission ?? 0} noValidate className="max-w-3xl space-y-5">
      <FormProblem
        state={state}
        fieldIds={{ ...observationFieldIds("observation"), criteria: criteriaId, rangeItemIds: criteriaId }}
      />
      <input type="hidden" name="enrolmentId" value={choices.enrolmentId} />
      <input type="hidden" name="kind" value={kind} />
      <PlannedActivityField state={state} choices={choices} kind={kind} preselected={activityId} />
      <ObservationDetailsFields
        state={state}
        prefix="observation"
        timeZone={choices.timeZone}
        kind={kind}
        initial={{ title: "", activityDate: choices.today, startTime: "", endTime: "", location: "", description: "" }}
      />
      <ObservedCriteriaField state={state} choices={choices} kind={kind} />
      <CheckboxField
        id="observation-simulated"
        name="simulated"
        label="This was a simulation or role-play, not real work"
        hint="Units that ask for real work (CU782) do not accept simulated evidence, whoever records it."
        defaultChecked={valueOf(state, "simulated") === "yes"}
        errors={errorsFor(state, "simulated")}
      />
      <SubmitButton
        pending={pending}
        label={kind === "observation" ? "Record the observation" : "Record the discussion"}
        pendingLabel="Recording…"
      />
    </form>
  );
}

/** Which planned activity of this kind the record carries out, if any: it is marked done with it. */
function PlannedActivityField({
  state,
  choices,
  kind,
  preselected,
}: {
  state: FormState<unknown>;
  choices: ObservationFormChoices;
  kind: AssessorRecordKind;
  preselected: string;
}) {
  const open = choices.openActivities.filter((a) => a.method === kind);
  if (open.length === 0) return null;
  return (
    <SelectField
      id="observation-activity"
      name="plannedActivityId"
      label="Planned activity it carries out (optional)"
      hint="Chosen from the assessment plan: it is marked done, with this record as its evidence."
      defaultValue={valueOf(state, "plannedActivityId", preselected)}
      errors={errorsFor(state, "plannedActivityId")}
      controlClassName="max-w-xl"
    >
      <Options
        emptyLabel="None"
        choices={open.map((a) => ({
          value: a.id,
          label: `${dateLabel(a.plannedFor)}${a.place ? `, ${a.place}` : ""}`,
        }))}
      />
    </SelectField>
  );
}

/** The criteria of the unit, each with its range items, word for word, to tick what was covered. */
function ObservedCriteriaField({
  state,
  choices,
  kind,
}: {
  state: FormState<unknown>;
  choices: ObservationFormChoices;
  kind: AssessorRecordKind;
}) {
  const ticked = new Set(valuesOf(state, "criterionIds"));
  const tickedItems = new Set(valuesOf(state, "rangeItems"));
  const criteriaErrors = [...(errorsFor(state, "criteria") ?? []), ...(errorsFor(state, "rangeItemIds") ?? [])];
  return (
    <FieldSet
      id={criteriaId}
      legend={`Criteria of ${choices.unitCode} ${kind === "observation" ? "you observed" : "the discussion covered"}`}
      hint="Tick each criterion the candidate showed, and the range items they covered. Ticking a range item counts its criterion as observed. The mappings are accepted as you record them; they count towards “met” once the candidate confirms the record."
      errors={criteriaErrors.length > 0 ? criteriaErrors : undefined}
      className="min-w-0 space-y-3"
    >
      {choices.criteria.map((c) => (
        <div key={c.id} className={panelClass}>
          <Choice
            id={`observed-${c.id}`}
            name="criterionIds"
            value={c.id}
            defaultChecked={ticked.has(c.id)}
            label={
              <>
                <span className="font-mono font-semibold">{c.ref}</span> {c.text}
              </>
            }
          />
          {c.rangeItems.length > 0 ? (
            <fieldset className="ml-7 space-y-1">
              <legend className="text-sm font-medium">
                {c.rangeTitle ?? "Range"} covered ({c.ref})
              </legend>
              {c.rangeItems.map((item) => {
                const value = rangeItemValue(c.id, item.id);
                return (
                  <Choice
                    key={item.id}
                    id={`observed-${c.id}-${item.id}`}
                    name="rangeItems"
                    value={value}
                    defaultChecked={tickedItems.has(value)}
                    label={item.text}
                  />
                );
              })}
            </fieldset>
          ) : null}
        </div>
      ))}
    </FieldSet>
  );
}
