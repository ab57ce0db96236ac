"use client";

import { useActionState } from "react";
import type { FormState } from "@/lib/enrolments/form-state";
import { InputField, SelectField, SubmitButton } from "./form-controls";
import { errorsOf, FormMessages } from "./form-messages";

const labels = { name: "Centre name", slug: "Short name for addresses", timeZone: "Time zone" };
const fieldIds = { name: "centre-name", slug: "centre-slug", timeZone: "centre-timeZone" };

export function CentreForm({ action, timeZones }: { action: (previous: FormState, formData: FormData) => Promise<FormState>; timeZones: string[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const keep = state && !state.ok ? state.values : undefined;
  return (
    <form key={state?.attempt ?? 0} action={formAction} noValidate className="max-w-xl space-y-4">
      <FormMessages state={state} fieldIds={fieldIds} labels={labels} />
      <InputField id={fieldIds.name} name="name" label={labels.name} required defaultValue={keep?.name ?? ""} errors={errorsOf(state, "name")} autoComplete="organization" />
      <InputField
        id={fieldIds.slug}
        name="slug"
        label={labels.slug}
        defaultValue={keep?.slug ?? ""}
        errors={errorsOf(state, "slug")}
        hint="Lower-case letters, digits and hyphens, for example northgate. Leave it empty to make one from the name."
      />
      <SelectField id={fieldIds.timeZone} name="timeZone" label={labels.timeZone} required defaultValue={keep?.timeZone ?? "Europe/London"} errors={errorsOf(state, "timeZone")} hint="Dates at this centre are shown in this time zone.">
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
