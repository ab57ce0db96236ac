"use client";

import { useActionState } from "react";
import { changeRolesAction } from "@/lib/actions/people-change-roles";
import type { Role } from "@/lib/authz/policy";
import { errorsFor, valuesOf } from "@/lib/forms/form-state";
import { FormWithSummary } from "./form-parts";
import { RoleCheckboxes } from "./role-checkboxes";
import { SubmitButton } from "@/components/ui/button";
import { fieldErrorClass, successClass } from "@/components/ui/styles";

const summary = {
  id: "roles-errors",
  title: "Roles not saved",
  fieldLabels: { roles: { label: "Roles", target: "edit-role-CANDIDATE" } },
};

export function RolesForm({
  userId,
  personName,
  centreName,
  current,
}: {
  userId: string;
  personName: string;
  centreName: string;
  current: Role[];
}) {
  const [state, formAction, pending] = useActionState(changeRolesAction, null);
  // Saved: the roles as they are now; refused: as they were ticked; at first: the current ones.
  const checked: ReadonlyArray<string> = state?.ok ? state.data.after : valuesOf(state, "roles", current);
  const rolesError = errorsFor(state, "roles");

  return (
    <FormWithSummary state={state} action={formAction} summary={summary}>
      {state?.ok ? (
        <p role="status" className={successClass}>
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="userId" value={userId} />
      <fieldset aria-describedby={rolesError ? "edit-roles-error" : "edit-roles-hint"}>
        <legend className="font-medium">
          {personName}&apos;s roles at {centreName}
        </legend>
        <p id="edit-roles-hint" className="text-sm text-slate-700">
          At least one. Roles at other centres are not changed.
        </p>
        {rolesError ? (
          <p id="edit-roles-error" className={fieldErrorClass}>
            {rolesError.join(" ")}
          </p>
        ) : null}
        <RoleCheckboxes idPrefix="edit-role" checked={checked} />
      </fieldset>
      <SubmitButton pending={pending} label="Save roles" pendingLabel="Saving…" />
    </FormWithSummary>
  );
}
