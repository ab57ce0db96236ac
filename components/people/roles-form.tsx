"use client";

import { useActionState } from "react";
import { changeRolesAction, type ChangeRolesState } from "@/lib/actions/people-change-roles";
import { roleLabels } from "@/lib/authz/labels";
import { roles, type Role } from "@/lib/authz/policy";
import { ErrorSummary } from "./error-summary";
import { fieldErrorClass, primaryButtonClass, successClass } from "./styles";

export function RolesForm({ userId, personName, centreName, current }: { userId: string; personName: string; centreName: string; current: Role[] }) {
  const [state, formAction, pending] = useActionState<ChangeRolesState, FormData>(changeRolesAction, null);
  const failure = state && !state.result.ok ? state.result : null;
  const success = state?.result.ok ? state.result : null;
  const checked: ReadonlyArray<string> = state ? state.roles : current;
  const rolesError = failure?.fieldErrors?.roles;

  return (
    <form key={state?.submission ?? 0} action={formAction} noValidate className="space-y-4">
      {failure ? (
        <ErrorSummary
          id="roles-errors"
          title="Roles not saved"
          message={failure.message}
          fieldErrors={failure.fieldErrors}
          fieldLabels={{ roles: { label: "Roles", target: "edit-role-CANDIDATE" } }}
          submission={state?.submission ?? 0}
        />
      ) : null}
      {success ? (
        <p role="status" className={successClass}>
          {success.message}
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
        <div className="mt-2 space-y-2">
          {roles.map((role) => (
            <div key={role} className="flex items-center gap-2">
              <input id={`edit-role-${role}`} name="roles" type="checkbox" value={role} defaultChecked={checked.includes(role)} className="h-5 w-5" />
              <label htmlFor={`edit-role-${role}`}>{roleLabels[role]}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Saving…" : "Save roles"}
      </button>
    </form>
  );
}
