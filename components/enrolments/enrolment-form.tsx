"use client";

import { useActionState } from "react";
import { createEnrolmentAction } from "@/lib/actions/enrolment-create";
import type { PersonOption, UnitOption } from "@/lib/enrolments/enrolment-options";
import { InputField, SelectField, SubmitButton } from "./form-controls";
import { errorsOf, FormMessages } from "./form-messages";

const labels = {
  candidateId: "Candidate",
  unitCode: "Unit",
  assessorId: "Assessor",
  iqaId: "Internal quality assurer (IQA)",
  startDate: "Start date",
  plannedEndDate: "Planned end date",
};
const fieldIds = Object.fromEntries(Object.keys(labels).map((field) => [field, `enrol-${field}`]));

export type EnrolmentFormProps = {
  centreId: string;
  timeZone: string;
  today: string;
  candidates: PersonOption[];
  units: UnitOption[];
  assessors: PersonOption[];
  iqas: PersonOption[];
};

const personLabel = (p: PersonOption) => `${p.name} (${p.email})`;

export function EnrolmentForm({ centreId, timeZone, today, candidates, units, assessors, iqas }: EnrolmentFormProps) {
  const [state, action, pending] = useActionState(createEnrolmentAction, null);
  const values: Partial<Record<string, string>> = state?.values ?? { startDate: today };
  const field = (name: keyof typeof labels) => ({ id: fieldIds[name] ?? name, name, label: labels[name], errors: errorsOf(state, name), defaultValue: values[name] ?? "" });

  return (
    // Redrawn after each refusal so every control, selects included, shows what was sent.
    <form key={state?.attempt ?? 0} action={action} noValidate className="space-y-5">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="centreId" value={centreId} />
      <SelectField {...field("candidateId")} required>
        <option value="">Choose a candidate</option>
        {candidates.map((p) => (
          <option key={p.id} value={p.id}>
            {personLabel(p)}
          </option>
        ))}
      </SelectField>
      <SelectField {...field("unitCode")} required hint="The enrolment is pinned to the version shown: later changes to the unit's text do not affect it.">
        <option value="">Choose a unit</option>
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {`${u.code} — ${u.title} (version ${u.versionNumber})`}
          </option>
        ))}
      </SelectField>
      <SelectField {...field("assessorId")} required>
        <option value="">Choose an assessor</option>
        {assessors.map((p) => (
          <option key={p.id} value={p.id}>
            {personLabel(p)}
          </option>
        ))}
      </SelectField>
      <SelectField {...field("iqaId")} required>
        <option value="">Choose an internal quality assurer</option>
        {iqas.map((p) => (
          <option key={p.id} value={p.id}>
            {personLabel(p)}
          </option>
        ))}
      </SelectField>
      <InputField {...field("startDate")} type="date" required hint={`Dates are in the centre's time zone (${timeZone}).`} />
      <InputField {...field("plannedEndDate")} type="date" required hint="Must be after the start date." />
      <SubmitButton pending={pending} label="Enrol candidate" pendingLabel="Enrolling…" />
    </form>
  );
}
