"use client";

import { useActionState } from "react";
import { resendInvitationAction } from "@/lib/actions/people-resend-invitation";
import { CopyLink } from "./copy-link";
import { alertClass } from "@/components/ui/styles";
import { PersonButtonForm } from "./form-parts";

export function ResendInvitationForm({ userId, email }: { userId: string; email: string }) {
  const [state, formAction, pending] = useActionState(resendInvitationAction, null);
  return (
    <div className="space-y-3">
      {state && !state.ok ? (
        <p role="alert" className={alertClass}>
          <span className="font-semibold">No new link: </span>
          {state.message}
        </p>
      ) : null}
      {state?.ok ? (
        <CopyLink
          link={state.data.invitationLink}
          hint={`A new link for ${email}. It is also in the outbox. It works once and expires in 7 days.`}
        />
      ) : (
        <PersonButtonForm
          action={formAction}
          userId={userId}
          pending={pending}
          label="Create a new invitation link"
          pendingLabel="Creating…"
        />
      )}
    </div>
  );
}
