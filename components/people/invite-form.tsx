"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { invitePersonAction } from "@/lib/actions/people-invite";
import { errorsFor, valueOf, valuesOf } from "@/lib/forms/form-state";
import { CopyLink } from "./copy-link";
import { FormWithSummary } from "./form-parts";
import { RoleCheckboxes } from "./role-checkboxes";
import { SubmitButton } from "@/components/ui/button";
import { fieldErrorClass, linkClass, successClass } from "@/components/ui/styles";
import { NameEmailFields } from "./name-email-fields";

const fieldLabels = {
  name: { label: "Full name", target: "person-name" },
  email: { label: "Email", target: "person-email" },
  roles: { label: "Roles", target: "role-CANDIDATE" },
};

const summary = { id: "invite-errors", title: "Not added", fieldLabels };

export function InviteForm({ centreName }: { centreName: string }) {
  const [state, formAction, pending] = useActionState(invitePersonAction, null);
  const success = state?.ok ? state.data : null;
  // A refused form keeps what was typed; after an invitation it starts empty for the next person.
  const refused = state && !state.ok ? state : null;
  const values = {
    name: valueOf(refused, "name"),
    email: valueOf(refused, "email"),
    roles: valuesOf(refused, "roles"),
  };
  const errors = { name: errorsFor(state, "name"), email: errorsFor(state, "email"), roles: errorsFor(state, "roles") };
  const rolesError = errors.roles ? "roles-error" : undefined;
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

      <FormWithSummary
        state={state}
        action={formAction}
        summary={summary}
        className="max-w-xl space-y-5"
        labelledBy="invite-form-heading"
        heading={
          <h2 id="invite-form-heading" className="text-xl font-semibold">
            {success ? "Add another person" : "Their details"}
          </h2>
        }
      >
        <NameEmailFields
          idPrefix="person"
          values={values}
          errors={errors}
          emailHint="The address they will sign in with. If it already has an account, that account gets the roles."
        />

        <fieldset aria-describedby={rolesError} aria-invalid={errors.roles ? true : undefined}>
          <legend className="font-medium">Roles at {centreName}</legend>
          {errors.roles ? (
            <p id="roles-error" className={fieldErrorClass}>
              {errors.roles.join(" ")}
            </p>
          ) : null}
          <RoleCheckboxes idPrefix="role" checked={values.roles} describedBy={rolesError} />
        </fieldset>

        <SubmitButton pending={pending} label="Add person" pendingLabel="Adding…" />
      </FormWithSummary>
    </div>
  );
}
