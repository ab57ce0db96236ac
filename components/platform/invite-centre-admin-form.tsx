"use client";

import { useActionState } from "react";
import { inviteCentreAdminAction, type CentreAdminInviteState } from "@/lib/actions/platform-invite-centre-admin";
import { CopyLink } from "../people/copy-link";
import { alertClass, fieldErrorClass, inputClass, primaryButtonClass, successClass } from "../people/styles";

type Field = "centreId" | "name" | "email";

/** Platform admins invite a centre's admin: the only way in to a centre nobody belongs to yet. */
export function InviteCentreAdminForm({ centres }: { centres: ReadonlyArray<{ id: string; name: string }> }) {
  const [state, formAction, pending] = useActionState<CentreAdminInviteState, FormData>(inviteCentreAdminAction, null);
  const values = state?.values ?? { centreId: "", name: "", email: "" };
  const errors: Partial<Record<Field, string[]>> = state && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const errorOf = (field: Field) =>
    errors[field] ? (
      <p id={`centre-admin-${field}-error`} className={fieldErrorClass}>
        {errors[field]?.join(" ")}
      </p>
    ) : null;
  const describedBy = (field: Field, hint?: string) => [hint, errors[field] && `centre-admin-${field}-error`].filter(Boolean).join(" ") || undefined;

  return (
    <form key={state?.submission ?? 0} action={formAction} noValidate className="max-w-xl space-y-4">
      {state?.result.ok ? (
        <div role="status" className={`${successClass} space-y-3`}>
          <p>{state.result.message}</p>
          <CopyLink link={state.result.invitationLink} hint={`Send this link to ${state.result.email} yourself if mail is not set up. It works once and expires in 7 days.`} />
        </div>
      ) : state ? (
        <p role="alert" className={alertClass}>
          {state.result.message}
        </p>
      ) : null}
      <div>
        <label htmlFor="centre-admin-centre" className="block font-medium">
          Centre
        </label>
        <select
          id="centre-admin-centre"
          name="centreId"
          required
          defaultValue={values.centreId}
          aria-invalid={errors.centreId ? true : undefined}
          aria-describedby={describedBy("centreId")}
          className={inputClass}
        >
          <option value="">Choose a centre</option>
          {centres.map((centre) => (
            <option key={centre.id} value={centre.id}>
              {centre.name}
            </option>
          ))}
        </select>
        {errorOf("centreId")}
      </div>
      <div>
        <label htmlFor="centre-admin-name" className="block font-medium">
          Full name
        </label>
        <input
          id="centre-admin-name"
          name="name"
          type="text"
          autoComplete="off"
          maxLength={200}
          defaultValue={values.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("name")}
          className={inputClass}
        />
        {errorOf("name")}
      </div>
      <div>
        <label htmlFor="centre-admin-email" className="block font-medium">
          Email
        </label>
        <p id="centre-admin-email-hint" className="text-sm text-slate-700">
          The address they will sign in with. They become a centre admin when they accept the invitation.
        </p>
        <input
          id="centre-admin-email"
          name="email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={320}
          defaultValue={values.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy("email", "centre-admin-email-hint")}
          className={inputClass}
        />
        {errorOf("email")}
      </div>
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? "Inviting…" : "Invite centre admin"}
      </button>
    </form>
  );
}
