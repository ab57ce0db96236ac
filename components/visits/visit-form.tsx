"use client";

import { useActionState, useState } from "react";
import { CandidatePicker, type Ticked } from "@/components/enrolments/candidate-picker";
import { createVisitAction } from "@/lib/actions/qa-visit";
import { errorsOf, FormMessages } from "@/components/enrolments/form-messages";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, Choice, FieldSet, InputField, Options, SelectField } from "@/components/ui/field";
import { refusedText, valuesOf } from "@/lib/forms/form-state";
import type { VisitFormOptions } from "@/lib/qa/visit-read";

const labels = {
  eqaUserId: "External quality assurer",
  title: "Title",
  firstDay: "First day",
  lastDay: "Last day",
  scopeKind: "What the visit covers",
  unitCodes: "Units",
  candidateIds: "Candidates",
  planId: "Sampling plan",
};
const fieldIds = {
  eqaUserId: "visit-eqaUserId",
  title: "visit-title",
  firstDay: "visit-firstDay",
  lastDay: "visit-lastDay",
  scopeKind: "visit-scopeKind",
  unitCodes: "visit-unitCodes",
  candidateIds: "visit-candidateIds",
  planId: "visit-planId",
};

const scopeChoices = [
  { value: "units", label: "Units: every enrolment at the centre on the units ticked below" },
  { value: "candidates", label: "Candidates: every enrolment of the candidates ticked below" },
  { value: "plan", label: "A sampling plan: the enrolments its items sample" },
];

/** The admin's form to arrange an EQA visit. Every scope's choices are shown; only the chosen kind's count. */
// long-function: one form read top to bottom: the EQA, title and days, then the scope kind and the three lists it chooses between; each control is a kit component, what remains is their order and labels
export function VisitForm({ options, today, latest }: { options: VisitFormOptions; today: string; latest: string }) {
  const [state, action, pending] = useActionState(createVisitAction, null);
  // Outlives the form's redraw after a refusal (a success leaves the page for the visit).
  const [ticked, setTicked] = useState<Ticked>(new Map());
  const keep = refusedText(state);
  if (options.eqas.length === 0)
    return <p>No external quality assurer is registered at this centre. Invite one with the EQA role first.</p>;
  const kind = keep?.scopeKind ?? "units";
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="space-y-5">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="centreId" value={options.centre.id} />
      <SelectField
        id={fieldIds.eqaUserId}
        name="eqaUserId"
        label={labels.eqaUserId}
        required
        defaultValue={keep?.eqaUserId ?? ""}
        errors={errorsOf(state, "eqaUserId")}
      >
        <Options
          emptyLabel="Choose an external quality assurer"
          choices={options.eqas.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
        />
      </SelectField>
      <InputField
        id={fieldIds.title}
        name="title"
        label={labels.title}
        required
        maxLength={200}
        defaultValue={keep?.title ?? ""}
        errors={errorsOf(state, "title")}
        hint="What the EQA and your colleagues will see the visit as, for example “Spring sampling visit”."
      />
      <div className="flex flex-wrap gap-6">
        <InputField
          id={fieldIds.firstDay}
          name="firstDay"
          type="date"
          label={labels.firstDay}
          required
          min={today}
          max={latest}
          defaultValue={keep?.firstDay ?? today}
          errors={errorsOf(state, "firstDay")}
        />
        <InputField
          id={fieldIds.lastDay}
          name="lastDay"
          type="date"
          label={labels.lastDay}
          required
          min={today}
          max={latest}
          defaultValue={keep?.lastDay ?? today}
          errors={errorsOf(state, "lastDay")}
        />
      </div>
      <p className="text-sm text-slate-700">
        The EQA can open the portfolios in scope from the start of the first day to the end of the last day, in the
        centre&apos;s time zone ({options.centre.timeZone}), at most a year from today.
      </p>
      <FieldSet
        id={fieldIds.scopeKind}
        legend={labels.scopeKind}
        errors={errorsOf(state, "scopeKind")}
        hint="The scope is fixed when the visit is arranged: enrolments made later are not added to it."
      >
        {scopeChoices.map((choice) => (
          <Choice
            key={choice.value}
            id={`${fieldIds.scopeKind}-${choice.value}`}
            type="radio"
            name="scopeKind"
            value={choice.value}
            label={choice.label}
            defaultChecked={kind === choice.value}
          />
        ))}
      </FieldSet>
      <ScopeLists
        options={options}
        state={state}
        keepPlan={keep?.planId ?? ""}
        ticked={ticked}
        onTickedChange={setTicked}
      />
      <SubmitButton pending={pending} label="Arrange the visit" pendingLabel="Arranging…" />
    </form>
  );
}

function ScopeLists({
  options,
  state,
  keepPlan,
  ticked,
  onTickedChange,
}: {
  options: VisitFormOptions;
  state: Parameters<typeof errorsOf>[0];
  keepPlan: string;
  ticked: Ticked;
  onTickedChange: (next: Ticked) => void;
}) {
  return (
    <div className="grid gap-6 md:grid-cols-3">
      {options.units.length ? (
        <CheckboxGroup
          id={fieldIds.unitCodes}
          legend="Units (for a units scope)"
          name="unitCodes"
          itemIdPrefix="visit-unit"
          choices={options.units.map((u) => ({ value: u.code, label: `${u.code} ${u.title}` }))}
          checked={new Set(valuesOf(state, "unitCodes"))}
          errors={errorsOf(state, "unitCodes")}
        />
      ) : (
        <p>Nobody is enrolled on any unit at this centre yet.</p>
      )}
      {options.candidates.matching > 0 ? (
        <CandidatePicker
          id={fieldIds.candidateIds}
          name="candidateIds"
          legend="Candidates (for a candidates scope)"
          hint="Tick one or more: the visit covers every enrolment of theirs at this centre."
          enrolledOnly
          initialMatches={options.candidates}
          ticked={ticked}
          onTickedChange={onTickedChange}
          errors={errorsOf(state, "candidateIds")}
        />
      ) : (
        <p>No candidate is enrolled at this centre yet.</p>
      )}
      <SelectField
        id={fieldIds.planId}
        name="planId"
        label="Sampling plan (for a plan scope)"
        defaultValue={keepPlan}
        errors={errorsOf(state, "planId")}
        hint={options.plans.length ? undefined : "No IQA has made a sampling plan at this centre yet."}
      >
        <Options
          emptyLabel="Choose a sampling plan"
          choices={options.plans.map((p) => ({
            value: p.id,
            label: `${p.title} (${p.iqaName}, ${p.items} item${p.items === 1 ? "" : "s"})`,
          }))}
        />
      </SelectField>
    </div>
  );
}
