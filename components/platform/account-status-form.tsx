"use client";

import { useActionState } from "react";
import { setAccountDisabledAction } from "@/lib/actions/platform-account";
import { valueOf } from "@/lib/forms/form-state";
import { alertClass, dangerButtonClass, inputClass, secondaryButtonClass, successClass } from "@/components/ui/styles";

/** Platform admins disable an account everywhere (centre admins only end memberships). */
export function AccountStatusForm() {
  const [state, formAction, pending] = useActionState(setAccountDisabledAction, null);
  return (
    <form key={state?.submission ?? 0} action={formAction} className="max-w-xl space-y-3">
      {state ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? successClass : alertClass}>
          {state.message}
        </p>
      ) : null}
      <div>
        <label htmlFor="account-email" className="block font-medium">
          Email of the account
        </label>
        <input
          id="account-email"
          name="email"
          type="email"
          required
          maxLength={320}
          defaultValue={valueOf(state, "email")}
          className={inputClass}
        />
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="disabled" value="true" disabled={pending} className={dangerButtonClass}>
          Disable account
        </button>
        <button type="submit" name="disabled" value="false" disabled={pending} className={secondaryButtonClass}>
          Enable account
        </button>
      </div>
    </form>
  );
}
