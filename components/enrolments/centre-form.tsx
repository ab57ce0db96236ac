"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { InputField, SelectField } from "@/components/ui/field";
import { errorsOf, FormMessages } from "./form-messages";
import { refusedText, type FormAction } from "@/lib/forms/form-state";
import { timeZoneOf } from "@/lib/format/time-zone";

const labels = { name: "Centre name", slug: "Short name for addresses", timeZone: "Time zone" };
const fieldIds = { name: "centre-name", slug: "centre-slug", timeZone: "centre-timeZone" };

export function CentreForm({ action, timeZones }: { action: FormAction<string>; timeZones: string[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const keep = refusedText(state);
  return (
    <form key={state?.submission ?? 0} action={formAction} noValidate className="max-w-xl space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <InputField
        id={fieldIds.name}
        name="name"
        label={labels.name}
        required
        defaultValue={keep?.name ?? ""}
        errors={errorsOf(state, "name")}
        autoComplete="organization"
      />
      <InputField
        id={fieldIds.slug}
        name="slug"
        label={labels.slug}
        defaultValue={keep?.slug ?? ""}
        errors={errorsOf(state, "slug")}
        hint="Lower-case letters, digits and hyphens, for example northgate. Leave it empty to make one from the name."
      />
      <SelectField
        id={fieldIds.timeZone}
        name="timeZone"
        label={labels.timeZone}
        required
        defaultValue={timeZoneOf(keep)}
        errors={errorsOf(state, "timeZone")}
        hint="Dates at this centre are shown in this time zone."
      >
        {timeZones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </SelectField>
      <SubmitButton pending={pending} label="Create centre" pendingLabel="Creating…" />
    </form>
  );
}
