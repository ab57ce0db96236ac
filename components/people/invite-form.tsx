"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { invitePersonAction, type InviteFormState } from "@/lib/actions/people-invite";
import { roleLabels } from "@/lib/authz/labels";
import { roles } from "@/lib/authz/policy";
import { CopyLink } from "./copy-link";
import { ErrorSummary } from "./error-summary";
import { fieldErrorClass, inputClass, linkClass, primaryButtonClass, successClass } from "./styles";

const fieldLabels = {
  name: { label: "Full name", target: "person-name" },
  email: { label: "Email", target: "person-email" },
  roles: { label: "Roles", target: "role-CANDIDATE" },
};

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter(Boolean).join(" ");
  return list || undefined;
}

export function InviteForm({ centreName }: { centreName: string }) {
  const [state, formAction, pending] = useActionState<InviteFormState, FormData>(invitePersonAction, null);
  const failure = state && !state.result.ok ? state.result : null;
  const success = state?.result.ok ? state.result : null;
  const errors = failure?.fieldErrors ?? {};
  const values = state?.values ?? { name: "", email: "", roles: [] };
  const successHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (success) successHeading.current?.focus();
  }, [success]);

  return (
    <div className="space-y-6">
      {success ? (
        <section aria-labelledby="invite-done" className={`${successClass} space-y-3`}>
          <h2 id="invite-done" ref={successHeading} tabIndex={-1} className="text-xl font-semibold">
            {success.name} invited
          </h2>
          <p>{success.message}</p>
          {success.invitationLink ? (
            <CopyLink
              link={success.invitationLink}
              hint={`Send this link to ${success.email} yourself. It is also in the outbox. It works once and expires in 7 days.`}
            />
          ) : null}
          <p className="flex flex-wrap gap-4">
            <Link href={`/admin/people/${success.userId}`} className={linkClass}>
              Open {success.name}&apos;s page
            </Link>
            <Link href="/admin/people" className={linkClass}>
              Back to People
            </Link>
          </p>
        </section>
      ) : null}

      <form
        key={state?.submission ?? 0}
        action={formAction}
        noValidate
        className="max-w-xl space-y-5"
        aria-labelledby="invite-form-heading"
      >
        <h2 id="invite-form-heading" className="text-xl font-semibold">
          {success ? "Add another person" : "Their details"}
        </h2>
        {failure ? (
          <ErrorSummary
            id="invite-errors"
            title="Not added"
            message={failure.message}
            fieldErrors={failure.fieldErrors}
            fieldLabels={fieldLabels}
            submission={state?.submission ?? 0}
          />
        ) : null}

        <div>
          <label htmlFor="person-name" className="block font-medium">
            Full name
          </label>
          <input
            id="person-name"
            name="name"
            type="text"
            autoComplete="off"
            maxLength={200}
            defaultValue={values.name}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy(errors.name && "person-name-error")}
            className={inputClass}
          />
          {errors.name ? (
            <p id="person-name-error" className={fieldErrorClass}>
              {errors.name.join(" ")}
            </p>
          ) : null}
        </div>

        <div>
          <label htmlFor="person-email" className="block font-medium">
            Email
          </label>
          <p id="person-email-hint" className="text-sm text-slate-700">
            The address they will sign in with. If it already has an account, that account gets the roles.
          </p>
          <input
            id="person-email"
            name="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            maxLength={320}
            defaultValue={values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy("person-email-hint", errors.email && "person-email-error")}
            className={inputClass}
          />
          {errors.email ? (
            <p id="person-email-error" className={fieldErrorClass}>
              {errors.email.join(" ")}
            </p>
          ) : null}
        </div>

        <fieldset aria-describedby={describedBy(errors.roles && "roles-error")} aria-invalid={errors.roles ? true : undefined}>
          <legend className="font-medium">Roles at {centreName}</legend>
          {errors.roles ? (
            <p id="roles-error" className={fieldErrorClass}>
              {errors.roles.join(" ")}
            </p>
          ) : null}
          <div className="mt-2 space-y-2">
            {roles.map((role) => (
              <div key={role} className="flex items-center gap-2">
                <input
                  id={`role-${role}`}
                  name="roles"
                  type="checkbox"
                  value={role}
                  defaultChecked={values.roles.includes(role)}
                  aria-describedby={describedBy(errors.roles && "roles-error")}
                  className="h-5 w-5"
                />
                <label htmlFor={`role-${role}`}>{roleLabels[role]}</label>
              </div>
            ))}
          </div>
        </fieldset>

        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? "Adding…" : "Add person"}
        </button>
      </form>
    </div>
  );
}
