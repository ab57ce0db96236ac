"use client";

import { useActionState } from "react";
import { changeVisitDatesAction } from "@/lib/actions/qa-visit";
import { errorsOf, FormMessages } from "@/components/enrolments/form-messages";
import { SubmitButton } from "@/components/ui/button";
import { InputField } from "@/components/ui/field";
import { refusedText } from "@/lib/forms/form-state";

const labels = { firstDay: "First day", lastDay: "Last day" };
const fieldIds = { firstDay: "dates-firstDay", lastDay: "dates-lastDay" };

/** Moves a visit's days; its portfolios open on the new days. */
export function VisitDatesForm({
  visitId,
  firstDay,
  lastDay,
  earliest,
  latest,
}: {
  visitId: string;
  firstDay: string;
  lastDay: string;
  earliest: string;
  latest: string;
}) {
  const [state, action, pending] = useActionState(changeVisitDatesAction, null);
  const keep = refusedText(state);
  return (
    <form key={state?.submission ?? 0} action={action} noValidate className="space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <input type="hidden" name="visitId" value={visitId} />
      <div className="flex flex-wrap gap-6">
        {(["firstDay", "lastDay"] as const).map((field) => (
          <InputField
            key={field}
            id={fieldIds[field]}
            name={field}
            type="date"
            label={labels[field]}
            required
            min={earliest}
            max={latest}
            defaultValue={keep?.[field] ?? (field === "firstDay" ? firstDay : lastDay)}
            errors={errorsOf(state, field)}
          />
        ))}
      </div>
      <SubmitButton pending={pending} label="Change the days" pendingLabel="Changing…" variant="secondary" />
    </form>
  );
}
