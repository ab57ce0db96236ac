"use client";

import { useActionState } from "react";
import { inviteCentreAdminAction } from "@/lib/actions/platform-invite-centre-admin";
import { errorsFor, valueOf } from "@/lib/forms/form-state";
import { CopyLink } from "../people/copy-link";
import { SubmitButton } from "@/components/ui/button";
import { Options, SelectField } from "@/components/ui/field";
import { alertClass, successClass } from "@/components/ui/styles";
import { NameEmailFields } from "../people/name-email-fields";

/** Platform admins invite a centre's admin: the only way in to a centre nobody belongs to yet. */
export function InviteCentreAdminForm({ centres }: { centres: ReadonlyArray<{ id: string; name: string }> }) {
  const [state, formAction, pending] = useActionState(inviteCentreAdminAction, null);
  // The centre stays chosen; the name and email are kept only when refused (after an invitation, the next person's).
  const refused = state && !state.ok ? state : null;
  const values = { name: valueOf(refused, "name"), email: valueOf(refused, "email") };
  const errors = { name: errorsFor(state, "name"), email: errorsFor(state, "email") };

  return (
    <form key={state?.submission ?? 0} action={formAction} noValidate className="max-w-xl space-y-4">
      {state?.ok ? (
        <div role="status" className={`${successClass} space-y-3`}>
          <p>{state.message}</p>
          <CopyLink
            link={state.data.invitationLink}
            hint={`Send this link to ${state.data.email} yourself if mail is not set up. It works once and expires in 7 days.`}
          />
        </div>
      ) : state ? (
        <p role="alert" className={alertClass}>
          {state.message}
        </p>
      ) : null}
      <SelectField
        id="centre-admin-centre"
        name="centreId"
        label="Centre"
        required
        defaultValue={valueOf(state, "centreId")}
        errors={errorsFor(state, "centreId")}
        className=""
      >
        <Options emptyLabel="Choose a centre" choices={centres.map((c) => ({ value: c.id, label: c.name }))} />
      </SelectField>
      <NameEmailFields
        idPrefix="centre-admin"
        values={values}
        errors={errors}
        emailHint="The address they will sign in with. They become a centre admin when they accept the invitation."
      />
      <SubmitButton pending={pending} label="Invite centre admin" pendingLabel="Inviting…" />
    </form>
  );
}
